package packs

import (
	"fmt"
	"io"
	"testing"

	"schoolzone/internal/testutil"
)

func TestCertificateGolden(t *testing.T) {
	for _, mode := range []Mode{English, Welsh, Bilingual} {
		t.Run(mode.String(), func(t *testing.T) {
			pdf := render(t, func(w io.Writer, o Options) error { return WriteCertificate(w, fixtureCertificate(), o) }, mode)
			name := fmt.Sprintf("certificate_%s", mode)
			qpdfCheck(t, name+".pdf", pdf)
			testutil.Golden(t, "packs/"+name+".txt", []byte(extract(t, name+".pdf", pdf)))
		})
	}
}
