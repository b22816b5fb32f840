package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costreport"
	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// staffRoles are the prison staff roles the estimate settings and rates
// offer; each has an hourly rate "staff_hourly:<role>".
var staffRoles = []string{"officer", "visits_staff", "family_worker"}

// costsPage is a showcase's costs for the coordinator.
type costsPage struct {
	Layout
	Event    domain.Event
	Ref      string
	Costs    costs.EventCosts
	Summary  costs.Summary
	Chart    template.HTML
	Settings store.CostSettings
	Schools  map[int64]string
}

// LineOptions lists the event's lines for the actual and override forms.
func (p *costsPage) LineOptions() []Option {
	var out []Option
	for _, l := range p.Costs.Lines {
		out = append(out, Option{Value: l.ID, Label: p.T("costs.category."+string(l.Category)) + " – " + p.LineText(l)})
	}
	return out
}

// LineText is a line's description in the page's language.
func (l *Layout) LineText(line costs.Line) string { return line.Describe(l.translate) }

// translate is a catalogue lookup in the page's language, for packages
// that put their own words together.
func (l *Layout) translate(id string, args map[string]any) string { return l.cat.T(l.Lang, id, args) }

// SchoolName labels a line's school.
func (p *costsPage) SchoolName(id int64) string { return p.Schools[id] }

// StaffCount is the on-the-day count for role, for the settings form.
func (p *costsPage) StaffCount(role string) int {
	for _, s := range p.Settings.Staff {
		if s.Role == role {
			return s.Count
		}
	}
	return 0
}

// PrepCount and PrepMinutes fill the preparation row for role.
func (p *costsPage) PrepCount(role string) int { c, _ := p.prep(role); return c }

// PrepMinutes is the preparation time each for role.
func (p *costsPage) PrepMinutes(role string) int { _, m := p.prep(role); return m }

func (p *costsPage) prep(role string) (int, int) {
	for _, s := range p.Settings.Prep {
		if s.Role == role {
			return s.Count, int(s.Time.Minutes())
		}
	}
	return 0, 0
}

// StaffRoles lists the roles the settings form offers.
func (p *costsPage) StaffRoles() []string { return staffRoles }

// Categories and Bearers feed the manual line form, each led by an empty
// choice so that nothing is chosen for the coordinator.
func (p *costsPage) Categories() []costs.Category {
	return append([]costs.Category{""}, costs.Categories...)
}

// Bearers lists every bearer after the empty choice.
func (p *costsPage) Bearers() []costs.Bearer { return append([]costs.Bearer{""}, costs.Bearers...) }

// eventRef is a showcase's reference as every page and document writes it.
func eventRef(id int64) string { return showcase.EventRef(id) }

func (s *Server) loadCostsPage(c echo.Context) (*costsPage, error) {
	id, err := s.familyID(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	p := &costsPage{Layout: s.layout(c, "costpages.title"), Ref: eventRef(id), Schools: map[int64]string{}}
	if p.Event, err = s.store.Event(ctx, scopeOf(c), id); err != nil {
		return nil, err
	}
	if p.Costs, err = s.store.EventCosts(ctx, scopeOf(c), id); err != nil {
		return nil, err
	}
	if p.Settings, err = s.store.CostSettings(ctx, scopeOf(c), id); err != nil {
		return nil, err
	}
	for _, sc := range p.Costs.Schools {
		p.Schools[sc.SchoolID] = sc.Name
	}
	p.Summary = p.Costs.Summary()
	var buf bytes.Buffer
	if err := costreport.BarChartSVG(&buf, p.Summary.ByCategory, s.reportOptions(c)); err != nil {
		return nil, err
	}
	p.Chart = template.HTML(buf.String()) // drawn by costreport, which escapes every label
	return p, nil
}

func (s *Server) showCosts(c echo.Context) error {
	p, err := s.loadCostsPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "costs", p)
}

// costForm reads one of the cost page's forms and saves it; the API runs
// the same ones with a JSON body's fields as the form's (apiCostForm).
type costForm func(c echo.Context, p *costsPage, actor domain.Actor) error

// saveCosts is every cost form's POST: parse and save via fn, then redirect
// with a flash, or re-render the page with the field messages (400) and
// nothing saved.
func (s *Server) saveCosts(c echo.Context, flashID string, fn costForm) error {
	p, err := s.loadCostsPage(c)
	if err != nil {
		return err
	}
	if err = fn(c, p, currentUser(c).Actor()); err == nil {
		flash(c, flashID)
		return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(p.Event.ID, 10)+"/costs")
	}
	if !p.Fail(err) {
		return err
	}
	return s.render(c, http.StatusBadRequest, "costs", p)
}

func (s *Server) addCostLine(c echo.Context) error {
	return s.saveCosts(c, "costpages.line_added", s.costLineForm)
}

func (s *Server) costLineForm(c echo.Context, p *costsPage, actor domain.Actor) error {
	l, err := manualLineForm(c)
	if err != nil {
		return err
	}
	_, err = s.store.AddCostLine(c.Request().Context(), actor, p.Event.ID, l)
	return err
}

