package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
)

// readinessPage is the list for the day before a showcase: coordinators
// chase what is missing, visits staff read the needs. Families appear by
// reference and table only, so prison staff may have it too.
type readinessPage struct {
	Layout
	Event    domain.Event
	Families []showcase.FamilyReadiness
	Ready    int
}

func (s *Server) showReadiness(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p := &readinessPage{Layout: s.layout(c, "readiness.title")}
	if p.Event, err = s.store.Event(ctx, scopeOf(c), id); err != nil {
		return err
	}
	if p.Families, err = s.showcaseService(c).Readiness(ctx, id); err != nil {
		return err
	}
	for _, f := range p.Families {
		if f.Ready() {
			p.Ready++
		}
	}
	return s.render(c, http.StatusOK, "readiness", p)
}

// sendReminders reminds, now, everyone who has not answered their
// invitation; serve also does it by itself a week before each showcase.
func (s *Server) sendReminders(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	n, err := s.showcaseService(c).SendReminders(c.Request().Context(), currentUser(c).Actor(), id)
	if err != nil {
		return err
	}
	if n == 0 {
		flash(c, "reminders.none_due")
	} else {
		flash(c, "reminders.sent")
	}
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"#replies")
}

// readinessJSON is one family's readiness in the API.
type readinessJSON struct {
	FamilyID         int64    `json:"family_id"`
	Ref              string   `json:"ref"`
	Table            int      `json:"table"`
	Ready            bool     `json:"ready"`
	Held             bool     `json:"held"`
	Cleared          bool     `json:"cleared"`
	CarerAnswer      string   `json:"carer_answer"`
	Adults           int      `json:"adults_coming"`
	Children         int      `json:"children_coming"`
	Teachers         int      `json:"teachers"`
	TeachersAccepted int      `json:"teachers_accepted"`
	QuietTable       bool     `json:"quiet_table"`
	StepFree         bool     `json:"step_free"`
	Dietary          []string `json:"dietary"`
	CarerNeeds       string   `json:"carer_needs"`
}

func (s *Server) apiReadiness(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	fams, err := s.showcaseService(c).Readiness(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := []readinessJSON{}
	for _, f := range fams {
		out = append(out, readinessJSON{FamilyID: f.FamilyID, Ref: f.Ref, Table: f.Table, Ready: f.Ready(), Held: f.Held, Cleared: f.Cleared,
			CarerAnswer: f.CarerAnswer, Adults: f.Adults, Children: f.Children, Teachers: f.Teachers, TeachersAccepted: f.TeachersAccepted,
			QuietTable: f.Quiet, StepFree: f.StepFree, Dietary: append([]string{}, f.Dietary...), CarerNeeds: f.CarerNeeds})
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiSendReminders(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	n, err := s.showcaseService(c).SendReminders(c.Request().Context(), currentUser(c).Actor(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"queued": n})
}
