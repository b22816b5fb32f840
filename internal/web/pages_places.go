package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// placesPage holds the reference data a fresh install needs before anything
// else: the prison (and so its visits hall) and the local authorities that
// schools belong to.
type placesPage struct {
	Layout
	Prisons     []domain.Prison
	Authorities []domain.LocalAuthority
}

func (s *Server) placesPage(c echo.Context) (*placesPage, error) {
	ctx := c.Request().Context()
	p := &placesPage{Layout: s.layout(c, "places.title")}
	var err error
	if p.Prisons, err = s.store.Prisons(ctx, scopeOf(c)); err != nil {
		return nil, err
	}
	if p.Authorities, err = s.store.LocalAuthorities(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Server) listPlaces(c echo.Context) error {
	p, err := s.placesPage(c)
	if err != nil {
		return err
	}
	p.Form = nil
	return s.render(c, http.StatusOK, "places", p)
}

func (s *Server) createPrison(c echo.Context) error {
	p, err := s.placesPage(c)
	if err != nil {
		return err
	}
	pr := domain.Prison{Name: c.FormValue("name"), Address: c.FormValue("address"), Phone: c.FormValue("phone"), Email: c.FormValue("email")}
	if err := pr.Validate(p.Prisons); err != nil {
		p.Fail(err)
		return s.render(c, http.StatusBadRequest, "places", p)
	}
	if _, err := s.store.CreatePrison(c.Request().Context(), currentUser(c).Actor(), pr); err != nil {
		return err
	}
	flash(c, "places.prison_added")
	return c.Redirect(http.StatusSeeOther, "/places")
}

func (s *Server) createAuthority(c echo.Context) error {
	p, err := s.placesPage(c)
	if err != nil {
		return err
	}
	name, err := domain.ValidateAuthorityName(c.FormValue("la_name"), p.Authorities)
	if err != nil {
		p.Fail(err)
		return s.render(c, http.StatusBadRequest, "places", p)
	}
	la := domain.LocalAuthority{Name: name, NameCy: strings.TrimSpace(c.FormValue("la_name_cy"))}
	if _, err := s.store.AddLocalAuthority(c.Request().Context(), currentUser(c).Actor(), la); err != nil {
		return err
	}
	flash(c, "places.la_added")
	return c.Redirect(http.StatusSeeOther, "/places")
}