// manualLineForm reads a line typed by hand, as added or changed.
func manualLineForm(c echo.Context) (costs.Line, error) {
	var pr domain.Problems
	l := costs.Line{Category: costs.Category(c.FormValue("category")), Bearer: costs.Bearer(c.FormValue("bearer")),
		Description: strings.TrimSpace(c.FormValue("description")), Notes: strings.TrimSpace(c.FormValue("line_notes")),
		EvidenceRef: strings.TrimSpace(c.FormValue("line_evidence_ref"))}
	if !l.Category.Valid() {
		pr.Add("category", "err.choice")
	}
	if !l.Bearer.Valid() {
		pr.Add("bearer", "err.choice")
	}
	if l.Description == "" {
		pr.Add("description", "err.required")
	}
	l.Estimated = requiredPence(&pr, c, "estimated")
	return l, pr.Err()
}

func (s *Server) recordCostActual(c echo.Context) error {
	return s.saveCosts(c, "costpages.actual_saved", s.costActualForm)
}

func (s *Server) costActualForm(c echo.Context, p *costsPage, actor domain.Actor) error {
	var pr domain.Problems
	line := knownLine(&pr, p, "line", c.FormValue("line"))
	o := store.Outcome{Actual: optionalPence(&pr, c, "actual"), Claimed: optionalPence(&pr, c, "claimed"),
		Approved: optionalPence(&pr, c, "approved"), EvidenceRef: c.FormValue("evidence_ref"), Notes: c.FormValue("notes")}
	if o.Actual == nil && c.FormValue("actual") == "" {
		pr.Add("actual", "err.required")
	}
	if o.Approved != nil && o.Claimed != nil && *o.Approved > *o.Claimed {
		pr.Add("approved", "costpages.err.approved_over_claimed")
	}
	if err := pr.Err(); err != nil {
		return err
	}
	return s.store.RecordOutcome(c.Request().Context(), actor, p.Event.ID, line, o)
}

func (s *Server) overrideCostLine(c echo.Context) error {
	return s.saveCosts(c, "costpages.override_saved", s.costOverrideForm)
}

func (s *Server) costOverrideForm(c echo.Context, p *costsPage, actor domain.Actor) error {
	var pr domain.Problems
	line := knownLine(&pr, p, "override_line", c.FormValue("override_line"))
	amount := requiredPence(&pr, c, "override_amount")
	reason := strings.TrimSpace(c.FormValue("reason"))
	if reason == "" {
		pr.Add("reason", "costpages.err.reason")
	}
	if err := pr.Err(); err != nil {
		return err
	}
	return s.store.OverrideCostLine(c.Request().Context(), actor, p.Event.ID, line, amount, reason)
}

func (s *Server) recalculateCosts(c echo.Context) error {
	return s.saveCosts(c, "costpages.recalculated", s.costRecalculateForm)
}

func (s *Server) costRecalculateForm(c echo.Context, p *costsPage, actor domain.Actor) error {
	err := s.store.ReestimateCosts(c.Request().Context(), actor, p.Event.ID)
	if errors.Is(err, costs.ErrNoRate) {
		s.log.Info("costs: recalculate", "event", p.Event.ID, "error", err.Error())
		return &domain.ValidationError{Fields: []domain.FieldError{{Field: "recalculate", Key: "costpages.err.no_rate"}}}
	}
	return err
}

func (s *Server) saveCostSettings(c echo.Context) error {
	return s.saveCosts(c, "costpages.settings_saved", s.costSettingsForm)
}

func (s *Server) costSettingsForm(c echo.Context, p *costsPage, actor domain.Actor) error {
	var pr domain.Problems
	cs := store.CostSettings{SetupMinutes: wholeField(&pr, c, "setup_minutes", 0, 600),
		HalfDayThresholdMinutes: wholeField(&pr, c, "half_day_minutes", 1, 1440)}
	for _, role := range staffRoles {
		if n := wholeField(&pr, c, "staff_"+role, 0, 100); n > 0 {
			cs.Staff = append(cs.Staff, costs.StaffCount{Role: role, Count: n})
		}
		n, m := wholeField(&pr, c, "prep_"+role, 0, 100), wholeField(&pr, c, "prep_minutes_"+role, 0, 10000)
		if n > 0 && m > 0 {
			cs.Prep = append(cs.Prep, costs.StaffTime{Role: role, Count: n, Time: minutes(m)})
		}
	}
	if err := pr.Err(); err != nil {
		return err
	}
	return s.store.SetCostSettings(c.Request().Context(), actor, p.Event.ID, cs)
}

// knownLine checks a posted line ID belongs to the page's event.
func knownLine(pr *domain.Problems, p *costsPage, field, id string) string {
	for _, l := range p.Costs.Lines {
		if l.ID == id {
			return id
		}
	}
	pr.Add(field, "err.choice")
	return ""
}
