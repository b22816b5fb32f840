package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// UpdateReferral changes a referral's details and its main carer, in the
// actor's scope. The family is settled in the same transaction, as after any
// step, and the carer's distance feeds the family's travel costs, so a
// change to it marks the costs of the family's showcases out of date. The
// audit row names the fields changed, never what was in them.
func (s *Store) UpdateReferral(ctx context.Context, actor domain.Actor, familyID int64, in domain.ReferralDetails) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
		if err != nil {
			return err
		}
		f := before.Family
		var changed changes
		note := changed.note
		note("parent_name", f.ParentName, in.ParentName)
		note("prison_number", f.PrisonNumber, in.PrisonNumber)
		note("referral_source", f.ReferralSource, in.ReferralSource)
		note("referrer_name", f.ReferrerName, in.ReferrerName)
		note("referred_on", f.ReferredOn, in.ReferredOn)
		note("notes", f.Notes, in.Notes)
		if _, err := tx.Exec(`UPDATE families SET parent_name = ?, prison_number = ?, referral_source = ?, referrer_name = ?, referred_on = ?, notes = ?
			WHERE id = ?`, in.ParentName, in.PrisonNumber, in.ReferralSource, in.ReferrerName, in.ReferredOn, in.Notes, familyID); err != nil {
			return fmt.Errorf("store: update family %d: %w", familyID, err)
		}
		c := in.Carer
		var primary domain.Carer
		for _, x := range before.Carers {
			if x.Primary {
				primary = x
			}
		}
		note("carer_name", primary.Name, c.Name)
		note("carer_relationship", primary.Relationship, c.Relationship)
		note("carer_phone", primary.Phone, c.Phone)
		note("carer_email", primary.Email, c.Email)
		note("carer_lang", primary.Lang, c.Lang)
		note("carer_distance_miles", primary.DistanceMiles, c.DistanceMiles)
		if primary.ID == 0 {
			if _, err := tx.Exec(`INSERT INTO carers (family_id, name, relationship, phone, email, lang, distance_miles, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
				familyID, c.Name, c.Relationship, c.Phone, c.Email, c.Lang, c.DistanceMiles); err != nil {
				return fmt.Errorf("store: add carer to family %d: %w", familyID, err)
			}
		} else if _, err := tx.Exec(`UPDATE carers SET name = ?, relationship = ?, phone = ?, email = ?, lang = ?, distance_miles = ? WHERE id = ?`,
			c.Name, c.Relationship, c.Phone, c.Email, c.Lang, c.DistanceMiles, primary.ID); err != nil {
			return fmt.Errorf("store: update carer of family %d: %w", familyID, err)
		}
		if primary.DistanceMiles != c.DistanceMiles {
			if err := bumpCostInputs(tx, `id IN (SELECT event_id FROM event_families WHERE family_id = ?)`, familyID); err != nil {
				return err
			}
		}
		if len(changed) == 0 {
			return nil
		}
		if err := s.audit(tx, actor, "update", "family", familyID, nil, map[string]any{"changed": changed}); err != nil {
			return err
		}
		return s.settleFamily(ctx, tx, actor, before)
	})
}
