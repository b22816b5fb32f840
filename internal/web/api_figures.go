package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costs"
	figs "schoolzone/internal/figures"
)

// Commissioners' figures, as the figures pages show them: counts and money
// only, built by commissionerTables, whose cells have been through package
// disclosure. A hidden figure has no number at all ("n": null,
// "hidden": true), so nothing here can be set against a page or a workbook
// to work it out. No view below can carry a name or a reference.

type countView struct {
	N      *int `json:"n"`
	Hidden bool `json:"hidden"`
}

type amountView struct {
	Amount *string `json:"amount"`
	Hidden bool    `json:"hidden"`
}

func figCount(n figs.Count) countView {
	if n.Hidden {
		return countView{Hidden: true}
	}
	return countView{N: &n.N}
}

func costCount(n costs.Count) countView {
	if n.Suppressed {
		return countView{Hidden: true}
	}
	return countView{N: &n.N}
}

func costAmount(m costs.Money) amountView {
	if m.Suppressed {
		return amountView{Hidden: true}
	}
	s := m.Amount.Decimal()
	return amountView{Amount: &s}
}

type figureGroupView struct {
	Key      string    `json:"key"`
	Families countView `json:"families"`
}

type figuresView struct {
	Min              int               `json:"min"`
	ByStage          []figureGroupView `json:"by_stage"`
	ByLocalAuthority []figureGroupView `json:"by_local_authority"`
	BySchoolType     []figureGroupView `json:"by_school_type"`
}

func figureGroups(gs []figs.Group) []figureGroupView {
	out := []figureGroupView{}
	for _, g := range gs {
		out = append(out, figureGroupView{Key: g.Key, Families: figCount(g.Count)})
	}
	return out
}

func (s *Server) apiFigures(c echo.Context) error {
	f, _, err := s.commissionerTables(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, figuresView{Min: figs.Min, ByStage: figureGroups(f.ByStage),
		ByLocalAuthority: figureGroups(f.ByLocalAuthority), BySchoolType: figureGroups(f.BySchoolType)})
}

type costGroupView struct {
	Key       string     `json:"key"`
	Label     string     `json:"label,omitempty"`
	Events    int        `json:"events"`
	Families  countView  `json:"families"`
	Children  countView  `json:"children"`
	Cost      amountView `json:"cost"`
	PerFamily *string    `json:"per_family"`
	PerChild  *string    `json:"per_child"`
}

type moneyTotalView struct {
	Key  string     `json:"key"`
	Cost amountView `json:"cost"`
}

type showcaseCostsView struct {
	EventID          int64            `json:"event_id"`
	Date             string           `json:"date"`
	PrisonName       string           `json:"prison_name"`
	Period           string           `json:"period"`
	Total            costGroupView    `json:"total"`
	ByCategory       []moneyTotalView `json:"by_category"`
	ByBearer         []moneyTotalView `json:"by_bearer"`
	ByLocalAuthority []costGroupView  `json:"by_local_authority"`
	BySchoolType     []costGroupView  `json:"by_school_type"`
}

type figuresCostsView struct {
	Events           int                 `json:"events"`
	Total            costGroupView       `json:"total"`
	ByCategory       []moneyTotalView    `json:"by_category"`
	ByBearer         []moneyTotalView    `json:"by_bearer"`
	ByPrison         []costGroupView     `json:"by_prison"`
	ByLocalAuthority []costGroupView     `json:"by_local_authority"`
	BySchoolType     []costGroupView     `json:"by_school_type"`
	ByPeriod         []costGroupView     `json:"by_period"`
	Showcases        []showcaseCostsView `json:"showcases"`
}

func costGroup(g costs.Group) costGroupView {
	return costGroupView{Key: g.Key, Label: g.Label, Events: g.Events, Families: costCount(g.Families), Children: costCount(g.Children),
		Cost: costAmount(g.Cost), PerFamily: moneyText(g.PerFamily), PerChild: moneyText(g.PerChild)}
}

func costGroups(gs []costs.Group) []costGroupView {
	out := []costGroupView{}
	for _, g := range gs {
		out = append(out, costGroup(g))
	}
	return out
}

func moneyTotals(ms []costs.MoneyTotal) []moneyTotalView {
	out := []moneyTotalView{}
	for _, m := range ms {
		out = append(out, moneyTotalView{Key: m.Key, Cost: costAmount(m.Cost)})
	}
	return out
}

func newShowcaseCosts(sc costs.ShowcaseReport) showcaseCostsView {
	return showcaseCostsView{EventID: sc.EventID, Date: sc.Date.In(london).Format("2006-01-02"), PrisonName: sc.PrisonName, Period: sc.Period,
		Total: costGroup(sc.Total), ByCategory: moneyTotals(sc.ByCategory), ByBearer: moneyTotals(sc.ByBearer),
		ByLocalAuthority: costGroups(sc.ByLocalAuthority), BySchoolType: costGroups(sc.BySchoolType)}
}

func (s *Server) apiFiguresCosts(c echo.Context) error {
	rep, err := s.commissionerReport(c)
	if err != nil {
		return err
	}
	v := figuresCostsView{Events: rep.Events, Total: costGroup(rep.Total), ByCategory: moneyTotals(rep.ByCategory), ByBearer: moneyTotals(rep.ByBearer),
		ByPrison: costGroups(rep.ByPrison), ByLocalAuthority: costGroups(rep.ByLocalAuthority), BySchoolType: costGroups(rep.BySchoolType),
		ByPeriod: costGroups(rep.ByPeriod), Showcases: []showcaseCostsView{}}
	// Like the page, 50 showcases at a time: at 10,000 families all 501
	// made a 1.2 MB answer. The totals and breakdowns cover them all.
	shows, _, next, _ := showcasesAfter(rep, c.QueryParam("after"))
	for _, sc := range shows {
		v.Showcases = append(v.Showcases, newShowcaseCosts(sc))
	}
	setNext(c, next)
	return c.JSON(http.StatusOK, v)
}

func (s *Server) apiFiguresShowcase(c echo.Context) error {
	sc, err := s.commissionerShowcase(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newShowcaseCosts(sc))
}

// figuresRoutes are the commissioners' API routes; the downloads are the
// pages' own handlers.
func (s *Server) figuresRoutes() []Route {
	get := http.MethodGet
	return []Route{
		{get, "/api/v1/figures", figures, s.apiFigures},
		{get, "/api/v1/figures/costs", figures, s.apiFiguresCosts},
		{get, "/api/v1/figures/costs.xlsx", figures, s.figuresCostsXLSX},
		{get, "/api/v1/figures/costs.csv", figures, s.figuresCostsCSV},
		{get, "/api/v1/figures/costs/showcases/:id", figures, s.apiFiguresShowcase},
		{get, "/api/v1/figures/costs/showcases/:id/costs.xlsx", figures, s.figuresShowcaseXLSX},
	}
}
