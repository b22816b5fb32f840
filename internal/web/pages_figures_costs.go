package web

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
	// Showcases and Trend are one page of the report's showcases, in
	// trend order, from the one after Seq "after"; the totals and
	// the other breakdowns are always the whole report's.
	Showcases         []costs.ShowcaseReport
	Trend             []costs.TrendPoint
	First, Last       int // the page's first and last Seq
	NextURL, FirstURL string
	// Prisons is one page of the breakdown by prison, from the one after
	// the prison "prisons_after"; its total row is the whole report's.
	Prisons                         []costs.Group
	PrisonsFirst, PrisonsLast       int // positions in the whole breakdown, from 1
	PrisonsNextURL, PrisonsFirstURL string
	// ShowRows and TrendRows are Showcases and Trend in words (see
	// words), so the template calls nothing back for each cell.
	ShowRows  []showcaseRow
	TrendRows []trendRow
}

// showcasesPerPage is how many showcases the commissioners' cost page
// lists at once: at 10,000 families it would otherwise list 500. A
// national report's breakdown by prison pages the same way.
const showcasesPerPage = 50

// showcaseRow is a row of the page's showcase list, in words.
type showcaseRow struct {
	EventID                            int64
	Link, Date, Prison, Period, Amount string
}

// trendRow is a row of the page's trend table, in words.
type trendRow struct {
	Seq                                                         int
	Date, Prison, Period, Families, Children, Amount, PerFamily string
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
	p.page(c.QueryParams())
	if err := s.withCouncilNames(c.Request().Context(), &p.Layout); err != nil {
		return err
	}
	p.words()
	return s.render(c, http.StatusOK, "figures_costs", p)
}

// page picks the showcases after the one numbered q's "after", and the
// prisons after the one q's "prisons_after" names, and links each list's
// next and first pages. A link keeps the other list where it is.
func (p *figuresCostsPage) page(q url.Values) {
	shows, trend, next, later := showcasesAfter(p.Report, q.Get("after"))
	p.Showcases, p.Trend = shows, trend
	if len(shows) > 0 {
		p.First, p.Last = shows[0].Seq, shows[len(shows)-1].Seq
	}
	all := p.Report.ByPrison
	prisons, nextPrison, laterPrisons := pageAfter(all, prisonID, q.Get("prisons_after"), showcasesPerPage)
	p.Prisons = prisons
	if len(prisons) > 0 {
		p.PrisonsFirst = slices.Index(all, prisons[0]) + 1
		p.PrisonsLast = p.PrisonsFirst + len(prisons) - 1
	}

	// The cursors this page was reached by, where they named a row.
	var here, herePrisons int64
	if later {
		here, _ = strconv.ParseInt(q.Get("after"), 10, 64)
	}
	if laterPrisons {
		herePrisons, _ = strconv.ParseInt(q.Get("prisons_after"), 10, 64)
	}
	link := func(after, prisonsAfter int64, anchor string) string {
		v := url.Values{}
		if after != 0 {
			v.Set("after", strconv.FormatInt(after, 10))
		}
		if prisonsAfter != 0 {
			v.Set("prisons_after", strconv.FormatInt(prisonsAfter, 10))
		}
		if len(v) == 0 {
			return "/figures/costs#" + anchor
		}
		return "/figures/costs?" + v.Encode() + "#" + anchor
	}
	if next != 0 {
		p.NextURL = link(next, herePrisons, "showcases")
	}
	if later {
		p.FirstURL = link(0, herePrisons, "showcases")
	}
	if nextPrison != 0 {
		p.PrisonsNextURL = link(here, nextPrison, "by-prison")
	}
	if laterPrisons {
		p.PrisonsFirstURL = link(here, 0, "by-prison")
	}
}

// prisonID is a prison row's cursor: its key is the prison's ID.
func prisonID(g costs.Group) int64 {
	id, _ := strconv.ParseInt(g.Key, 10, 64)
	return id
}

