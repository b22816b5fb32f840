package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/mail"
)

// Outbox statuses. A message is queued until claimed, sending while a
// sender holds its lease, then sent, or failed once retries are used up.
const (
	OutboxQueued  = "queued"
	OutboxSending = "sending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

// The store is the sender's queue; mail defines the interface so that it
// need not import the store.
var _ mail.Queue = (*Store)(nil)

// OutboxMessage is one email in the outbox, with its delivery state.
type OutboxMessage struct {
	ID            int64
	CreatedAt     time.Time
	Kind          string // invite, cancel, do_not_travel, letter, ...
	EventID       int64  // 0 when the message is about no event
	RecipientKind string // teacher, carer, school
	RecipientID   int64
	Lang          string
	To            string // bare address
	Subject       string
	// EML is the complete message, exactly as it will be sent. Outbox
	// listings leave it empty; OutboxEML reads it.
	EML           []byte
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	SentAt        time.Time // zero until sent
}

// OutboxFilter narrows the outbox list; zero fields match everything
// except Scope, whose zero value matches nothing.
type OutboxFilter struct {
	Scope   domain.Scope
	EventID int64
	Status  string
	Limit   int // default 200
}

// outboxCond limits outbox rows to the showcases of the scope's prisons;
// a message tied to no showcase is for those who see every prison.
func outboxCond(sc domain.Scope) (string, []any) {
	if sc.AllPrisons {
		return "1", nil
	}
	cond, args := eventCond("sc_e", sc)
	return "event_id IN (SELECT sc_e.id FROM events sc_e WHERE " + cond + ")", args
}

// ErrOutboxInvalid is returned for a message that could never be sent.
var ErrOutboxInvalid = errors.New("invalid outbox message")

// maxErrorLen bounds last_error: SMTP replies can be long and only the
// gist is useful on screen.
const maxErrorLen = 1000

// Enqueue stores a built message for sending. It is due at NextAttemptAt,
// or at once when that is zero.
func (s *Store) Enqueue(ctx context.Context, m OutboxMessage) (int64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if m.Lang == "" {
		m.Lang = "en"
	}
	due := s.stamp()
	if !m.NextAttemptAt.IsZero() {
		due = outboxTime(m.NextAttemptAt)
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO outbox
			(created_at, kind, event_id, recipient_kind, recipient_id, lang, to_addr, subject, eml, next_attempt_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			s.stamp(), m.Kind, nullInt(m.EventID), m.RecipientKind, nullInt(m.RecipientID), m.Lang,
			strings.TrimSpace(m.To), m.Subject, m.EML, due)
		if err != nil {
			return fmt.Errorf("store: enqueue %s: %w", m.Kind, err)
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

// check refuses a message that could never be sent. Errors name the kind
// of message, never the address: they reach the server log.
func (m OutboxMessage) check() error {
	if strings.TrimSpace(m.To) == "" || len(m.EML) == 0 || m.Kind == "" || m.RecipientKind == "" {
		return fmt.Errorf("store: enqueue %q: %w: to, eml, kind and recipient kind are required", m.Kind, ErrOutboxInvalid)
	}
	// The sender uses To as the SMTP recipient: it must be a bare address,
	// not "Name <addr>", or every attempt would fail.
	if !domain.ValidEmail(strings.TrimSpace(m.To)) {
		return fmt.Errorf("store: enqueue %q: %w: to is not a bare email address", m.Kind, ErrOutboxInvalid)
	}
	return nil
}

// ClaimDue marks up to limit due messages as sending until now+lease and
// returns them, oldest due first. Messages left "sending" by a sender that
// died are due again once their lease has passed. Each claim counts as an
// attempt, so a message that kills the sender cannot loop for ever.
func (s *Store) ClaimDue(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]mail.Queued, error) {
	var out []mail.Queued
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, to_addr, eml, attempts FROM outbox
			WHERE status IN ('queued', 'sending') AND next_attempt_at <= ?
			ORDER BY next_attempt_at, id LIMIT ?`, outboxTime(now), limit)
		if err != nil {
			return fmt.Errorf("store: claim outbox: %w", err)
		}
		for rows.Next() {
			var q mail.Queued
			if err := rows.Scan(&q.ID, &q.To, &q.EML, &q.Attempts); err != nil {
				rows.Close()
				return fmt.Errorf("store: claim outbox: %w", err)
			}
			q.Attempts++
			out = append(out, q)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: claim outbox: %w", err)
		}
		until := outboxTime(now.Add(lease))
		for _, q := range out {
			// A claim that finds the message still "sending" means the
			// last attempt never reported back; say so on screen.
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'sending', attempts = ?, next_attempt_at = ?,
				last_error = CASE WHEN status = 'sending' THEN 'previous attempt did not finish' ELSE last_error END
				WHERE id = ?`, q.Attempts, until, q.ID); err != nil {
				return fmt.Errorf("store: claim outbox %d: %w", q.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MarkSent records a delivery.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.outboxUpdate(ctx, id, "mark sent",
		`UPDATE outbox SET status = 'sent', sent_at = ?, last_error = '' WHERE id = ?`, outboxTime(at), id)
}

// MarkFailed records a failed attempt: the message is queued again for
// next, or failed for good when permanent.
func (s *Store) MarkFailed(ctx context.Context, id int64, reason string, next time.Time, permanent bool) error {
	status := OutboxQueued
	if permanent {
		status = OutboxFailed
	}
	if len(reason) > maxErrorLen {
		reason = strings.ToValidUTF8(reason[:maxErrorLen], "") + "…"
	}
	return s.outboxUpdate(ctx, id, "mark failed",
		`UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?`,
		status, reason, outboxTime(next), id)
}

// RetryOutbox queues a failed message again, due now, with a fresh set of
// attempts: a coordinator uses it once the cause (a full mailbox, a wrong
// address now corrected elsewhere) has gone. A message outside sc is
// ErrNotFound.
func (s *Store) RetryOutbox(ctx context.Context, sc domain.Scope, id int64) error {
	cond, args := outboxCond(sc)
	return s.outboxUpdate(ctx, id, "retry",
		`UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'failed' AND `+cond,
		append([]any{s.stamp(), id}, args...)...)
}

func (s *Store) outboxUpdate(ctx context.Context, id int64, what, query string, args ...any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("store: outbox %d: %s: %w", id, what, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("store: outbox %d: %s: %w", id, what, domain.ErrNotFound)
		}
		return nil
	})
}

const outboxCols = `id, created_at, kind, COALESCE(event_id, 0), recipient_kind, COALESCE(recipient_id, 0), lang,
	to_addr, subject, status, attempts, next_attempt_at, last_error, COALESCE(sent_at, '')`

// Outbox lists messages, newest first, without their bodies.
func (s *Store) Outbox(ctx context.Context, f OutboxFilter) ([]OutboxMessage, error) {
	cond, args := outboxCond(f.Scope)
	where := []string{cond}
	if f.EventID != 0 {
		where, args = append(where, "event_id = ?"), append(args, f.EventID)
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, f.Status)
	}
	q := `SELECT ` + outboxCols + ` FROM outbox WHERE ` + strings.Join(where, " AND ")
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		var created, next, sent string
		if err := rows.Scan(&m.ID, &created, &m.Kind, &m.EventID, &m.RecipientKind, &m.RecipientID, &m.Lang,
			&m.To, &m.Subject, &m.Status, &m.Attempts, &next, &m.LastError, &sent); err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		m.CreatedAt, m.NextAttemptAt = parseTime(created), parseTime(next)
		if sent != "" {
			m.SentAt = parseTime(sent)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	return out, nil
}

// OutboxEML returns a message in sc exactly as stored, for download as
// .eml. A password reset email is never given out: its link is for the one
// person it is sent to.
func (s *Store) OutboxEML(ctx context.Context, sc domain.Scope, id int64) ([]byte, error) {
	var eml []byte
	cond, args := outboxCond(sc)
	err := s.read.QueryRowContext(ctx, `SELECT eml FROM outbox WHERE id = ? AND kind <> '`+PasswordResetKind+`' AND `+cond, append([]any{id}, args...)...).Scan(&eml)
	if err != nil {
		return nil, notFound(err, "outbox message", id)
	}
	return eml, nil
}

// outboxTime writes the fixed-width UTC form that makes text comparison
// in SQL agree with time order.
func outboxTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
