package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// UpdatePrison changes a prison's name and contact details, for staff of
// that prison only (the scope is checked in the transaction, whoever
// calls). Invitations name the prison, so the showcases' documents page
// then lists them as changed, to send again. The audit row names the
// fields changed.
func (s *Store) UpdatePrison(ctx context.Context, actor domain.Actor, p domain.Prison) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := checkPrison(ctx, tx, actor.Scope, p.ID); err != nil {
			return err
		}
		var was domain.Prison
		if err := tx.QueryRowContext(ctx, `SELECT id, name, address, phone, email FROM prisons WHERE id = ?`, p.ID).
			Scan(&was.ID, &was.Name, &was.Address, &was.Phone, &was.Email); err != nil {
			return notFound(err, "prison", p.ID)
		}
		var changed changes
		changed.note("name", was.Name, p.Name)
		changed.note("address", was.Address, p.Address)
		changed.note("phone", was.Phone, p.Phone)
		changed.note("email", was.Email, p.Email)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE prisons SET name = ?, address = ?, phone = ?, email = ? WHERE id = ?`, p.Name, p.Address, p.Phone, p.Email, p.ID); err != nil {
			return fmt.Errorf("store: update prison %d: %w", p.ID, err)
		}
		return s.audit(tx, actor, "update", "prison", p.ID, nil, map[string]any{"changed": changed})
	})
}

// UpdateLocalAuthority renames a local authority (a council that merged or
// was entered with a typo), in English and Welsh. Cost reports group by
// it and name it, so the costs of showcases to come are marked out of
// date.
func (s *Store) UpdateLocalAuthority(ctx context.Context, actor domain.Actor, la domain.LocalAuthority) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var was domain.LocalAuthority
		if err := tx.QueryRowContext(ctx, `SELECT name, name_cy FROM local_authorities WHERE id = ?`, la.ID).Scan(&was.Name, &was.NameCy); err != nil {
			return notFound(err, "local authority", la.ID)
		}
		var changed changes
		changed.note("name", was.Name, la.Name)
		changed.note("name_cy", was.NameCy, la.NameCy)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE local_authorities SET name = ?, name_cy = ? WHERE id = ?`, la.Name, la.NameCy, la.ID); err != nil {
			return fmt.Errorf("store: update local authority %d: %w", la.ID, err)
		}
		if err := bumpCostInputs(tx, `1`); err != nil {
			return err
		}
		return s.audit(tx, actor, "update", "local_authority", la.ID, nil, map[string]any{"changed": changed})
	})
}
