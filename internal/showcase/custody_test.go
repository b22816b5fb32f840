package showcase_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

func (f *fixture) parentStatus(familyID int64) domain.ParentStatus {
	f.t.Helper()
	cs, err := f.store.Case(context.Background(), domain.Unrestricted, familyID)
	require.NoError(f.t, err)
	return cs.Family.ParentStatus
}

func (f *fixture) seated(familyID int64) bool {
	f.t.Helper()
	events, err := f.store.UpcomingFamilyEvents(context.Background(), familyID, *f.clock)
	require.NoError(f.t, err)
	return len(events) > 0
}

// A release stands the family down in the same transaction as the status.
func TestRecordCustodyStandsDown(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	res, err := f.svc.RecordCustody(ctx, domain.System, 12, domain.CustodyInput{Status: domain.Released})
	require.NoError(t, err)
	assert.Equal(t, 2, res.DoNotTravel)
	assert.Equal(t, domain.Released, f.parentStatus(12))
	assert.False(t, f.seated(12))
	assert.True(t, f.seated(15), "the other family keeps its place")

	_, err = f.svc.RecordCustody(ctx, domain.System, 12, domain.CustodyInput{Status: "escaped"})
	var ve *domain.ValidationError
	assert.ErrorAs(t, err, &ve, "the status is checked")
}

// The store refuses a transfer that would leave the family seated: the
// stand-down it was given is missing or was worked out from data that has
// changed since. Nothing is saved and the caller works it out again.
func TestRecordCustodyRefusesAStaleStandDown(t *testing.T) {
	ctx := context.Background()
	t.Run("no stand-down", func(t *testing.T) {
		f := newFixture(t)
		err := f.store.RecordCustody(ctx, domain.System, store.CustodyChange{FamilyID: 12, Status: domain.Transferred})
		require.ErrorIs(t, err, store.ErrInviteConflict)
		assert.Equal(t, domain.Held, f.parentStatus(12))
		assert.True(t, f.seated(12))
	})
	t.Run("invites sent meanwhile", func(t *testing.T) {
		f := newFixture(t)
		_, err := f.svc.SendInvitations(ctx, domain.System, eventID)
		require.NoError(t, err)
		before := len(f.outbox())
		stale, _, err := showcase.StandDowns(f.svc, ctx, 12, "transferred")
		require.NoError(t, err)
		require.Len(t, stale, 1)
		// Another send moves the carer's invite on before the stand-down
		// is saved.
		f.exec(`UPDATE invites SET sequence = sequence + 1 WHERE recipient_kind = 'carer' AND recipient_id = 31`)
		err = f.store.RecordCustody(ctx, domain.System, store.CustodyChange{FamilyID: 12, Status: domain.Transferred, StandDown: stale})
		require.ErrorIs(t, err, store.ErrInviteConflict)
		assert.Equal(t, domain.Held, f.parentStatus(12))
		assert.True(t, f.seated(12))
		assert.Len(t, f.outbox(), before, "no email queued")
	})
}
