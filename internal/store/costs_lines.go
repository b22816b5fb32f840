package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// Cost lines are identified within their event by costs.Line.ID: the
// estimator's natural key for automatic lines ("auto/supply_cover/teacher/7")
// and "manual/<row id>" for lines typed in.
const manualPrefix = "manual/"

const lineCols = `id, COALESCE(line_key, ''), category, bearer, COALESCE(school_id, 0), COALESCE(family_id, 0), COALESCE(teacher_id, 0),
	COALESCE(local_authority_id, 0), school_type, description, qty_thousandths, unit, unit_cost_pence, estimated_pence, auto_estimated_pence,
	actual_pence, claimed_pence, approved_pence, notes, evidence_ref, overridden, override_reason, source`

func scanLine(r interface{ Scan(...any) error }) (int64, costs.Line, error) {
	var l costs.Line
	var id int64
	var key string
	var actual, claimed, approved sql.NullInt64
	err := r.Scan(&id, &key, &l.Category, &l.Bearer, &l.SchoolID, &l.FamilyID, &l.TeacherID, &l.LocalAuthorityID, &l.SchoolType,
		&l.Description, &l.Quantity, &l.Unit, &l.UnitCost, &l.Estimated, &l.AutoEstimated, &actual, &claimed, &approved,
		&l.Notes, &l.EvidenceRef, &l.Overridden, &l.OverrideReason, &l.Source)
	l.ID = key
	if key == "" {
		l.ID = manualPrefix + strconv.FormatInt(id, 10)
	}
	l.Actual, l.Claimed, l.Approved = pencePtr(actual), pencePtr(claimed), pencePtr(approved)
	return id, l, err
}

func pencePtr(v sql.NullInt64) *costs.Pence {
	if !v.Valid {
		return nil
	}
	return costs.Ptr(costs.Pence(v.Int64))
}

func penceArg(p *costs.Pence) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// CostLines lists a showcase's lines in the order they were added.
func (s *Store) CostLines(ctx context.Context, eventID int64) ([]costs.Line, error) {
	return loadLines(ctx, s.read, eventID)
}

func loadLines(ctx context.Context, q querier, eventID int64) ([]costs.Line, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+lineCols+` FROM cost_lines WHERE event_id = ? ORDER BY id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: cost lines %d: %w", eventID, err)
	}
	defer rows.Close()
	var out []costs.Line
	for rows.Next() {
		_, l, err := scanLine(rows)
		if err != nil {
			return nil, fmt.Errorf("store: cost lines %d: %w", eventID, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// lineByID finds one line and its row ID.
func lineByID(ctx context.Context, q querier, eventID int64, lineID string) (int64, costs.Line, error) {
	var row int64
	if n, ok := strings.CutPrefix(lineID, manualPrefix); ok {
		row, _ = strconv.ParseInt(n, 10, 64)
		lineID = ""
	}
	id, l, err := scanLine(q.QueryRowContext(ctx, `SELECT `+lineCols+` FROM cost_lines
		WHERE event_id = ? AND (line_key = ? OR (line_key IS NULL AND id = ?))`, eventID, lineID, row))
	if err != nil {
		return 0, l, notFound(err, "cost line in event", eventID)
	}
	return id, l, nil
}

func insertLine(tx *sql.Tx, eventID int64, l costs.Line) (int64, error) {
	var key any
	if l.Source == costs.AutoEstimate {
		key = l.ID
	}
	res, err := tx.Exec(`INSERT INTO cost_lines (event_id, line_key, category, bearer, school_id, family_id, teacher_id, local_authority_id,
		school_type, description, qty_thousandths, unit, unit_cost_pence, estimated_pence, auto_estimated_pence, actual_pence, claimed_pence,
		approved_pence, notes, evidence_ref, overridden, override_reason, source)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		eventID, key, l.Category, l.Bearer, nullInt(l.SchoolID), nullInt(l.FamilyID), nullInt(l.TeacherID), nullInt(l.LocalAuthorityID),
		l.SchoolType, l.Description, int64(l.Quantity), l.Unit, int64(l.UnitCost), int64(l.Estimated), int64(l.AutoEstimated),
		penceArg(l.Actual), penceArg(l.Claimed), penceArg(l.Approved), l.Notes, l.EvidenceRef, b2i(l.Overridden), l.OverrideReason, l.Source)
	if err != nil {
		return 0, fmt.Errorf("store: insert cost line %q: %w", l.ID, err)
	}
	return res.LastInsertId()
}

func updateLine(tx *sql.Tx, row int64, l costs.Line) error {
	_, err := tx.Exec(`UPDATE cost_lines SET category = ?, bearer = ?, school_id = ?, family_id = ?, teacher_id = ?, local_authority_id = ?,
		school_type = ?, description = ?, qty_thousandths = ?, unit = ?, unit_cost_pence = ?, estimated_pence = ?, auto_estimated_pence = ?,
		actual_pence = ?, claimed_pence = ?, approved_pence = ?, notes = ?, evidence_ref = ?, overridden = ?, override_reason = ? WHERE id = ?`,
		l.Category, l.Bearer, nullInt(l.SchoolID), nullInt(l.FamilyID), nullInt(l.TeacherID), nullInt(l.LocalAuthorityID),
		l.SchoolType, l.Description, int64(l.Quantity), l.Unit, int64(l.UnitCost), int64(l.Estimated), int64(l.AutoEstimated),
		penceArg(l.Actual), penceArg(l.Claimed), penceArg(l.Approved), l.Notes, l.EvidenceRef, b2i(l.Overridden), l.OverrideReason, row)
	if err != nil {
		return fmt.Errorf("store: update cost line %q: %w", l.ID, err)
	}
	return nil
}

