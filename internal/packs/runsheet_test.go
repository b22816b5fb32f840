package packs

import (
	"fmt"
	"io"
	"testing"

	"schoolzone/internal/testutil"
)

func TestRunSheetGolden(t *testing.T) {
	for _, mode := range []Mode{English, Welsh, Bilingual} {
		t.Run(mode.String(), func(t *testing.T) {
			pdf := render(t, func(w io.Writer, o Options) error { return WriteRunSheet(w, fixtureRunSheet(), o) }, mode)
			name := fmt.Sprintf("run_sheet_%s", mode)
			qpdfCheck(t, name+".pdf", pdf)
			testutil.Golden(t, "packs/"+name+".txt", []byte(extract(t, name+".pdf", pdf)))
		})
	}
}
