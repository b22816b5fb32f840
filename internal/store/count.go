package store

import (
	"context"
	"database/sql"
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

// reader is the read pool, counting statements for contexts that ask.
type reader struct{ *sql.DB }

func (r reader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	count(ctx)
	return r.DB.QueryContext(ctx, query, args...)
}

func (r reader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	count(ctx)
	return r.DB.QueryRowContext(ctx, query, args...)
}

func (r reader) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	count(ctx)
	return r.DB.ExecContext(ctx, query, args...)
}
