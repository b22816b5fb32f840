package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costs"
	figs "schoolzone/internal/figures"
)

// figuresPage carries counts only: the page cannot show a name, a
// reference or a prison number because none reaches it. Hidden counts
// read [c], like the cost pages' (figures.hidden).
type figuresPage struct {
	Layout
	figs.Figures
	Min int
}

// StageLabel, AuthorityLabel and TypeLabel name a group's key.
func (p *figuresPage) StageLabel(key string) string { return p.T("stage." + key) }

func (p *figuresPage) AuthorityLabel(key string) string {
	if key == "" {
		return p.T("figures.no_school")
	}
	return p.CouncilName(key)
}

func (p *figuresPage) TypeLabel(key string) string {
	if key == "" {
		return p.T("figures.no_school")
	}
	return p.T("school_type." + key)
}

// figures shows commissioners aggregate counts of families, protected
// together with the cost figures.
func (s *Server) figures(c echo.Context) error {
	f, _, err := s.commissionerTables(c)
	if err != nil {
		return err
	}
	p := &figuresPage{Layout: s.layout(c, "figures.title"), Figures: f, Min: figs.Min}
	if err := s.withCouncilNames(c.Request().Context(), &p.Layout); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "figures", p)
}

// commissionerTables builds every table a commissioner can see, the
// family counts and the cost report with each showcase's, and protects
// them in one go, so that each page and download hides the same cells and
// none can be set against another to work a hidden figure out.
//
// They are kept (tablesCache) until anything is committed to the database,
// so a page or download reads them at the cost of one small query.
func (s *Server) commissionerTables(c echo.Context) (figs.Figures, costs.CommissionerReport, error) {
	ctx := c.Request().Context()
	version, err := s.store.DataVersion(ctx)
	if err != nil {
		return figs.Figures{}, costs.CommissionerReport{}, err
	}
	key, day := scopeKey(scopeOf(c)), s.today()
	if e, ok := s.tables.get(key, version, day); ok {
		return e.figures, e.report, nil
	}
	f, err := s.store.Figures(ctx, scopeOf(c))
	if err != nil {
		return figs.Figures{}, costs.CommissionerReport{}, err
	}
	evs, err := s.store.CommissionerEvents(ctx, scopeOf(c))
	if err != nil {
		return figs.Figures{}, costs.CommissionerReport{}, err
	}
	rep, hidden := costs.AggregateWith(evs, costs.AcademicTerm, f.Cells())
	f.Hide(hidden)
	// Read before the tables were built, so a commit made meanwhile
	// leaves them keyed to the old version, and the next request builds
	// them again.
	s.tables.put(key, tablesEntry{version: version, day: day, figures: f, report: rep})
	return f, rep, nil
}
