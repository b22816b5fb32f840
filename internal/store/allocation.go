package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
)

// Engine IDs. The allocation engine works on strings; the store names rows
// "F<family id>", "T<table id>", "TCH<teacher id>" and "SCH<school id>" so
// an ID means the same row in every run and parses back without a lookup.
func FamilyKey(id int64) string  { return "F" + strconv.FormatInt(id, 10) }
func TableKey(id int64) string   { return "T" + strconv.FormatInt(id, 10) }
func TeacherKey(id int64) string { return "TCH" + strconv.FormatInt(id, 10) }
func schoolKey(id int64) string  { return "SCH" + strconv.FormatInt(id, 10) }

// ParseKey reads the row ID back from an engine ID with the given prefix
// ("F", "T" or "TCH"); it reports false for anything else.
func ParseKey(prefix, key string) (int64, bool) {
	rest, ok := strings.CutPrefix(key, prefix)
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0 && strconv.FormatInt(id, 10) == rest
}

// AllocationRefs says what each engine ID stands for, so pages can show a
// family reference, a table label and a teacher's name, and never a
// family member's name.
type AllocationRefs struct {
	Event      domain.Event
	FamilyRef  map[string]string         // "F12" → "FAM-0012", every family at the prison
	TableLabel map[string]string         // "T5" → "A3"
	Teacher    map[string]domain.Teacher // every teacher
	Nominated  []string                  // teachers in the input, in name order
	SchoolName map[int64]string
	Withdrawn  []domain.Teacher // nominated but not coming (unavailable in every slot)
	NotReady   []string         // references of families placed earlier whose case is no longer ready
	NoMeetings []string         // references of ready families with no teacher left to meet
	Tables     []domain.HallTable
}

// systemCancelReasons are the reasons the app itself gives when it takes a
// family out of a showcase. A family cancelled for any other reason was
// taken out by a person, and allocating again must respect that.
var systemCancelReasons = []string{"withdrawn", "not_ready", "no_meetings"}

// AllocationInput builds the engine's input for a showcase from the
// records: every family at the event's prison whose case is ready (and who
// has not been cancelled from this showcase by hand), their children's
// needs, the prison's non-associations between them, the teachers their
// headteachers nominated (most recent agreement per school) and the hall.
// A teacher unavailable in every slot has withdrawn and is left out, with
// their meetings. A showcase outside sc is ErrNotFound; within it, every
// family at the event's prison is considered.
func (s *Store) AllocationInput(ctx context.Context, sc domain.Scope, eventID int64) (allocate.Input, AllocationRefs, error) {
	var in allocate.Input
	refs := AllocationRefs{FamilyRef: map[string]string{}, TableLabel: map[string]string{}, Teacher: map[string]domain.Teacher{}, SchoolName: map[int64]string{}}
	ev, err := s.Event(ctx, sc, eventID)
	if err != nil {
		return in, refs, err
	}
	refs.Event = ev
	in.Event = allocate.Event{Start: ev.StartsAt, SlotMinutes: ev.SlotMinutes, Slots: ev.Slots}
	if err := s.hallInput(ctx, ev.PrisonID, &in, &refs); err != nil {
		return in, refs, err
	}
	cases, err := s.Cases(ctx, domain.Unrestricted, ev.PrisonID)
	if err != nil {
		return in, refs, err
	}
	excluded, placed, err := s.eventFamilyStates(ctx, eventID)
	if err != nil {
		return in, refs, err
	}
	elsewhere, err := column[int64](ctx, s.read, "allocation input", `SELECT family_id FROM event_families
		WHERE event_id <> ? AND `+seated+` AND event_id IN (`+upcomingEvents+`)`, eventID)
	if err != nil {
		return in, refs, err
	}
	unavail, err := s.unavailableSlots(ctx, eventID)
	if err != nil {
		return in, refs, err
	}
	famIdx := map[int64]int{}
	nominated := map[int64]bool{}
	type pair struct{ f, t int64 }
	seen := map[pair]bool{}
	for _, cs := range cases {
		id := cs.Family.ID
		refs.FamilyRef[FamilyKey(id)] = cs.Family.Ref
		if !cs.Ready() || excluded[id] || slices.Contains(elsewhere, id) {
			if placed[id] {
				refs.NotReady = append(refs.NotReady, cs.Family.Ref)
			}
			continue
		}
		f := allocate.Family{ID: FamilyKey(id)}
		for _, ch := range cs.AttendingChildren() {
			f.NeedsQuiet = f.NeedsQuiet || ch.NeedsQuiet
			f.NeedsStepFree = f.NeedsStepFree || ch.NeedsStepFree
		}
		famIdx[id] = len(in.Families)
		in.Families = append(in.Families, f)
		for _, sp := range cs.Progress().Schools {
			for _, tid := range cs.Nominated(sp.SchoolID) {
				if !cs.MeetingAllowed(tid, sp.SchoolID) {
					continue
				}
				nominated[tid] = true
				if !seen[pair{id, tid}] {
					seen[pair{id, tid}] = true
					in.Meetings = append(in.Meetings, allocate.Meeting{Family: f.ID, Teacher: TeacherKey(tid)})
				}
			}
		}
	}
	if err := s.teacherInput(ctx, ev, nominated, unavail, &in, &refs); err != nil {
		return in, refs, err
	}
	dropUnmet(&in, famIdx, &refs)
	return in, refs, s.keepApartInput(ctx, famIdx, &in)
}

