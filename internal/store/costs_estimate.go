package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"sort"
	"time"
	_ "time/tzdata" // event days are read in Europe/London wherever the app runs

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

var london = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return l
}()

// costedStatuses are the event_families statuses that count as attending
// for costs: allocated and confirmed families are planned for (catering,
// travel), attended ones came. Cancelled families and no-shows are not
// costed, so a re-estimate after the event drops their travel estimate
// unless an actual was recorded for it.
const costedStatuses = `('allocated','confirmed','attended')`

// MinutesPerMileFallback estimates a school's travel time each way when the
// coordinator has not entered one: 2 minutes a mile, i.e. 30 mph on
// average, which suits the roads from South Wales schools to a prison.
const MinutesPerMileFallback = 2

// allocation is what the costs feature reads about one showcase.
type allocation struct {
	event    domain.Event
	prison   string
	settings CostSettings
	families []allocFamily
	teachers []allocTeacher
	schools  map[int64]allocSchool
	las      []costs.LocalAuthorityRef
}

type allocFamily struct {
	costs.FamilyRef
	miles int // the primary carer's distance, each way
	// answered is set when the carer said through their link who is
	// coming; coming then counts them, the parent included.
	answered bool
	coming   int
}

type allocTeacher struct {
	id, school int64
	needsCover bool
	slots      []int
}

type allocSchool struct {
	costs.SchoolRef
	miles, minutes int
}

// costRefs are the schools and local authorities every showcase's costs
// refer to: loaded once for a report over many showcases, not once each.
type costRefs struct {
	schools map[int64]allocSchool
	las     []costs.LocalAuthorityRef
}

func loadCostRefs(ctx context.Context, q querier) (costRefs, error) {
	var r costRefs
	var err error
	if r.schools, err = loadCostSchools(ctx, q); err != nil {
		return r, err
	}
	r.las, err = loadLARefs(ctx, q)
	return r, err
}

func loadAllocation(ctx context.Context, q querier, eventID int64) (allocation, error) {
	refs, err := loadCostRefs(ctx, q)
	if err != nil {
		return allocation{}, err
	}
	return loadAllocationWith(ctx, q, eventID, refs)
}

func loadAllocationWith(ctx context.Context, q querier, eventID int64, refs costRefs) (allocation, error) {
	a := allocation{schools: refs.schools, las: refs.las}
	var err error
	if a.event, err = scanEvent(q.QueryRowContext(ctx, `SELECT `+eventCols+` FROM events WHERE id = ?`, eventID)); err != nil {
		return a, notFound(err, "event", eventID)
	}
	if err := q.QueryRowContext(ctx, `SELECT name FROM prisons WHERE id = ?`, a.event.PrisonID).Scan(&a.prison); err != nil {
		return a, notFound(err, "prison", a.event.PrisonID)
	}
	if a.settings, err = loadCostSettings(ctx, q, eventID); err != nil {
		return a, err
	}
	if a.families, err = loadCostFamilies(ctx, q, eventID); err != nil {
		return a, err
	}
	if err := loadAnswers(ctx, q, eventID, a.families); err != nil {
		return a, err
	}
	a.teachers, err = loadCostTeachers(ctx, q, eventID)
	return a, err
}

// loadAnswers reads who each family said is coming, so catering counts the
// people expected rather than a guess of one carer and every child.
func loadAnswers(ctx context.Context, q querier, eventID int64, fams []allocFamily) error {
	rows, err := q.QueryContext(ctx, `SELECT family_id, SUM(coming), SUM(coming * (person_kind = 'child'))
		FROM attendance_answers WHERE event_id = ? GROUP BY family_id`, eventID)
	if err != nil {
		return fmt.Errorf("store: attendance answers: %w", err)
	}
	defer rows.Close()
	byFamily := map[int64]*allocFamily{}
	for i := range fams {
		byFamily[fams[i].FamilyID] = &fams[i]
	}
	for rows.Next() {
		var id int64
		var coming, children int
		if err := rows.Scan(&id, &coming, &children); err != nil {
			return fmt.Errorf("store: attendance answers: %w", err)
		}
		if f := byFamily[id]; f != nil {
			f.answered = true
			// The parent is there whenever anyone of the family comes.
			f.coming = coming
			if coming > 0 {
				f.coming++
			}
		}
	}
	return rows.Err()
}

