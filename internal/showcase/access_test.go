package showcase_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/i18n"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
	"schoolzone/internal/testutil"
)

// accessFixture is a carer's export as store.SubjectAccessExport makes it:
// codes for steps, statuses and audit actions, a flag, and timestamps.
func accessFixture() store.SubjectAccess {
	return store.SubjectAccess{Person: "carer", FamilyRef: "FAM-0012",
		Record: map[string]any{"name": "Seren Ifans", "relationship": "grandparent", "phone": "07700 900123", "email": "seren@example.org",
			"language": "cy", "distance_miles": 24, "main_carer": true},
		Steps:     []store.AccessStep{{Kind: "consent", Outcome: "given", OccurredOn: "2026-09-14", Route: "phone"}},
		Showcases: []store.AccessPlace{{Showcase: "EV-0003", StartsAt: "2026-12-10T16:00:00Z", Status: "confirmed"}},
		Messages:  []store.AccessMsg{{Subject: "Eich gwahoddiad", Status: "sent", CreatedAt: "2026-11-20T09:00:00Z"}},
		Audit:     []store.AccessAudit{{At: "2026-09-14T10:00:00Z", Actor: "Coordinator", Action: "record_consent"}, {At: "2026-11-21T08:00:00Z", Actor: "Seren Ifans", Action: "link_answer"}},
	}
}

// The subject-access PDF reads in the language asked for, codes turned
// into words, and is pinned by golden files (refresh with -update). qpdf
// and pdftotext are the two independent readers.
func TestSubjectAccessPDFGolden(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	svc := &showcase.Service{Cat: i18n.MustLoad(), Now: func() time.Time { return now }}
	qpdf := testutil.NeedTool(t, "qpdf", "qpdf")
	pdftotext := testutil.NeedTool(t, "pdftotext", "poppler-utils")
	for _, c := range []struct {
		lang  i18n.Lang
		words []string
	}{
		{i18n.English, []string{"Carer gave consent", "(Phone)", "Welsh", "place confirmed", "Yes", "sent"}},
		{i18n.Welsh, []string{"Rhoddodd y gofalwr ganiatâd", "Cymraeg", "lle wedi'i gadarnhau", "Ydy", "wedi'i anfon"}},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			pdf, err := svc.SubjectAccessPDF(accessFixture(), c.lang)
			require.NoError(t, err)
			path := filepath.Join(t.TempDir(), "access.pdf")
			require.NoError(t, os.WriteFile(path, pdf, 0o600))
			out, err := exec.Command(qpdf, "--check", path).CombinedOutput()
			require.NoError(t, err, "qpdf --check:\n%s", out)
			out, err = exec.Command(pdftotext, "-layout", "-enc", "UTF-8", path, "-").CombinedOutput()
			require.NoError(t, err, "pdftotext: %s", out)
			for _, w := range append(c.words, "Seren Ifans", "07700 900123", "EV-0003 2026-12-10", "FAM-0012") {
				assert.Contains(t, string(out), w)
			}
			assert.NotContains(t, string(out), "record_consent", "no code is printed raw")
			assert.NotContains(t, string(out), "true")
			testutil.Golden(t, "showcase/subject_access_"+string(c.lang)+".txt", out)
		})
	}
}

// Exports are named by reference and role only.
func TestSubjectAccessFilenameNamesNobody(t *testing.T) {
	x := accessFixture()
	assert.Equal(t, "subject-access-FAM-0012-carer-7.pdf", showcase.SubjectAccessFilename(x, 7, "pdf"))
	x.Person = "parent"
	assert.Equal(t, "subject-access-FAM-0012-parent.json", showcase.SubjectAccessFilename(x, 0, "json"))
}
