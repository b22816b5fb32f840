package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// Prisons and local authorities are changed with the same checks as when
// they were added: a name is needed and must not be another's.

type prisonEditPage struct {
	*placesPage
	Prison domain.Prison
}

type authorityEditPage struct {
	*placesPage
	Authority domain.LocalAuthority
}

// otherPrisons and otherAuthorities are the records other than the one
// being changed, for the "name taken" check.
func otherPrisons(all []domain.Prison, id int64) []domain.Prison {
	var out []domain.Prison
	for _, x := range all {
		if x.ID != id {
			out = append(out, x)
		}
	}
	return out
}

func otherAuthorities(all []domain.LocalAuthority, id int64) []domain.LocalAuthority {
	var out []domain.LocalAuthority
	for _, x := range all {
		if x.ID != id {
			out = append(out, x)
		}
	}
	return out
}

func (s *Server) loadPrisonEdit(c echo.Context) (*prisonEditPage, error) {
	pp, err := s.placesPage(c)
	if err != nil {
		return nil, err
	}
	pp.TitleID = "placeedit.prison_title"
	id, _ := strconv.ParseInt(c.Param("id"), 10, 64)
	for _, x := range pp.Prisons { // the account's prisons only
		if x.ID == id {
			return &prisonEditPage{placesPage: pp, Prison: x}, nil
		}
	}
	return nil, domain.ErrNotFound
}

func (s *Server) prisonEditForm(c echo.Context) error {
	p, err := s.loadPrisonEdit(c)
	if err != nil {
		return err
	}
	x := p.Prison
	p.Form = url.Values{"name": {x.Name}, "address": {x.Address}, "phone": {x.Phone}, "email": {x.Email}}
	return s.render(c, http.StatusOK, "prison_edit", p)
}

func (s *Server) savePrison(c echo.Context) error {
	p, err := s.loadPrisonEdit(c)
	if err != nil {
		return err
	}
	pr := domain.Prison{ID: p.Prison.ID, Name: c.FormValue("name"), Address: c.FormValue("address"), Phone: c.FormValue("phone"), Email: c.FormValue("email")}
	err = pr.Validate(otherPrisons(p.Prisons, pr.ID))
	if err == nil {
		err = s.store.UpdatePrison(c.Request().Context(), currentUser(c).Actor(), pr)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "prison_edit", p)
	}
	if err != nil {
		return err
	}
	flash(c, "placeedit.prison_saved")
	return c.Redirect(http.StatusSeeOther, "/places")
}

func (s *Server) loadAuthorityEdit(c echo.Context) (*authorityEditPage, error) {
	pp, err := s.placesPage(c)
	if err != nil {
		return nil, err
	}
	pp.TitleID = "placeedit.la_title"
	id, _ := strconv.ParseInt(c.Param("id"), 10, 64)
	for _, x := range pp.Authorities {
		if x.ID == id {
			return &authorityEditPage{placesPage: pp, Authority: x}, nil
		}
	}
	return nil, domain.ErrNotFound
}

func (s *Server) authorityEditForm(c echo.Context) error {
	p, err := s.loadAuthorityEdit(c)
	if err != nil {
		return err
	}
	p.Form = url.Values{"la_name": {p.Authority.Name}, "la_name_cy": {p.Authority.NameCy}}
	return s.render(c, http.StatusOK, "authority_edit", p)
}

func (s *Server) saveAuthority(c echo.Context) error {
	p, err := s.loadAuthorityEdit(c)
	if err != nil {
		return err
	}
	name, err := domain.ValidateAuthorityName(c.FormValue("la_name"), otherAuthorities(p.Authorities, p.Authority.ID))
	if err == nil {
		la := domain.LocalAuthority{ID: p.Authority.ID, Name: name, NameCy: strings.TrimSpace(c.FormValue("la_name_cy"))}
		err = s.store.UpdateLocalAuthority(c.Request().Context(), currentUser(c).Actor(), la)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "authority_edit", p)
	}
	if err != nil {
		return err
	}
	flash(c, "placeedit.la_saved")
	return c.Redirect(http.StatusSeeOther, "/places")
}

// apiUpdatePrison is PUT /api/v1/prisons/:id, for the prison's own staff.
func (s *Server) apiUpdatePrison(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req prisonRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	all, err := s.store.Prisons(ctx, scopeOf(c))
	if err != nil {
		return err
	}
	if _, err := s.store.Prison(ctx, scopeOf(c), id); err != nil {
		return err
	}
	pr := domain.Prison{ID: id, Name: req.Name, Address: req.Address, Phone: req.Phone, Email: req.Email}
	if err := pr.Validate(otherPrisons(all, id)); err != nil {
		return err
	}
	if err := s.store.UpdatePrison(ctx, currentUser(c).Actor(), pr); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, prisonView{ID: pr.ID, Name: pr.Name, Address: pr.Address, Phone: pr.Phone, Email: pr.Email})
}

// apiUpdateAuthority is PUT /api/v1/local-authorities/:id.
func (s *Server) apiUpdateAuthority(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req authorityRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	all, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return err
	}
	name, err := domain.ValidateAuthorityName(req.Name, otherAuthorities(all, id))
	if err != nil {
		return authorityFieldPath(err)
	}
	la := domain.LocalAuthority{ID: id, Name: name, NameCy: strings.TrimSpace(req.NameCy)}
	if err := s.store.UpdateLocalAuthority(ctx, currentUser(c).Actor(), la); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, refView{ID: id, Name: name, NameCy: la.NameCy})
}
