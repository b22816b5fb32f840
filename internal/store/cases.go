package store

import (
	"context"
	"fmt"

	"schoolzone/internal/domain"
)

// Cases are loaded in batches: one query per kind of record for every family
// a condition picks, never a query per family or per child, so a list of a
// thousand families costs what a list of one does in round trips (issue 11).

// caseSet picks families: "f.id IN (…)" or a scope's condition, over the
// families table aliased f.
type caseSet struct {
	where string
	args  []any
}

// byIDs picks the families with these IDs.
func byIDs(ids ...int64) caseSet {
	w, a := inList("f.id", ids)
	return caseSet{w, a}
}

// sub is the set as a subquery of family IDs.
func (cs caseSet) sub() string { return `SELECT f.id FROM families f WHERE ` + cs.where }

// loadCases loads every family in the set with everything the workflow
// needs, ordered by family ID, in six queries.
func loadCases(ctx context.Context, q querier, cs caseSet) ([]domain.Case, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+familyCols+` FROM families f WHERE `+cs.where+` ORDER BY f.id`, cs.args...)
	if err != nil {
		return nil, fmt.Errorf("store: families: %w", err)
	}
	var out []domain.Case
	at := map[int64]int{}
	for rows.Next() {
		f, err := scanFamily(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: families: %w", err)
		}
		at[f.ID] = len(out)
		out = append(out, domain.Case{Family: f, Sessions: map[int64][]domain.AwarenessSession{}})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: families: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	for _, load := range []func(context.Context, querier, caseSet, []domain.Case, map[int64]int) error{
		loadCarers, loadChildren, loadDisclosures, loadSteps, loadSessions,
	} {
		if err := load(ctx, q, cs, out, at); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// each runs query and hands every row to scan; what names it in errors.
func each(ctx context.Context, q querier, what, query string, args []any, scan func(interface{ Scan(...any) error }) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("store: %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return nil
}

func loadCarers(ctx context.Context, q querier, cs caseSet, out []domain.Case, at map[int64]int) error {
	return each(ctx, q, "carers", `SELECT id, family_id, name, relationship, phone, email, lang, distance_miles, is_primary
		FROM carers WHERE family_id IN (`+cs.sub()+`) ORDER BY family_id, is_primary DESC, id`, cs.args,
		func(r interface{ Scan(...any) error }) error {
			var c domain.Carer
			if err := r.Scan(&c.ID, &c.FamilyID, &c.Name, &c.Relationship, &c.Phone, &c.Email, &c.Lang, &c.DistanceMiles, &c.Primary); err != nil {
				return err
			}
			x := &out[at[c.FamilyID]]
			x.Carers = append(x.Carers, c)
			return nil
		})
}

func loadChildren(ctx context.Context, q querier, cs caseSet, out []domain.Case, at map[int64]int) error {
	return each(ctx, q, "children", `SELECT id, family_id, first_name, last_name, year_group, COALESCE(school_id,0), COALESCE(local_authority_id,0), lang,
		needs_quiet, needs_step_free, needs_notes, dietary, share_needs_with_school, wants_to_attend, COALESCE(preferred_teacher_id,0),
		views_obtained_how, COALESCE(views_recorded_on,'')
		FROM children WHERE family_id IN (`+cs.sub()+`) ORDER BY family_id, id`, cs.args,
		func(r interface{ Scan(...any) error }) error {
			var c domain.Child
			if err := r.Scan(&c.ID, &c.FamilyID, &c.FirstName, &c.LastName, &c.YearGroup, &c.SchoolID, &c.LocalAuthorityID, &c.Lang,
				&c.NeedsQuiet, &c.NeedsStepFree, &c.NeedsNotes, &c.Dietary, &c.ShareNeeds, &c.WantsToAttend, &c.PreferredTeacherID,
				&c.ViewsObtainedHow, &c.ViewsRecordedOn); err != nil {
				return err
			}
			x := &out[at[c.FamilyID]]
			x.Children = append(x.Children, c)
			return nil
		})
}

// loadDisclosures fills each child's may-know list; children come first.
func loadDisclosures(ctx context.Context, q querier, cs caseSet, out []domain.Case, at map[int64]int) error {
	return each(ctx, q, "disclosures", `SELECT ch.family_id, d.child_id, d.teacher_id, d.approved_by, d.recorded_on
		FROM child_disclosures d JOIN children ch ON ch.id = d.child_id
		WHERE ch.family_id IN (`+cs.sub()+`) ORDER BY d.child_id, d.teacher_id`, cs.args,
		func(r interface{ Scan(...any) error }) error {
			var fam, child int64
			var d domain.Disclosure
			if err := r.Scan(&fam, &child, &d.TeacherID, &d.ApprovedBy, &d.RecordedOn); err != nil {
				return err
			}
			kids := out[at[fam]].Children
			for i := range kids {
				if kids[i].ID == child {
					kids[i].MayKnow = append(kids[i].MayKnow, d)
				}
			}
			return nil
		})
}

func loadSteps(ctx context.Context, q querier, cs caseSet, out []domain.Case, at map[int64]int) error {
	return each(ctx, q, "steps", `SELECT s.id, s.family_id, s.kind, s.outcome, COALESCE(s.school_id,0), COALESCE(s.child_id,0), s.route, s.reason_category,
		s.occurred_on, COALESCE(s.recorded_by,0), COALESCE(u.name,'system'), s.recorded_at, s.notes,
		COALESCE((SELECT group_concat(teacher_id) FROM step_teachers st WHERE st.step_id = s.id), '')
		FROM steps s LEFT JOIN users u ON u.id = s.recorded_by WHERE s.family_id IN (`+cs.sub()+`) ORDER BY s.family_id, s.id`, cs.args,
		func(r interface{ Scan(...any) error }) error {
			var st domain.Step
			var recorded, teachers string
			if err := r.Scan(&st.ID, &st.FamilyID, &st.Kind, &st.Outcome, &st.SchoolID, &st.ChildID, &st.Route, &st.ReasonCategory,
				&st.OccurredOn, &st.RecordedBy, &st.RecordedByName, &recorded, &st.Notes, &teachers); err != nil {
				return err
			}
			st.RecordedAt = parseTime(recorded)
			st.TeacherIDs = parseIDs(teachers)
			x := &out[at[st.FamilyID]]
			x.Steps = append(x.Steps, st)
			return nil
		})
}

// loadSessions gives each case the awareness sessions at the schools of its
// attending children; children come first.
func loadSessions(ctx context.Context, q querier, cs caseSet, out []domain.Case, _ map[int64]int) error {
	bySchool := map[int64][]domain.AwarenessSession{}
	err := each(ctx, q, "sessions", `SELECT id, school_id, delivered_on, delivered_by, attendees, route, notes, recorded_at FROM awareness_sessions
		WHERE school_id IN (SELECT school_id FROM children WHERE family_id IN (`+cs.sub()+`)) ORDER BY school_id, delivered_on, id`, cs.args,
		func(r interface{ Scan(...any) error }) error {
			var a domain.AwarenessSession
			var recorded string
			if err := r.Scan(&a.ID, &a.SchoolID, &a.DeliveredOn, &a.DeliveredBy, &a.Attendees, &a.Route, &a.Notes, &recorded); err != nil {
				return err
			}
			a.RecordedAt = parseTime(recorded)
			bySchool[a.SchoolID] = append(bySchool[a.SchoolID], a)
			return nil
		})
	if err != nil {
		return err
	}
	for i := range out {
		for _, id := range out[i].SchoolIDs() {
			if ss := bySchool[id]; len(ss) > 0 {
				out[i].Sessions[id] = ss
			}
		}
	}
	return nil
}

// scopedCases loads the families sc may see, optionally at one prison,
// with the stage limit for prison staff applied.
func scopedCases(ctx context.Context, q querier, sc domain.Scope, prisonID int64) ([]domain.Case, error) {
	cond, args := familyCond("f", sc)
	all, err := loadCases(ctx, q, caseSet{`(? = 0 OR f.prison_id = ?) AND ` + cond, append([]any{prisonID, prisonID}, args...)})
	if err != nil || !sc.FromClearance {
		return all, err
	}
	out := all[:0]
	for _, c := range all {
		if sc.Sees(c) {
			out = append(out, c)
		}
	}
	return out, nil
}
