package packs

import (
	"fmt"
	"io"
	"testing"

	"schoolzone/internal/testutil"
)

func TestCarerLetterGolden(t *testing.T) {
	for _, mode := range []Mode{English, Welsh, Bilingual, BilingualStacked} {
		t.Run(mode.String(), func(t *testing.T) {
			pdf := render(t, func(w io.Writer, o Options) error { return WriteCarerLetter(w, fixtureCarerLetter(), o) }, mode)
			name := fmt.Sprintf("carer_letter_%s", mode)
			qpdfCheck(t, name+".pdf", pdf)
			testutil.Golden(t, "packs/"+name+".txt", []byte(extract(t, name+".pdf", pdf)))
		})
	}
}
