package backup

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeCopier writes a small file, or fails.
type fakeCopier struct{ fail error }

func (f fakeCopier) Backup(_ context.Context, out string) error {
	if f.fail != nil {
		return f.fail
	}
	return os.WriteFile(out, []byte("copy"), 0o600)
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestOnceKeepsTheNewestCopies(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "schoolzone-by-hand.db"), nil, 0o600))
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	s := Schedule{Copier: fakeCopier{}, Dir: dir, Keep: 3, Now: func() time.Time { return now }}
	for range 5 {
		_, err := s.Once(context.Background())
		require.NoError(t, err)
		now = now.Add(6 * time.Hour)
	}
	assert.Equal(t, []string{
		"notes.txt",
		"schoolzone-20261128T210000Z.db",
		"schoolzone-20261129T030000Z.db",
		"schoolzone-20261129T090000Z.db",
		"schoolzone-by-hand.db",
	}, names(t, dir), "the three newest copies and files that are not copies")
}

func TestAFailedCopyRemovesNothing(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	ok := Schedule{Copier: fakeCopier{}, Dir: dir, Keep: 1, Now: func() time.Time { return now }}
	_, err := ok.Once(context.Background())
	require.NoError(t, err)
	now = now.Add(time.Hour)
	failing := ok
	failing.Copier = fakeCopier{fail: errors.New("disk full")}
	_, err = failing.Once(context.Background())
	require.ErrorContains(t, err, "disk full")
	assert.Equal(t, []string{"schoolzone-20261128T090000Z.db"}, names(t, dir), "the last good copy stays")
}

func TestRunCopiesAtOnceAndOnEveryTick(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	s := Schedule{Copier: fakeCopier{}, Dir: dir, Every: 20 * time.Millisecond, Keep: 100,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { n++; return time.Date(2026, 11, 28, 9, 0, n, 0, time.UTC) }}
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	require.Eventually(t, func() bool { return len(names(t, dir)) >= 3 }, 5*time.Second, 10*time.Millisecond)
	cancel()
	<-done
}
