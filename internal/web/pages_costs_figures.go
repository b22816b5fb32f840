package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costreport"
	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func (s *Server) reportOptions(c echo.Context) costreport.Options {
	return costreport.Options{Lang: langOf(c), Catalogue: s.cat, Now: s.cfg.Now(), Location: london}
}

// attachment sends a download named from references only, never a name.
func attachment(c echo.Context, contentType, filename string, data []byte) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", filename))
	return c.Blob(http.StatusOK, contentType, data)
}

func (s *Server) downloadCostsXLSX(c echo.Context) error {
	id, err := s.familyID(c)
	if err != nil {
		return err
	}
	ev, err := s.store.EventCosts(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := costreport.WriteEventWorkbook(&buf, ev, s.reportOptions(c)); err != nil {
		return err
	}
	return attachment(c, xlsxType, "costs-"+eventRef(id)+".xlsx", buf.Bytes())
}

func (s *Server) downloadCostsCSV(c echo.Context) error {
	id, err := s.familyID(c)
	if err != nil {
		return err
	}
	ev, err := s.store.EventCosts(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := costreport.WriteLinesCSV(&buf, ev, s.reportOptions(c)); err != nil {
		return err
	}
	return attachment(c, "text/csv; charset=utf-8", "costs-"+eventRef(id)+".csv", buf.Bytes())
}

// ratesPage lists rates by prison and local authority with their dates.
type ratesPage struct {
	Layout
	Rates   []rateRow
	Scopes  []Option
	Schools []Option
	Keys    []Option
}

type rateRow struct {
	Scope, Key, From string
	Amount           costs.Pence
}

func (s *Server) loadRatesPage(c echo.Context) (*ratesPage, error) {
	ctx := c.Request().Context()
	p := &ratesPage{Layout: s.layout(c, "costpages.rates_title")}
	names := map[costs.Scope]string{}
	prisons, err := s.store.Prisons(ctx, scopeOf(c))
	if err != nil {
		return nil, err
	}
	for _, x := range prisons {
		sc := costs.Scope{Kind: costs.PrisonScope, ID: x.ID}
		names[sc] = x.Name
		p.Scopes = append(p.Scopes, Option{Value: scopeValue(sc), Label: x.Name})
	}
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range las {
		sc := costs.Scope{Kind: costs.LAScope, ID: x.ID}
		names[sc] = x.Name
		p.Scopes = append(p.Scopes, Option{Value: scopeValue(sc), Label: x.Name})
	}
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range schools {
		p.Schools = append(p.Schools, Option{Value: strconv.FormatInt(x.ID, 10), Label: x.Name})
	}
	for _, k := range rateKeys() {
		p.Keys = append(p.Keys, Option{Value: string(k), Label: p.RateLabel(k)})
	}
	rates, err := s.store.Rates(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rates {
		p.Rates = append(p.Rates, rateRow{Scope: names[r.Scope], Key: p.RateLabel(r.Key), From: r.EffectiveFrom.Format(time.DateOnly), Amount: r.Amount})
	}
	return p, nil
}

func scopeValue(sc costs.Scope) string { return string(sc.Kind) + ":" + strconv.FormatInt(sc.ID, 10) }

func (s *Server) showRates(c echo.Context) error {
	p, err := s.loadRatesPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "rates", p)
}

func (s *Server) addRate(c echo.Context) error {
	p, err := s.loadRatesPage(c)
	if err != nil {
		return err
	}
	var pr domain.Problems
	r := costs.Rate{Key: costs.RateKey(c.FormValue("key"))}
	if !hasOption(p.Scopes, c.FormValue("scope")) {
		pr.Add("scope", "err.choice")
	} else {
		kind, id, _ := strings.Cut(c.FormValue("scope"), ":")
		r.Scope.Kind = costs.ScopeKind(kind)
		r.Scope.ID, _ = strconv.ParseInt(id, 10, 64)
	}
	if !hasOption(p.Keys, string(r.Key)) {
		pr.Add("key", "err.choice")
	}
	if r.EffectiveFrom, err = time.Parse(time.DateOnly, c.FormValue("effective_from")); err != nil {
		pr.Add("effective_from", "err.date")
	}
	r.Amount = requiredPence(&pr, c, "amount")
	if r.Amount < 0 {
		pr.Add("amount", "costpages.err.money")
	}
	err = pr.Err()
	if err == nil {
		if _, err = s.store.AddRate(c.Request().Context(), currentUser(c).Actor(), r); err == nil {
			flash(c, "costpages.rate_saved")
			return c.Redirect(http.StatusSeeOther, "/costs/rates")
		}
	}
	if !p.Fail(err) {
		return err
	}
	return s.render(c, http.StatusBadRequest, "rates", p)
}

func (s *Server) saveSchoolTravel(c echo.Context) error {
	p, err := s.loadRatesPage(c)
	if err != nil {
		return err
	}
	var pr domain.Problems
	if !hasOption(p.Schools, c.FormValue("school")) {
		pr.Add("school", "err.choice")
	}
	mins := wholeField(&pr, c, "travel_minutes", 0, 600)
	err = pr.Err()
	if err == nil {
		if err = s.store.SetSchoolTravel(c.Request().Context(), currentUser(c).Actor(), formInt(c, "school"), mins); err == nil {
			flash(c, "costpages.travel_saved")
			return c.Redirect(http.StatusSeeOther, "/costs/rates")
		}
	}
	if !p.Fail(err) {
		return err
	}
	return s.render(c, http.StatusBadRequest, "rates", p)
}

func hasOption(opts []Option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// figuresCostsPage is the commissioner's view: only costs.CommissionerReport,
// whose types hold no names, prison numbers, notes or titles.
type figuresCostsPage struct {
	Layout
	Report costs.CommissionerReport
}

// GroupLabel names a breakdown row.
func (p *figuresCostsPage) GroupLabel(kind string, g costs.Group) string {
	switch {
	case g.Key == costs.FamilyCostsKey:
		return p.T("costs.group.family_costs")
	case kind == "period":
		return p.Period(g.Key)
	case kind == "school_type" && g.Key != "":
		return p.T("school_type." + g.Key)
	case g.Label != "":
		return g.Label
	case kind == "school_type":
		return p.T("costs.none.school_type")
	}
	return p.T("costs.none.la")
}

func (s *Server) figuresCosts(c echo.Context) error {
	evs, err := s.store.CommissionerEvents(c.Request().Context(), scopeOf(c))
	if err != nil {
		return err
	}
	p := &figuresCostsPage{Layout: s.layout(c, "costpages.figures_title"), Report: costs.Aggregate(evs)}
	return s.render(c, http.StatusOK, "figures_costs", p)
}

func (s *Server) figuresCostsXLSX(c echo.Context) error {
	evs, err := s.store.CommissionerEvents(c.Request().Context(), scopeOf(c))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := costreport.WriteCommissionerWorkbook(&buf, costs.Aggregate(evs), s.reportOptions(c)); err != nil {
		return err
	}
	name := "showcase-costs-" + s.cfg.Now().In(london).Format(time.DateOnly) + ".xlsx"
	return attachment(c, xlsxType, name, buf.Bytes())
}

// groupTable is one breakdown table of the figures page.
type groupTable struct {
	Page          *figuresCostsPage
	Kind, Caption string
	Groups        []costs.Group
}

// Table picks a breakdown by kind: prison, la, school_type or period.
func (p *figuresCostsPage) Table(kind string) groupTable {
	t := groupTable{Page: p, Kind: kind, Caption: "costs.sheet.by_" + kind}
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

// CategoryLabel names a category row; the last row holds the family money
// withheld because fewer than 3 families are behind it.
func (p *figuresCostsPage) CategoryLabel(key string) string {
	if key == costs.FamilyCostsKey {
		return p.T("costs.row.family_combined")
	}
	return p.T("costs.category." + key)
}
