package packs

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A subject-access export opens in a standard reader and reads, in the
// person's language, their own values.
func TestSubjectAccessPDF(t *testing.T) {
	x := SubjectAccess{FamilyRef: "FAM-0007", Person: "carer",
		Record:   []Field{{"name", "Seren Example"}, {"email", "seren@example.org"}, {"phone", "07700 900123"}},
		Sections: []Listed{{Key: "showcases", Lines: []string{"EV-0001 2026-12-10 confirmed"}}, {Key: "messages"}}}
	for _, c := range []struct {
		mode  Mode
		words []string
	}{
		{English, []string{"Information we hold about you", "Your record", "Messages sent to you", "None."}},
		{Welsh, []string{"Gwybodaeth rydym yn ei chadw", "Eich cofnod", "Negeseuon a anfonwyd atoch", "Dim."}},
	} {
		t.Run(c.mode.String(), func(t *testing.T) {
			pdf := render(t, func(w io.Writer, o Options) error { return WriteSubjectAccess(w, x, o) }, c.mode)
			qpdfCheck(t, "access-"+c.mode.String()+".pdf", pdf)
			got := extract(t, "access-"+c.mode.String()+".pdf", pdf)
			for _, s := range append(c.words, "Seren Example", "seren@example.org", "07700 900123", "EV-0001 2026-12-10 confirmed", "FAM-0007") {
				assert.Contains(t, got, s)
			}
		})
	}
	assert.Error(t, WriteSubjectAccess(io.Discard, SubjectAccess{}, Options{}))
}
