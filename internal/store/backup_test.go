package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// authorityNames is every local authority's name in the database at path.
func authorityNames(t *testing.T, path string) map[string]bool {
	t.Helper()
	s, err := Open(context.Background(), path)
	require.NoError(t, err)
	defer s.Close()
	las, err := s.LocalAuthorities(context.Background())
	require.NoError(t, err)
	names := map[string]bool{}
	for _, la := range las {
		names[la.Name] = true
	}
	return names
}

// dbWith is a closed database at dir/name holding the given authorities.
func dbWith(t *testing.T, dir, name string, authorities ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	s, err := Open(context.Background(), path)
	require.NoError(t, err)
	for _, a := range authorities {
		_, err := s.CreateLocalAuthority(context.Background(), domain.System, a)
		require.NoError(t, err)
	}
	require.NoError(t, s.Close())
	return path
}

// A backup taken while writers commit is sound and holds every write that
// was acknowledged before the backup began.
func TestBackupUnderWriteLoadHoldsEveryAcknowledgedWrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "live.db"))
	require.NoError(t, err)
	defer s.Close()

	var mu sync.Mutex
	acked := map[string]time.Time{}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; !stop.Load(); i++ {
				name := fmt.Sprintf("Authority %d-%d", w, i)
				if _, err := s.CreateLocalAuthority(ctx, domain.System, name); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				acked[name] = time.Now()
				mu.Unlock()
			}
		})
	}
	time.Sleep(150 * time.Millisecond)
	began := time.Now()
	out := filepath.Join(dir, "copy.db")
	err = s.Backup(ctx, out)
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(acked) }
	after := count()
	require.Eventually(t, func() bool { return count() > after+4 }, 10*time.Second, 5*time.Millisecond, "writers go on after the backup")
	stop.Store(true)
	wg.Wait()
	require.NoError(t, err)

	// Restored as an operator would, the copy is whole and holds them all.
	restored := filepath.Join(dir, "restored.db")
	_, err = Restore(ctx, out, restored, fixedNow)
	require.NoError(t, err)
	got := authorityNames(t, restored)
	before := 0
	mu.Lock()
	defer mu.Unlock()
	for name, at := range acked {
		if at.Before(began) {
			before++
			assert.True(t, got[name], "%s was acknowledged before the backup began", name)
		}
	}
	require.Positive(t, before, "writes were acknowledged before the backup")
	assert.Less(t, len(got), len(acked), "writers went on during and after the backup")
	assert.ErrorContains(t, s.Backup(ctx, out), "already exists", "an existing file is never overwritten")
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		copy    func(t *testing.T, dir string) string
		wantErr error
	}{
		{"a sound copy replaces the database", func(t *testing.T, dir string) string {
			return dbWith(t, dir, "good.db", "Restored")
		}, nil},
		{"a file that is not a database", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "junk.db")
			require.NoError(t, os.WriteFile(p, []byte("not a database, just some text that is long enough"), 0o600))
			return p
		}, ErrBadCopy},
		{"a truncated copy", func(t *testing.T, dir string) string {
			p := dbWith(t, dir, "cut.db", "Restored")
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(p, b[:len(b)/2], 0o600))
			return p
		}, ErrBadCopy},
		{"a copy with damaged pages", func(t *testing.T, dir string) string {
			p := dbWith(t, dir, "bad.db", "Restored")
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			size := int(b[16])<<8 | int(b[17])
			for page := size; page < len(b); page += size {
				b[page] = 0xff // no such kind of b-tree page
			}
			require.NoError(t, os.WriteFile(p, b, 0o600))
			return p
		}, ErrBadCopy},
		{"an empty file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "empty.db")
			require.NoError(t, os.WriteFile(p, nil, 0o600))
			return p
		}, ErrBadCopy},
		{"a SQLite file that is not School Zone's", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "other.db")
			s, err := Open(ctx, p)
			require.NoError(t, err)
			_, err = s.write.Exec("DROP TABLE goose_db_version")
			require.NoError(t, err)
			require.NoError(t, s.Close())
			return p
		}, ErrBadCopy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			live := dbWith(t, dir, "live.db", "Current")
			from := tt.copy(t, dir)
			kept, err := Restore(ctx, from, live, fixedNow)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.Equal(t, map[string]bool{"Current": true}, authorityNames(t, live), "the database is untouched")
				left, _ := filepath.Glob(filepath.Join(dir, ".*"))
				assert.Empty(t, left, "no temporary file is left behind")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, live+".before-restore-20261123T090000Z", kept)
			assert.Equal(t, map[string]bool{"Restored": true}, authorityNames(t, live))
			assert.Equal(t, map[string]bool{"Current": true}, authorityNames(t, kept), "the replaced database is kept")
		})
	}
}

// A server holding the database open must stop first: restoring under it
// would lose what it writes next.
func TestRestoreRefusesADatabaseInUse(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	live := dbWith(t, dir, "live.db", "Current")
	s, err := Open(ctx, live)
	require.NoError(t, err)
	defer s.Close()
	_, err = s.CreateLocalAuthority(ctx, domain.System, "Written by the server")
	require.NoError(t, err)

	_, err = Restore(ctx, dbWith(t, dir, "good.db", "Restored"), live, fixedNow)
	require.ErrorIs(t, err, ErrInUse)
	las, err := s.LocalAuthorities(ctx)
	require.NoError(t, err)
	assert.Len(t, las, 2, "the running database is untouched")
}

// Restoring where no database exists yet is how a new machine starts from
// a backup.
func TestRestoreOntoNoDatabase(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "new.db")
	kept, err := Restore(context.Background(), dbWith(t, dir, "good.db", "Restored"), live, fixedNow)
	require.NoError(t, err)
	assert.Empty(t, kept)
	assert.Equal(t, map[string]bool{"Restored": true}, authorityNames(t, live))
}

func TestServerCommitsAreFullySynced(t *testing.T) {
	s := openTest(t)
	var sync int
	require.NoError(t, s.write.QueryRow("PRAGMA synchronous").Scan(&sync))
	assert.Equal(t, 2, sync, "synchronous=FULL: a commit survives a power cut, not only a crash")
}
