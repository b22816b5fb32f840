package store

import (
	"context"
	"slices"
	"sort"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// EventCosts is one showcase's lines with the references its cost page and
// workbook label them by: costed families (counts, local authority, school
// types; no names), the schools of its teachers, children and lines, and
// every local authority. A showcase outside sc is ErrNotFound.
func (s *Store) EventCosts(ctx context.Context, sc domain.Scope, eventID int64) (costs.EventCosts, error) {
	if err := eventInScope(ctx, s.read, sc, eventID); err != nil {
		return costs.EventCosts{}, err
	}
	refs, err := loadCostRefs(ctx, s.read)
	if err != nil {
		return costs.EventCosts{}, err
	}
	return loadEventCosts(ctx, s.read, eventID, refs)
}

func loadEventCosts(ctx context.Context, q querier, eventID int64, refs costRefs) (costs.EventCosts, error) {
	a, err := loadAllocationWith(ctx, q, eventID, refs)
	if err != nil {
		return costs.EventCosts{}, err
	}
	lines, err := loadLines(ctx, q, eventID)
	if err != nil {
		return costs.EventCosts{}, err
	}
	ev := costs.EventCosts{EventID: a.event.ID, Title: a.event.Title, PrisonID: a.event.PrisonID, PrisonName: a.prison,
		Date: a.event.StartsAt.In(london), Lines: lines, LocalAuthorities: a.las}
	schools := map[int64]bool{}
	for _, t := range a.teachers {
		schools[t.school] = true
	}
	for _, l := range lines {
		schools[l.SchoolID] = true
	}
	for _, f := range a.families {
		ev.Families = append(ev.Families, f.FamilyRef)
	}
	for _, x := range sortedSchools(a.schools) {
		if schools[x.SchoolID] {
			ev.Schools = append(ev.Schools, x.SchoolRef)
		}
	}
	return ev, nil
}

func sortedSchools(m map[int64]allocSchool) []allocSchool {
	out := make([]allocSchool, 0, len(m))
	for _, s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SchoolID < out[j].SchoolID })
	return out
}

// CommissionerEvents loads every showcase in sc for costs.Aggregate: all
// events except cancelled ones with no cost recorded, in date order. For a
// commissioner limited to local authorities, only the lines and families
// of those authorities are kept: a line shared by the whole showcase (the
// hall, prison staff) belongs to no one authority.
func (s *Store) CommissionerEvents(ctx context.Context, sc domain.Scope) ([]costs.EventCosts, error) {
	cond, args := eventCond("e", sc)
	ids, err := column[int64](ctx, s.read, "commissioner events", `SELECT id FROM events e
		WHERE (status <> 'cancelled' OR EXISTS (SELECT 1 FROM cost_lines l WHERE l.event_id = e.id)) AND `+cond+` ORDER BY starts_at, id`, args...)
	if err != nil {
		return nil, err
	}
	refs, err := loadCostRefs(ctx, s.read)
	if err != nil {
		return nil, err
	}
	out := make([]costs.EventCosts, 0, len(ids))
	for _, id := range ids {
		ev, err := loadEventCosts(ctx, s.read, id, refs)
		if err != nil {
			return nil, err
		}
		out = append(out, limitToAuthorities(ev, sc.Authorities))
	}
	return out, nil
}

func limitToAuthorities(ev costs.EventCosts, las []int64) costs.EventCosts {
	if len(las) == 0 {
		return ev
	}
	lines := ev.Lines[:0:0]
	for _, l := range ev.Lines {
		if slices.Contains(las, l.LocalAuthorityID) {
			lines = append(lines, l)
		}
	}
	fams := ev.Families[:0:0]
	for _, f := range ev.Families {
		if slices.Contains(las, f.LocalAuthorityID) {
			fams = append(fams, f)
		}
	}
	ev.Lines, ev.Families = lines, fams
	return ev
}
