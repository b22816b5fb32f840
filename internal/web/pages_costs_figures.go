package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
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

// commissionerReportOptions are reportOptions with the councils' recorded
// Welsh names, which commissioner reports (naming councils only by name)
// need.
func (s *Server) commissionerReportOptions(c echo.Context) (costreport.Options, error) {
	o := s.reportOptions(c)
	var err error
	o.CouncilsCy, err = s.councilsCy(c.Request().Context(), o.Lang)
	return o, err
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
	// Changing is set when the add form was filled from a rate to change.
	Changing bool
}

type rateRow struct {
	ID               int64
	Scope, Key, From string
	Amount           costs.Pence
	// form is the rate as the add form's values, for its Change link.
	form url.Values
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
		names[sc] = p.PrisonName(x.Name)
		p.Scopes = append(p.Scopes, Option{Value: scopeValue(sc), Label: p.PrisonName(x.Name)})
	}
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range las {
		sc := costs.Scope{Kind: costs.LAScope, ID: x.ID}
		names[sc] = p.CouncilName(x.Name)
		p.Scopes = append(p.Scopes, Option{Value: scopeValue(sc), Label: p.CouncilName(x.Name)})
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
	rates, err := s.store.Rates(ctx, scopeOf(c))
	if err != nil {
		return nil, err
	}
	for _, r := range rates {
		p.Rates = append(p.Rates, rateRow{ID: r.ID, Scope: names[r.Scope], Key: p.RateLabel(r.Key), From: r.EffectiveFrom.Format(time.DateOnly), Amount: r.Amount,
			form: url.Values{"scope": {scopeValue(r.Scope)}, "key": {string(r.Key)}, "amount": {r.Amount.Decimal()}}})
	}
	return p, nil
}

func scopeValue(sc costs.Scope) string { return string(sc.Kind) + ":" + strconv.FormatInt(sc.ID, 10) }

// showRates lists the rates. ?change=ID fills the add form from that rate
// with today's date: a rate is changed from a date, so showcases before
// it are still priced as they were.
func (s *Server) showRates(c echo.Context) error {
	p, err := s.loadRatesPage(c)
	if err != nil {
		return err
	}
	if id, err := strconv.ParseInt(c.QueryParam("change"), 10, 64); err == nil {
		r, ok := p.rate(id)
		if !ok {
			return domain.ErrNotFound
		}
		p.Form = r.form
		p.Form.Set("effective_from", s.today())
		p.Changing = true
	}
	return s.render(c, http.StatusOK, "rates", p)
}

func (s *Server) addRate(c echo.Context) error {
	return s.saveRates(c, "costpages.rate_saved", s.rateForm)
}

// saveRates is the rates page's POSTs: parse and save via fn, then redirect
// with a flash, or show the page again with the field messages (400).
func (s *Server) saveRates(c echo.Context, flashID string, fn ratesForm) error {
	p, err := s.loadRatesPage(c)
	if err != nil {
		return err
	}
	if err = fn(c, p, currentUser(c).Actor()); err == nil {
		flash(c, flashID)
		return c.Redirect(http.StatusSeeOther, "/costs/rates")
	}
	if !p.Fail(err) {
		return err
	}
	return s.render(c, http.StatusBadRequest, "rates", p)
}

// ratesForm reads one of the rates page's forms and saves it; the API runs
// the same ones (apiRatesForm).
type ratesForm func(c echo.Context, p *ratesPage, actor domain.Actor) error

func (s *Server) rateForm(c echo.Context, p *ratesPage, actor domain.Actor) error {
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
	var err error
	if r.EffectiveFrom, err = time.Parse(time.DateOnly, c.FormValue("effective_from")); err != nil {
		pr.Add("effective_from", "err.date")
	}
	r.Amount = requiredPence(&pr, c, "amount")
	if r.Amount < 0 {
		pr.Add("amount", "costpages.err.money")
	}
	if err := pr.Err(); err != nil {
		return err
	}
	_, err = s.store.AddRate(c.Request().Context(), actor, r)
	return err
}

func (s *Server) saveSchoolTravel(c echo.Context) error {
	return s.saveRates(c, "costpages.travel_saved", s.travelForm)
}

func (s *Server) travelForm(c echo.Context, p *ratesPage, actor domain.Actor) error {
	var pr domain.Problems
	if !hasOption(p.Schools, c.FormValue("school")) {
		pr.Add("school", "err.choice")
	}
	mins := wholeField(&pr, c, "travel_minutes", 0, 600)
	if err := pr.Err(); err != nil {
		return err
	}
	return s.store.SetSchoolTravel(c.Request().Context(), actor, formInt(c, "school"), mins)
}

func hasOption(opts []Option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}
