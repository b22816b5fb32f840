package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schoolzone/internal/domain"
)

// ShowcaseData is everything a showcase's documents and invitations are
// drawn from, read in one go. It is read straight from event_families,
// meetings and hall_tables, so it needs nothing from the allocation pages.
type ShowcaseData struct {
	Event    domain.Event
	Prison   domain.Prison
	Tables   []domain.HallTable // the prison's hall, in row and column order
	Families []ShowcaseFamily   // every family ever placed at the event, or invited to it
	Meetings []ShowcaseMeeting  // slot order
	Teachers map[int64]domain.Teacher
	Schools  map[int64]domain.School
	// NotComing are the carers and children ("carer"/"child" → IDs) whose
	// carer said, through their link, that they are not coming.
	NotComing map[string]map[int64]bool
}

// ShowcaseFamily is a family's place at a showcase with its people.
type ShowcaseFamily struct {
	Family   domain.Family
	Status   string // event_families.status; "" if the family's row is gone
	Reason   string
	TableID  int64
	Carers   []domain.Carer // primary carer first
	Children []domain.Child
}

// Active reports whether the family is still coming: placed at a table,
// not cancelled, and the parent still held at the prison.
func (f ShowcaseFamily) Active() bool {
	return (f.Status == "allocated" || f.Status == "confirmed") && f.TableID != 0 && f.Family.ParentStatus == domain.Held
}

// ShowcaseMeeting is one meeting of the timetable.
type ShowcaseMeeting struct {
	ID, FamilyID, TeacherID int64
	Slot                    int
}

// ShowcaseData loads one showcase. Teachers and families are included if
// they are in the allocation or have ever been sent an invite for it, so a
// withdrawn recipient can still be sent a cancellation. A showcase outside
// sc is ErrNotFound.
func (s *Store) ShowcaseData(ctx context.Context, sc domain.Scope, eventID int64) (ShowcaseData, error) {
	var d ShowcaseData
	var err error
	if d.Event, err = s.Event(ctx, sc, eventID); err != nil {
		return d, err
	}
	if d.Prison, err = s.Prison(ctx, domain.Unrestricted, d.Event.PrisonID); err != nil {
		return d, err
	}
	if d.Tables, err = s.HallTables(ctx, d.Event.PrisonID); err != nil {
		return d, err
	}
	if d.Meetings, err = showcaseMeetings(ctx, s, eventID); err != nil {
		return d, err
	}
	if d.Families, err = showcaseFamilies(ctx, s, eventID); err != nil {
		return d, err
	}
	if d.Teachers, err = showcaseTeachers(ctx, s, eventID); err != nil {
		return d, err
	}
	if d.NotComing, err = notComing(ctx, s, eventID); err != nil {
		return d, err
	}
	d.Schools = map[int64]domain.School{}
	need := map[int64]bool{}
	for _, t := range d.Teachers {
		need[t.SchoolID] = true
	}
	for _, f := range d.Families {
		for _, ch := range f.Children {
			if ch.SchoolID != 0 {
				need[ch.SchoolID] = true
			}
		}
	}
	for id := range need {
		sch, err := s.School(ctx, id)
		if err != nil {
			return d, err
		}
		d.Schools[id] = sch
	}
	return d, nil
}

func notComing(ctx context.Context, s *Store, eventID int64) (map[string]map[int64]bool, error) {
	out := map[string]map[int64]bool{"carer": {}, "child": {}}
	rows, err := s.read.QueryContext(ctx, `SELECT person_kind, person_id FROM attendance_answers WHERE event_id = ? AND coming = 0`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var id int64
		if err := rows.Scan(&kind, &id); err != nil {
			return nil, fmt.Errorf("store: answers: %w", err)
		}
		out[kind][id] = true
	}
	return out, rows.Err()
}