// AddCostLine records a line typed in by the coordinator and returns its ID.
func (s *Store) AddCostLine(ctx context.Context, actor domain.Actor, eventID int64, l costs.Line) (string, error) {
	l.Source, l.ID, l.Overridden, l.OverrideReason = costs.Manual, "", false, ""
	if err := l.Validate(); err != nil {
		return "", err
	}
	var id string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		row, err := insertLine(tx, eventID, l)
		if err != nil {
			return err
		}
		l.ID = manualPrefix + strconv.FormatInt(row, 10)
		id = l.ID
		return s.audit(tx, actor, "create", "cost_line", row, nil, lineAudit(eventID, l))
	})
	return id, err
}

// UpdateManualLine changes what the coordinator typed for a line: its
// category, who bears it, its description, estimate, notes and evidence.
// A line the estimate made is refused with a message on the line (it is
// overridden with a reason instead, or recalculating would undo the
// change).
func (s *Store) UpdateManualLine(ctx context.Context, actor domain.Actor, eventID int64, lineID string, in costs.Line) error {
	return s.changeLine(ctx, actor, eventID, lineID, "update", func(l *costs.Line) error {
		if l.Source != costs.Manual {
			var p domain.Problems
			p.Add("line", "costpages.err_edit_auto")
			return p.Err()
		}
		l.Category, l.Bearer, l.Description, l.Estimated = in.Category, in.Bearer, in.Description, in.Estimated
		l.Notes, l.EvidenceRef = in.Notes, in.EvidenceRef
		return l.Validate()
	})
}

// Outcome is what happened to a line after the event: the actual cost, and
// for reimbursed costs what was claimed and what was approved.
type Outcome struct {
	Actual, Claimed, Approved *costs.Pence
	EvidenceRef, Notes        string
}

// RecordOutcome records a line's actual, claimed and approved amounts. An
// actual freezes an automatic line: recalculating never changes it again.
func (s *Store) RecordOutcome(ctx context.Context, actor domain.Actor, eventID int64, lineID string, o Outcome) error {
	return s.changeLine(ctx, actor, eventID, lineID, "record_actual", func(l *costs.Line) error {
		l.Actual, l.Claimed, l.Approved = o.Actual, o.Claimed, o.Approved
		l.EvidenceRef, l.Notes = strings.TrimSpace(o.EvidenceRef), strings.TrimSpace(o.Notes)
		return l.Validate()
	})
}

// OverrideCostLine replaces a line's estimate with the coordinator's
// figure; the reason is required and audited with the old and new amounts.
func (s *Store) OverrideCostLine(ctx context.Context, actor domain.Actor, eventID int64, lineID string, amount costs.Pence, reason string) error {
	return s.changeLine(ctx, actor, eventID, lineID, "override", func(l *costs.Line) error {
		out, err := costs.Override([]costs.Line{*l}, l.ID, amount, reason)
		if err != nil {
			return err
		}
		*l = out[0]
		return nil
	})
}

func (s *Store) changeLine(ctx context.Context, actor domain.Actor, eventID int64, lineID, action string, change func(*costs.Line) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		row, before, err := lineByID(ctx, tx, eventID, lineID)
		if err != nil {
			return err
		}
		after := before
		if err := change(&after); err != nil {
			return err
		}
		if err := updateLine(tx, row, after); err != nil {
			return err
		}
		return s.audit(tx, actor, action, "cost_line", row, lineAudit(eventID, before), lineAudit(eventID, after))
	})
}

// lineAudit is what the audit log keeps of a line: amounts and reasons,
// not the free-text description, which may name people.
func lineAudit(eventID int64, l costs.Line) map[string]any {
	m := map[string]any{"event_id": eventID, "line": l.ID, "category": l.Category, "bearer": l.Bearer,
		"estimated_pence": int64(l.Estimated), "auto_estimated_pence": int64(l.AutoEstimated)}
	for k, p := range map[string]*costs.Pence{"actual_pence": l.Actual, "claimed_pence": l.Claimed, "approved_pence": l.Approved} {
		if p != nil {
			m[k] = int64(*p)
		}
	}
	if l.Overridden {
		m["override_reason"] = l.OverrideReason
	}
	return m
}

// DeleteCostLine removes a line the coordinator typed in. Lines the
// estimate made are not deleted (recalculating would bring them back):
// they are overridden with a reason instead, so asking to delete one is a
// message beside the field.
func (s *Store) DeleteCostLine(ctx context.Context, actor domain.Actor, eventID int64, lineID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		row, l, err := lineByID(ctx, tx, eventID, lineID)
		if err != nil {
			return err
		}
		if l.Source != costs.Manual {
			var p domain.Problems
			p.Add("line", "costpages.err_delete_auto")
			return p.Err()
		}
		if _, err := tx.Exec(`DELETE FROM cost_lines WHERE id = ?`, row); err != nil {
			return fmt.Errorf("store: delete cost line %d: %w", row, err)
		}
		return s.audit(tx, actor, "delete", "cost_line", row, lineAudit(eventID, l), nil)
	})
}
