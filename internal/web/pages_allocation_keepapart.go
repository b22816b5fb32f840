package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// keepApartPage lists the prison's non-associations by family reference.
// It is for prison staff, coordinators and admins only; the list never
// reaches a floor plan, timetable or any teacher's or carer's document.
type keepApartPage struct {
	Layout
	Pairs []store.KeepApartPair
}

func (s *Server) keepApartPage(c echo.Context) (*keepApartPage, error) {
	pairs, err := s.store.KeepApart(c.Request().Context(), scopeOf(c))
	if err != nil {
		return nil, err
	}
	return &keepApartPage{Layout: s.layout(c, "keepapart.title"), Pairs: pairs}, nil
}

func (s *Server) keepApartList(c echo.Context) error {
	p, err := s.keepApartPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "keepapart", p)
}

func (s *Server) addKeepApart(c echo.Context) error {
	err := s.store.AddKeepApart(c.Request().Context(), currentUser(c).Actor(), c.FormValue("family_a"), c.FormValue("family_b"))
	if err == nil {
		flash(c, "keepapart.saved")
		return c.Redirect(http.StatusSeeOther, "/keep-apart")
	}
	p, perr := s.keepApartPage(c)
	if perr != nil {
		return perr
	}
	if !p.Fail(err) {
		return err
	}
	return s.render(c, http.StatusBadRequest, "keepapart", p)
}

// confirmRemoveKeepApart asks before a pair is removed: removing it lets
// the two families sit side by side at the next allocation.
func (s *Server) confirmRemoveKeepApart(c echo.Context) error {
	p, err := s.keepApartPage(c)
	if err != nil {
		return err
	}
	a, b := formInt(c, "a"), formInt(c, "b")
	for _, x := range p.Pairs {
		if x.FamilyA == a && x.FamilyB == b {
			cp := &confirmPage{Layout: s.layout(c, "confirm.keepapart_title"), Action: "/keep-apart/remove", Back: "/keep-apart",
				Hidden: []hidden{{"a", strconv.FormatInt(a, 10)}, {"b", strconv.FormatInt(b, 10)}}}
			cp.Lead, cp.Button = cp.T("confirm.keepapart_lead", "A", x.RefA, "B", x.RefB), cp.T("keepapart.remove")
			return s.renderConfirm(c, cp)
		}
	}
	return domain.ErrNotFound
}

func (s *Server) removeKeepApart(c echo.Context) error {
	if !confirmed(c) {
		return c.Redirect(http.StatusSeeOther, "/keep-apart/remove?a="+strconv.FormatInt(formInt(c, "a"), 10)+"&b="+strconv.FormatInt(formInt(c, "b"), 10))
	}
	if err := s.store.RemoveKeepApart(c.Request().Context(), currentUser(c).Actor(), formInt(c, "a"), formInt(c, "b")); err != nil {
		return err
	}
	flash(c, "keepapart.removed")
	return c.Redirect(http.StatusSeeOther, "/keep-apart")
}