// dropUnmet leaves out families with no meeting left (every teacher they
// could meet has withdrawn): a family is never seated to meet nobody.
func dropUnmet(in *allocate.Input, famIdx map[int64]int, refs *AllocationRefs) {
	met := map[string]bool{}
	for _, m := range in.Meetings {
		met[m.Family] = true
	}
	kept := in.Families[:0]
	for id := range famIdx {
		delete(famIdx, id)
	}
	for _, f := range in.Families {
		if !met[f.ID] {
			refs.NoMeetings = append(refs.NoMeetings, refs.FamilyRef[f.ID])
			continue
		}
		id, _ := ParseKey("F", f.ID)
		famIdx[id] = len(kept)
		kept = append(kept, f)
	}
	in.Families = kept
}

// hallInput gives the allocator the hall: each table's facilities and its
// neighbours, from the grid and by hand (domain.Neighbours), which keep-apart
// families must not share.
func (s *Store) hallInput(ctx context.Context, prisonID int64, in *allocate.Input, refs *AllocationRefs) error {
	tables, err := s.HallTables(ctx, prisonID)
	if err != nil {
		return err
	}
	refs.Tables = tables
	in.Tables = make([]allocate.Table, 0, len(tables))
	neighbours := domain.Neighbours(tables)
	for _, t := range tables {
		at := allocate.Table{ID: TableKey(t.ID), Quiet: t.Quiet, StepFree: t.StepFree}
		for _, a := range neighbours[t.ID] {
			if a > t.ID {
				at.Adjacent = append(at.Adjacent, TableKey(a))
			}
		}
		in.Tables = append(in.Tables, at)
		refs.TableLabel[at.ID] = t.Label
	}
	return nil
}

// teacherInput lists the nominated teachers, drops those who have withdrawn
// (and their meetings) and records everyone's unavailable slots.
func (s *Store) teacherInput(ctx context.Context, ev domain.Event, nominated map[int64]bool, unavail map[int64][]int, in *allocate.Input, refs *AllocationRefs) error {
	all, err := s.Teachers(ctx, 0)
	if err != nil {
		return err
	}
	schools, err := s.Schools(ctx)
	if err != nil {
		return err
	}
	for _, sc := range schools {
		refs.SchoolName[sc.ID] = sc.Name
	}
	gone := map[string]bool{}
	for _, t := range all { // name order
		key := TeacherKey(t.ID)
		refs.Teacher[key] = t
		if !nominated[t.ID] {
			continue
		}
		if inRange(unavail[t.ID], ev.Slots) >= ev.Slots {
			gone[key] = true
			refs.Withdrawn = append(refs.Withdrawn, t)
			continue
		}
		refs.Nominated = append(refs.Nominated, key)
		in.Teachers = append(in.Teachers, allocate.Teacher{ID: key, School: schoolKey(t.SchoolID), UnavailableSlots: unavail[t.ID]})
	}
	in.Meetings = slices.DeleteFunc(in.Meetings, func(m allocate.Meeting) bool {
		_, known := refs.Teacher[m.Teacher]
		return gone[m.Teacher] || !known
	})
	return nil
}

