package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// NextEvent finds in SQL the showcase the dashboard used to find by reading
// every one: the first not cancelled starting after now, in scope.
func TestNextEventIsTheFirstComingShowcase(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "n.db")
	s, err := store.Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	_, err = demo.LoadScaled(ctx, s, now, 60, 3)
	require.NoError(t, err)
	all, err := s.Events(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.NotEmpty(t, all)
	// No store call cancels a showcase outright; the column says so.
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	_, err = db.Exec(`UPDATE events SET status = 'cancelled' WHERE id = ?`, all[0].ID)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	want := func(sc domain.Scope, at time.Time) (domain.Event, bool) {
		evs, err := s.Events(ctx, sc)
		require.NoError(t, err)
		for _, e := range evs {
			if e.StartsAt.After(at) && e.Status != "cancelled" {
				return e, true
			}
		}
		return domain.Event{}, false
	}
	var ats []time.Time
	for _, e := range all {
		ats = append(ats, e.StartsAt.Add(-time.Second), e.StartsAt, e.StartsAt.Add(500*time.Millisecond))
	}
	for _, sc := range []domain.Scope{domain.Unrestricted, {Prisons: []int64{all[len(all)-1].PrisonID}}, {}} {
		for _, at := range append(ats, now.AddDate(-5, 0, 0), now.AddDate(5, 0, 0)) {
			e, ok := want(sc, at)
			got, gotOK, err := s.NextEvent(ctx, sc, at)
			require.NoError(t, err)
			require.Equal(t, ok, gotOK, "at %s in %+v", at, sc)
			assert.Equal(t, e.ID, got.ID, "at %s in %+v", at, sc)
		}
	}
}
