package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/testutil"
)

// toClearance takes a family through consent, the headteacher's agreement
// (nominating teacher), the school's awareness session and each child's
// views: the point where the prison's clearance is next.
func (a *testApp) toClearance(family, school, teacher int64) {
	a.t.Helper()
	ctx := context.Background()
	today := testNow.Format("2006-01-02")
	step := func(decide func(domain.Case) ([]domain.Step, error)) {
		_, err := a.store.RecordSteps(ctx, domain.System, family, decide)
		require.NoError(a.t, err)
	}
	step(func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentGiven, Route: "phone", OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	staff, err := a.store.Teachers(ctx, school)
	require.NoError(a.t, err)
	step(func(c domain.Case) ([]domain.Step, error) {
		return c.DecideAgreement(domain.AgreementInput{SchoolID: school, Outcome: domain.Agreed, Route: "email", OccurredOn: today,
			TeacherIDs: []int64{teacher}, OverrideReason: "test"}, staff, today)
	})
	if ss, _ := a.store.SchoolSessions(ctx, school); len(ss) == 0 {
		_, err := a.store.RecordAwareness(ctx, domain.System, school, func(agreed bool) (domain.AwarenessSession, error) {
			return domain.DecideAwareness(domain.AwarenessInput{SchoolID: school, DeliveredOn: today, DeliveredBy: "Coordinator", Attendees: 4, Route: "in_person"}, agreed, today)
		})
		require.NoError(a.t, err)
	}
	cs, err := a.store.Case(ctx, domain.Unrestricted, family)
	require.NoError(a.t, err)
	for _, ch := range cs.Children {
		require.NoError(a.t, a.store.RecordVoice(ctx, domain.System, family, func(c domain.Case) (domain.Child, error) {
			return c.DecideVoice(domain.VoiceInput{ChildID: ch.ID, WantsToAttend: domain.WishYes, PreferredTeacherID: teacher,
				MayKnow: []int64{teacher}, ApprovedBy: "both", ObtainedHow: "talked at home", OccurredOn: today}, staff, today)
		}))
	}
	cs, err = a.store.Case(ctx, domain.Unrestricted, family)
	require.NoError(a.t, err)
	require.True(a.t, cs.AtClearance(), "stage %s", cs.Progress().Stage)
}

// extractPDF is the text a reader sees in pdf, by pdftotext (poppler-utils,
// which CI installs; see testutil.NeedTool for a machine without it).
func extractPDF(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := testutil.NeedTool(t, "pdftotext", "poppler-utils")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").CombinedOutput()
	require.NoError(t, err, "pdftotext: %s", out)
	return string(out)
}
