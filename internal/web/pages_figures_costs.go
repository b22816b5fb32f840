package web

import (
	"bytes"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costreport"
	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// figuresCostsPage is the commissioner's view: only costs.CommissionerReport,
// whose types hold no names, prison numbers, notes or titles, and whose
// figures have been through package disclosure.
type figuresCostsPage struct {
	Layout
	Report costs.CommissionerReport
}

// figuresShowcasePage is one showcase's cost report for commissioners.
type figuresShowcasePage struct {
	Layout
	S costs.ShowcaseReport
}

// commissionerReport is the cost report from commissionerTables, so the
// cost pages, the workbooks and the figures page all hide the same cells.
func (s *Server) commissionerReport(c echo.Context) (costs.CommissionerReport, error) {
	_, rep, err := s.commissionerTables(c)
	return rep, err
}

func (s *Server) figuresCosts(c echo.Context) error {
	rep, err := s.commissionerReport(c)
	if err != nil {
		return err
	}
	p := &figuresCostsPage{Layout: s.layout(c, "costpages.figures_title"), Report: rep}
	if err := s.withCouncilNames(c.Request().Context(), &p.Layout); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "figures_costs", p)
}

func (s *Server) figuresCostsXLSX(c echo.Context) error {
	rep, err := s.commissionerReport(c)
	if err != nil {
		return err
	}
	opt, err := s.commissionerReportOptions(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := costreport.WriteCommissionerWorkbook(&buf, rep, opt); err != nil {
		return err
	}
	name := "showcase-costs-" + s.cfg.Now().In(london).Format(time.DateOnly) + ".xlsx"
	return attachment(c, xlsxType, name, buf.Bytes())
}

func (s *Server) figuresCostsCSV(c echo.Context) error {
	rep, err := s.commissionerReport(c)
	if err != nil {
		return err
	}
	opt, err := s.commissionerReportOptions(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := costreport.WriteCommissionerCSV(&buf, rep, opt); err != nil {
		return err
	}
	name := "showcase-costs-" + s.cfg.Now().In(london).Format(time.DateOnly) + ".csv"
	return attachment(c, "text/csv; charset=utf-8", name, buf.Bytes())
}

func (s *Server) commissionerShowcase(c echo.Context) (costs.ShowcaseReport, error) {
	id, err := s.familyID(c)
	if err != nil {
		return costs.ShowcaseReport{}, err
	}
	rep, err := s.commissionerReport(c)
	if err != nil {
		return costs.ShowcaseReport{}, err
	}
	sc, ok := rep.Showcase(id)
	if !ok {
		return costs.ShowcaseReport{}, domain.ErrNotFound
	}
	return sc, nil
}

func (s *Server) figuresShowcase(c echo.Context) error {
	sc, err := s.commissionerShowcase(c)
	if err != nil {
		return err
	}
	p := &figuresShowcasePage{Layout: s.layout(c, "costpages.showcase_title"), S: sc}
	if err := s.withCouncilNames(c.Request().Context(), &p.Layout); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "figures_showcase", p)
}

func (s *Server) figuresShowcaseXLSX(c echo.Context) error {
	sc, err := s.commissionerShowcase(c)
	if err != nil {
		return err
	}
	opt, err := s.commissionerReportOptions(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := costreport.WriteShowcaseWorkbook(&buf, sc, opt); err != nil {
		return err
	}
	return attachment(c, xlsxType, "showcase-costs-"+eventRef(sc.EventID)+".xlsx", buf.Bytes())
}

// summary feeds the cost_summary partial.
type summary struct {
	Page  *Layout
	Total costs.Group
}

// Summary is the report's totals.
func (p *figuresCostsPage) Summary() summary { return summary{&p.Layout, p.Report.Total} }

// Summary is the showcase's totals.
func (p *figuresShowcasePage) Summary() summary { return summary{&p.Layout, p.S.Total} }

// groupTable is one breakdown table of the figures pages.
type groupTable struct {
	Page          *Layout
	Kind, Caption string
	Groups        []costs.Group
	Total         costs.Group
}

// moneyTable is a category or bearer table.
type moneyTable struct {
	Page          *Layout
	Kind, Caption string
	Rows          []costs.MoneyTotal
	Total         costs.Money
}

// Table picks a breakdown by kind: prison, la, school_type or period.
func (p *figuresCostsPage) Table(kind string) groupTable {
	t := groupTable{Page: &p.Layout, Kind: kind, Caption: "costs.sheet.by_" + kind, Total: p.Report.Total}
	switch kind {
	case "prison":
		t.Groups = p.Report.ByPrison
	case "la":
		t.Groups = p.Report.ByLocalAuthority
	case "school_type":
		t.Groups = p.Report.BySchoolType
	case "period":
		t.Groups = p.Report.ByPeriod
	}
	return t
}

// Money picks the category or bearer table.
func (p *figuresCostsPage) MoneyTable(kind string) moneyTable {
	return pickMoney(&p.Layout, kind, p.Report.ByCategory, p.Report.ByBearer, p.Report.Total.Cost)
}

// Table picks a showcase breakdown by kind: la or school_type.
func (p *figuresShowcasePage) Table(kind string) groupTable {
	t := groupTable{Page: &p.Layout, Kind: kind, Caption: "costs.sheet.by_" + kind, Total: p.S.Total, Groups: p.S.ByLocalAuthority}
	if kind == "school_type" {
		t.Groups = p.S.BySchoolType
	}
	return t
}

// MoneyTable picks the showcase's category or bearer table.
func (p *figuresShowcasePage) MoneyTable(kind string) moneyTable {
	return pickMoney(&p.Layout, kind, p.S.ByCategory, p.S.ByBearer, p.S.Total.Cost)
}

func pickMoney(l *Layout, kind string, cats, bearers []costs.MoneyTotal, total costs.Money) moneyTable {
	t := moneyTable{Page: l, Kind: kind, Caption: "costs.sheet.by_" + kind, Rows: cats, Total: total}
	if kind == "bearer" {
		t.Rows = bearers
	}
	return t
}

// GroupLabel names a breakdown row.
func (l *Layout) GroupLabel(kind string, g costs.Group) string {
	switch {
	case kind == "period":
		return l.Period(g.Key)
	case kind == "school_type" && g.Key != "":
		return l.T("school_type." + g.Key)
	case kind == "prison" && g.Label != "":
		return l.PrisonName(g.Label)
	case kind == "la" && g.Label != "":
		return l.CouncilName(g.Label)
	case g.Label != "":
		return g.Label
	case kind == "school_type":
		return l.T("costs.none.school_type")
	}
	return l.T("costs.none.la")
}

// MoneyLabel names a category or bearer row.
func (l *Layout) MoneyLabel(kind, key string) string {
	return l.T("costs." + kind + "." + key)
}
