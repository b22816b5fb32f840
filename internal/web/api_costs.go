package web

import (
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// The cost API runs the cost pages' own forms (costForm, ratesForm): a JSON
// body's fields become the form's, so every amount, choice and range is
// checked by the same code, and the answer names the JSON field. Money is a
// decimal string in pounds, such as "12.50", as the forms take it.

// formValues turns a request struct into the form it stands for. A field's
// form name is its `form` tag, else its JSON name; absent numbers and false
// become blank, as an empty form field would be.
func formValues(v any) (url.Values, map[string]string) {
	out, names := url.Values{}, map[string]string{}
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		form := f.Tag.Get("form")
		if form == "" {
			form = name
		}
		names[form] = name
		switch x := rv.Field(i).Interface().(type) {
		case string:
			out.Set(form, x)
		case *int:
			out.Set(form, intText(x))
		case int64:
			out.Set(form, idText(x))
		}
	}
	return out, names
}

// renameFields gives a form's validation errors the request's field names.
func renameFields(err error, names map[string]string) error {
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		for i, f := range ve.Fields {
			if to, ok := names[f.Field]; ok {
				ve.Fields[i].Field = to
			}
		}
	}
	return err
}

// useForm makes values the request's form for the page code to read.
func useForm(c echo.Context, values url.Values) {
	c.Request().Form, c.Request().PostForm = values, values
}

// apiCostForm runs a cost form with the JSON body req (nil: none) and
// answers with the showcase's costs.
func (s *Server) apiCostForm(fn costForm, status int, req func() any) echo.HandlerFunc {
	return func(c echo.Context) error {
		names := map[string]string{}
		values := url.Values{}
		if req != nil {
			r := req()
			if err := decodeJSON(c, r); err != nil {
				return err
			}
			if fr, ok := r.(interface {
				form() (url.Values, map[string]string)
			}); ok {
				values, names = fr.form()
			} else {
				values, names = formValues(r)
			}
		}
		useForm(c, values)
		p, err := s.loadCostsPage(c)
		if err != nil {
			return err
		}
		if err := fn(c, p, currentUser(c).Actor()); err != nil {
			return renameFields(err, names)
		}
		return s.apiCosts(c, status)
	}
}

type costLineRequest struct {
	Category    string `json:"category"`
	Bearer      string `json:"bearer"`
	Description string `json:"description"`
	Estimated   string `json:"estimated"`
	Notes       string `json:"notes" form:"line_notes"`
	EvidenceRef string `json:"evidence_ref" form:"line_evidence_ref"`
}

type costActualRequest struct {
	Line        string `json:"line"`
	Actual      string `json:"actual"`
	Claimed     string `json:"claimed"`
	Approved    string `json:"approved"`
	EvidenceRef string `json:"evidence_ref"`
	Notes       string `json:"notes"`
}

type costOverrideRequest struct {
	Line   string `json:"line" form:"override_line"`
	Amount string `json:"amount" form:"override_amount"`
	Reason string `json:"reason"`
}

type prepRequest struct {
	Count   *int `json:"count"`
	Minutes *int `json:"minutes"`
}

// costSettingsRequest is the estimate's settings, with staff counts and
// preparation time by role (officer, visits_staff, family_worker).
type costSettingsRequest struct {
	SetupMinutes   *int                   `json:"setup_minutes"`
	HalfDayMinutes *int                   `json:"half_day_minutes"`
	Staff          map[string]*int        `json:"staff"`
	Prep           map[string]prepRequest `json:"prep"`
}

func (r *costSettingsRequest) form() (url.Values, map[string]string) {
	v := url.Values{"setup_minutes": {intText(r.SetupMinutes)}, "half_day_minutes": {intText(r.HalfDayMinutes)}}
	names := map[string]string{"setup_minutes": "setup_minutes", "half_day_minutes": "half_day_minutes"}
	for _, role := range staffRoles {
		v.Set("staff_"+role, intText(r.Staff[role]))
		v.Set("prep_"+role, intText(r.Prep[role].Count))
		v.Set("prep_minutes_"+role, intText(r.Prep[role].Minutes))
		names["staff_"+role] = "staff." + role
		names["prep_"+role] = "prep." + role + ".count"
		names["prep_minutes_"+role] = "prep." + role + ".minutes"
	}
	return v, names
}

type costLineView struct {
	ID             string  `json:"id"`
	Category       string  `json:"category"`
	Bearer         string  `json:"bearer"`
	Description    string  `json:"description"`
	SchoolID       int64   `json:"school_id,omitempty"`
	TeacherID      int64   `json:"teacher_id,omitempty"`
	Estimated      string  `json:"estimated"`
	AutoEstimated  string  `json:"auto_estimated"`
	Actual         *string `json:"actual"`
	Claimed        *string `json:"claimed"`
	Approved       *string `json:"approved"`
	Overridden     bool    `json:"overridden"`
	OverrideReason string  `json:"override_reason"`
	Notes          string  `json:"notes"`
	EvidenceRef    string  `json:"evidence_ref"`
	Source         string  `json:"source"`
}

