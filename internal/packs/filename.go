package packs

import (
	"fmt"
	"regexp"
	"strings"
)

// Kind names a type of document in file names.
type Kind string

const (
	KindTeacherPack Kind = "teacher-pack"
	KindCarerLetter Kind = "carer-letter"
	KindRunSheet    Kind = "run-sheet"
	KindCertificate Kind = "certificate"
)

// refPattern is deliberately narrow: a reference is letters, a dash and
// digits. Anything else (a name, a path, a stray space) could put a person's
// identity into a file name that travels in emails and zip files.
var refPattern = regexp.MustCompile(`^[A-Z]{2,5}-[0-9]{1,8}$`)

// Filename returns the file name for a document, such as
// "teacher-pack-TCH-0007-cy.pdf". Bilingual documents carry no language
// suffix ("certificate-FAM-0012.pdf"). It refuses anything that is not a
// reference, rather than cleaning it, because a cleaned name is still a name.
func Filename(kind Kind, ref string, mode Mode) (string, error) {
	switch kind {
	case KindTeacherPack, KindCarerLetter, KindRunSheet, KindCertificate:
	default:
		return "", fmt.Errorf("packs: filename: unknown document kind %q", kind)
	}
	r := strings.ToUpper(strings.TrimSpace(ref))
	if !refPattern.MatchString(r) {
		return "", fmt.Errorf("packs: filename: %q is not a reference like FAM-0012", ref)
	}
	name := string(kind) + "-" + r
	switch mode {
	case English, Welsh:
		name += "-" + mode.String()
	case Bilingual, BilingualStacked:
	default:
		return "", fmt.Errorf("packs: filename: unknown language mode %d", mode)
	}
	return name + ".pdf", nil
}
