package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	figs "schoolzone/internal/figures"
)

// figuresPage carries counts only: the page cannot show a name, a
// reference or a prison number because none reaches it.
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
	return key
}

func (p *figuresPage) TypeLabel(key string) string {
	if key == "" {
		return p.T("figures.no_school")
	}
	return p.T("school_type." + key)
}

// figures shows commissioners aggregate counts of families, with groups
// of fewer than figs.Min families suppressed.
func (s *Server) figures(c echo.Context) error {
	ctx := c.Request().Context()
	cases, err := s.store.Cases(ctx, scopeOf(c), 0)
	if err != nil {
		return err
	}
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return err
	}
	bySchool := map[int64]domain.School{}
	for _, x := range schools {
		bySchool[x.ID] = x
	}
	families := make([]figs.Family, 0, len(cases))
	for _, cs := range cases {
		f := figs.Family{Stage: cs.Progress().Stage}
		for _, ch := range cs.Children {
			school, ok := bySchool[ch.SchoolID]
			f.LocalAuthorities = append(f.LocalAuthorities, school.LocalAuthority)
			if ok {
				f.SchoolTypes = append(f.SchoolTypes, string(school.Type))
			} else {
				f.SchoolTypes = append(f.SchoolTypes, "")
			}
		}
		families = append(families, f)
	}
	p := &figuresPage{Layout: s.layout(c, "figures.title"), Figures: figs.Compute(families), Min: figs.Min}
	return s.render(c, http.StatusOK, "figures", p)
}
