package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// Deleting a manual cost line or a rate loses what was typed, so each has
// a confirm page first (GET), whose form posts confirm=yes.

// manualLine finds a line the coordinator typed in on the costs page.
func (p *costsPage) manualLine(id string) (costs.Line, bool) {
	for _, l := range p.Costs.Lines {
		if l.ID == id && l.Source == costs.Manual {
			return l, true
		}
	}
	return costs.Line{}, false
}

func (s *Server) confirmDeleteCostLine(c echo.Context) error {
	p, err := s.loadCostsPage(c)
	if err != nil {
		return err
	}
	l, ok := p.manualLine(c.QueryParam("line"))
	if !ok {
		return domain.ErrNotFound
	}
	path := "/events/" + strconv.FormatInt(p.Event.ID, 10) + "/costs"
	cp := &confirmPage{Layout: s.layout(c, "confirm.cost_line_title"), Caption: p.Ref, Action: path + "/lines/delete", Back: path,
		Hidden: []hidden{{"line", l.ID}}}
	cp.Lead, cp.Button = cp.T("confirm.cost_line_lead", "Description", l.Description, "Amount", l.Estimated), cp.T("confirm.delete")
	return s.renderConfirm(c, cp)
}

func (s *Server) deleteCostLine(c echo.Context) error {
	if !confirmed(c) {
		id, err := s.eventID(c)
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/costs/lines/delete?line="+c.FormValue("line"))
	}
	return s.saveCosts(c, "costpages.line_deleted", func(c echo.Context, p *costsPage, actor domain.Actor) error {
		return s.store.DeleteCostLine(c.Request().Context(), actor, p.Event.ID, c.FormValue("line"))
	})
}

// rateInScope finds a rate the page lists for this account: rates of
// prisons outside its scope are not listed, so not deleted either.
func (p *ratesPage) rate(id int64) (rateRow, bool) {
	for _, r := range p.Rates {
		if r.ID == id {
			return r, true
		}
	}
	return rateRow{}, false
}

func (s *Server) confirmDeleteRate(c echo.Context) error {
	p, err := s.loadRatesPage(c)
	if err != nil {
		return err
	}
	id, _ := strconv.ParseInt(c.Param("rid"), 10, 64)
	r, ok := p.rate(id)
	if !ok {
		return domain.ErrNotFound
	}
	cp := &confirmPage{Layout: s.layout(c, "confirm.rate_title"), Action: "/costs/rates/" + strconv.FormatInt(id, 10) + "/delete", Back: "/costs/rates"}
	cp.Lead = cp.T("confirm.rate_lead", "Rate", r.Key, "Scope", r.Scope, "From", p.Date(r.From), "Amount", r.Amount)
	cp.Button = cp.T("confirm.delete")
	return s.renderConfirm(c, cp)
}

func (s *Server) deleteRate(c echo.Context) error {
	id, _ := strconv.ParseInt(c.Param("rid"), 10, 64)
	if !confirmed(c) {
		return c.Redirect(http.StatusSeeOther, "/costs/rates/"+strconv.FormatInt(id, 10)+"/delete")
	}
	p, err := s.loadRatesPage(c)
	if err != nil {
		return err
	}
	if _, ok := p.rate(id); !ok {
		return domain.ErrNotFound
	}
	if err := s.store.DeleteRate(c.Request().Context(), currentUser(c).Actor(), id); err != nil {
		return err
	}
	flash(c, "costpages.rate_deleted")
	return c.Redirect(http.StatusSeeOther, "/costs/rates")
}
