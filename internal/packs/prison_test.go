package packs

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A Welsh page names the prison in Welsh ("CEF Parc"), an English page as
// recorded ("HMP Parc"): in the heading line, the place and the certificate.
func TestDocumentsNameThePrisonInTheirLanguage(t *testing.T) {
	letter := fixtureCarerLetter()
	letter.Event.Prison = "HMP Parc"
	sheet := fixtureRunSheet()
	sheet.Event.Prison = "HMP Parc"
	cert := fixtureCertificate()
	cert.Event.Prison = "HMP Parc"
	docs := map[string]func(io.Writer, Options) error{
		"carer letter": func(w io.Writer, o Options) error { return WriteCarerLetter(w, letter, o) },
		"run sheet":    func(w io.Writer, o Options) error { return WriteRunSheet(w, sheet, o) },
		"certificate":  func(w io.Writer, o Options) error { return WriteCertificate(w, cert, o) },
	}
	for name, write := range docs {
		for mode, want := range map[Mode]struct{ has, hasNot []string }{
			English:   {[]string{"HMP Parc"}, []string{"CEF"}},
			Welsh:     {[]string{"CEF Parc"}, []string{"HMP"}},
			Bilingual: {[]string{"CEF Parc", "HMP Parc"}, nil},
		} {
			text := flat(extract(t, "prison_name.pdf", render(t, write, mode)))
			for _, s := range want.has {
				assert.Contains(t, text, s, "%s, %s", name, mode)
			}
			for _, s := range want.hasNot {
				assert.NotContains(t, text, s, "%s, %s", name, mode)
			}
		}
	}
}
