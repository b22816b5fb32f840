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

// KeepApartPair is one non-association between two families, entered by
// prison staff. It is for prison staff and coordinators only: it must never
// reach a teacher's or carer's document or page.
type KeepApartPair struct {
	FamilyA, FamilyB int64 // FamilyA < FamilyB
	RefA, RefB       string
	PrisonID         int64
	EnteredBy        string
	EnteredAt        time.Time
}

// KeepApart lists the non-associations between families sc may both see,
// by the first family's reference.
func (s *Store) KeepApart(ctx context.Context, sc domain.Scope) ([]KeepApartPair, error) {
	visible, err := scopedFamilyIDs(ctx, s.read, sc, 0)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, id := range visible {
		seen[id] = true
	}
	pairs, err := s.keepApart(ctx)
	if err != nil {
		return nil, err
	}
	var out []KeepApartPair
	for _, p := range pairs {
		if seen[p.FamilyA] && seen[p.FamilyB] {
			out = append(out, p)
		}
	}
	return out, nil
}

func (s *Store) keepApart(ctx context.Context) ([]KeepApartPair, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT k.family_a, k.family_b, a.ref, b.ref, a.prison_id, COALESCE(u.name, 'system'), k.entered_at
		FROM keep_apart k JOIN families a ON a.id = k.family_a JOIN families b ON b.id = k.family_b
		LEFT JOIN users u ON u.id = k.entered_by ORDER BY a.ref, b.ref`)
	if err != nil {
		return nil, fmt.Errorf("store: keep apart: %w", err)
	}
	defer rows.Close()
	var out []KeepApartPair
	for rows.Next() {
		var p KeepApartPair
		var at string
		if err := rows.Scan(&p.FamilyA, &p.FamilyB, &p.RefA, &p.RefB, &p.PrisonID, &p.EnteredBy, &at); err != nil {
			return nil, fmt.Errorf("store: keep apart: %w", err)
		}
		p.EnteredAt = parseTime(at)
		out = append(out, p)
	}
	return out, rows.Err()
}

// AddKeepApart records that two families must never sit at the same or
// adjacent tables. The references are checked here, inside the
// transaction: each must name a family, the two must differ and be at the
// same prison, and the actor must be able to see both: a reference outside
// their scope reads as unknown. Recording a pair twice is not an error.
func (s *Store) AddKeepApart(ctx context.Context, actor domain.Actor, refA, refB string) error {
	refA, refB = strings.ToUpper(strings.TrimSpace(refA)), strings.ToUpper(strings.TrimSpace(refB))
	return s.tx(ctx, func(tx *sql.Tx) error {
		var p domain.Problems
		a, pa, errA := familyByRef(ctx, tx, actor.Scope, refA)
		b, pb, errB := familyByRef(ctx, tx, actor.Scope, refB)
		for _, x := range []struct {
			field, ref string
			err        error
		}{{"family_a", refA, errA}, {"family_b", refB, errB}} {
			switch {
			case x.ref == "":
				p.Add(x.field, "keepapart.err_required")
			case errors.Is(x.err, domain.ErrNotFound):
				p.Add(x.field, "keepapart.err_unknown", map[string]any{"Ref": x.ref})
			case x.err != nil:
				return x.err
			}
		}
		if errA == nil && errB == nil {
			switch {
			case a == b:
				p.Add("family_b", "keepapart.err_same")
			case pa != pb:
				p.Add("family_b", "keepapart.err_prison")
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		if a > b {
			a, b = b, a
		}
		res, err := tx.Exec(`INSERT OR IGNORE INTO keep_apart (family_a, family_b, entered_by, entered_at) VALUES (?, ?, ?, ?)`, a, b, nullInt(actor.ID), s.stamp())
		if err != nil {
			return fmt.Errorf("store: add keep apart: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		// The audit row names the families by ID only.
		if err := bumpInputs(tx, "prison_id IN (SELECT prison_id FROM families WHERE id IN (?, ?))", a, b); err != nil {
			return err
		}
		return s.audit(tx, actor, "add_keep_apart", "family", a, nil, map[string]any{"family_a": a, "family_b": b})
	})
}

// RemoveKeepApart lifts a non-association between two families the actor
// can see.
func (s *Store) RemoveKeepApart(ctx context.Context, actor domain.Actor, a, b int64) error {
	if a > b {
		a, b = b, a
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range []int64{a, b} {
			if _, err := loadScopedCase(ctx, tx, actor.Scope, id); err != nil {
				return err
			}
		}
		res, err := tx.Exec(`DELETE FROM keep_apart WHERE family_a = ? AND family_b = ?`, a, b)
		if err != nil {
			return fmt.Errorf("store: remove keep apart: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: keep apart %d–%d: %w", a, b, domain.ErrNotFound)
		}
		if err := bumpInputs(tx, "prison_id IN (SELECT prison_id FROM families WHERE id IN (?, ?))", a, b); err != nil {
			return err
		}
		return s.audit(tx, actor, "remove_keep_apart", "family", a, map[string]any{"family_a": a, "family_b": b}, nil)
	})
}

func familyByRef(ctx context.Context, q querier, sc domain.Scope, ref string) (id, prisonID int64, err error) {
	if ref == "" {
		return 0, 0, domain.ErrNotFound
	}
	err = q.QueryRowContext(ctx, `SELECT id, prison_id FROM families WHERE ref = ?`, ref).Scan(&id, &prisonID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, domain.ErrNotFound
	}
	if err != nil {
		return 0, 0, fmt.Errorf("store: family %s: %w", ref, err)
	}
	if _, err := loadScopedCase(ctx, q, sc, id); err != nil {
		return 0, 0, err
	}
	return id, prisonID, nil
}
