package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// A line typed by hand can be put right with the questions it was added
// with. Lines the estimate made are changed by an override with a reason
// instead, on the costs page.

type costLineEditPage struct {
	*costsPage
	Line costs.Line
}

func (s *Server) loadCostLineEdit(c echo.Context, lineID string) (*costLineEditPage, error) {
	p, err := s.loadCostsPage(c)
	if err != nil {
		return nil, err
	}
	p.TitleID = "costpages.edit_line_title"
	l, ok := p.manualLine(lineID)
	if !ok {
		return nil, domain.ErrNotFound
	}
	return &costLineEditPage{costsPage: p, Line: l}, nil
}

func (s *Server) costLineEditForm(c echo.Context) error {
	p, err := s.loadCostLineEdit(c, c.QueryParam("line"))
	if err != nil {
		return err
	}
	l := p.Line
	p.Form = url.Values{"line": {l.ID}, "category": {string(l.Category)}, "bearer": {string(l.Bearer)}, "description": {l.Description},
		"estimated": {l.Estimated.Decimal()}, "line_notes": {l.Notes}, "line_evidence_ref": {l.EvidenceRef}}
	return s.render(c, http.StatusOK, "cost_line_edit", p)
}

func (s *Server) saveCostLine(c echo.Context) error {
	p, err := s.loadCostLineEdit(c, c.FormValue("line"))
	if err != nil {
		return err
	}
	l, err := manualLineForm(c)
	if err == nil {
		err = s.store.UpdateManualLine(c.Request().Context(), currentUser(c).Actor(), p.Event.ID, p.Line.ID, l)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "cost_line_edit", p)
	}
	if err != nil {
		return err
	}
	flash(c, "costpages.line_changed")
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(p.Event.ID, 10)+"/costs")
}

// costLineEditRequest changes a line typed by hand, named by its ID.
type costLineEditRequest struct {
	Line        string `json:"line"`
	Category    string `json:"category"`
	Bearer      string `json:"bearer"`
	Description string `json:"description"`
	Estimated   string `json:"estimated"`
	Notes       string `json:"notes" form:"line_notes"`
	EvidenceRef string `json:"evidence_ref" form:"line_evidence_ref"`
}

// costLineEdit is the API's form: the page's own checks, then the store's.
func (s *Server) costLineEdit(c echo.Context, p *costsPage, actor domain.Actor) error {
	l, err := manualLineForm(c)
	if err != nil {
		return err
	}
	return s.store.UpdateManualLine(c.Request().Context(), actor, p.Event.ID, c.FormValue("line"), l)
}