func showcaseMeetings(ctx context.Context, s *Store, eventID int64) ([]ShowcaseMeeting, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, family_id, teacher_id, slot FROM meetings WHERE event_id = ? ORDER BY slot, teacher_id, family_id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: showcase meetings: %w", err)
	}
	defer rows.Close()
	var out []ShowcaseMeeting
	for rows.Next() {
		var m ShowcaseMeeting
		if err := rows.Scan(&m.ID, &m.FamilyID, &m.TeacherID, &m.Slot); err != nil {
			return nil, fmt.Errorf("store: showcase meetings: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func showcaseFamilies(ctx context.Context, s *Store, eventID int64) ([]ShowcaseFamily, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT f.id, COALESCE(ef.status, ''), COALESCE(ef.status_reason, ''), COALESCE(ef.table_id, 0)
		FROM families f LEFT JOIN event_families ef ON ef.family_id = f.id AND ef.event_id = ?
		WHERE ef.event_id IS NOT NULL OR f.id IN (SELECT family_id FROM invites WHERE event_id = ? AND family_id IS NOT NULL)
		ORDER BY f.id`, eventID, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: showcase families: %w", err)
	}
	var out []ShowcaseFamily
	for rows.Next() {
		var f ShowcaseFamily
		if err := rows.Scan(&f.Family.ID, &f.Status, &f.Reason, &f.TableID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: showcase families: %w", err)
		}
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: showcase families: %w", err)
	}
	ids := make([]int64, len(out))
	for i := range out {
		ids[i] = out[i].Family.ID
	}
	cases, err := loadCases(ctx, s.read, byIDs(ids...))
	if err != nil {
		return nil, err
	}
	for i, c := range cases { // both in family ID order
		out[i].Family, out[i].Carers, out[i].Children = c.Family, c.Carers, c.Children
	}
	return out, nil
}

func showcaseTeachers(ctx context.Context, s *Store, eventID int64) (map[int64]domain.Teacher, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, school_id, name, email, role, lang FROM teachers
		WHERE id IN (SELECT teacher_id FROM meetings WHERE event_id = ?)
		   OR id IN (SELECT recipient_id FROM invites WHERE event_id = ? AND recipient_kind = 'teacher')`, eventID, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: showcase teachers: %w", err)
	}
	defer rows.Close()
	out := map[int64]domain.Teacher{}
	for rows.Next() {
		var t domain.Teacher
		if err := rows.Scan(&t.ID, &t.SchoolID, &t.Name, &t.Email, &t.Role, &t.Lang); err != nil {
			return nil, fmt.Errorf("store: showcase teachers: %w", err)
		}
		out[t.ID] = t
	}
	return out, rows.Err()
}

// UpcomingFamilyEvents lists the showcases not yet over that the family is
// placed at (allocated or confirmed), soonest first.
func (s *Store) UpcomingFamilyEvents(ctx context.Context, familyID int64, now time.Time) ([]int64, error) {
	return upcomingFamilyEvents(ctx, s.read, familyID, now)
}

func upcomingFamilyEvents(ctx context.Context, q querier, familyID int64, now time.Time) ([]int64, error) {
	return upcoming(ctx, q, `SELECT e.id, e.starts_at, e.slots * e.slot_minutes FROM events e JOIN event_families ef ON ef.event_id = e.id
		WHERE ef.family_id = ? AND ef.status IN ('allocated','confirmed') AND e.status NOT IN ('held','cancelled')
		ORDER BY e.starts_at, e.id`, now, familyID)
}

// UpcomingTeacherEvents lists the showcases not yet over where the teacher
// has a meeting or an invite, soonest first.
func (s *Store) UpcomingTeacherEvents(ctx context.Context, teacherID int64, now time.Time) ([]int64, error) {
	return upcoming(ctx, s.read, `SELECT e.id, e.starts_at, e.slots * e.slot_minutes FROM events e
		WHERE e.status <> 'held' AND (e.id IN (SELECT event_id FROM meetings WHERE teacher_id = ?)
		   OR e.id IN (SELECT event_id FROM invites WHERE recipient_kind = 'teacher' AND recipient_id = ?))
		ORDER BY e.starts_at, e.id`, now, teacherID, teacherID)
}

// upcoming keeps the events of query whose last slot ends after now. The
// end is worked out in Go because starts_at is RFC 3339 text.
func upcoming(ctx context.Context, q querier, query string, now time.Time, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: upcoming events: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		var starts string
		var minutes int
		if err := rows.Scan(&id, &starts, &minutes); err != nil {
			return nil, fmt.Errorf("store: upcoming events: %w", err)
		}
		if parseTime(starts).Add(time.Duration(minutes) * time.Minute).After(now) {
			out = append(out, id)
		}
	}
	return out, rows.Err()
}

