package store

import (
	"context"
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A client that disconnects while its change is being written: once every
// statement has run, the change commits and is reported as saved; a change
// not yet begun is not begun. Either way the report is true.
func TestTxAndTheClientsDisconnect(t *testing.T) {
	cases := []struct {
		name      string
		cancelAt  string // "before" the transaction begins, or "after" its last statement
		committed bool
	}{
		{"disconnect after the last statement, before the commit", "after", true},
		{"disconnect before the change begins", "before", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			ctx, cancel := context.WithCancel(t.Context())
			if tc.cancelAt == "before" {
				cancel()
			}
			err := s.tx(ctx, func(tx *sql.Tx) error {
				_, err := tx.Exec(`INSERT INTO local_authorities (name) VALUES ('Sir Glanfa')`)
				if tc.cancelAt == "after" {
					cancel()
				}
				return err
			})
			cancel()
			las, lerr := s.LocalAuthorities(context.Background())
			require.NoError(t, lerr)
			if tc.committed {
				assert.NoError(t, err, "a committed change is never reported as failed")
				assert.Len(t, las, 1)
			} else {
				assert.ErrorIs(t, err, context.Canceled)
				assert.Empty(t, las)
			}
		})
	}
}
