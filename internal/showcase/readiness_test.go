package showcase_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
	"schoolzone/internal/testutil"
)

// The list for the day before says, family by family, what still needs
// chasing, from the same records the rest of the app keeps.
func TestReadinessForTheDayBefore(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.SendInvitations(ctx, domain.System, 3)
	require.NoError(t, err)
	f.exec(`INSERT INTO steps (family_id, kind, outcome, occurred_on, recorded_at) VALUES
		(12, 'consent', 'given', '2026-01-11', '2026-01-11T10:00:00Z'), (12, 'clearance', 'cleared', '2026-02-11', '2026-02-11T10:00:00Z')`)
	f.exec(`UPDATE invites SET response = 'confirmed' WHERE (recipient_kind = 'teacher' AND recipient_id IN (7, 8)) OR (recipient_kind = 'carer' AND recipient_id = 31)`)

	got, err := f.svc.Readiness(ctx, 3)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, showcase.FamilyReadiness{FamilyID: 12, Ref: "FAM-0012", Table: 1, Held: true, Cleared: true, CarerAnswer: "confirmed",
		Teachers: 2, TeachersAccepted: 2, Quiet: true, Dietary: []string{"Vegetarian"}}, got[0])
	assert.True(t, got[0].Ready())
	assert.Equal(t, showcase.FamilyReadiness{FamilyID: 15, Ref: "FAM-0015", Table: 4, Held: true, Teachers: 2, TeachersAccepted: 1}, got[1])
	assert.False(t, got[1].Ready(), "not cleared, no reply from the carer, one teacher still to accept")

	// A transfer shows at once.
	f.exec(`UPDATE families SET parent_status = 'transferred' WHERE id = 12`)
	got, err = f.svc.Readiness(ctx, 3)
	require.NoError(t, err)
	assert.False(t, got[0].Held)
	assert.False(t, got[0].Ready())
}

// The run sheet's expected arrivals follow the carers' answers: an adult
// or a child they said is not coming is not expected at the gate, nor
// counted for food.
func TestRunSheetExpectsOnlyThoseComing(t *testing.T) {
	f := newFixture(t)
	f.exec(`INSERT INTO carers (id, family_id, name, relationship, email, lang, is_primary) VALUES (33, 12, 'Iolo Bevan', 'grandparent', '', 'en', 0)`)
	text := func() string {
		t.Helper()
		b, err := f.svc.Bundle(context.Background(), eventID)
		require.NoError(t, err)
		d, ok := b.Find("run-sheet-EV-0003-en.pdf")
		require.True(t, ok)
		pdf, err := d.Bytes()
		require.NoError(t, err)
		path := filepath.Join(t.TempDir(), "run-sheet.pdf")
		require.NoError(t, os.WriteFile(path, pdf, 0o600))
		out, err := exec.Command(testutil.NeedTool(t, "pdftotext", "poppler-utils"), "-enc", "UTF-8", path, "-").CombinedOutput()
		require.NoError(t, err, "%s", out)
		return string(out)
	}
	before := text()
	require.Contains(t, before, "Iolo Bevan")
	require.Contains(t, before, "Vegetarian", "Gwenllïan's diet, for the catering")
	f.exec(`INSERT INTO attendance_answers (event_id, family_id, person_kind, person_id, coming, updated_at) VALUES
		(3, 12, 'carer', 31, 1, '2026-04-01T10:00:00Z'), (3, 12, 'carer', 33, 0, '2026-04-01T10:00:00Z'), (3, 12, 'child', 41, 0, '2026-04-01T10:00:00Z')`)
	after := text()
	assert.Contains(t, after, "Angharad Bevan", "the carer who is coming")
	assert.NotContains(t, after, "Iolo Bevan", "not expected at the gate")
	assert.NotContains(t, after, "Vegetarian", "nor fed")
}
