package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schoolzone/internal/domain"
)

// Erasure reasons, recorded as the audit action so the log row itself
// needs no payload.
const (
	EraseOnRequest   = "erase_on_request"
	EraseByRetention = "erase_by_retention"
)

// EraseFamily erases a family's personal data in one transaction: names,
// contact details, free text and the values kept in the audit log. What
// figures and costs are built from stays (the family's reference, prison,
// stage, steps, schools, year groups, seats and cost lines), so totals do
// not move. A family seated at a showcase still to come is refused: stand
// it down first, so that nobody travels to a table nobody expects.
// action is EraseOnRequest or EraseByRetention.
func (s *Store) EraseFamily(ctx context.Context, actor domain.Actor, familyID int64, action string) error {
	if action != EraseOnRequest && action != EraseByRetention {
		return fmt.Errorf("store: erase family %d: unknown reason %q", familyID, action)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := loadScopedCase(ctx, tx, actor.Scope, familyID); err != nil {
			return err
		}
		var ref string
		err := tx.QueryRowContext(ctx, `SELECT printf('EV-%04d', e.id) FROM event_families ef JOIN events e ON e.id = ef.event_id
			WHERE ef.family_id = ? AND ef.`+seated+` AND e.id IN (`+upcomingEvents+`) LIMIT 1`, familyID).Scan(&ref)
		if err == nil {
			return &domain.GateError{Gate: domain.GateNotAllowed, Key: "privacy.err_seated", Params: map[string]any{"Event": ref}}
		}
		if err != sql.ErrNoRows {
			return fmt.Errorf("store: erase family %d: %w", familyID, err)
		}
		if err := eraseFamily(ctx, tx, familyID, s.stamp()); err != nil {
			return fmt.Errorf("store: erase family %d: %w", familyID, err)
		}
		return s.audit(tx, actor, action, "family", familyID, nil, nil)
	})
	if err != nil {
		return err
	}
	// The WAL still holds the pages as they were before the erasure until
	// a checkpoint copies the new ones back and the log is truncated.
	// Readers may hold it open; then the next checkpoint finishes the job.
	if _, err := s.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("store: checkpoint after erasure: %w", err)
	}
	return nil
}

// eraseStatements blank or delete every personal value a family has. Each
// takes the family's ID once per ?.
var eraseStatements = []string{
	// Messages to the family's carers, and to the teachers who met the
	// family, hold names in their body; they are a delivery record, not a
	// case record, and go whole. Only past showcases reach here.
	`DELETE FROM outbox WHERE recipient_kind = 'carer' AND recipient_id IN (SELECT id FROM carers WHERE family_id = ?1)`,
	`DELETE FROM outbox WHERE recipient_kind = 'teacher' AND EXISTS (SELECT 1 FROM meetings m
		WHERE m.family_id = ?1 AND m.teacher_id = outbox.recipient_id AND m.event_id = outbox.event_id)`,
	`DELETE FROM outbox WHERE recipient_kind = 'school' AND kind = 'do_not_travel'
		AND event_id IN (SELECT event_id FROM event_families WHERE family_id = ?1)
		AND recipient_id IN (SELECT school_id FROM children WHERE family_id = ?1)`,
	`UPDATE families SET parent_name = '', prison_number = '', referrer_name = '', notes = '', release_date = NULL, erased_at = ?2 WHERE id = ?1`,
	`UPDATE carers SET name = '', phone = '', email = '' WHERE family_id = ?1`,
	`UPDATE children SET first_name = '', last_name = '', needs_notes = '', dietary = '', views_obtained_how = '' WHERE family_id = ?1`,
	`UPDATE steps SET notes = '' WHERE family_id = ?1`,
	// A line typed by hand may name someone in its description; generated
	// lines say only what was bought, and the cost report still reads.
	`UPDATE cost_lines SET notes = '', evidence_ref = '', override_reason = '',
		description = CASE WHEN source = 'manual' THEN '' ELSE description END WHERE family_id = ?1`,
	`DELETE FROM keep_apart WHERE family_a = ?1 OR family_b = ?1`,
	`DELETE FROM personal_links WHERE family_id = ?1`,
	`DELETE FROM attendance_needs WHERE family_id = ?1`,
	`DELETE FROM travel_requests WHERE family_id = ?1`,
	`DELETE FROM audit_payloads WHERE family_id = ?1`,
	// The search index keeps a deleted word in its older segments until
	// they are merged; merging them now frees those pages, which
	// secure_delete zeroes.
	`INSERT INTO family_search (family_search) VALUES ('optimize')`,
}

