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
