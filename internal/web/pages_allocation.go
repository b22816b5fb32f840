package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// A hand move is saved only when allocate.Check finds nothing broken. The
// coordinator first sees the move and every broken constraint on a confirm
// page; a move that breaks a hard constraint (a shared table, a keep-apart
// pair side by side, a double booking…) has no save button and is refused
// if posted anyway, so a saved allocation always meets every hard
// constraint, whether the engine or a person made it.

func (s *Server) eventID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

func (s *Server) showAllocation(c echo.Context) error {
	p, err := s.allocationPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "allocation", p)
}

// runAllocation allocates the ready families afresh and saves the result;
// an infeasible showcase shows the engine's reason and saves nothing.
// Allocating again throws away the saved plan and any hand moves, so it
// runs only once the confirm page has said so.
func (s *Server) runAllocation(c echo.Context) error {
	id, err := s.eventID(c)
	if err != nil {
		return err
	}
	if !confirmed(c) {
		prev, err := s.store.Allocation(c.Request().Context(), scopeOf(c), id)
		if err != nil {
			return err
		}
		if len(prev.Tables) > 0 {
			return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/allocate")
		}
	}
	if refs, err := s.allocateAgain(c, id); err != nil {
		return s.allocationFailed(c, err, refs)
	}
	flash(c, "allocation.saved")
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/allocation")
}

// allocationFailed re-renders the allocation page with the engine's
// message, or passes any other error on.
func (s *Server) allocationFailed(c echo.Context, err error, refs store.AllocationRefs) error {
	var ae *allocate.Error
	if !errors.As(err, &ae) {
		return err
	}
	p, perr := s.allocationPage(c)
	if perr != nil {
		return perr
	}
	p.Infeasible = localizeError(s, p.Lang, ae, refs)
	return s.render(c, http.StatusUnprocessableEntity, "allocation", p)
}

// moveRequest is the hand move form: a family to a table, or a meeting to
// a slot.
type moveRequest struct {
	Kind, Family, Table, Meeting, Slot string
}

func (s *Server) moveAllocation(c echo.Context) error {
	id, err := s.eventID(c)
	if err != nil {
		return err
	}
	req := moveRequest{Kind: c.FormValue("kind"), Family: c.FormValue("family"), Table: c.FormValue("table"),
		Meeting: c.FormValue("meeting"), Slot: c.FormValue("slot")}
	mp, err := s.proposeMove(c, id, req)
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		p, err := s.allocationPage(c)
		if err != nil {
			return err
		}
		p.Fail(ve)
		return s.render(c, http.StatusBadRequest, "allocation", p)
	}
	if err != nil {
		return err
	}
	if len(mp.Violations) == 0 && c.FormValue("confirm") == "1" {
		if err := s.saveMove(c, id, mp); err != nil {
			return err
		}
		flash(c, "allocation.moved")
		return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/allocation")
	}
	refs, what := mp.Refs, mp.What
	p := &movePage{Layout: s.layout(c, "allocation.move_title"), Event: refs.Event, Move: req}
	for i, a := range what.Args {
		if t, ok := a.(time.Time); ok {
			what.Args[i] = p.Time(t)
		}
	}
	p.What = p.T(what.Key, what.Args...)
	for _, v := range mp.Violations {
		p.Violations = append(p.Violations, localizeViolation(s, p.Lang, v, refs))
	}
	status := http.StatusOK
	if len(mp.Violations) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return s.render(c, status, "allocation_move", p)
}

// moveText describes a move as a message ID and its name/value pairs.
type moveText struct {
	Key  string
	Args []any
}

// movePage asks the coordinator to confirm a hand move, listing every
// constraint it breaks; with any broken it offers no save.
type movePage struct {
	Layout
	Event      domain.Event
	Move       moveRequest
	What       string
	Violations []string
}

// applyMove returns prev with the move made and a plain description of it,
// or a validation error naming the bad field.
func applyMove(prev allocate.Result, refs store.AllocationRefs, req moveRequest) (allocate.Result, moveText, error) {
	next := allocate.Result{Tables: map[string]string{}, Meetings: append([]allocate.ScheduledMeeting(nil), prev.Meetings...),
		SlotsUsed: prev.SlotsUsed, LowerBound: prev.LowerBound}
	for k, v := range prev.Tables {
		next.Tables[k] = v
	}
	var p domain.Problems
	switch req.Kind {
	case "table":
		_, placed := prev.Tables[req.Family]
		if !placed {
			p.Add("family", "allocation.err_family")
		}
		if _, ok := refs.TableLabel[req.Table]; !ok {
			p.Add("table", "allocation.err_table")
		}
		if err := p.Err(); err != nil {
			return next, moveText{}, err
		}
		next.Tables[req.Family] = req.Table
		return next, moveText{Key: "allocation.move_table_what", Args: []any{"Family", refs.FamilyRef[req.Family], "Table", refs.TableLabel[req.Table]}}, nil
	case "meeting":
		fam, tch, _ := strings.Cut(req.Meeting, " ")
		i := -1
		for j, m := range next.Meetings {
			if m.Family == fam && m.Teacher == tch {
				i = j
			}
		}
		if i < 0 {
			p.Add("meeting", "allocation.err_meeting")
		}
		slot, err := strconv.Atoi(req.Slot)
		if err != nil || slot < 0 || slot >= refs.Event.Slots {
			p.Add("slot", "allocation.err_slot")
		}
		if err := p.Err(); err != nil {
			return next, moveText{}, err
		}
		m := &next.Meetings[i]
		d := time.Duration(refs.Event.SlotMinutes) * time.Minute
		m.Start = refs.Event.StartsAt.Add(time.Duration(slot) * d)
		m.End, m.Slot = m.Start.Add(d), slot
		next.SlotsUsed = 0
		for _, x := range next.Meetings {
			next.SlotsUsed = max(next.SlotsUsed, x.Slot+1)
		}
		return next, moveText{Key: "allocation.move_meeting_what", Args: []any{"Family", refs.FamilyRef[fam],
			"Teacher", refs.Teacher[tch].Name, "Slot", slot + 1, "Time", m.Start}}, nil
	}
	p.Add("kind", "allocation.err_kind")
	return next, moveText{}, p.Err()
}

// withdrawTeacher marks a nominated teacher as not coming and re-allocates
// (see withdrawAndReallocate); if the showcase then cannot be fitted, the
// page says why and the saved plan is left as it was.
func (s *Server) withdrawTeacher(c echo.Context) error {
	id, err := s.eventID(c)
	if err != nil {
		return err
	}
	tid, err := strconv.ParseInt(c.Param("tid"), 10, 64)
	if err != nil {
		return domain.ErrNotFound
	}
	// Withdrawing takes meetings away: only after the confirm page.
	if !confirmed(c) {
		return c.Redirect(http.StatusSeeOther, c.Request().URL.Path)
	}
	if refs, err := s.withdrawAndReallocate(c, id, tid); err != nil {
		return s.allocationFailed(c, err, refs)
	}
	flash(c, "allocation.teacher_withdrawn")
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/allocation")
}
