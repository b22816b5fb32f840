package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// The API's twins of the allocation page's teacher forms: undo a
// withdrawal, the slots a teacher cannot make, and whether their absence
// needs cover. Each finds the teacher with nominatedTeacher and saves
// through the same store call as the page.

func (s *Server) apiReinstateTeacher(c echo.Context) error {
	id, t, _, err := s.nominatedTeacher(c)
	if err != nil {
		return err
	}
	if err := s.store.ReinstateTeacher(c.Request().Context(), currentUser(c).Actor(), id, t.ID); err != nil {
		return err
	}
	return s.apiAllocation(c, http.StatusOK, id)
}

// availabilityRequest lists the slots (counting from 1, as the allocation
// shows them) a teacher cannot make; an empty list makes them free again.
type availabilityRequest struct {
	Unavailable []int `json:"unavailable"`
}

func (s *Server) apiTeacherAvailability(c echo.Context) error {
	var req availabilityRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	id, t, refs, err := s.nominatedTeacher(c)
	if err != nil {
		return err
	}
	values := make([]string, len(req.Unavailable))
	for i, n := range req.Unavailable {
		values[i] = strconv.Itoa(n - 1)
	}
	slots, err := parseUnavailable(values, refs.Event.Slots)
	if err != nil {
		return err
	}
	if err := s.store.SetTeacherUnavailable(c.Request().Context(), currentUser(c).Actor(), id, t.ID, slots); err != nil {
		return err
	}
	return s.apiAllocation(c, http.StatusOK, id)
}

type coverRequest struct {
	NeedsCover *bool `json:"needs_cover"`
}

func (s *Server) apiTeacherCover(c echo.Context) error {
	var req coverRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	id, t, _, err := s.nominatedTeacher(c)
	if err != nil {
		return err
	}
	if req.NeedsCover == nil {
		return bodyProblem("needs_cover", "allocation.err_needs_cover", nil)
	}
	if err := s.store.SetTeacherCover(c.Request().Context(), currentUser(c).Actor(), t.ID, *req.NeedsCover); err != nil {
		return err
	}
	return s.apiAllocation(c, http.StatusOK, id)
}
