package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/migrations"
)

var fixedNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), WithClock(func() time.Time { return fixedNow }))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// Migrations apply to an empty database and are a no-op on a migrated one.
func TestMigrationsApplyToEmptyAndMigratedDatabases(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	v1, err := s.Version(ctx)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, v1, int64(1))
	require.NoError(t, s.Close())

	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	v2, err := s.Version(ctx)
	require.NoError(t, err)
	assert.Equal(t, v1, v2)
	require.NoError(t, s.Ping(ctx))
}

func TestServerPragmas(t *testing.T) {
	s := openTest(t)
	var mode string
	var fk, timeout int
	require.NoError(t, s.write.QueryRow("PRAGMA journal_mode").Scan(&mode))
	require.NoError(t, s.read.QueryRow("PRAGMA foreign_keys").Scan(&fk))
	require.NoError(t, s.read.QueryRow("PRAGMA busy_timeout").Scan(&timeout))
	assert.Equal(t, "wal", mode)
	assert.Equal(t, 1, fk)
	assert.Equal(t, 10000, timeout)
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	s := openTest(t)
	_, err := s.write.Exec(`INSERT INTO audit_log (at, actor, action, entity) VALUES ('x','a','b','c')`)
	require.NoError(t, err)
	_, err = s.write.Exec(`UPDATE audit_log SET actor = 'z'`)
	assert.ErrorContains(t, err, "append-only")
	_, err = s.write.Exec(`DELETE FROM audit_log`)
	assert.ErrorContains(t, err, "append-only")
}

// Migrations are numbered 1…N with no gap: goose refuses a migration older
// than the database's version, so a gap filled later would strand every
// database already migrated past it.
func TestMigrationsAreContiguous(t *testing.T) {
	entries, err := migrations.FS.ReadDir(".")
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		n++
		assert.True(t, strings.HasPrefix(e.Name(), fmt.Sprintf("%04d_", n)), "migration %s should be number %04d", e.Name(), n)
	}
	assert.Positive(t, n)
}
