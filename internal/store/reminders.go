package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Recipient names one person a showcase's invites went to.
type Recipient struct {
	Kind string
	ID   int64
}

// Unanswered lists who has an active invite to the showcase, has not
// answered it and has not been reminded since it was last sent.
func (s *Store) Unanswered(ctx context.Context, eventID int64) (map[Recipient]bool, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT recipient_kind, recipient_id FROM invites
		WHERE event_id = ? AND status = 'active' AND response = '' AND (reminded_at IS NULL OR reminded_at < last_sent_at)`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: unanswered: %w", err)
	}
	defer rows.Close()
	out := map[Recipient]bool{}
	for rows.Next() {
		var r Recipient
		if err := rows.Scan(&r.Kind, &r.ID); err != nil {
			return nil, fmt.Errorf("store: unanswered: %w", err)
		}
		out[r] = true
	}
	return out, rows.Err()
}

// ShowcasesToRemind lists the showcases not yet held or cancelled that
// start within the window from now.
func (s *Store) ShowcasesToRemind(ctx context.Context, window time.Duration) ([]int64, error) {
	now := s.now().UTC()
	return column[int64](ctx, s.read, "showcases to remind", `SELECT id FROM events WHERE id IN (`+upcomingEvents+`)
		AND starts_at > ? AND starts_at <= ? ORDER BY starts_at`, now.Format(time.RFC3339), now.Add(window).Format(time.RFC3339))
}

// markReminded records that the batch's reminders were queued.
func (s *Store) markReminded(ctx context.Context, tx *sql.Tx, eventID int64, who []Recipient) error {
	for _, r := range who {
		if _, err := tx.ExecContext(ctx, `UPDATE invites SET reminded_at = ? WHERE event_id = ? AND recipient_kind = ? AND recipient_id = ?`,
			s.stamp(), eventID, r.Kind, r.ID); err != nil {
			return fmt.Errorf("store: mark reminded: %w", err)
		}
	}
	return nil
}
