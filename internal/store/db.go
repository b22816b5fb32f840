// Package store keeps School Zone's records in one SQLite file. All SQL lives
// here, one file per kind of record, next to the Go that uses it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver

	"schoolzone/internal/domain"
	"schoolzone/migrations"
)

// Store is the database. Reads go through a pool; writes go through a
// single connection so concurrent writers queue in Go instead of failing
// with SQLITE_BUSY.
type Store struct {
	read    reader
	write   *sql.DB
	version *versionConn
	now     func() time.Time
	touches touches
}

// Option configures a Store.
type Option func(*Store)

// WithClock injects the clock used for created/recorded times (tests).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open opens (creating if needed) the database at path and applies any
// pending migrations.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	// busy_timeout comes first so the WAL switch itself waits for a lock.
	// secure_delete zeroes what a delete frees, so erased personal data is
	// not left readable in free pages of the file.
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(ON)", "secure_delete(ON)"} {
		q.Add("_pragma", p)
	}
	dsn := "file:" + path + "?" + q.Encode()
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	rdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	rdb.SetMaxOpenConns(5) // four for reads, one held by Version
	s := &Store{read: newReader(rdb), write: write, version: &versionConn{db: rdb}, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.deriveMissing(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	p, err := goose.NewProvider(goose.DialectSQLite3, s.write, migrations.FS)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: apply migrations: %w", err)
	}
	return nil
}

// Version is the schema version applied (the latest migration's number).
func (s *Store) Version(ctx context.Context) (int64, error) {
	p, err := goose.NewProvider(goose.DialectSQLite3, s.read.DB, migrations.FS)
	if err != nil {
		return 0, fmt.Errorf("store: migrations: %w", err)
	}
	return p.GetDBVersion(ctx)
}

// Close writes when sessions were last seen, and closes both pools.
func (s *Store) Close() error {
	return errors.Join(s.writeSeen(context.Background(), s.now(), true), s.version.close(), s.read.Close(), s.write.Close())
}

// Ping checks the database answers a query; /healthz uses it.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// writeTimeout bounds one write transaction now that a client's
// disconnect no longer can (see tx); SQLite's busy_timeout is far shorter.
const writeTimeout = time.Minute

// tx runs fn in one write transaction: every multi-row change commits whole
// or not at all. A write not yet begun when the client disconnects is not
// begun. Once begun, the transaction itself lives on a context the
// request's cancellation does not reach: were it the request's, database/sql
// would roll it back when the client went away, between fn's last
// statement and the commit, and a change could be reported as failed
// ("transaction has already been committed or rolled back") although every
// statement of it ran. Statements fn runs on the request's context may
// still be interrupted; then the whole change is rolled back and reported
// as failed, which is true.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
	defer cancel()
	tx, err := s.write.BeginTx(wctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// column runs a query that returns one column and collects it: IDs to
// load, names for a filter. what names the query in errors.
func column[T any](ctx context.Context, q querier, what, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

func (s *Store) stamp() string { return s.now().UTC().Format(time.RFC3339) }

func parseTime(v string) time.Time {
	t, _ := time.Parse(time.RFC3339, v)
	return t
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullStr(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func notFound(err error, what string, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s %d: %w", what, id, domain.ErrNotFound)
	}
	return fmt.Errorf("store: %s %d: %w", what, id, err)
}
