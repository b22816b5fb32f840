package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"schoolzone/internal/domain"
)

// LinkIssue is a new personal link for one recipient of a showcase, saved
// with the invitation email that carries it.
type LinkIssue struct {
	Kind        string // teacher or carer
	RecipientID int64
	FamilyID    int64 // carers
	Hash        string
	Expires     time.Time
}

// PersonalLink is a link that opens a recipient's own page.
type PersonalLink struct {
	ID          int64
	EventID     int64
	Kind        string
	RecipientID int64
	FamilyID    int64
	Expires     time.Time
}

// issueLink saves a link and revokes the recipient's earlier ones, so only
// the newest email's link works.
func (s *Store) issueLink(ctx context.Context, tx *sql.Tx, eventID int64, li LinkIssue) error {
	if err := revokeLinks(ctx, tx, eventID, li.Kind, li.RecipientID, s.stamp()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO personal_links (event_id, recipient_kind, recipient_id, family_id, token_hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, eventID, li.Kind, li.RecipientID, nullInt(li.FamilyID), li.Hash, s.stamp(), outboxTime(li.Expires)); err != nil {
		return fmt.Errorf("store: issue link: %w", err)
	}
	return nil
}

func revokeLinks(ctx context.Context, tx *sql.Tx, eventID int64, kind string, recipientID int64, now string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE personal_links SET revoked_at = ? WHERE event_id = ? AND recipient_kind = ? AND recipient_id = ? AND revoked_at IS NULL`,
		now, eventID, kind, recipientID); err != nil {
		return fmt.Errorf("store: revoke links: %w", err)
	}
	return nil
}

// LinkByHash finds a working link: one that exists, is not revoked and has
// not expired. Anything else is ErrNotFound, the same for every reason, so
// the answer tells a guesser nothing.
func (s *Store) LinkByHash(ctx context.Context, hash string) (PersonalLink, error) {
	return linkByHash(ctx, s.read, hash, s.stamp())
}

func linkByHash(ctx context.Context, q querier, hash, now string) (PersonalLink, error) {
	var l PersonalLink
	var expires string
	err := q.QueryRowContext(ctx, `SELECT id, event_id, recipient_kind, recipient_id, COALESCE(family_id, 0), expires_at FROM personal_links
		WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?`, hash, now).
		Scan(&l.ID, &l.EventID, &l.Kind, &l.RecipientID, &l.FamilyID, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return l, domain.ErrNotFound
	}
	if err != nil {
		return l, fmt.Errorf("store: link: %w", err)
	}
	l.Expires = parseTime(expires)
	return l, nil
}

// RevokeLink stops a recipient's link at once (the coordinator's "revoke").
func (s *Store) RevokeLink(ctx context.Context, actor domain.Actor, eventID int64, kind string, recipientID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		if err := revokeLinks(ctx, tx, eventID, kind, recipientID, s.stamp()); err != nil {
			return err
		}
		return s.audit(tx, actor, "revoke_link", "event", eventID, nil, map[string]any{"kind": kind})
	})
}

// linkActor is the author of changes made through a personal link.
func linkActor(l PersonalLink) domain.Actor {
	return domain.Actor{Name: l.Kind + " link", Scope: domain.Unrestricted}
}

// Attendance is one person's answer through the carer's link.
type Attendance struct {
	Kind   string // carer or child
	ID     int64
	Coming bool
}

// CarerAnswer is what a carer says through their link: who of the family
// is coming, and what visits staff should know.
type CarerAnswer struct {
	People []Attendance
	Needs  string
}

// RecordCarerAnswer saves a carer's answer for their own family, in one
// transaction with the invite's response and the family's place: someone
// coming is a confirmed place, nobody coming a declined invite. A person
// who is not in the link's family is refused, so one family's link can
// never touch another.
func (s *Store) RecordCarerAnswer(ctx context.Context, hash string, a CarerAnswer) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		l, err := linkByHash(ctx, tx, hash, s.stamp())
		if err != nil {
			return err
		}
		if l.Kind != "carer" {
			return domain.ErrNotFound
		}
		adults, children := 0, 0
		for _, p := range a.People {
			table := map[string]string{"carer": "carers", "child": "children"}[p.Kind]
			var ok bool
			if table == "" {
				return domain.ErrNotFound
			}
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE id = ? AND family_id = ?)`, p.ID, l.FamilyID).Scan(&ok); err != nil {
				return fmt.Errorf("store: carer answer: %w", err)
			}
			if !ok {
				return domain.ErrNotFound
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO attendance_answers (event_id, family_id, person_kind, person_id, coming, updated_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (event_id, person_kind, person_id) DO UPDATE SET coming = excluded.coming, updated_at = excluded.updated_at`,
				l.EventID, l.FamilyID, p.Kind, p.ID, b2i(p.Coming), s.stamp()); err != nil {
				return fmt.Errorf("store: carer answer: %w", err)
			}
			if p.Coming && p.Kind == "carer" {
				adults++
			} else if p.Coming {
				children++
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO attendance_needs (event_id, family_id, needs, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (event_id, family_id) DO UPDATE SET needs = excluded.needs, updated_at = excluded.updated_at`,
			l.EventID, l.FamilyID, a.Needs, s.stamp()); err != nil {
			return fmt.Errorf("store: carer needs: %w", err)
		}
		response, status := ResponseDeclined, "allocated"
		if adults > 0 && children > 0 {
			response, status = ResponseConfirmed, "confirmed"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invites SET response = ?, responded_at = ? WHERE event_id = ? AND recipient_kind = 'carer' AND recipient_id = ?`,
			response, s.stamp(), l.EventID, l.RecipientID); err != nil {
			return fmt.Errorf("store: carer response: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_families SET status = ? WHERE event_id = ? AND family_id = ? AND status IN ('allocated','confirmed')`,
			status, l.EventID, l.FamilyID); err != nil {
			return fmt.Errorf("store: confirm place: %w", err)
		}
		return s.audit(tx, linkActor(l), "link_answer", "family", l.FamilyID, nil, map[string]any{"event_id": l.EventID, "response": response,
			"adults": adults, "children": children})
	})
}

