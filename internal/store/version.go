package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// versionConn watches the database for commits. SQLite's data_version
// changes on a connection whenever another connection, of this process or
// any other (the CLI, a restore), commits; so a result computed at one
// version is still right while the version is unchanged. The connection
// is held for good, since the number means nothing across connections: if
// it is ever lost, a new one starts a new epoch, and no cached result
// survives the change.
type versionConn struct {
	mu    sync.Mutex
	db    *sql.DB
	conn  *sql.Conn
	epoch int64
}

// DataVersion is a number that differs from any earlier one once anyone has
// committed a change to the database since. Results computed from the
// database may be kept while it stays the same.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	v := s.version
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.conn == nil {
		c, err := v.db.Conn(context.WithoutCancel(ctx))
		if err != nil {
			return 0, fmt.Errorf("store: version: %w", err)
		}
		v.conn = c
		v.epoch++
	}
	var n int64
	if err := v.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&n); err != nil {
		v.conn.Close()
		v.conn = nil
		return 0, fmt.Errorf("store: version: %w", err)
	}
	return v.epoch<<32 | n, nil
}

func (v *versionConn) close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.conn != nil {
		v.conn.Close()
		v.conn = nil
	}
	return nil
}