func inRange(slots []int, n int) int {
	c := 0
	for _, s := range slots {
		if s >= 0 && s < n {
			c++
		}
	}
	return c
}

// keepApartInput adds the non-associations between families in the input.
func (s *Store) keepApartInput(ctx context.Context, famIdx map[int64]int, in *allocate.Input) error {
	pairs, err := s.keepApart(ctx)
	if err != nil {
		return err
	}
	for _, p := range pairs {
		i, okA := famIdx[p.FamilyA]
		_, okB := famIdx[p.FamilyB]
		if okA && okB {
			in.Families[i].KeepApart = append(in.Families[i].KeepApart, FamilyKey(p.FamilyB))
		}
	}
	return nil
}

// eventFamilyStates reports which families were taken out of the showcase
// by a person (excluded) and which are currently placed at it.
func (s *Store) eventFamilyStates(ctx context.Context, eventID int64) (excluded, placed map[int64]bool, err error) {
	rows, err := s.read.QueryContext(ctx, `SELECT family_id, status, status_reason FROM event_families WHERE event_id = ?`, eventID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: event families: %w", err)
	}
	defer rows.Close()
	excluded, placed = map[int64]bool{}, map[int64]bool{}
	for rows.Next() {
		var id int64
		var status, reason string
		if err := rows.Scan(&id, &status, &reason); err != nil {
			return nil, nil, fmt.Errorf("store: event families: %w", err)
		}
		switch {
		case status == "allocated" || status == "confirmed":
			placed[id] = true
		case status == "cancelled" && !slices.Contains(systemCancelReasons, reason):
			excluded[id] = true
		}
	}
	return excluded, placed, rows.Err()
}

func (s *Store) unavailableSlots(ctx context.Context, eventID int64) (map[int64][]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT teacher_id, slot FROM teacher_unavailable WHERE event_id = ? ORDER BY teacher_id, slot`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: teacher unavailable: %w", err)
	}
	defer rows.Close()
	out := map[int64][]int{}
	for rows.Next() {
		var t int64
		var slot int
		if err := rows.Scan(&t, &slot); err != nil {
			return nil, fmt.Errorf("store: teacher unavailable: %w", err)
		}
		out[t] = append(out[t], slot)
	}
	return out, rows.Err()
}

// SaveAllocation stores a complete allocation in one transaction: each
// family's table (a confirmed family stays confirmed; a family the app had
// taken out comes back as allocated), every meeting's slot, and an audit
// row. Families placed before but missing from r are cancelled with reason
// "not_ready" and lose their table and meetings. Tables must be in the
// event's hall, and the event in the actor's scope.
func (s *Store) SaveAllocation(ctx context.Context, actor domain.Actor, eventID int64, r allocate.Result) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		var prisonID int64
		if err := tx.QueryRow(`SELECT prison_id FROM events WHERE id = ?`, eventID).Scan(&prisonID); err != nil {
			return notFound(err, "event", eventID)
		}
		fams := map[int64]int64{}
		for fk, tk := range r.Tables {
			f, okF := ParseKey("F", fk)
			t, okT := ParseKey("T", tk)
			if !okF || !okT {
				return fmt.Errorf("store: save allocation: bad IDs %q → %q", fk, tk)
			}
			var p int64
			if err := tx.QueryRow(`SELECT prison_id FROM hall_tables WHERE id = ?`, t).Scan(&p); err != nil || p != prisonID {
				return fmt.Errorf("store: save allocation: table %d is not in the hall of event %d", t, eventID)
			}
			fams[f] = t
		}
		if err := refuseCancelledByHand(ctx, tx, eventID, fams); err != nil {
			return err
		}
		before, err := allocationCounts(tx, eventID)
		if err != nil {
			return err
		}
		if err := s.cancelMissing(ctx, tx, eventID, fams); err != nil {
			return err
		}
		for f, t := range fams {
			if _, err := tx.Exec(`INSERT INTO event_families (event_id, family_id, table_id, status) VALUES (?, ?, ?, 'allocated')
				ON CONFLICT (event_id, family_id) DO UPDATE SET table_id = excluded.table_id,
				status = CASE WHEN status = 'confirmed' THEN 'confirmed' ELSE 'allocated' END,
				status_reason = CASE WHEN status = 'confirmed' THEN status_reason ELSE '' END`, eventID, f, t); err != nil {
				return fmt.Errorf("store: save allocation: family %d: %w", f, err)
			}
		}
		if err := saveMeetings(tx, eventID, r.Meetings); err != nil {
			return err
		}
		// The plan was worked out outside this transaction: a carer may have
		// withdrawn, or a child narrowed their register, while it ran. It is
		// checked again here, against the records as they are now.
		vs, err := checkEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if err := refuseBroken(vs); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE events SET status = CASE WHEN status = 'planning' THEN 'allocated' ELSE status END,
			allocated_rev = inputs_rev, cost_inputs_rev = cost_inputs_rev + 1 WHERE id = ?`, eventID); err != nil {
			return fmt.Errorf("store: save allocation: %w", err)
		}
		after := map[string]any{"families": len(fams), "meetings": len(r.Meetings), "slots_used": r.SlotsUsed, "teacher_idle_slots": r.TeacherIdleSlots}
		return s.audit(tx, actor, "allocate", "event", eventID, before, after)
	})
}