// words puts the page's rows in the reader's words once, here, rather
// than by calling back from the template for each of their cells.
func (p *figuresCostsPage) words() {
	l := &p.Layout
	for _, s := range p.Showcases {
		p.ShowRows = append(p.ShowRows, showcaseRow{EventID: s.EventID, Link: l.T("costpages.showcase_link", "Seq", s.Seq),
			Date: l.Date(s.Date), Prison: l.PrisonName(s.PrisonName), Period: l.Period(s.Period), Amount: l.CostText(s.Total.Cost)})
	}
	for _, t := range p.Trend {
		p.TrendRows = append(p.TrendRows, trendRow{Seq: t.Seq, Date: l.Date(t.Date), Prison: l.PrisonName(t.PrisonName), Period: l.Period(t.Period),
			Families: l.CountText(t.Families), Children: l.CountText(t.Children), Amount: l.CostText(t.Cost), PerFamily: l.Money(t.PerFamily)})
	}
}

// showcasesAfter is one page of the report's showcases, those after the
// one whose Seq is the cursor after, with their trend rows (the trend is
// in the same order), as pageAfter gives it.
func showcasesAfter(rep costs.CommissionerReport, after string) (shows []costs.ShowcaseReport, trend []costs.TrendPoint, next int64, later bool) {
	shows, next, later = pageAfter(rep.Showcases, func(s costs.ShowcaseReport) int64 { return int64(s.Seq) }, after, showcasesPerPage)
	for _, t := range rep.Trend {
		if len(shows) > 0 && t.Seq >= shows[0].Seq && t.Seq <= shows[len(shows)-1].Seq {
			trend = append(trend, t)
		}
	}
	return shows, trend, next, later
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

// groupTable is one breakdown table of the figures pages, its cells
// already in words: a national report has a row for each of hundreds of
// prisons, and formatting them once here is cheaper than calling back
// from the template for every cell.
type groupTable struct {
	Page          *Layout
	Kind, Caption string
	Rows          []groupRow
	Total         groupRow
}

// groupRow is one row of a groupTable.
type groupRow struct {
	Label, Events, Families, Children, Cost, PerFamily, PerChild string
}

func newGroupTable(l *Layout, kind string, groups []costs.Group, total costs.Group) groupTable {
	t := groupTable{Page: l, Kind: kind, Caption: "costs.sheet.by_" + kind, Rows: make([]groupRow, 0, len(groups))}
	row := func(label string, g costs.Group) groupRow {
		return groupRow{Label: label, Events: strconv.Itoa(g.Events), Families: l.CountText(g.Families), Children: l.CountText(g.Children),
			Cost: l.CostText(g.Cost), PerFamily: l.Money(g.PerFamily), PerChild: l.Money(g.PerChild)}
	}
	for _, g := range groups {
		t.Rows = append(t.Rows, row(l.GroupLabel(kind, g), g))
	}
	t.Total = row(l.T("costs.row.total"), total)
	return t
}

// moneyTable is a category or bearer table.
type moneyTable struct {
	Page          *Layout
	Kind, Caption string
	Rows          []costs.MoneyTotal
	Total         costs.Money
}

// Table picks a breakdown by kind: prison (this page of it), la,
// school_type or period.
func (p *figuresCostsPage) Table(kind string) groupTable {
	groups := map[string][]costs.Group{"prison": p.Prisons, "la": p.Report.ByLocalAuthority,
		"school_type": p.Report.BySchoolType, "period": p.Report.ByPeriod}[kind]
	return newGroupTable(&p.Layout, kind, groups, p.Report.Total)
}

// Money picks the category or bearer table.
func (p *figuresCostsPage) MoneyTable(kind string) moneyTable {
	return pickMoney(&p.Layout, kind, p.Report.ByCategory, p.Report.ByBearer, p.Report.Total.Cost)
}

// Table picks a showcase breakdown by kind: la or school_type.
func (p *figuresShowcasePage) Table(kind string) groupTable {
	groups := p.S.ByLocalAuthority
	if kind == "school_type" {
		groups = p.S.BySchoolType
	}
	return newGroupTable(&p.Layout, kind, groups, p.S.Total)
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
