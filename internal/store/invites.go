package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"schoolzone/internal/domain"
)

// Invite statuses.
const (
	InviteActive    = "active"
	InviteCancelled = "cancelled"
)

// InviteRecord is the state of one recipient's calendar invite for one
// showcase, as last sent.
type InviteRecord struct {
	ID            int64
	EventID       int64
	RecipientKind string // teacher or carer
	RecipientID   int64
	FamilyID      int64 // carers only
	UID           string
	Sequence      int
	Fingerprint   string
	Status        string
	Organizer     string
	OrganizerName string
	StartsAt      time.Time
	EndsAt        time.Time
	Location      string
	LastSentAt    time.Time
}

// ErrInviteConflict means another change to the same invites was saved
// first; the caller should work the invitations out again.
var ErrInviteConflict = errors.New("invites changed meanwhile")

const inviteCols = `id, event_id, recipient_kind, recipient_id, COALESCE(family_id, 0), uid, sequence, fingerprint, status,
	organizer, organizer_name, starts_at, ends_at, location, last_sent_at`

// Invites lists a showcase's invites.
func (s *Store) Invites(ctx context.Context, eventID int64) ([]InviteRecord, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+inviteCols+` FROM invites WHERE event_id = ? ORDER BY recipient_kind, recipient_id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: invites: %w", err)
	}
	defer rows.Close()
	var out []InviteRecord
	for rows.Next() {
		var r InviteRecord
		var starts, ends, sent string
		if err := rows.Scan(&r.ID, &r.EventID, &r.RecipientKind, &r.RecipientID, &r.FamilyID, &r.UID, &r.Sequence, &r.Fingerprint,
			&r.Status, &r.Organizer, &r.OrganizerName, &starts, &ends, &r.Location, &sent); err != nil {
			return nil, fmt.Errorf("store: invites: %w", err)
		}
		r.StartsAt, r.EndsAt, r.LastSentAt = parseTime(starts), parseTime(ends), parseTime(sent)
		out = append(out, r)
	}
	return out, rows.Err()
}

// InviteChange is a new or re-issued invite. New invites have ID 0;
// re-issued ones carry the Sequence they were read with in PrevSequence,
// so a concurrent send cannot be overwritten unnoticed.
type InviteChange struct {
	Record       InviteRecord
	PrevSequence int
}

// InviteBatch is everything one "send invitations" or "stand down" does,
// saved in one transaction: the invites' new state, the emails that tell
// recipients about it and, for a stand-down, the family taken out of the
// showcase.
type InviteBatch struct {
	EventID int64
	// StandDownFamily, if set, is cancelled at the event with Reason: its
	// table is freed and its meetings deleted.
	StandDownFamily int64
	Reason          string
	Changes         []InviteChange
	Outbox          []OutboxMessage
	Action          string         // audit action
	Summary         map[string]any // audit detail: counts and references only
	// Links are new personal links, each carried by an email of the
	// batch; Revoke stops the links of recipients no longer coming.
	Links  []LinkIssue
	Revoke []LinkIssue
	// Reminded are the people the batch's reminders go to.
	Reminded []Recipient
}

// InvitedEvents lists the showcases not yet held or cancelled where the
// family has an active invitation, and those of also that have any.
func (s *Store) InvitedEvents(ctx context.Context, familyID int64, also []int64) ([]int64, error) {
	ids, err := column[int64](ctx, s.read, "invited events", `SELECT DISTINCT event_id FROM invites
		WHERE family_id = ? AND status = 'active' AND event_id IN (`+upcomingEvents+`) ORDER BY event_id`, familyID)
	if err != nil {
		return nil, err
	}
	for _, ev := range also {
		var n int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM invites WHERE event_id = ? AND status = 'active' AND event_id IN (`+upcomingEvents+`)`, ev).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: invited events: %w", err)
		}
		if n > 0 && !slices.Contains(ids, ev) {
			ids = append(ids, ev)
		}
	}
	return ids, nil
}

// ApplyInvites saves batches whole or not at all, in one transaction, for
// showcases in the actor's scope.
func (s *Store) ApplyInvites(ctx context.Context, actor domain.Actor, batches ...InviteBatch) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, b := range batches {
			if err := s.applyInvites(ctx, tx, actor, b); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) applyInvites(ctx context.Context, tx *sql.Tx, actor domain.Actor, b InviteBatch) error {
	if err := eventInScope(ctx, tx, actor.Scope, b.EventID); err != nil {
		return err
	}
	if b.StandDownFamily != 0 {
		if err := standDown(ctx, tx, b.EventID, b.StandDownFamily, b.Reason); err != nil {
			return err
		}
	}
	for _, c := range b.Changes {
		if err := saveInvite(ctx, tx, c); err != nil {
			return err
		}
	}
	for _, m := range b.Outbox {
		if err := s.enqueueTx(ctx, tx, m); err != nil {
			return err
		}
	}
	for _, li := range b.Links {
		if err := s.issueLink(ctx, tx, b.EventID, li); err != nil {
			return err
		}
	}
	for _, li := range b.Revoke {
		if err := revokeLinks(ctx, tx, b.EventID, li.Kind, li.RecipientID, s.stamp()); err != nil {
			return err
		}
	}
	if err := s.markReminded(ctx, tx, b.EventID, b.Reminded); err != nil {
		return err
	}
	action := b.Action
	if action == "" {
		action = "send_invitations"
	}
	return s.audit(tx, actor, action, "event", b.EventID, nil, b.Summary)
}

