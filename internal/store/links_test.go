package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A link works until it expires or a newer one replaces it, and either way
// it then reads as never having existed.
func TestLinksExpireAndAreReplaced(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	s, err := Open(ctx, filepath.Join(t.TempDir(), "links.db"), WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	prison, err := s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(t, err)
	event, err := s.CreateEvent(ctx, domain.System, domain.Event{PrisonID: prison, Title: "Showcase", StartsAt: now.Add(14 * 24 * time.Hour),
		SlotMinutes: 10, Slots: 6, ArrivalMinutes: 45})
	require.NoError(t, err)
	issue := func(hash string) {
		require.NoError(t, s.ApplyInvites(ctx, domain.System, InviteBatch{EventID: event,
			Links: []LinkIssue{{Kind: "teacher", RecipientID: 7, Hash: hash, Expires: now.Add(30 * 24 * time.Hour)}}}))
	}
	issue("first")
	l, err := s.LinkByHash(ctx, "first")
	require.NoError(t, err)
	assert.Equal(t, LinkPerson{Kind: "teacher", RecipientID: 7}, LinkPerson{Kind: l.Kind, RecipientID: l.RecipientID})

	issue("second")
	_, err = s.LinkByHash(ctx, "first")
	assert.ErrorIs(t, err, domain.ErrNotFound, "a resend replaces the old link")
	_, err = s.LinkByHash(ctx, "second")
	require.NoError(t, err)

	now = now.Add(30*24*time.Hour + time.Second)
	_, err = s.LinkByHash(ctx, "second")
	assert.ErrorIs(t, err, domain.ErrNotFound, "an expired link is not found")
}

// LinkPerson is who a link is for, for comparing in tests.
type LinkPerson struct {
	Kind        string
	RecipientID int64
}

// A carer changing their child's views through their link goes through the
// same transaction as the staff page: a narrower register withdraws the
// meeting with a teacher no longer on it and reopens the decision, the
// change is audited as the carer's, and a link reaches only its own
// family's children.
func TestCarerLinkChangesTheChildsViewsLikeTheStaffPage(t *testing.T) {
	ctx := context.Background()
	w := newHallWorld(t)
	f := w.family(t, []domain.Child{{SchoolID: w.schoolA, FirstName: "Ffion"}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	other := w.family(t, []domain.Child{{SchoolID: w.schoolA, FirstName: "Osian"}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	w.allocated(t)
	require.Equal(t, []int64{w.teachA1}, w.meetingsOf(t, w.event, f))
	c, err := w.s.Case(ctx, domain.Unrestricted, f)
	require.NoError(t, err)
	oc, err := w.s.Case(ctx, domain.Unrestricted, other)
	require.NoError(t, err)
	require.NoError(t, w.s.ApplyInvites(ctx, domain.System, InviteBatch{EventID: w.event, Links: []LinkIssue{
		{Kind: "carer", RecipientID: c.Carers[0].ID, FamilyID: f, Hash: "carer", Expires: time.Now().Add(90 * 24 * time.Hour)},
		{Kind: "teacher", RecipientID: w.teachA1, Hash: "teacher", Expires: time.Now().Add(90 * 24 * time.Hour)}}}))
	staff, err := w.s.Teachers(ctx, w.schoolA)
	require.NoError(t, err)
	views := func(child int64) func(domain.Case) (domain.Child, error) {
		return func(cs domain.Case) (domain.Child, error) {
			return cs.DecideVoice(domain.VoiceInput{ChildID: child, WantsToAttend: domain.WishYes, PreferredTeacherID: w.teachA2,
				MayKnow: []int64{w.teachA2}, ApprovedBy: "both", ObtainedHow: "asked again at home", OccurredOn: today}, staff, today)
		}
	}

	for _, tc := range []struct {
		name, hash string
		child      int64
	}{
		{"another family's child", "carer", oc.Children[0].ID},
		{"a teacher's link", "teacher", c.Children[0].ID},
		{"a wrong link", "nobody", c.Children[0].ID},
	} {
		err := w.s.RecordVoiceByLink(ctx, tc.hash, views(tc.child))
		assert.ErrorIs(t, err, domain.ErrNotFound, tc.name)
	}
	oc2, _ := w.s.Case(ctx, domain.Unrestricted, other)
	assert.Equal(t, oc.Children, oc2.Children, "the other family is untouched")

	require.NoError(t, w.s.RecordVoiceByLink(ctx, "carer", views(c.Children[0].ID)))
	c, _ = w.s.Case(ctx, domain.Unrestricted, f)
	assert.Equal(t, domain.StageConflict, c.Progress().Stage, "Ms Alaw was nominated but is no longer on the register")
	assert.Empty(t, w.meetingsOf(t, w.event, f), "her meeting is withdrawn in the same transaction")
	w.noViolations(t)
	log, err := w.s.AuditLog(ctx, AuditFilter{Action: "record_voice", Entity: "child", EntityID: c.Children[0].ID})
	require.NoError(t, err)
	require.NotEmpty(t, log)
	assert.Equal(t, "carer link", log[0].Actor, "the newest entry is the carer's")
	assert.Contains(t, log[0].After, "asked again at home")
}
