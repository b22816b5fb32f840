package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"schoolzone/internal/domain"
)

// The safeguards that must hold at every moment, for every showcase not yet
// held or cancelled ("upcoming"):
//
//  1. A seated family passes every gate (domain.Case.CheckAllocatable,
//     which includes no open conflict with a child's register).
//  2. A family is seated at no more than one upcoming showcase.
//  3. Every seated family has at least one meeting, and every meeting is
//     with a seated family.
//  4. Every meeting's teacher is nominated for a school of that family's
//     attending children and is on the register of every attending child at
//     that school (domain.Case.MeetingAllowed).
//  5. A change to what the allocation or costs are built from marks them out
//     of date (events.inputs_rev, cost_inputs_rev).
//
// Changes that could break them settle the family inside their own
// transaction (settleFamily, settleTeacher); SaveAllocation refuses a plan
// that breaks them (checkEvent). Whoever calls, page, API, demo or CLI, goes
// through these functions. What a teacher may be told (rule 4, and
// domain.PupilsFor) is applied again where documents are built.

const upcomingEvents = `SELECT id FROM events WHERE status NOT IN ('held','cancelled')`

// seated is the event_families condition for a family with a place.
const seated = `status IN ('allocated','confirmed')`

// unseat takes a family out of one showcase: no table, no meetings. The
// reason is one of systemCancelReasons, so allocating again brings the family
// back once its case allows it.
func unseat(tx *sql.Tx, eventID, familyID int64, reason string) error {
	if _, err := tx.Exec(`UPDATE event_families SET status = 'cancelled', table_id = NULL, status_reason = ?
		WHERE event_id = ? AND family_id = ? AND `+seated, reason, eventID, familyID); err != nil {
		return fmt.Errorf("store: take family out of showcase: %w", err)
	}
	if _, err := tx.Exec(`DELETE FROM meetings WHERE event_id = ? AND family_id = ?`, eventID, familyID); err != nil {
		return fmt.Errorf("store: take family out of showcase: %w", err)
	}
	return nil
}

// unseatReason words why the app took a family out. Consent withdrawn or
// clearance refused keeps its older, stronger reason.
func unseatReason(err error) string {
	var g *domain.GateError
	if errors.As(err, &g) && (g.Gate == domain.GateConsent || g.Key == "gate.clearance_refused") {
		return "withdrawn"
	}
	return "not_ready"
}

// allocationSignature is what the allocation reads from a case. When it
// changes, a saved allocation is out of date.
func allocationSignature(c domain.Case) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%v|", c.Family.PrisonID, c.Ready())
	for _, ch := range c.AttendingChildren() {
		fmt.Fprintf(&b, "%d:%v:%v;", ch.ID, ch.NeedsQuiet, ch.NeedsStepFree)
	}
	for _, sc := range c.SchoolIDs() {
		for _, t := range c.Nominated(sc) {
			if c.MeetingAllowed(t, sc) {
				fmt.Fprintf(&b, "m%d;", t)
			}
		}
	}
	return b.String()
}

