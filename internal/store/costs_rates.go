package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// StoredRate is a configured rate with its row ID, for listing and removal.
type StoredRate struct {
	ID int64
	costs.Rate
}

// AddRate records a rate from its effective date. It never touches cost
// lines: actuals keep their amounts, and estimates change only when the
// coordinator recalculates. A second rate for the same scope, key and day
// is a validation error on effective_from. A prison's rate is set only by
// someone who works with that prison.
func (s *Store) AddRate(ctx context.Context, actor domain.Actor, r costs.Rate) (int64, error) {
	if r.Scope.Kind == costs.PrisonScope && !actor.Scope.HasPrison(r.Scope.ID) {
		return 0, &domain.ValidationError{Fields: []domain.FieldError{{Field: "scope", Key: "err.choice"}}}
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM cost_rates WHERE scope_kind = ? AND scope_id = ? AND key = ? AND effective_from = ?`,
			r.Scope.Kind, r.Scope.ID, r.Key, r.EffectiveFrom.Format(time.DateOnly)).Scan(&n); err != nil {
			return fmt.Errorf("store: add rate: %w", err)
		}
		if n > 0 {
			return &domain.ValidationError{Fields: []domain.FieldError{{Field: "effective_from", Key: "costpages.err.rate_exists"}}}
		}
		res, err := tx.Exec(`INSERT INTO cost_rates (scope_kind, scope_id, key, effective_from, amount_pence, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.Scope.Kind, r.Scope.ID, r.Key, r.EffectiveFrom.Format(time.DateOnly), r.Amount, s.stamp())
		if err != nil {
			return fmt.Errorf("store: add rate: %w", err)
		}
		id, _ = res.LastInsertId()
		if err := bumpCostInputs(tx, "1"); err != nil {
			return err
		}
		return s.audit(tx, actor, "create", "cost_rate", id, nil, rateAudit(r))
	})
	return id, err
}