func loadCostSchools(ctx context.Context, q querier) (map[int64]allocSchool, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.name, s.type, s.local_authority_id, s.distance_miles, COALESCE(t.minutes_each_way, -1)
		FROM schools s LEFT JOIN cost_school_travel t ON t.school_id = s.id`)
	if err != nil {
		return nil, fmt.Errorf("store: cost schools: %w", err)
	}
	defer rows.Close()
	out := map[int64]allocSchool{}
	for rows.Next() {
		var s allocSchool
		if err := rows.Scan(&s.SchoolID, &s.Name, &s.SchoolType, &s.LocalAuthorityID, &s.miles, &s.minutes); err != nil {
			return nil, fmt.Errorf("store: cost schools: %w", err)
		}
		if s.minutes < 0 {
			s.minutes = s.miles * MinutesPerMileFallback
		}
		out[s.SchoolID] = s
	}
	return out, rows.Err()
}

func loadLARefs(ctx context.Context, q querier) ([]costs.LocalAuthorityRef, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, name_cy FROM local_authorities ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: local authorities: %w", err)
	}
	defer rows.Close()
	var out []costs.LocalAuthorityRef
	for rows.Next() {
		var la costs.LocalAuthorityRef
		if err := rows.Scan(&la.ID, &la.Name, &la.NameCy); err != nil {
			return nil, fmt.Errorf("store: local authorities: %w", err)
		}
		out = append(out, la)
	}
	return out, rows.Err()
}

// loadCostFamilies lists the costed families with their attending
// children's count, local authority (the first child's, else that child's
// school's) and school types, and the primary carer's distance.
func loadCostFamilies(ctx context.Context, q querier, eventID int64) ([]allocFamily, error) {
	rows, err := q.QueryContext(ctx, `SELECT ef.family_id,
		COALESCE((SELECT distance_miles FROM carers WHERE family_id = ef.family_id ORDER BY distance_miles > 0 DESC, is_primary DESC, id LIMIT 1), 0),
		c.id, COALESCE(c.local_authority_id, s.local_authority_id, 0), COALESCE(s.type, ''), COALESCE(c.wants_to_attend <> 'no', 0), COALESCE(c.school_id, 0)
		FROM event_families ef LEFT JOIN children c ON c.family_id = ef.family_id LEFT JOIN schools s ON s.id = c.school_id
		WHERE ef.event_id = ? AND ef.status IN `+costedStatuses+` ORDER BY ef.family_id, c.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: cost families %d: %w", eventID, err)
	}
	defer rows.Close()
	var out []allocFamily
	for rows.Next() {
		var f allocFamily
		var child sql.NullInt64
		var la int64
		var typ string
		var attending bool
		var school int64
		if err := rows.Scan(&f.FamilyID, &f.miles, &child, &la, &typ, &attending, &school); err != nil {
			return nil, fmt.Errorf("store: cost families %d: %w", eventID, err)
		}
		if len(out) == 0 || out[len(out)-1].FamilyID != f.FamilyID {
			out = append(out, f)
		}
		cur := &out[len(out)-1]
		if cur.LocalAuthorityID == 0 {
			cur.LocalAuthorityID = la
		}
		if attending && child.Valid {
			cur.Children++
			if typ != "" {
				cur.SchoolTypes = append(cur.SchoolTypes, typ)
			}
			if school != 0 {
				cur.SchoolIDs = append(cur.SchoolIDs, school)
			}
		}
	}
	return out, rows.Err()
}

