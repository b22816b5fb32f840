package packs

import (
	"fmt"
	"io"
	"testing"

	"schoolzone/internal/testutil"
)

func TestTeacherPackGolden(t *testing.T) {
	for _, mode := range []Mode{English, Welsh, Bilingual} {
		t.Run(mode.String(), func(t *testing.T) {
			pdf := render(t, func(w io.Writer, o Options) error { return WriteTeacherPack(w, fixtureTeacherPack(), o) }, mode)
			name := fmt.Sprintf("teacher_pack_%s", mode)
			qpdfCheck(t, name+".pdf", pdf)
			text := extract(t, name+".pdf", pdf)
			testutil.Golden(t, "packs/"+name+".txt", []byte(text))
		})
	}
}