type costTotalView struct {
	Key         string `json:"key"`
	Lines       int    `json:"lines"`
	ActualLines int    `json:"actual_lines"`
	Estimated   string `json:"estimated"`
	Actual      string `json:"actual"`
	Amount      string `json:"amount"`
}

type costsView struct {
	EventID    int64           `json:"event_id"`
	Lines      []costLineView  `json:"lines"`
	Total      costTotalView   `json:"total"`
	ByCategory []costTotalView `json:"by_category"`
	ByBearer   []costTotalView `json:"by_bearer"`
	Families   int             `json:"families"`
	Children   int             `json:"children"`
	PerFamily  string          `json:"per_family"`
	PerChild   string          `json:"per_child"`
	Settings   settingsView    `json:"settings"`
}

type settingsView struct {
	SetupMinutes   int                    `json:"setup_minutes"`
	HalfDayMinutes int                    `json:"half_day_minutes"`
	Staff          map[string]int         `json:"staff"`
	Prep           map[string]prepMinutes `json:"prep"`
}

type prepMinutes struct {
	Count   int `json:"count"`
	Minutes int `json:"minutes"`
}

func moneyText(p *costs.Pence) *string {
	if p == nil {
		return nil
	}
	s := p.Decimal()
	return &s
}

func newTotalView(t costs.Total) costTotalView {
	return costTotalView{Key: t.Key, Lines: t.Lines, ActualLines: t.ActualLines, Estimated: t.Estimated.Decimal(),
		Actual: t.Actual.Decimal(), Amount: t.Amount.Decimal()}
}

func (s *Server) apiShowCosts(c echo.Context) error { return s.apiCosts(c, http.StatusOK) }

// apiCosts is the showcase's cost lines, totals and estimate settings, as
// the coordinator's cost page shows them.
func (s *Server) apiCosts(c echo.Context, status int) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ec, err := s.store.EventCosts(ctx, scopeOf(c), id)
	if err != nil {
		return err
	}
	set, err := s.store.CostSettings(ctx, scopeOf(c), id)
	if err != nil {
		return err
	}
	sum := ec.Summary()
	v := costsView{EventID: id, Lines: []costLineView{}, Total: newTotalView(sum.Total), ByCategory: []costTotalView{}, ByBearer: []costTotalView{},
		Families: sum.Families, Children: sum.Children, PerFamily: sum.PerFamily.Decimal(), PerChild: sum.PerChild.Decimal(),
		Settings: settingsView{SetupMinutes: set.SetupMinutes, HalfDayMinutes: set.HalfDayThresholdMinutes, Staff: map[string]int{}, Prep: map[string]prepMinutes{}}}
	lang := langOf(c)
	words := func(id string, args map[string]any) string { return s.cat.T(lang, id, args) }
	for _, l := range ec.Lines {
		v.Lines = append(v.Lines, costLineView{ID: l.ID, Category: string(l.Category), Bearer: string(l.Bearer), Description: l.Describe(words),
			SchoolID: l.SchoolID, TeacherID: l.TeacherID, Estimated: l.Estimated.Decimal(), AutoEstimated: l.AutoEstimated.Decimal(),
			Actual: moneyText(l.Actual), Claimed: moneyText(l.Claimed), Approved: moneyText(l.Approved), Overridden: l.Overridden,
			OverrideReason: l.OverrideReason, Notes: l.Notes, EvidenceRef: l.EvidenceRef, Source: string(l.Source)})
	}
	for _, t := range sum.ByCategory {
		v.ByCategory = append(v.ByCategory, newTotalView(t))
	}
	for _, t := range sum.ByBearer {
		v.ByBearer = append(v.ByBearer, newTotalView(t))
	}
	for _, x := range set.Staff {
		v.Settings.Staff[x.Role] = x.Count
	}
	for _, x := range set.Prep {
		v.Settings.Prep[x.Role] = prepMinutes{Count: x.Count, Minutes: int(x.Time.Minutes())}
	}
	return c.JSON(status, v)
}

type rateRequest struct {
	Scope         string `json:"scope"`
	Key           string `json:"key"`
	EffectiveFrom string `json:"effective_from"`
	Amount        string `json:"amount"`
}

type travelRequest struct {
	SchoolID      int64 `json:"school_id" form:"school"`
	TravelMinutes *int  `json:"travel_minutes"`
}

type rateView struct {
	ID            int64  `json:"id"`
	Scope         string `json:"scope"`
	Key           string `json:"key"`
	EffectiveFrom string `json:"effective_from"`
	Amount        string `json:"amount"`
}

