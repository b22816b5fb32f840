package store

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"schoolzone/internal/domain"
	figs "schoolzone/internal/figures"
)

// Figures groups the families sc may see by stage, by their children's
// schools' local authorities and by those schools' types, in one
// statement: the stage is the one stored on the family row (see
// deriveFamilies), so no case is loaded, however many families there are.
// Only family IDs leave the database, for the disclosure checks that
// figs.Figures.Cells feeds; a child with no school (or a school we cannot
// place) counts under "".
func (s *Store) Figures(ctx context.Context, sc domain.Scope) (figs.Figures, error) {
	where, args := FamilyFilter{}.where(sc)
	const children = ` FROM families f JOIN children c ON c.family_id = f.id
		LEFT JOIN schools s ON s.id = c.school_id LEFT JOIN local_authorities la ON la.id = s.local_authority_id WHERE `
	query := `SELECT 's', f.stage, group_concat(f.id) FROM families f WHERE ` + where + ` GROUP BY f.stage
		UNION ALL SELECT 'a', COALESCE(la.name, ''), group_concat(DISTINCT f.id)` + children + where + ` GROUP BY 2
		UNION ALL SELECT 't', CASE WHEN la.id IS NULL THEN '' ELSE s.type END, group_concat(DISTINCT f.id)` + children + where + ` GROUP BY 2`
	args = slices.Concat(args, args, args)
	byKind := map[string]map[string][]int64{"s": {}, "a": {}, "t": {}}
	err := each(ctx, s.read, "figures", query, args, func(r interface{ Scan(...any) error }) error {
		var kind, key, list string
		if err := r.Scan(&kind, &key, &list); err != nil {
			return err
		}
		ids, err := idList(list)
		if err != nil {
			return err
		}
		byKind[kind][key] = ids
		return nil
	})
	if err != nil {
		return figs.Figures{}, err
	}
	return figs.FromGroups(byKind["s"], byKind["a"], byKind["t"]), nil
}

// idList reads a group_concat of IDs, in ID order.
func idList(s string) ([]int64, error) {
	parts := strings.Split(s, ",")
	out := make([]int64, len(parts))
	for i, p := range parts {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, err
		}
		out[i] = id
	}
	slices.Sort(out)
	return out, nil
}
