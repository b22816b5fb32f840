package showcase_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
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
