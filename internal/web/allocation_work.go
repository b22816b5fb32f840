package web

import (
	"fmt"
	"slices"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// The allocation work the page and the API both do. Each returns the
// engine's *allocate.Error when a showcase cannot be fitted, for the caller
// to explain in its own way; nothing is saved then.

// allocateAgain allocates the ready families afresh and saves the result,
// replacing the saved plan and any hand moves.
func (s *Server) allocateAgain(c echo.Context, eventID int64) (store.AllocationRefs, error) {
	ctx := c.Request().Context()
	in, refs, err := s.store.AllocationInput(ctx, scopeOf(c), eventID)
	if err != nil {
		return refs, err
	}
	r, err := allocate.Allocate(in)
	if err != nil {
		return refs, err
	}
	return refs, s.store.SaveAllocation(ctx, currentUser(c).Actor(), eventID, r)
}

// moveProposal is a hand move made on a copy of the saved plan, with
// everything it would break. It is saved only when nothing is broken.
type moveProposal struct {
	Refs       store.AllocationRefs
	Proposed   allocate.Result
	What       moveText
	Violations []allocate.Violation
}

// proposeMove applies req to the saved plan without saving; a bad family,
// table, meeting or slot is a validation error naming the field.
func (s *Server) proposeMove(c echo.Context, eventID int64, req moveRequest) (moveProposal, error) {
	ctx := c.Request().Context()
	in, refs, err := s.store.AllocationInput(ctx, scopeOf(c), eventID)
	if err != nil {
		return moveProposal{}, err
	}
	prev, err := s.store.Allocation(ctx, scopeOf(c), eventID)
	if err != nil {
		return moveProposal{}, err
	}
	mp := moveProposal{Refs: refs}
	if mp.Proposed, mp.What, err = applyMove(prev, refs, req); err != nil {
		return mp, err
	}
	mp.Violations = allocate.Check(in, mp.Proposed)
	return mp, nil
}

// saveMove saves a proposal that breaks nothing; one that breaks a hard
// constraint never reaches the store, whoever posts it.
func (s *Server) saveMove(c echo.Context, eventID int64, mp moveProposal) error {
	if len(mp.Violations) > 0 {
		var p domain.Problems
		p.Add("confirm", "allocation.cannot_save")
		return p.Err()
	}
	return s.store.SaveAllocation(c.Request().Context(), currentUser(c).Actor(), eventID, mp.Proposed)
}

// withdrawAndReallocate records that a nominated teacher is not coming
// (every slot unavailable) and re-allocates incrementally: every other
// family keeps its table and every other meeting its slot wherever still
// valid. The withdrawal stands even if the showcase then cannot be
// re-allocated; the saved plan is then left as it was.
func (s *Server) withdrawAndReallocate(c echo.Context, eventID, teacherID int64) (store.AllocationRefs, error) {
	ctx := c.Request().Context()
	_, refs, err := s.store.AllocationInput(ctx, scopeOf(c), eventID)
	if err != nil {
		return refs, err
	}
	if !slices.Contains(refs.Nominated, store.TeacherKey(teacherID)) {
		return refs, fmt.Errorf("web: teacher %d is not nominated for showcase %d: %w", teacherID, eventID, domain.ErrNotFound)
	}
	all := make([]int, refs.Event.Slots)
	for i := range all {
		all[i] = i
	}
	actor := currentUser(c).Actor()
	if err := s.store.SetTeacherUnavailable(ctx, actor, eventID, teacherID, all); err != nil {
		return refs, err
	}
	prev, err := s.store.Allocation(ctx, scopeOf(c), eventID)
	if err != nil {
		return refs, err
	}
	in, refs, err := s.store.AllocationInput(ctx, scopeOf(c), eventID)
	if err != nil {
		return refs, err
	}
	r, err := allocate.Reallocate(in, prev)
	if err != nil {
		return refs, err
	}
	if err := s.store.SaveAllocation(ctx, actor, eventID, r); err != nil {
		return refs, err
	}
	s.followUp(c, 0, eventID)
	return refs, nil
}