// refuseCancelledByHand refuses to seat a family a person took out of this
// showcase: only the app's own cancellations are undone by allocating again.
func refuseCancelledByHand(ctx context.Context, tx *sql.Tx, eventID int64, fams map[int64]int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT ef.family_id, f.ref, ef.status_reason FROM event_families ef JOIN families f ON f.id = ef.family_id
		WHERE ef.event_id = ? AND ef.status = 'cancelled'`, eventID)
	if err != nil {
		return fmt.Errorf("store: save allocation: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var ref, reason string
		if err := rows.Scan(&id, &ref, &reason); err != nil {
			return fmt.Errorf("store: save allocation: %w", err)
		}
		if _, ok := fams[id]; ok && !slices.Contains(systemCancelReasons, reason) {
			return &domain.GateError{Gate: domain.GateOpen, Key: "gate.seat_cancelled_by_hand", Params: map[string]any{"Family": ref}}
		}
	}
	return rows.Err()
}

func (s *Store) cancelMissing(ctx context.Context, tx *sql.Tx, eventID int64, keep map[int64]int64) error {
	placed, err := column[int64](ctx, tx, "save allocation", `SELECT family_id FROM event_families WHERE event_id = ? AND status IN ('allocated','confirmed')`, eventID)
	if err != nil {
		return err
	}
	var gone []int64
	for _, id := range placed {
		if _, ok := keep[id]; !ok {
			gone = append(gone, id)
		}
	}
	for _, id := range gone {
		if _, err := tx.Exec(`UPDATE event_families SET status = 'cancelled', table_id = NULL, status_reason = 'not_ready' WHERE event_id = ? AND family_id = ?`, eventID, id); err != nil {
			return fmt.Errorf("store: save allocation: %w", err)
		}
	}
	return nil
}

func saveMeetings(tx *sql.Tx, eventID int64, ms []allocate.ScheduledMeeting) error {
	if _, err := tx.Exec(`DELETE FROM meetings WHERE event_id = ?`, eventID); err != nil {
		return fmt.Errorf("store: save meetings: %w", err)
	}
	for _, m := range ms {
		f, okF := ParseKey("F", m.Family)
		t, okT := ParseKey("TCH", m.Teacher)
		if !okF || !okT || m.Slot < 0 {
			return fmt.Errorf("store: save meetings: bad meeting %q–%q slot %d", m.Family, m.Teacher, m.Slot)
		}
		if _, err := tx.Exec(`INSERT INTO meetings (event_id, family_id, teacher_id, slot) VALUES (?, ?, ?, ?)`, eventID, f, t, m.Slot); err != nil {
			return fmt.Errorf("store: save meeting: %w", err)
		}
	}
	return nil
}

func allocationCounts(tx *sql.Tx, eventID int64) (map[string]any, error) {
	var fams, meets int
	err := tx.QueryRow(`SELECT (SELECT count(*) FROM event_families WHERE event_id = ?1 AND status IN ('allocated','confirmed')),
		(SELECT count(*) FROM meetings WHERE event_id = ?1)`, eventID).Scan(&fams, &meets)
	if err != nil {
		return nil, fmt.Errorf("store: save allocation: %w", err)
	}
	return map[string]any{"families": fams, "meetings": meets}, nil
}

// Allocation reads a showcase's saved allocation back in the engine's
// terms, so it can be checked, shown and re-allocated incrementally.
// Families that were cancelled, or whose table has gone from the hall, have
// no entry in Tables. A showcase outside sc is ErrNotFound.
func (s *Store) Allocation(ctx context.Context, sc domain.Scope, eventID int64) (allocate.Result, error) {
	r := allocate.Result{Tables: map[string]string{}}
	ev, err := s.Event(ctx, sc, eventID)
	if err != nil {
		return r, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT family_id, table_id FROM event_families
		WHERE event_id = ? AND status IN ('allocated','confirmed') AND table_id IS NOT NULL`, eventID)
	if err != nil {
		return r, fmt.Errorf("store: allocation: %w", err)
	}
	for rows.Next() {
		var f, t int64
		if err := rows.Scan(&f, &t); err != nil {
			rows.Close()
			return r, fmt.Errorf("store: allocation: %w", err)
		}
		r.Tables[FamilyKey(f)] = TableKey(t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("store: allocation: %w", err)
	}
	mrows, err := s.read.QueryContext(ctx, `SELECT family_id, teacher_id, slot FROM meetings WHERE event_id = ? ORDER BY slot, teacher_id, family_id`, eventID)
	if err != nil {
		return r, fmt.Errorf("store: allocation meetings: %w", err)
	}
	defer mrows.Close()
	d := time.Duration(ev.SlotMinutes) * time.Minute
	for mrows.Next() {
		var f, t int64
		var slot int
		if err := mrows.Scan(&f, &t, &slot); err != nil {
			return r, fmt.Errorf("store: allocation meetings: %w", err)
		}
		start := ev.StartsAt.Add(time.Duration(slot) * d)
		r.Meetings = append(r.Meetings, allocate.ScheduledMeeting{Family: FamilyKey(f), Teacher: TeacherKey(t), Slot: slot, Start: start, End: start.Add(d)})
		r.SlotsUsed = max(r.SlotsUsed, slot+1)
	}
	r.TeacherIdleSlots = idleSlots(r.Meetings)
	return r, mrows.Err()
}