// loadCostTeachers lists teachers with meetings with costed families. A
// teacher needs cover unless recorded otherwise or, by default, unless a
// head, education welfare officer or tutor (no class to cover).
func loadCostTeachers(ctx context.Context, q querier, eventID int64) ([]allocTeacher, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.school_id,
		COALESCE(cc.needs_cover, CASE WHEN t.role IN ('head','ewo','tutor') THEN 0 ELSE 1 END), m.slot
		FROM meetings m JOIN event_families ef ON ef.event_id = m.event_id AND ef.family_id = m.family_id
		JOIN teachers t ON t.id = m.teacher_id LEFT JOIN cost_teacher_cover cc ON cc.teacher_id = t.id
		WHERE m.event_id = ? AND ef.status IN `+costedStatuses+` ORDER BY t.id, m.slot`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: cost teachers %d: %w", eventID, err)
	}
	defer rows.Close()
	var out []allocTeacher
	for rows.Next() {
		var t allocTeacher
		var slot int
		if err := rows.Scan(&t.id, &t.school, &t.needsCover, &slot); err != nil {
			return nil, fmt.Errorf("store: cost teachers %d: %w", eventID, err)
		}
		if len(out) == 0 || out[len(out)-1].id != t.id {
			out = append(out, t)
		}
		out[len(out)-1].slots = append(out[len(out)-1].slots, slot)
	}
	return out, rows.Err()
}

// estimateInput turns the allocation into costs.EstimateInput:
//   - meeting times are the event start plus slot × slot length;
//   - each teacher's arrival allowance is the event's arrival time, and
//     their travel is their school's minutes each way; the first teacher of
//     a school drives and the others are passengers (one car per school);
//   - the event runs from arrival (doors open) to the end of the last
//     slot, and staff on the day work that plus the set-up time;
//   - catering counts, per costed family, those the carer said are coming
//     and the parent, or without an answer the parent, one carer and the
//     attending children, plus every teacher with a meeting.
func (a allocation) estimateInput() costs.EstimateInput {
	ev := a.event
	slot := time.Duration(ev.SlotMinutes) * time.Minute
	arrival := time.Duration(ev.ArrivalMinutes) * time.Minute
	in := costs.EstimateInput{
		EventDate: ev.StartsAt.In(london), PrisonID: ev.PrisonID,
		EventLength: arrival + time.Duration(ev.Slots)*slot,
		Setup:       time.Duration(a.settings.SetupMinutes) * time.Minute,
		Staff:       a.settings.Staff, PrepStaff: a.settings.Prep,
		HalfDayThreshold: time.Duration(a.settings.HalfDayThresholdMinutes) * time.Minute,
	}
	seenSchool := map[int64]bool{}
	for _, t := range a.teachers {
		s := a.schools[t.school]
		plan := costs.TeacherPlan{TeacherID: t.id, SchoolID: t.school, NeedsCover: t.needsCover, Passenger: seenSchool[t.school],
			TravelEachWay: time.Duration(s.minutes) * time.Minute, Arrival: arrival}
		for _, n := range t.slots {
			start := ev.StartsAt.Add(time.Duration(n) * slot)
			plan.Meetings = append(plan.Meetings, costs.Meeting{Start: start, End: start.Add(slot)})
		}
		in.Teachers = append(in.Teachers, plan)
		if !seenSchool[t.school] {
			seenSchool[t.school] = true
			in.Schools = append(in.Schools, costs.SchoolTrip{SchoolID: s.SchoolID, LocalAuthorityID: s.LocalAuthorityID,
				SchoolType: s.SchoolType, MilesEachWay: costs.Units(int64(s.miles))})
		}
	}
	in.Attendees = len(a.teachers)
	for _, f := range a.families {
		if f.answered {
			in.Attendees += f.coming
			in.Confirmed += f.coming
		} else {
			in.Attendees += 2 + f.Children
		}
		in.Families = append(in.Families, costs.FamilyTrip{FamilyID: f.FamilyID, LocalAuthorityID: f.LocalAuthorityID,
			MilesEachWay: costs.Units(int64(f.miles))})
	}
	return in
}

// EstimateInput is the estimator's view of a showcase's stored allocation.
func (s *Store) EstimateInput(ctx context.Context, eventID int64) (costs.EstimateInput, error) {
	a, err := loadAllocation(ctx, s.read, eventID)
	if err != nil {
		return costs.EstimateInput{}, err
	}
	return a.estimateInput(), nil
}

// ReestimateCosts recomputes a showcase's automatic lines from its current
// allocation and rates, in one transaction. Manual lines, recorded actuals
// and the coordinator's overrides are never rewritten (costs.Reestimate);
// only lines whose figures changed are written. A missing rate fails the
// whole recalculation with an error wrapping costs.ErrNoRate.
func (s *Store) ReestimateCosts(ctx context.Context, actor domain.Actor, eventID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		a, err := loadAllocation(ctx, tx, eventID)
		if err != nil {
			return err
		}
		rates, err := rateTable(ctx, tx)
		if err != nil {
			return err
		}
		fresh, err := costs.Estimate(a.estimateInput(), rates)
		if err != nil {
			return err
		}
		existing, err := loadLines(ctx, tx, eventID)
		if err != nil {
			return err
		}
		merged := costs.Reestimate(existing, fresh)
		changed, err := s.writeAutoLines(ctx, tx, eventID, existing, merged)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE events SET costed_rev = cost_inputs_rev WHERE id = ?`, eventID); err != nil {
			return fmt.Errorf("store: reestimate: %w", err)
		}
		before, after := costs.Summarise(existing, 0, 0).Total, costs.Summarise(merged, 0, 0).Total
		return s.audit(tx, actor, "reestimate", "event_costs", eventID,
			map[string]any{"lines": before.Lines, "estimated_pence": int64(before.Estimated)},
			map[string]any{"lines": after.Lines, "estimated_pence": int64(after.Estimated), "changed": changed})
	})
}

// writeAutoLines makes the stored automatic lines equal merged's: new ones
// inserted, changed ones updated, dropped ones deleted. It returns the IDs
// it touched, sorted.
func (s *Store) writeAutoLines(ctx context.Context, tx *sql.Tx, eventID int64, existing, merged []costs.Line) ([]string, error) {
	old := map[string]costs.Line{}
	for _, l := range existing {
		if l.Source == costs.AutoEstimate {
			old[l.ID] = l
		}
	}
	var changed []string
	keep := map[string]bool{}
	for _, l := range merged {
		if l.Source != costs.AutoEstimate {
			continue
		}
		keep[l.ID] = true
		o, ok := old[l.ID]
		switch {
		case !ok:
			if _, err := insertLine(tx, eventID, l); err != nil {
				return nil, err
			}
		case !reflect.DeepEqual(o, l):
			row, _, err := lineByID(ctx, tx, eventID, l.ID)
			if err != nil {
				return nil, err
			}
			if err := updateLine(tx, row, l); err != nil {
				return nil, err
			}
		default:
			continue
		}
		changed = append(changed, l.ID)
	}
	for id := range old {
		if keep[id] {
			continue
		}
		if _, err := tx.Exec(`DELETE FROM cost_lines WHERE event_id = ? AND line_key = ?`, eventID, id); err != nil {
			return nil, fmt.Errorf("store: drop cost line %q: %w", id, err)
		}
		changed = append(changed, id)
	}
	sort.Strings(changed)
	return changed, nil
}
