package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
)

// Statements a request makes are counted when its context asks (tests use
// this to prove a page's queries do not grow with the number of families).

type countKey struct{}

// CountStatements returns a context under which every read the store makes
// adds one to n.
func CountStatements(ctx context.Context, n *atomic.Int64) context.Context {
	return context.WithValue(ctx, countKey{}, n)
}

func count(ctx context.Context) {
	if n, ok := ctx.Value(countKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

// reader is the read pool, counting statements for contexts that ask,
// and keeping each query it has run prepared: modernc's SQLite otherwise
// parses every statement anew, about a third of the CPU of a report that
// runs the same few queries for each of hundreds of showcases.
type reader struct {
	*sql.DB
	stmts *stmtCache
}

func newReader(db *sql.DB) reader {
	return reader{DB: db, stmts: &stmtCache{m: map[string]*sql.Stmt{}}}
}

// maxCachedStmts bounds the cache: queries built with a varying number of
// placeholders could otherwise fill it without end. Past it, queries run
// unprepared, as before.
const maxCachedStmts = 512

type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// prepared returns query's statement, preparing it the first time, or nil
// when it cannot be kept (the cache is full, or preparing failed: running
// it plainly then reports the error where it belongs).
func (r reader) prepared(ctx context.Context, query string) *sql.Stmt {
	c := r.stmts
	c.mu.Lock()
	st, ok := c.m[query]
	full := len(c.m) >= maxCachedStmts
	c.mu.Unlock()
	if ok || full {
		return st
	}
	st, err := r.DB.PrepareContext(context.WithoutCancel(ctx), query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.m[query]; ok {
		st.Close()
		return prev
	}
	c.m[query] = st
	return st
}

func (r reader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	count(ctx)
	if st := r.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.DB.QueryContext(ctx, query, args...)
}

func (r reader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	count(ctx)
	if st := r.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.DB.QueryRowContext(ctx, query, args...)
}

func (r reader) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	count(ctx)
	return r.DB.ExecContext(ctx, query, args...)
}

// Close closes the kept statements, then the pool.
func (r reader) Close() error {
	r.stmts.mu.Lock()
	var errs []error
	for q, st := range r.stmts.m {
		errs = append(errs, st.Close())
		delete(r.stmts.m, q)
	}
	r.stmts.mu.Unlock()
	return errors.Join(append(errs, r.DB.Close())...)
}
