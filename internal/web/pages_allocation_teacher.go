package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// Confirm pages for the allocation's destructive actions, and the teacher
// forms that feed it: the slots a teacher cannot make, undoing a
// withdrawal, and whether their absence needs supply cover. Each change
// marks the allocation (and costs) out of date in the store, and the page
// says so; the coordinator allocates again when ready.

func (s *Server) confirmAllocate(c echo.Context) error {
	p, err := s.allocationPage(c)
	if err != nil {
		return err
	}
	path := "/events/" + strconv.FormatInt(p.Event.ID, 10)
	cp := &confirmPage{Layout: s.layout(c, "confirm.allocate_title"), Caption: p.Event.Title,
		Lead: p.T("allocation.again_hint"), Action: path + "/allocate", Back: path + "/allocation", Button: p.T("allocation.allocate_again")}
	cp.Lost = []string{cp.T("confirm.allocate_lost", "Families", len(p.Saved.Tables), "Meetings", len(p.Saved.Meetings))}
	return s.renderConfirm(c, cp)
}

// nominatedTeacher finds a teacher the showcase's allocation uses or has
// withdrawn; any other is not found.
func (s *Server) nominatedTeacher(c echo.Context) (int64, domain.Teacher, store.AllocationRefs, error) {
	id, err := s.eventID(c)
	if err != nil {
		return 0, domain.Teacher{}, store.AllocationRefs{}, err
	}
	tid, err := strconv.ParseInt(c.Param("tid"), 10, 64)
	if err != nil {
		return 0, domain.Teacher{}, store.AllocationRefs{}, domain.ErrNotFound
	}
	_, refs, err := s.store.AllocationInput(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return 0, domain.Teacher{}, refs, err
	}
	key := store.TeacherKey(tid)
	withdrawn := slices.ContainsFunc(refs.Withdrawn, func(t domain.Teacher) bool { return t.ID == tid })
	if !slices.Contains(refs.Nominated, key) && !withdrawn {
		return 0, domain.Teacher{}, refs, domain.ErrNotFound
	}
	return id, refs.Teacher[key], refs, nil
}

func (s *Server) confirmWithdraw(c echo.Context) error {
	id, t, refs, err := s.nominatedTeacher(c)
	if err != nil {
		return err
	}
	if !slices.Contains(refs.Nominated, store.TeacherKey(t.ID)) {
		return domain.ErrNotFound
	}
	path := "/events/" + strconv.FormatInt(id, 10)
	cp := &confirmPage{Layout: s.layout(c, "confirm.withdraw_title"), Caption: t.Name,
		Action: c.Request().URL.Path, Back: path + "/allocation"}
	cp.Lead, cp.Button = cp.T("allocation.withdraw_explain"), cp.T("allocation.withdraw")
	cp.Lost = []string{cp.T("confirm.withdraw_lost", "Teacher", t.Name)}
	return s.renderConfirm(c, cp)
}

// reinstateTeacher undoes a withdrawal. The store refuses a teacher who is
// not withdrawn; the allocation then says it is out of date.
func (s *Server) reinstateTeacher(c echo.Context) error {
	id, t, _, err := s.nominatedTeacher(c)
	if err != nil {
		return err
	}
	if err := s.store.ReinstateTeacher(c.Request().Context(), currentUser(c).Actor(), id, t.ID); err != nil {
		return err
	}
	flash(c, "allocation.teacher_reinstated")
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/allocation")
}

// teacherAvailability records the slots a teacher cannot make. Ticking
// every slot is a withdrawal, which has its own confirm step, so it is
// refused here with a message saying where to go.
func (s *Server) teacherAvailability(c echo.Context) error {
	id, t, refs, err := s.nominatedTeacher(c)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	slots, err := parseUnavailable(form["unavailable"], refs.Event.Slots)
	if err != nil {
		p, perr := s.allocationPage(c)
		if perr != nil {
			return perr
		}
		p.Fail(err)
		p.AvailabilityFor = t.ID
		return s.render(c, http.StatusBadRequest, "allocation", p)
	}
	if err := s.store.SetTeacherUnavailable(c.Request().Context(), currentUser(c).Actor(), id, t.ID, slots); err != nil {
		return err
	}
	flash(c, "allocation.unavailable_saved")
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/allocation#teacher-"+strconv.FormatInt(t.ID, 10))
}

// parseUnavailable reads the slots (from 0) a teacher cannot make. Every
// slot would be a withdrawal, which has its own confirm step, so it is
// refused with a message saying where to go.
func parseUnavailable(values []string, slotCount int) ([]int, error) {
	var slots []int
	var pr domain.Problems
	for _, v := range values {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n >= slotCount {
			pr.Add("unavailable", "allocation.err_unavailable_slot")
			break
		}
		slots = append(slots, n)
	}
	if len(slots) >= slotCount {
		pr.Add("unavailable", "allocation.err_unavailable_all")
	}
	return slots, pr.Err()
}

// teacherCover records whether a teacher's absence needs supply cover,
// which the costs estimate from.
func (s *Server) teacherCover(c echo.Context) error {
	id, t, _, err := s.nominatedTeacher(c)
	if err != nil {
		return err
	}
	v := c.FormValue("needs_cover")
	if v != "yes" && v != "no" {
		p, perr := s.allocationPage(c)
		if perr != nil {
			return perr
		}
		p.Problem("needs_cover", "allocation.err_needs_cover")
		p.AvailabilityFor = t.ID
		return s.render(c, http.StatusBadRequest, "allocation", p)
	}
	if err := s.store.SetTeacherCover(c.Request().Context(), currentUser(c).Actor(), t.ID, v == "yes"); err != nil {
		return err
	}
	flash(c, "allocation.cover_saved")
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/allocation#teacher-"+strconv.FormatInt(t.ID, 10))
}
