package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
)

// runSheetsPage lists the showcases at the reader's prisons, each with its
// run sheet: what prison staff need on the day, from their own menu.
type runSheetsPage struct {
	Layout
	Events []runSheetRow
	Pager  pager
}

// runSheetRow is one showcase on the list, in words, formatted once here
// rather than cell by cell from the template.
type runSheetRow struct {
	ID                     int64
	Ref, Title, Date, Time string
}

// runSheetEvents are the showcases in scope that are not cancelled, in
// date order.
func (s *Server) runSheetEvents(c echo.Context) ([]domain.Event, error) {
	all, err := s.store.Events(c.Request().Context(), scopeOf(c))
	if err != nil {
		return nil, err
	}
	out := []domain.Event{}
	for _, e := range all {
		if e.Status != "cancelled" {
			out = append(out, e)
		}
	}
	return out, nil
}

func (s *Server) listRunSheets(c echo.Context) error {
	p := &runSheetsPage{Layout: s.layout(c, "runsheets.title")}
	events, err := s.runSheetEvents(c)
	if err != nil {
		return err
	}
	domain.ComingFirst(events, s.startOfToday())
	events, next, later := pageAfter(events, func(e domain.Event) int64 { return e.ID }, c.QueryParam("after"), rowsPerPage)
	p.Pager = newPager(&p.Layout, "/runsheets", next, later)
	for _, e := range events {
		p.Events = append(p.Events, runSheetRow{ID: e.ID, Ref: showcase.EventRef(e.ID), Title: e.Title, Date: p.Date(e.StartsAt), Time: p.Time(e.StartsAt)})
	}
	return s.render(c, http.StatusOK, "runsheets", p)
}

type runSheetView struct {
	EventID  int64  `json:"event_id"`
	Ref      string `json:"ref"`
	Title    string `json:"title"`
	StartsAt string `json:"starts_at"`
	RunSheet string `json:"run_sheet"`
}

// apiListRunSheets is the run sheets page for the API: each showcase in
// scope and where its run sheet is.
func (s *Server) apiListRunSheets(c echo.Context) error {
	events, err := s.runSheetEvents(c)
	if err != nil {
		return err
	}
	out := []runSheetView{}
	for _, e := range events {
		out = append(out, runSheetView{EventID: e.ID, Ref: showcase.EventRef(e.ID), Title: e.Title, StartsAt: stamp(e.StartsAt),
			RunSheet: "/api/v1/events/" + itoa(e.ID) + "/runsheet.pdf"})
	}
	return c.JSON(http.StatusOK, out)
}
