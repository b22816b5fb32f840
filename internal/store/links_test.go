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
