package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"schoolzone/internal/domain"
)

// Every query an account's request reaches is limited by its scope here,
// in SQL, so no page or API handler can forget to. A record outside the
// scope is domain.ErrNotFound, never "forbidden": a stranger learns nothing
// about it, not even that it exists.

// inList is "col IN (?, ?, …)" with its arguments; an empty list matches
// nothing.
func inList(col string, ids []int64) (string, []any) {
	if len(ids) == 0 {
		return "0", nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return col + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")", args
}

// prisonCond limits a prison_id column to the scope's prisons.
func prisonCond(col string, sc domain.Scope) (string, []any) {
	if sc.AllPrisons {
		return "1", nil
	}
	return inList(col, sc.Prisons)
}

// familyCond limits a families row, aliased alias, to the scope's prisons
// and local authorities. The stage limit for prison staff is a workflow
// rule worked out in Go (domain.Scope.Sees), applied after loading.
func familyCond(alias string, sc domain.Scope) (string, []any) {
	cond, args := prisonCond(alias+".prison_id", sc)
	if len(sc.Authorities) > 0 {
		la, laArgs := inList("sc_ch.local_authority_id", sc.Authorities)
		cond += " AND EXISTS (SELECT 1 FROM children sc_ch WHERE sc_ch.family_id = " + alias + ".id AND " + la + ")"
		args = append(args, laArgs...)
	}
	return cond, args
}

// eventCond limits an events row, aliased alias, to the scope's prisons.
func eventCond(alias string, sc domain.Scope) (string, []any) {
	return prisonCond(alias+".prison_id", sc)
}

// eventInScope is the first step of every change and read keyed by a
// showcase: it fails with ErrNotFound unless the showcase is in scope.
func eventInScope(ctx context.Context, q querier, sc domain.Scope, eventID int64) error {
	cond, args := eventCond("e", sc)
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM events e WHERE e.id = ? AND `+cond, append([]any{eventID}, args...)...).Scan(&one)
	if err != nil {
		return notFound(err, "event", eventID)
	}
	return nil
}

// checkPrison fails with ErrNotFound unless the prison exists and is in
// scope.
func checkPrison(ctx context.Context, q querier, sc domain.Scope, prisonID int64) error {
	cond, args := prisonCond("id", sc)
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM prisons WHERE id = ? AND `+cond, append([]any{prisonID}, args...)...).Scan(&one)
	if err != nil {
		return notFound(err, "prison", prisonID)
	}
	return nil
}

// prisonIn is exists("prisons") limited to sc: a prison outside the
// actor's scope is as unknown as one never recorded.
func (l *lookup) prisonIn(sc domain.Scope) func(id int64) bool {
	return func(id int64) bool {
		err := checkPrison(l.ctx, l.tx, sc, id)
		if err != nil && !errors.Is(err, domain.ErrNotFound) && l.err == nil {
			l.err = err
		}
		return err == nil
	}
}

// loadScopedCase loads a family the scope may see, or ErrNotFound.
func loadScopedCase(ctx context.Context, q querier, sc domain.Scope, familyID int64) (domain.Case, error) {
	cond, args := familyCond("f", sc)
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM families f WHERE f.id = ? AND `+cond, append([]any{familyID}, args...)...).Scan(&one)
	if err != nil {
		return domain.Case{}, notFound(err, "family", familyID)
	}
	c, err := loadCase(ctx, q, familyID)
	if err != nil {
		return c, err
	}
	if !sc.Sees(c) {
		return domain.Case{}, fmt.Errorf("store: family %d: %w", familyID, domain.ErrNotFound)
	}
	return c, nil
}

// loadCaseToChange is loadScopedCase for a change to the family: an erased
// family takes none, so nothing personal comes back after erasure,
// whoever calls.
func loadCaseToChange(ctx context.Context, q querier, sc domain.Scope, familyID int64) (domain.Case, error) {
	c, err := loadScopedCase(ctx, q, sc, familyID)
	if err == nil && c.Family.Erased {
		return c, &domain.GateError{Gate: domain.GateNotAllowed, Key: "privacy.err_erased", Params: map[string]any{"Ref": c.Family.Ref}}
	}
	return c, err
}

// scopedFamilyIDs lists the families the scope may see, optionally at one
// prison, by ID.
func scopedFamilyIDs(ctx context.Context, q querier, sc domain.Scope, prisonID int64) ([]int64, error) {
	cond, args := familyCond("f", sc)
	ids, err := column[int64](ctx, q, "family ids", `SELECT f.id FROM families f WHERE (? = 0 OR f.prison_id = ?) AND `+cond+` ORDER BY f.id`,
		append([]any{prisonID, prisonID}, args...)...)
	if err != nil || !sc.FromClearance {
		return ids, err
	}
	cases, err := scopedCases(ctx, q, sc, prisonID)
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(cases))
	for i, c := range cases {
		out[i] = c.Family.ID
	}
	return out, nil
}