// TeacherByID returns one member of school staff.
func (s *Store) TeacherByID(ctx context.Context, id int64) (domain.Teacher, error) {
	var t domain.Teacher
	err := s.read.QueryRowContext(ctx, `SELECT id, school_id, name, email, role, lang FROM teachers WHERE id = ?`, id).
		Scan(&t.ID, &t.SchoolID, &t.Name, &t.Email, &t.Role, &t.Lang)
	if err != nil {
		return t, notFound(err, "teacher", id)
	}
	return t, nil
}

// SetFeedToken stores the SHA-256 of a teacher's new calendar feed token,
// replacing (and so revoking) any earlier one.
func (s *Store) SetFeedToken(ctx context.Context, actor domain.Actor, teacherID int64, token string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := feedInScope(ctx, tx, actor.Scope, teacherID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE teachers SET feed_token_hash = ? WHERE id = ?`, hashToken(token), teacherID)
		if err != nil {
			return fmt.Errorf("store: feed token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: teacher %d: %w", teacherID, domain.ErrNotFound)
		}
		// The token itself is never logged: it is a credential.
		return s.audit(tx, actor, "rotate_feed_token", "teacher", teacherID, nil, nil)
	})
}

// feedInScope refuses a teacher who meets families outside sc: their
// calendar link shows every meeting they have, at any prison, so only
// someone who sees all of those prisons may make one.
func feedInScope(ctx context.Context, q querier, sc domain.Scope, teacherID int64) error {
	cond, args := eventCond("e", sc)
	var elsewhere bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events e WHERE NOT (`+cond+`) AND (
		e.id IN (SELECT event_id FROM meetings WHERE teacher_id = ?)
		OR e.id IN (SELECT event_id FROM invites WHERE recipient_kind = 'teacher' AND recipient_id = ?)))`,
		append(args, teacherID, teacherID)...).Scan(&elsewhere)
	if err != nil {
		return fmt.Errorf("store: feed token: %w", err)
	}
	if elsewhere {
		return fmt.Errorf("store: teacher %d meets families outside the actor's prisons: %w", teacherID, domain.ErrNotFound)
	}
	return nil
}

// FeedTeacher is the teacher whose calendar link sc may renew (see
// feedInScope), for the page that asks first.
func (s *Store) FeedTeacher(ctx context.Context, sc domain.Scope, teacherID int64) (domain.Teacher, error) {
	if err := feedInScope(ctx, s.read, sc, teacherID); err != nil {
		return domain.Teacher{}, err
	}
	return s.TeacherByID(ctx, teacherID)
}

// TeacherByFeedToken finds the teacher whose feed token this is.
func (s *Store) TeacherByFeedToken(ctx context.Context, token string) (domain.Teacher, error) {
	var t domain.Teacher
	token = strings.TrimSpace(token)
	if token == "" {
		return t, fmt.Errorf("store: feed token: %w", domain.ErrNotFound)
	}
	err := s.read.QueryRowContext(ctx, `SELECT id, school_id, name, email, role, lang FROM teachers WHERE feed_token_hash = ?`, hashToken(token)).
		Scan(&t.ID, &t.SchoolID, &t.Name, &t.Email, &t.Role, &t.Lang)
	if err != nil {
		return t, notFound(err, "teacher by feed token", 0)
	}
	return t, nil
}
