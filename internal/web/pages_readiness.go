package web

import (
	"net/http"

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
