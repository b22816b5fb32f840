package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"schoolzone/internal/domain"
)

// TravelAnswer is what a carer said about travel to one showcase.
type TravelAnswer struct {
	Answered     bool
	WantsHelp    bool
	PostcodeArea string
	Miles        int // the carer's distance on record, each way
}

// RecordTravelAnswer saves a carer's travel answer through their link, in
// one transaction with the link check. Miles given become the carer's
// distance, which the family's travel estimate reads; a postcode area
// alone is kept for the coordinator, who turns it into miles. A carer can
// only ever touch their own record.
func (s *Store) RecordTravelAnswer(ctx context.Context, hash string, r domain.TravelRequest) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		l, err := linkByHash(ctx, tx, hash, s.stamp())
		if err != nil {
			return err
		}
		if l.Kind != "carer" {
			return domain.ErrNotFound
		}
		var before int
		if err := tx.QueryRowContext(ctx, `SELECT distance_miles FROM carers WHERE id = ? AND family_id = ?`, l.RecipientID, l.FamilyID).Scan(&before); err != nil {
			return notFound(err, "carer", l.RecipientID)
		}
		if r.Miles > 0 && r.Miles != before {
			if _, err := tx.ExecContext(ctx, `UPDATE carers SET distance_miles = ? WHERE id = ?`, r.Miles, l.RecipientID); err != nil {
				return fmt.Errorf("store: travel distance: %w", err)
			}
			// The family's travel estimate reads it, as after the
			// coordinator's own change (UpdateReferral).
			if err := bumpCostInputs(tx, `id IN (SELECT event_id FROM event_families WHERE family_id = ?)`, l.FamilyID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO travel_requests (event_id, family_id, wants_help, postcode_area, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (event_id, family_id) DO UPDATE SET wants_help = excluded.wants_help, postcode_area = excluded.postcode_area, updated_at = excluded.updated_at`,
			l.EventID, l.FamilyID, b2i(r.WantsHelp), r.PostcodeArea, s.stamp()); err != nil {
			return fmt.Errorf("store: travel request: %w", err)
		}
		after := map[string]any{"event_id": l.EventID, "wants_help": r.WantsHelp, "postcode_area": r.PostcodeArea}
		if r.Miles > 0 {
			after["distance_miles"] = r.Miles
		}
		return s.audit(tx, linkActor(l), "link_travel", "family", l.FamilyID, map[string]any{"distance_miles": before}, after)
	})
}

// TravelAnswerOf returns a family's travel answer for a showcase, with the
// distance on record for carerID (0 for the family's main carer).
func (s *Store) TravelAnswerOf(ctx context.Context, eventID, familyID, carerID int64) (TravelAnswer, error) {
	var a TravelAnswer
	err := s.read.QueryRowContext(ctx, `SELECT wants_help, postcode_area FROM travel_requests WHERE event_id = ? AND family_id = ?`,
		eventID, familyID).Scan(&a.WantsHelp, &a.PostcodeArea)
	switch {
	case err == nil:
		a.Answered = true
	case !errors.Is(err, sql.ErrNoRows):
		return a, fmt.Errorf("store: travel request: %w", err)
	}
	err = s.read.QueryRowContext(ctx, `SELECT distance_miles FROM carers WHERE family_id = ? AND (id = ? OR ? = 0)
		ORDER BY id = ? DESC, is_primary DESC, id LIMIT 1`, familyID, carerID, carerID, carerID).Scan(&a.Miles)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: carer distance: %w", err)
	}
	return a, nil
}

// TravelRequest is one family's request for help with travel to a
// showcase, as the coordinator sees it: the family by reference, with the
// distance the estimate uses (0 when the coordinator still has to turn a
// postcode area into miles).
type TravelRequest struct {
	FamilyID     int64
	FamilyRef    string
	PostcodeArea string
	Miles        int
}

// TravelRequests lists the families who asked for help with travel to a
// showcase, by reference.
func (s *Store) TravelRequests(ctx context.Context, eventID int64) ([]TravelRequest, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT f.id, f.ref, tr.postcode_area,
		COALESCE((SELECT distance_miles FROM carers WHERE family_id = f.id ORDER BY distance_miles > 0 DESC, is_primary DESC, id LIMIT 1), 0)
		FROM travel_requests tr JOIN families f ON f.id = tr.family_id
		WHERE tr.event_id = ? AND tr.wants_help = 1 ORDER BY f.ref`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: travel requests: %w", err)
	}
	defer rows.Close()
	out := []TravelRequest{}
	for rows.Next() {
		var r TravelRequest
		if err := rows.Scan(&r.FamilyID, &r.FamilyRef, &r.PostcodeArea, &r.Miles); err != nil {
			return nil, fmt.Errorf("store: travel requests: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