func eraseFamily(ctx context.Context, tx *sql.Tx, familyID int64, stamp string) error {
	for _, q := range eraseStatements {
		if _, err := tx.ExecContext(ctx, q, familyID, stamp); err != nil {
			return err
		}
	}
	return nil
}

// RetentionFacts lists, for every family not yet erased whose parent has
// been released, what the retention rule needs. A release recorded without
// a date counts from the day it was recorded.
func (s *Store) RetentionFacts(ctx context.Context) ([]domain.RetentionFacts, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT f.id, f.ref, COALESCE(f.release_date, ''),
		COALESCE((SELECT max(a.at) FROM audit_log a WHERE a.family_id = f.id AND a.action = 'set_parent_status'), ''),
		COALESCE((SELECT max(e.starts_at) FROM event_families ef JOIN events e ON e.id = ef.event_id
			WHERE ef.family_id = f.id AND e.status <> 'cancelled'), '')
		FROM families f WHERE f.erased_at IS NULL AND f.parent_status = 'released' ORDER BY f.id`)
	if err != nil {
		return nil, fmt.Errorf("store: retention facts: %w", err)
	}
	defer rows.Close()
	var out []domain.RetentionFacts
	for rows.Next() {
		var f domain.RetentionFacts
		var released, recorded, last string
		if err := rows.Scan(&f.FamilyID, &f.Ref, &released, &recorded, &last); err != nil {
			return nil, fmt.Errorf("store: retention facts: %w", err)
		}
		f.Released = true
		if d, err := time.Parse("2006-01-02", released); err == nil {
			f.ReleasedOn = d
		} else {
			f.ReleasedOn = parseTime(recorded)
		}
		f.LastShowcase = parseTime(last)
		out = append(out, f)
	}
	return out, rows.Err()
}

// RetentionResult is what one run of the retention rule did, by reference.
type RetentionResult struct {
	Erased []string `json:"erased"`
	// Failed names families that could not be erased, with why; one
	// failure never stops the others.
	Failed map[string]string `json:"failed,omitempty"`
}

// ApplyRetention erases every family due on the day of now, each in its
// own transaction. With dryRun it only lists them.
func (s *Store) ApplyRetention(ctx context.Context, actor domain.Actor, months int, dryRun bool) (RetentionResult, error) {
	facts, err := s.RetentionFacts(ctx)
	if err != nil {
		return RetentionResult{}, err
	}
	res := RetentionResult{Erased: []string{}}
	now := s.now()
	for _, f := range facts {
		if !f.DueForErasure(now, months) {
			continue
		}
		if !dryRun {
			if err := s.EraseFamily(ctx, actor, f.FamilyID, EraseByRetention); err != nil {
				if res.Failed == nil {
					res.Failed = map[string]string{}
				}
				res.Failed[f.Ref] = err.Error()
				continue
			}
		}
		res.Erased = append(res.Erased, f.Ref)
	}
	return res, nil
}

// FamilyByRef finds a family in sc by its reference (FAM-0012).
func (s *Store) FamilyByRef(ctx context.Context, sc domain.Scope, ref string) (int64, error) {
	id, _, err := familyByRef(ctx, s.read, sc, strings.ToUpper(strings.TrimSpace(ref)))
	return id, err
}
