package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// UpdateCarer changes one of a family's carers, in the actor's scope; a
// carer of another family is not found. The distance feeds the family's
// travel estimate, so a new one marks the costs of its showcases out of
// date. The audit row names the fields changed, never what was in them.
func (s *Store) UpdateCarer(ctx context.Context, actor domain.Actor, familyID int64, c domain.Carer) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
		if err != nil {
			return err
		}
		var was *domain.Carer
		for i := range before.Carers {
			if before.Carers[i].ID == c.ID {
				was = &before.Carers[i]
			}
		}
		if was == nil {
			return fmt.Errorf("store: carer %d of family %d: %w", c.ID, familyID, domain.ErrNotFound)
		}
		var changed changes
		changed.note("name", was.Name, c.Name)
		changed.note("relationship", was.Relationship, c.Relationship)
		changed.note("phone", was.Phone, c.Phone)
		changed.note("email", was.Email, c.Email)
		changed.note("lang", was.Lang, c.Lang)
		changed.note("distance_miles", was.DistanceMiles, c.DistanceMiles)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE carers SET name = ?, relationship = ?, phone = ?, email = ?, lang = ?, distance_miles = ? WHERE id = ? AND family_id = ?`,
			c.Name, c.Relationship, c.Phone, c.Email, c.Lang, c.DistanceMiles, c.ID, familyID); err != nil {
			return fmt.Errorf("store: update carer %d: %w", c.ID, err)
		}
		if was.DistanceMiles != c.DistanceMiles {
			if err := bumpCostInputs(tx, `id IN (SELECT event_id FROM event_families WHERE family_id = ?)`, familyID); err != nil {
				return err
			}
		}
		return s.audit(tx, actor, "update_carer", "family", familyID, nil, map[string]any{"carer_id": c.ID, "changed": changed})
	})
}

// AddCarer adds another carer to a family in the actor's scope: a second
// parent, a grandparent who brings the children. Each carer with a contact
// gets their own invitation and personal link. A family holds at most
// domain.MaxCarers, checked here so no caller can pass it.
func (s *Store) AddCarer(ctx context.Context, actor domain.Actor, familyID int64, c domain.Carer) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		before, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
		if err != nil {
			return err
		}
		if len(before.Carers) >= domain.MaxCarers {
			var p domain.Problems
			p.Add("name", "err.too_many_items", map[string]any{"Field": "field.carers", "Max": domain.MaxCarers})
			return p.Err()
		}
		res, err := tx.Exec(`INSERT INTO carers (family_id, name, relationship, phone, email, lang, distance_miles, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
			familyID, c.Name, c.Relationship, c.Phone, c.Email, c.Lang, c.DistanceMiles)
		if err != nil {
			return fmt.Errorf("store: add carer to family %d: %w", familyID, err)
		}
		id, _ = res.LastInsertId()
		return s.audit(tx, actor, "add_carer", "family", familyID, nil, map[string]any{"carer_id": id})
	})
	return id, err
}
