package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"schoolzone/internal/domain"
)

const eventCols = `id, prison_id, title, starts_at, slot_minutes, slots, arrival_minutes, status, created_at,
	status <> 'planning' AND allocated_rev < inputs_rev,
	EXISTS (SELECT 1 FROM cost_lines cl WHERE cl.event_id = events.id) AND costed_rev < cost_inputs_rev`

func scanEvent(r interface{ Scan(...any) error }) (domain.Event, error) {
	var e domain.Event
	var starts, created string
	err := r.Scan(&e.ID, &e.PrisonID, &e.Title, &starts, &e.SlotMinutes, &e.Slots, &e.ArrivalMinutes, &e.Status, &created,
		&e.AllocationStale, &e.CostsStale)
	e.StartsAt, e.CreatedAt = parseTime(starts), parseTime(created)
	return e, err
}

// CreateEvent adds a showcase at one of the actor's prisons.
func (s *Store) CreateEvent(ctx context.Context, actor domain.Actor, e domain.Event) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := checkPrison(ctx, tx, actor.Scope, e.PrisonID); errors.Is(err, domain.ErrNotFound) {
			var p domain.Problems
			p.Add("prison_id", "err.choice")
			return p.Err()
		} else if err != nil {
			return err
		}
		res, err := tx.Exec(`INSERT INTO events (prison_id, title, starts_at, slot_minutes, slots, arrival_minutes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.PrisonID, e.Title, e.StartsAt.UTC().Format(time.RFC3339), e.SlotMinutes, e.Slots, e.ArrivalMinutes, s.stamp())
		if err != nil {
			return fmt.Errorf("store: create event: %w", err)
		}
		id, _ = res.LastInsertId()
		e.ID = id
		return s.audit(tx, actor, "create", "event", id, nil, e)
	})
	return id, err
}

// Events lists the showcases in sc, soonest first.
func (s *Store) Events(ctx context.Context, sc domain.Scope) ([]domain.Event, error) {
	cond, args := eventCond("events", sc)
	rows, err := s.read.QueryContext(ctx, `SELECT `+eventCols+` FROM events WHERE `+cond+` ORDER BY starts_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var out []domain.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EventChoices returns the showcases in sc to offer as choices, newest
// first: at most max, and only prison's when prison is not 0. more says
// there were others.
func (s *Store) EventChoices(ctx context.Context, sc domain.Scope, prison int64, max int) (events []domain.Event, more bool, err error) {
	cond, args := eventCond("events", sc)
	if prison != 0 {
		cond += ` AND events.prison_id = ?`
		args = append(args, prison)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+eventCols+` FROM events WHERE `+cond+` ORDER BY starts_at DESC, id DESC LIMIT ?`, append(args, max+1)...)
	if err != nil {
		return nil, false, fmt.Errorf("store: event choices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, false, fmt.Errorf("store: event choices: %w", err)
		}
		events = append(events, e)
	}
	if len(events) > max {
		return events[:max], true, rows.Err()
	}
	return events, false, rows.Err()
}

// Event returns one showcase, if it is in sc.
func (s *Store) Event(ctx context.Context, sc domain.Scope, id int64) (domain.Event, error) {
	cond, args := eventCond("events", sc)
	e, err := scanEvent(s.read.QueryRowContext(ctx, `SELECT `+eventCols+` FROM events WHERE id = ? AND `+cond, append([]any{id}, args...)...))
	if err != nil {
		return e, notFound(err, "event", id)
	}
	return e, nil
}

// NextEvent is the first showcase in sc starting after now that is not
// cancelled, if there is one: what the dashboard needs, without reading
// every showcase (hundreds in a large deployment). starts_at is stored as
// UTC RFC 3339 to the second, so it compares as text.
func (s *Store) NextEvent(ctx context.Context, sc domain.Scope, now time.Time) (domain.Event, bool, error) {
	cond, args := eventCond("events", sc)
	e, err := scanEvent(s.read.QueryRowContext(ctx, `SELECT `+eventCols+` FROM events
		WHERE starts_at > ? AND status <> 'cancelled' AND `+cond+` ORDER BY starts_at, id LIMIT 1`,
		append([]any{now.UTC().Format(time.RFC3339)}, args...)...))
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("store: next event: %w", err)
	}
	return e, true, nil
}