// DeleteRate removes a rate entered by mistake. Lines already estimated
// with it keep their amounts until the next recalculation.
func (s *Store) DeleteRate(ctx context.Context, actor domain.Actor, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := scanRate(tx.QueryRow(`SELECT `+rateCols+` FROM cost_rates WHERE id = ?`, id))
		if err != nil {
			return notFound(err, "cost rate", id)
		}
		// A prison's rate is the business of that prison's staff only;
		// local authorities' rates are everyone's, as the rates page lists.
		if r.Scope.Kind == costs.PrisonScope && !actor.Scope.HasPrison(r.Scope.ID) {
			return fmt.Errorf("store: cost rate %d: %w", id, domain.ErrNotFound)
		}
		if _, err := tx.Exec(`DELETE FROM cost_rates WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: delete rate %d: %w", id, err)
		}
		if err := bumpCostInputs(tx, "1"); err != nil {
			return err
		}
		return s.audit(tx, actor, "delete", "cost_rate", id, rateAudit(r.Rate), nil)
	})
}

// Rates lists every rate by scope, key and date: every local authority's,
// and the prisons' in sc.
func (s *Store) Rates(ctx context.Context, sc domain.Scope) ([]StoredRate, error) {
	all, err := loadRates(ctx, s.read)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, r := range all {
		if r.Scope.Kind != costs.PrisonScope || sc.HasPrison(r.Scope.ID) {
			out = append(out, r)
		}
	}
	return out, nil
}

// RateTable is every rate, with history, ready for costs.Estimate.
func (s *Store) RateTable(ctx context.Context) (*costs.RateTable, error) {
	return rateTable(ctx, s.read)
}

const rateCols = `id, scope_kind, scope_id, key, effective_from, amount_pence`

func scanRate(r interface{ Scan(...any) error }) (StoredRate, error) {
	var x StoredRate
	var from string
	err := r.Scan(&x.ID, &x.Scope.Kind, &x.Scope.ID, &x.Key, &from, &x.Amount)
	x.EffectiveFrom, _ = time.Parse(time.DateOnly, from)
	return x, err
}

func loadRates(ctx context.Context, q querier) ([]StoredRate, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+rateCols+` FROM cost_rates ORDER BY scope_kind DESC, scope_id, key, effective_from`)
	if err != nil {
		return nil, fmt.Errorf("store: rates: %w", err)
	}
	defer rows.Close()
	var out []StoredRate
	for rows.Next() {
		r, err := scanRate(rows)
		if err != nil {
			return nil, fmt.Errorf("store: rates: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func rateTable(ctx context.Context, q querier) (*costs.RateTable, error) {
	rates, err := loadRates(ctx, q)
	if err != nil {
		return nil, err
	}
	t, _ := costs.NewRateTable()
	for _, r := range rates {
		if err := t.Add(r.Rate); err != nil {
			return nil, fmt.Errorf("store: rate %d: %w", r.ID, err)
		}
	}
	return t, nil
}

func rateAudit(r costs.Rate) map[string]any {
	return map[string]any{"scope": r.Scope.Kind, "scope_id": r.Scope.ID, "key": r.Key,
		"effective_from": r.EffectiveFrom.Format(time.DateOnly), "amount_pence": int64(r.Amount)}
}

// CostSettings is what the estimator needs about a showcase beyond its
// allocation: prison staff on the day and for preparation, the set-up time
// added to the event for staff on the day, and the longest absence that
// half-day supply cover still covers.
type CostSettings struct {
	SetupMinutes            int
	HalfDayThresholdMinutes int
	Staff                   []costs.StaffCount
	Prep                    []costs.StaffTime
}

// DefaultCostSettings apply to a showcase until someone saves its own.
var DefaultCostSettings = CostSettings{SetupMinutes: 60, HalfDayThresholdMinutes: int(costs.DefaultHalfDayThreshold / time.Minute)}

// CostSettings returns a showcase's estimate settings, or the defaults; a
// showcase outside sc is ErrNotFound.
func (s *Store) CostSettings(ctx context.Context, sc domain.Scope, eventID int64) (CostSettings, error) {
	if err := eventInScope(ctx, s.read, sc, eventID); err != nil {
		return CostSettings{}, err
	}
	return loadCostSettings(ctx, s.read, eventID)
}

func loadCostSettings(ctx context.Context, q querier, eventID int64) (CostSettings, error) {
	cs := DefaultCostSettings
	err := q.QueryRowContext(ctx, `SELECT setup_minutes, half_day_threshold_minutes FROM event_cost_settings WHERE event_id = ?`, eventID).
		Scan(&cs.SetupMinutes, &cs.HalfDayThresholdMinutes)
	if err != nil && err != sql.ErrNoRows {
		return cs, fmt.Errorf("store: cost settings %d: %w", eventID, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, role, count, minutes FROM event_cost_staff WHERE event_id = ? ORDER BY kind, role`, eventID)
	if err != nil {
		return cs, fmt.Errorf("store: cost staff %d: %w", eventID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, role string
		var count, minutes int
		if err := rows.Scan(&kind, &role, &count, &minutes); err != nil {
			return cs, fmt.Errorf("store: cost staff %d: %w", eventID, err)
		}
		if kind == "on_the_day" {
			cs.Staff = append(cs.Staff, costs.StaffCount{Role: role, Count: count})
		} else {
			cs.Prep = append(cs.Prep, costs.StaffTime{Role: role, Count: count, Time: time.Duration(minutes) * time.Minute})
		}
	}
	return cs, rows.Err()
}

// SetCostSettings replaces a showcase's estimate settings.
func (s *Store) SetCostSettings(ctx context.Context, actor domain.Actor, eventID int64, cs CostSettings) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		before, err := loadCostSettings(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO event_cost_settings (event_id, setup_minutes, half_day_threshold_minutes) VALUES (?, ?, ?)
			ON CONFLICT (event_id) DO UPDATE SET setup_minutes = excluded.setup_minutes, half_day_threshold_minutes = excluded.half_day_threshold_minutes`,
			eventID, cs.SetupMinutes, cs.HalfDayThresholdMinutes); err != nil {
			return fmt.Errorf("store: cost settings %d: %w", eventID, err)
		}
		if _, err := tx.Exec(`DELETE FROM event_cost_staff WHERE event_id = ?`, eventID); err != nil {
			return fmt.Errorf("store: cost staff %d: %w", eventID, err)
		}
		ins := `INSERT INTO event_cost_staff (event_id, kind, role, count, minutes) VALUES (?, ?, ?, ?, ?)`
		for _, st := range cs.Staff {
			if _, err := tx.Exec(ins, eventID, "on_the_day", strings.TrimSpace(st.Role), st.Count, 0); err != nil {
				return fmt.Errorf("store: cost staff %d: %w", eventID, err)
			}
		}
		for _, st := range cs.Prep {
			if _, err := tx.Exec(ins, eventID, "preparation", strings.TrimSpace(st.Role), st.Count, int(st.Time/time.Minute)); err != nil {
				return fmt.Errorf("store: cost staff %d: %w", eventID, err)
			}
		}
		if err := bumpCostInputs(tx, "id = ?", eventID); err != nil {
			return err
		}
		return s.audit(tx, actor, "update", "event_cost_settings", eventID, before, cs)
	})
}

// SetSchoolTravel records how long the journey from a school to the
// prison takes, each way.
func (s *Store) SetSchoolTravel(ctx context.Context, actor domain.Actor, schoolID int64, minutesEachWay int) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO cost_school_travel (school_id, minutes_each_way) VALUES (?, ?)
			ON CONFLICT (school_id) DO UPDATE SET minutes_each_way = excluded.minutes_each_way`, schoolID, minutesEachWay); err != nil {
			return fmt.Errorf("store: school travel %d: %w", schoolID, err)
		}
		if err := bumpCostInputs(tx, "1"); err != nil {
			return err
		}
		return s.audit(tx, actor, "update", "school_travel", schoolID, nil, map[string]int{"minutes_each_way": minutesEachWay})
	})
}

// SetTeacherCover records whether a teacher's absence needs supply cover,
// overriding the default by role.
func (s *Store) SetTeacherCover(ctx context.Context, actor domain.Actor, teacherID int64, needsCover bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO cost_teacher_cover (teacher_id, needs_cover) VALUES (?, ?)
			ON CONFLICT (teacher_id) DO UPDATE SET needs_cover = excluded.needs_cover`, teacherID, b2i(needsCover)); err != nil {
			return fmt.Errorf("store: teacher cover %d: %w", teacherID, err)
		}
		if err := bumpCostInputs(tx, "1"); err != nil {
			return err
		}
		return s.audit(tx, actor, "update", "teacher_cover", teacherID, nil, map[string]bool{"needs_cover": needsCover})
	})
}