func (s *Server) apiListRates(c echo.Context) error { return s.apiRates(c, http.StatusOK) }

// apiRates lists the rates of the account's prisons and of every local
// authority, as the rates page does.
func (s *Server) apiRates(c echo.Context, status int) error {
	rates, err := s.store.Rates(c.Request().Context(), scopeOf(c))
	if err != nil {
		return err
	}
	out := []rateView{}
	for _, r := range rates {
		out = append(out, rateView{ID: r.ID, Scope: scopeValue(r.Scope), Key: string(r.Key), EffectiveFrom: r.EffectiveFrom.Format("2006-01-02"), Amount: r.Amount.Decimal()})
	}
	return c.JSON(status, out)
}

// apiRatesForm runs one of the rates page's forms with a JSON body.
func (s *Server) apiRatesForm(fn ratesForm, status int, req func() any) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := req()
		if err := decodeJSON(c, r); err != nil {
			return err
		}
		values, names := formValues(r)
		useForm(c, values)
		p, err := s.loadRatesPage(c)
		if err != nil {
			return err
		}
		if err := fn(c, p, currentUser(c).Actor()); err != nil {
			return renameFields(err, names)
		}
		if status == http.StatusNoContent {
			return c.NoContent(status)
		}
		return s.apiRates(c, status)
	}
}

type deleteLineRequest struct {
	Line    string `json:"line"`
	Confirm bool   `json:"confirm"`
}

// apiDeleteCostLine is DELETE /api/v1/events/:id/costs/lines with the
// line's ID and "confirm": true, as the page asks first. Only a line typed
// in by hand can go; the answer is the showcase's costs.
func (s *Server) apiDeleteCostLine(c echo.Context) error {
	var req deleteLineRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	id, err := s.eventID(c)
	if err != nil {
		return err
	}
	if err := needConfirm(req.Confirm, "costpages.err_confirm_delete_line"); err != nil {
		return err
	}
	if err := s.store.DeleteCostLine(c.Request().Context(), currentUser(c).Actor(), id, req.Line); err != nil {
		return err
	}
	return s.apiCosts(c, http.StatusOK)
}

// apiDeleteRate is DELETE /api/v1/costs/rates/:rid with "confirm": true.
// The store refuses a prison's rate outside the account's prisons.
func (s *Server) apiDeleteRate(c echo.Context) error {
	var req confirmRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	id, err := pathInt(c, "rid")
	if err != nil {
		return err
	}
	if err := needConfirm(req.Confirm, "costpages.err_confirm_delete_rate"); err != nil {
		return err
	}
	if err := s.store.DeleteRate(c.Request().Context(), currentUser(c).Actor(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// costRoutes are the cost API's routes; each POST runs the page's form.
func (s *Server) costRoutes() []Route {
	get, post, put := http.MethodGet, http.MethodPost, http.MethodPut
	created, ok := http.StatusCreated, http.StatusOK
	return []Route{
		{get, "/api/v1/events/:id/costs", staff, s.apiShowCosts},
		{post, "/api/v1/events/:id/costs/lines", staff, s.apiCostForm(s.costLineForm, created, func() any { return &costLineRequest{} })},
		{post, "/api/v1/events/:id/costs/actuals", staff, s.apiCostForm(s.costActualForm, ok, func() any { return &costActualRequest{} })},
		{post, "/api/v1/events/:id/costs/overrides", staff, s.apiCostForm(s.costOverrideForm, ok, func() any { return &costOverrideRequest{} })},
		{post, "/api/v1/events/:id/costs/recalculate", staff, s.apiCostForm(s.costRecalculateForm, ok, nil)},
		{put, "/api/v1/events/:id/costs/settings", staff, s.apiCostForm(s.costSettingsForm, ok, func() any { return &costSettingsRequest{} })},
		{get, "/api/v1/events/:id/costs.xlsx", staff, s.downloadCostsXLSX},
		{get, "/api/v1/events/:id/costs.csv", staff, s.downloadCostsCSV},
		{get, "/api/v1/costs/rates", staff, s.apiListRates},
		{post, "/api/v1/costs/rates", staff, s.apiRatesForm(s.rateForm, created, func() any { return &rateRequest{} })},
		{post, "/api/v1/costs/travel", staff, s.apiRatesForm(s.travelForm, http.StatusNoContent, func() any { return &travelRequest{} })},
		{put, "/api/v1/events/:id/costs/lines", staff, s.apiCostForm(s.costLineEdit, ok, func() any { return &costLineEditRequest{} })},
		{http.MethodDelete, "/api/v1/events/:id/costs/lines", staff, s.apiDeleteCostLine},
		{http.MethodDelete, "/api/v1/costs/rates/:rid", staff, s.apiDeleteRate},
	}
}