// settleFamily brings the family's places at upcoming showcases back in line
// with its case, inside the change's own transaction: a family that no
// longer passes every gate is taken out, a meeting the child's register no
// longer allows is withdrawn, and a family left with no meeting is taken
// out. Any change, or any change to what the allocation reads, marks the
// showcases at the family's prison out of date. before is the case as it
// stood when the transaction began.
func (s *Store) settleFamily(ctx context.Context, tx *sql.Tx, actor domain.Actor, before domain.Case) error {
	id := before.Family.ID
	c, err := loadCase(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := writeDerived(ctx, tx, c); err != nil {
		return err
	}
	events, err := column[int64](ctx, tx, "settle family", `SELECT event_id FROM event_families
		WHERE family_id = ? AND `+seated+` AND event_id IN (`+upcomingEvents+`) ORDER BY event_id`, id)
	if err != nil {
		return err
	}
	changed := map[string]any{}
	for _, ev := range events {
		if err := c.CheckAllocatable(); err != nil {
			if err := unseat(tx, ev, id, unseatReason(err)); err != nil {
				return err
			}
			changed[fmt.Sprint("event_", ev)] = "taken_out"
			continue
		}
		dropped, left, err := dropMeetings(ctx, tx, c, ev)
		if err != nil {
			return err
		}
		if len(dropped) > 0 {
			changed[fmt.Sprint("event_", ev)] = map[string]any{"meetings_withdrawn_teachers": dropped}
		}
		if left == 0 {
			if err := unseat(tx, ev, id, "no_meetings"); err != nil {
				return err
			}
			changed[fmt.Sprint("event_", ev)] = "taken_out"
		}
	}
	if len(changed) > 0 || allocationSignature(before) != allocationSignature(c) {
		if err := bumpInputs(tx, `prison_id IN (?, ?)`, before.Family.PrisonID, c.Family.PrisonID); err != nil {
			return err
		}
	}
	if len(changed) > 0 {
		return s.audit(tx, actor, "settle_showcases", "family", id, nil, changed)
	}
	return nil
}

// dropMeetings withdraws the family's meetings at one showcase that its case
// no longer allows. It returns the teachers withdrawn and how many meetings
// are left.
func dropMeetings(ctx context.Context, tx *sql.Tx, c domain.Case, eventID int64) (dropped []int64, left int, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.teacher_id, t.school_id FROM meetings m JOIN teachers t ON t.id = m.teacher_id
		WHERE m.event_id = ? AND m.family_id = ? ORDER BY m.id`, eventID, c.Family.ID)
	if err != nil {
		return nil, 0, fmt.Errorf("store: family meetings: %w", err)
	}
	var drop []int64
	for rows.Next() {
		var mid, tid, sid int64
		if err := rows.Scan(&mid, &tid, &sid); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("store: family meetings: %w", err)
		}
		if c.MeetingAllowed(tid, sid) {
			left++
			continue
		}
		drop = append(drop, mid)
		if !slices.Contains(dropped, tid) {
			dropped = append(dropped, tid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: family meetings: %w", err)
	}
	for _, mid := range drop {
		if _, err := tx.Exec(`DELETE FROM meetings WHERE id = ?`, mid); err != nil {
			return nil, 0, fmt.Errorf("store: withdraw meeting: %w", err)
		}
	}
	return dropped, left, nil
}

// bumpInputs marks upcoming showcases matching where out of date: their
// allocation and their costs.
func bumpInputs(tx *sql.Tx, where string, args ...any) error {
	if _, err := tx.Exec(`UPDATE events SET inputs_rev = inputs_rev + 1, cost_inputs_rev = cost_inputs_rev + 1
		WHERE id IN (`+upcomingEvents+`) AND (`+where+`)`, args...); err != nil {
		return fmt.Errorf("store: mark showcases out of date: %w", err)
	}
	return nil
}

// bumpCostInputs marks upcoming showcases matching where as having costs out
// of date (rates, staffing, travel, the allocation itself).
func bumpCostInputs(tx *sql.Tx, where string, args ...any) error {
	if _, err := tx.Exec(`UPDATE events SET cost_inputs_rev = cost_inputs_rev + 1
		WHERE id IN (`+upcomingEvents+`) AND (`+where+`)`, args...); err != nil {
		return fmt.Errorf("store: mark costs out of date: %w", err)
	}
	return nil
}

// settleTeacher withdraws a teacher who is not coming from one showcase:
// their meetings go, and a family left with no meeting is taken out.
func settleTeacher(ctx context.Context, tx *sql.Tx, eventID, teacherID int64) error {
	fams, err := column[int64](ctx, tx, "withdraw teacher", `SELECT family_id FROM meetings WHERE event_id = ? AND teacher_id = ?`, eventID, teacherID)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM meetings WHERE event_id = ? AND teacher_id = ?`, eventID, teacherID); err != nil {
		return fmt.Errorf("store: withdraw teacher: %w", err)
	}
	for _, f := range fams {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM meetings WHERE event_id = ? AND family_id = ?`, eventID, f).Scan(&n); err != nil {
			return fmt.Errorf("store: withdraw teacher: %w", err)
		}
		if n == 0 {
			if err := unseat(tx, eventID, f, "no_meetings"); err != nil {
				return err
			}
		}
	}
	return nil
}

// Violation is one broken safeguard, named by references only.
type Violation struct {
	EventID int64
	Family  string // FAM-0012
	Key     string // catalogue key: gate.seat_not_ready and so on
}

func (v Violation) String() string { return fmt.Sprintf("event %d %s: %s", v.EventID, v.Family, v.Key) }

// checkEvent lists every safeguard a showcase's places and meetings break.
// It reads through q, so inside a transaction it sees the change being made.
func checkEvent(ctx context.Context, q querier, eventID int64) ([]Violation, error) {
	type place struct {
		ref      string
		meetings int
	}
	rows, err := q.QueryContext(ctx, `SELECT ef.family_id, f.ref,
		(SELECT count(*) FROM meetings m WHERE m.event_id = ef.event_id AND m.family_id = ef.family_id),
		(SELECT count(*) FROM event_families o WHERE o.family_id = ef.family_id AND o.event_id <> ef.event_id
			AND o.status IN ('allocated','confirmed') AND o.event_id IN (`+upcomingEvents+`))
		FROM event_families ef JOIN families f ON f.id = ef.family_id
		WHERE ef.event_id = ? AND ef.`+seated+` ORDER BY f.ref`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: check showcase: %w", err)
	}
	places := map[int64]place{}
	var ids []int64
	var out []Violation
	for rows.Next() {
		var id int64
		var p place
		var elsewhere int
		if err := rows.Scan(&id, &p.ref, &p.meetings, &elsewhere); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: check showcase: %w", err)
		}
		places[id] = p
		ids = append(ids, id)
		if elsewhere > 0 {
			out = append(out, Violation{eventID, p.ref, "gate.seat_elsewhere"})
		}
		if p.meetings == 0 {
			out = append(out, Violation{eventID, p.ref, "gate.seat_no_meetings"})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: check showcase: %w", err)
	}
	seatedCases, err := loadCases(ctx, q, byIDs(ids...))
	if err != nil {
		return nil, err
	}
	cases := map[int64]domain.Case{}
	for _, c := range seatedCases {
		cases[c.Family.ID] = c
		if err := c.CheckAllocatable(); err != nil {
			out = append(out, Violation{eventID, places[c.Family.ID].ref, "gate.seat_not_ready"})
		}
	}
	mrows, err := q.QueryContext(ctx, `SELECT m.family_id, f.ref, m.teacher_id, t.school_id FROM meetings m
		JOIN families f ON f.id = m.family_id JOIN teachers t ON t.id = m.teacher_id WHERE m.event_id = ? ORDER BY m.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: check meetings: %w", err)
	}
	type meeting struct {
		family, teacher, school int64
		ref                     string
	}
	var ms []meeting
	for mrows.Next() {
		var m meeting
		if err := mrows.Scan(&m.family, &m.ref, &m.teacher, &m.school); err != nil {
			mrows.Close()
			return nil, fmt.Errorf("store: check meetings: %w", err)
		}
		ms = append(ms, m)
	}
	mrows.Close()
	if err := mrows.Err(); err != nil {
		return nil, fmt.Errorf("store: check meetings: %w", err)
	}
	for _, m := range ms {
		c, ok := cases[m.family]
		if !ok {
			out = append(out, Violation{eventID, m.ref, "gate.meeting_without_seat"})
			continue
		}
		if !c.MeetingAllowed(m.teacher, m.school) {
			out = append(out, Violation{eventID, m.ref, "gate.meeting_not_allowed"})
		}
	}
	return out, nil
}

// CheckSafeguards lists every broken safeguard at every upcoming showcase.
// It should always be empty; tests call it after every action, and
// `schoolzone check` reports it.
func (s *Store) CheckSafeguards(ctx context.Context) ([]Violation, error) {
	events, err := column[int64](ctx, s.read, "check safeguards", upcomingEvents+` ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var out []Violation
	for _, ev := range events {
		vs, err := checkEvent(ctx, s.read, ev)
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

// refuseBroken turns the first violation into the refusal a coordinator
// sees: which family, what is wrong, and to allocate again.
func refuseBroken(vs []Violation) error {
	if len(vs) == 0 {
		return nil
	}
	return &domain.GateError{Gate: domain.GateOpen, Key: vs[0].Key, Params: map[string]any{"Family": vs[0].Family}}
}
