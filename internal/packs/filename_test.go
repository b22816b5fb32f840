package packs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFilename(t *testing.T) {
	cases := []struct {
		kind Kind
		ref  string
		mode Mode
		want string
	}{
		{KindTeacherPack, "TCH-0007", Welsh, "teacher-pack-TCH-0007-cy.pdf"},
		{KindCarerLetter, "FAM-0012", English, "carer-letter-FAM-0012-en.pdf"},
		{KindRunSheet, "EV-0003", Bilingual, "run-sheet-EV-0003.pdf"},
		{KindCertificate, "FAM-0012", BilingualStacked, "certificate-FAM-0012.pdf"},
		{KindCarerLetter, " fam-0012 ", English, "carer-letter-FAM-0012-en.pdf"},
	}
	for _, tc := range cases {
		got, err := Filename(tc.kind, tc.ref, tc.mode)
		require.NoError(t, err, tc.ref)
		assert.Equal(t, tc.want, got)
	}
}

// Anything that is not a bare reference is refused, not cleaned: a cleaned
// name is still a name.
func TestFilenameRefusesNonReferences(t *testing.T) {
	for _, ref := range []string{"", "Rhodri Bevan", "Siôn", "JONES", "FAM-0012 Jones", "../FAM-0012",
		"FAM-0012/../x", "FAM_0012", "FAM-", "-0012", "FAM-0012.pdf", "A1234BC", "FAM-12\nJones", "FAM-0012\x00"} {
		_, err := Filename(KindCarerLetter, ref, English)
		assert.Error(t, err, "%q", ref)
	}
	_, err := Filename("letter", "FAM-0012", English)
	assert.Error(t, err, "unknown kind")
	_, err = Filename(KindCarerLetter, "FAM-0012", Mode(9))
	assert.Error(t, err, "unknown mode")
}