// idleSlots sums each teacher's empty slots between their first and last
// meeting, as the engine reports it.
func idleSlots(ms []allocate.ScheduledMeeting) int {
	type span struct{ lo, hi, n int }
	by := map[string]*span{}
	for _, m := range ms {
		sp, ok := by[m.Teacher]
		if !ok {
			sp = &span{lo: m.Slot, hi: m.Slot}
			by[m.Teacher] = sp
		}
		sp.lo, sp.hi, sp.n = min(sp.lo, m.Slot), max(sp.hi, m.Slot), sp.n+1
	}
	idle := 0
	for _, sp := range by {
		idle += sp.hi - sp.lo + 1 - sp.n
	}
	return idle
}

// SetTeacherUnavailable replaces the slots a teacher cannot make at a
// showcase. Every slot unavailable means the teacher is not coming: their
// meetings are withdrawn in the same transaction, and a family left with no
// meeting is taken out rather than invited to meet nobody.
func (s *Store) SetTeacherUnavailable(ctx context.Context, actor domain.Actor, eventID, teacherID int64, slots []int) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT slots FROM events WHERE id = ?`, eventID).Scan(&n); err != nil {
			return notFound(err, "event", eventID)
		}
		if inRange(slots, n) >= n {
			if err := settleTeacher(ctx, tx, eventID, teacherID); err != nil {
				return err
			}
		}
		if err := bumpInputs(tx, `id = ?`, eventID); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM teacher_unavailable WHERE event_id = ? AND teacher_id = ?`, eventID, teacherID); err != nil {
			return fmt.Errorf("store: teacher unavailable: %w", err)
		}
		for _, slot := range slots {
			if _, err := tx.Exec(`INSERT OR IGNORE INTO teacher_unavailable (event_id, teacher_id, slot) VALUES (?, ?, ?)`, eventID, teacherID, slot); err != nil {
				return fmt.Errorf("store: teacher unavailable: %w", err)
			}
		}
		return s.audit(tx, actor, "set_teacher_unavailable", "event", eventID, nil, map[string]any{"teacher_id": teacherID, "slots": slots})
	})
}