// CarerAnswers returns what the family answered through its link so far.
func (s *Store) CarerAnswers(ctx context.Context, eventID, familyID int64) (CarerAnswer, error) {
	var out CarerAnswer
	rows, err := s.read.QueryContext(ctx, `SELECT person_kind, person_id, coming FROM attendance_answers WHERE event_id = ? AND family_id = ?`, eventID, familyID)
	if err != nil {
		return out, fmt.Errorf("store: carer answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a Attendance
		if err := rows.Scan(&a.Kind, &a.ID, &a.Coming); err != nil {
			return out, fmt.Errorf("store: carer answers: %w", err)
		}
		out.People = append(out.People, a)
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	err = s.read.QueryRowContext(ctx, `SELECT needs FROM attendance_needs WHERE event_id = ? AND family_id = ?`, eventID, familyID).Scan(&out.Needs)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return out, fmt.Errorf("store: carer needs: %w", err)
	}
	return out, nil
}

// TeacherAnswer is what a teacher says through their link.
type TeacherAnswer struct {
	Coming     bool
	NeedsCover bool
}

// RecordTeacherAnswer saves a teacher's answer and whether their school
// needs supply cover for them, which the cost estimate uses from then on.
func (s *Store) RecordTeacherAnswer(ctx context.Context, hash string, a TeacherAnswer) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		l, err := linkByHash(ctx, tx, hash, s.stamp())
		if err != nil {
			return err
		}
		if l.Kind != "teacher" {
			return domain.ErrNotFound
		}
		response := ResponseDeclined
		if a.Coming {
			response = ResponseConfirmed
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invites SET response = ?, responded_at = ? WHERE event_id = ? AND recipient_kind = 'teacher' AND recipient_id = ?`,
			response, s.stamp(), l.EventID, l.RecipientID); err != nil {
			return fmt.Errorf("store: teacher response: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO cost_teacher_cover (teacher_id, needs_cover) VALUES (?, ?)
			ON CONFLICT (teacher_id) DO UPDATE SET needs_cover = excluded.needs_cover`, l.RecipientID, b2i(a.NeedsCover)); err != nil {
			return fmt.Errorf("store: teacher cover: %w", err)
		}
		if err := bumpCostInputs(tx, `id IN (SELECT event_id FROM meetings WHERE teacher_id = ?)`, l.RecipientID); err != nil {
			return err
		}
		return s.audit(tx, linkActor(l), "link_answer", "teacher", l.RecipientID, nil, map[string]any{"event_id": l.EventID, "response": response,
			"needs_cover": a.NeedsCover})
	})
}

// TeacherCover says whether the teacher's school needs supply cover for
// them, as last recorded, or the default for their role.
func (s *Store) TeacherCover(ctx context.Context, teacherID int64) (bool, error) {
	var needs bool
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(cc.needs_cover, CASE WHEN t.role IN ('head','ewo','tutor') THEN 0 ELSE 1 END)
		FROM teachers t LEFT JOIN cost_teacher_cover cc ON cc.teacher_id = t.id WHERE t.id = ?`, teacherID).Scan(&needs)
	if err != nil {
		return false, fmt.Errorf("store: teacher cover: %w", err)
	}
	return needs, nil
}

// InviteResponse is the recipient's current answer to their invite.
func (s *Store) InviteResponse(ctx context.Context, eventID int64, kind string, recipientID int64) (string, error) {
	var r string
	err := s.read.QueryRowContext(ctx, `SELECT response FROM invites WHERE event_id = ? AND recipient_kind = ? AND recipient_id = ?`, eventID, kind, recipientID).Scan(&r)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: invite response: %w", err)
	}
	return r, nil
}

// IssuePrintedLink saves a new personal link for a carer whose letter is
// printed (posted or handed over) rather than emailed, revoking their
// earlier ones, in one transaction with the scope check and the audit row.
// The token itself is only ever on the paper.
func (s *Store) IssuePrintedLink(ctx context.Context, actor domain.Actor, eventID int64, li LinkIssue) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		if err := s.issueLink(ctx, tx, eventID, li); err != nil {
			return err
		}
		return s.audit(tx, actor, "print_link", "family", li.FamilyID, nil, map[string]any{"event_id": eventID, "kind": li.Kind})
	})
}