func standDown(ctx context.Context, tx *sql.Tx, eventID, familyID int64, reason string) error {
	res, err := tx.ExecContext(ctx, `UPDATE event_families SET status = 'cancelled', table_id = NULL, status_reason = ?
		WHERE event_id = ? AND family_id = ? AND status IN ('allocated','confirmed')`, reason, eventID, familyID)
	if err != nil {
		return fmt.Errorf("store: stand down: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: stand down family %d at event %d: %w", familyID, eventID, ErrInviteConflict)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE event_id = ? AND family_id = ?`, eventID, familyID); err != nil {
		return fmt.Errorf("store: stand down meetings: %w", err)
	}
	return nil
}

func saveInvite(ctx context.Context, tx *sql.Tx, c InviteChange) error {
	r := c.Record
	if r.ID == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO invites (event_id, recipient_kind, recipient_id, family_id, uid, sequence, fingerprint,
			status, organizer, organizer_name, starts_at, ends_at, location, last_sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.EventID, r.RecipientKind, r.RecipientID, nullInt(r.FamilyID), r.UID, r.Sequence, r.Fingerprint, r.Status,
			r.Organizer, r.OrganizerName, outboxTime(r.StartsAt), outboxTime(r.EndsAt), r.Location, outboxTime(r.LastSentAt))
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return fmt.Errorf("store: invite %s: %w", r.UID, ErrInviteConflict)
			}
			return fmt.Errorf("store: invite %s: %w", r.UID, err)
		}
		return nil
	}
	// A new SEQUENCE is a changed time or place: the old answer was to
	// something else, so the recipient is asked again.
	res, err := tx.ExecContext(ctx, `UPDATE invites SET sequence = ?1, fingerprint = ?2, status = ?3, organizer = ?4, organizer_name = ?5,
		starts_at = ?6, ends_at = ?7, location = ?8, last_sent_at = ?9,
		response = CASE WHEN sequence = ?1 THEN response ELSE '' END,
		responded_at = CASE WHEN sequence = ?1 THEN responded_at ELSE NULL END
		WHERE id = ?10 AND sequence = ?11`,
		r.Sequence, r.Fingerprint, r.Status, r.Organizer, r.OrganizerName, outboxTime(r.StartsAt), outboxTime(r.EndsAt),
		r.Location, outboxTime(r.LastSentAt), r.ID, c.PrevSequence)
	if err != nil {
		return fmt.Errorf("store: invite %s: %w", r.UID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: invite %s: %w", r.UID, ErrInviteConflict)
	}
	return nil
}

// enqueueTx is Enqueue inside a caller's transaction, so an email and the
// state change it announces commit together.
func (s *Store) enqueueTx(ctx context.Context, tx *sql.Tx, m OutboxMessage) error {
	if err := m.check(); err != nil {
		return err
	}
	if m.Lang == "" {
		m.Lang = "en"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox
		(created_at, kind, event_id, recipient_kind, recipient_id, lang, to_addr, subject, eml, next_attempt_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.stamp(), m.Kind, nullInt(m.EventID), m.RecipientKind, nullInt(m.RecipientID), m.Lang,
		strings.TrimSpace(m.To), m.Subject, m.EML, s.stamp())
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", m.Kind, err)
	}
	return nil
}

// OutboxMessageByID returns one outbox message without its body.
func (s *Store) OutboxMessageByID(ctx context.Context, id int64) (OutboxMessage, error) {
	var m OutboxMessage
	var created, next, sent string
	err := s.read.QueryRowContext(ctx, `SELECT `+outboxCols+` FROM outbox WHERE id = ?`, id).Scan(&m.ID, &created, &m.Kind,
		&m.EventID, &m.RecipientKind, &m.RecipientID, &m.Lang, &m.To, &m.Subject, &m.Status, &m.Attempts, &next, &m.LastError, &sent)
	if err != nil {
		return m, notFound(err, "outbox message", id)
	}
	m.CreatedAt, m.NextAttemptAt = parseTime(created), parseTime(next)
	if sent != "" {
		m.SentAt = parseTime(sent)
	}
	return m, nil
}
