package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"schoolzone/internal/domain"
)

// systemCalendar is the author of answers read from calendar replies: the
// audit log shows the app recorded them, not a person.
var systemCalendar = domain.Actor{Name: "calendar reply", Scope: domain.Unrestricted}

// ReplyOutcome says what became of a calendar reply. Only ReplyRecorded
// changes anything; the others are logged by kind, with no address.
type ReplyOutcome string

const (
	ReplyRecorded ReplyOutcome = "recorded"
	// ReplyUnknown: no invite has this UID (another system's meeting, or a
	// forgery).
	ReplyUnknown ReplyOutcome = "unknown_uid"
	// ReplyWrongAttendee: the attendee is not the person the invite went to.
	ReplyWrongAttendee ReplyOutcome = "wrong_attendee"
	// ReplyStale: the answer is to an older SEQUENCE (the time or place has
	// changed since), or claims a newer one than was ever sent.
	ReplyStale ReplyOutcome = "stale_sequence"
	// ReplyOlder: a later answer to the same invite is already recorded.
	ReplyOlder ReplyOutcome = "older_than_recorded"
	// ReplyCancelled: the invite was withdrawn.
	ReplyCancelled ReplyOutcome = "cancelled_invite"
)

// Responses as stored on an invite.
const (
	ResponseConfirmed = "confirmed"
	ResponseDeclined  = "declined"
	ResponseTentative = "tentative"
)

// CalendarReply is an attendee's answer as read from their calendar's
// REPLY: which invite, which version of it, who answered and how.
type CalendarReply struct {
	UID      string
	Sequence int
	Attendee string // lower case
	Response string // confirmed, declined or tentative
	Stamp    time.Time
}

// RecordReply records an answer on the invite it belongs to, in one
// transaction. The attendee must be the invite's own recipient as on
// record now, so a forged reply naming someone else changes nothing, and
// only an answer to the invite's current SEQUENCE counts.
func (s *Store) RecordReply(ctx context.Context, r CalendarReply) (ReplyOutcome, error) {
	var outcome ReplyOutcome
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id, recipient int64
		var kind, status string
		var seq int
		var respondedAt sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT id, recipient_kind, recipient_id, status, sequence, responded_at FROM invites WHERE uid = ?`, r.UID).
			Scan(&id, &kind, &recipient, &status, &seq, &respondedAt)
		if errors.Is(err, sql.ErrNoRows) {
			outcome = ReplyUnknown
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: reply: %w", err)
		}
		table := map[string]string{"teacher": "teachers", "carer": "carers"}[kind]
		var email string
		if err := tx.QueryRowContext(ctx, `SELECT email FROM `+table+` WHERE id = ?`, recipient).Scan(&email); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: reply recipient: %w", err)
		}
		stamp := outboxTime(r.Stamp)
		switch {
		case email == "" || !strings.EqualFold(strings.TrimSpace(email), r.Attendee):
			outcome = ReplyWrongAttendee
		case status != InviteActive:
			outcome = ReplyCancelled
		case r.Sequence != seq:
			outcome = ReplyStale
		case respondedAt.Valid && respondedAt.String > stamp:
			outcome = ReplyOlder
		default:
			outcome = ReplyRecorded
		}
		if outcome != ReplyRecorded {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invites SET response = ?, responded_at = ? WHERE id = ?`, r.Response, stamp, id); err != nil {
			return fmt.Errorf("store: record reply: %w", err)
		}
		return s.audit(tx, systemCalendar, "calendar_reply", "invite", id, nil, map[string]any{"response": r.Response, "sequence": r.Sequence})
	})
	return outcome, err
}

// MailboxState is how far a mailbox has been read: IMAP UIDs are only
// comparable while the mailbox's UIDVALIDITY stays the same.
type MailboxState struct {
	UIDValidity uint32
	LastUID     uint32
}

// Mailbox returns the saved state of a mailbox, zero if never read.
func (s *Store) Mailbox(ctx context.Context, name string) (MailboxState, error) {
	var m MailboxState
	err := s.read.QueryRowContext(ctx, `SELECT uid_validity, last_uid FROM mailbox_state WHERE mailbox = ?`, name).Scan(&m.UIDValidity, &m.LastUID)
	if errors.Is(err, sql.ErrNoRows) {
		return MailboxState{}, nil
	}
	if err != nil {
		return MailboxState{}, fmt.Errorf("store: mailbox state: %w", err)
	}
	return m, nil
}

// SaveMailbox records how far a mailbox has been read.
func (s *Store) SaveMailbox(ctx context.Context, name string, m MailboxState) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mailbox_state (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
			ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid`, name, m.UIDValidity, m.LastUID)
		if err != nil {
			return fmt.Errorf("store: save mailbox state: %w", err)
		}
		return nil
	})
}

// InviteReply is one recipient's answer to a showcase's invite.
type InviteReply struct {
	Kind        string
	RecipientID int64
	FamilyID    int64
	Response    string // "" when nobody has answered
	RespondedAt time.Time
}

// InviteReplies lists every active invite of a showcase with its answer.
func (s *Store) InviteReplies(ctx context.Context, eventID int64) ([]InviteReply, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT recipient_kind, recipient_id, COALESCE(family_id, 0), response, COALESCE(responded_at, '')
		FROM invites WHERE event_id = ? AND status = 'active' ORDER BY recipient_kind, recipient_id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: invite replies: %w", err)
	}
	defer rows.Close()
	var out []InviteReply
	for rows.Next() {
		var r InviteReply
		var at string
		if err := rows.Scan(&r.Kind, &r.RecipientID, &r.FamilyID, &r.Response, &at); err != nil {
			return nil, fmt.Errorf("store: invite replies: %w", err)
		}
		r.RespondedAt = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}
