package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// caseRow is one family on the dashboard.
type caseRow struct {
	ID           int64
	Ref          string
	ParentName   string
	CarerName    string
	Children     int
	Stage        domain.Stage
	Next         string
	Disciplinary bool
	ReleaseSoon  bool // release date falls before the next showcase
	Remand       bool
}

type stageGroup struct {
	Stage domain.Stage
	Rows  []caseRow
}

type dashboardPage struct {
	Layout
	Groups       []stageGroup
	Ready        int
	Total        int
	Flagged      []caseRow
	NextEvent    *domain.Event
	StageCounts  map[domain.Stage]int
	ActiveStages []domain.Stage
	List         listForm
	Shown        int
}

// flaggedMax is how many families the "needs attention" box lists; the
// filter shows the rest.
const flaggedMax = 20

// home is the coordinator's dashboard: counts by stage (one aggregate
// query), the families that need attention, and one page of the family
// list with its filters. Its queries do not grow with the caseload.
func (s *Server) home(c echo.Context) error {
	switch currentUser(c).Role {
	case domain.RolePrisonStaff:
		return c.Redirect(http.StatusSeeOther, "/clearance")
	case domain.RoleCommissioner:
		return c.Redirect(http.StatusSeeOther, "/figures")
	}
	ctx := c.Request().Context()
	sc := scopeOf(c)
	next, ok, err := s.store.NextEvent(ctx, sc, s.cfg.Now())
	if err != nil {
		return err
	}
	p := &dashboardPage{Layout: s.layout(c, "dashboard.title"), List: listForm{Path: "/", Filter: listFilter(c)}}
	if ok {
		p.NextEvent = &next
	}
	before := ""
	if p.NextEvent != nil {
		before = p.NextEvent.StartsAt.Format("2006-01-02")
	}
	p.List.Filter.AttentionBefore = before
	if p.StageCounts, err = s.store.CountFamilies(ctx, sc, store.FamilyFilter{}); err != nil {
		return err
	}
	for _, n := range p.StageCounts {
		p.Total += n
	}
	p.Ready = p.StageCounts[domain.StageReady]
	flagged, err := s.store.ListFamilies(ctx, sc, store.FamilyFilter{Attention: true, AttentionBefore: before, Limit: flaggedMax})
	if err != nil {
		return err
	}
	for _, cs := range flagged.Cases {
		p.Flagged = append(p.Flagged, s.caseRow(cs, p.NextEvent))
	}
	page, err := s.store.ListFamilies(ctx, sc, p.List.Filter)
	if err != nil {
		return err
	}
	p.List.Next, p.Shown = page.Next, len(page.Cases)
	groups := map[domain.Stage][]caseRow{}
	for _, cs := range page.Cases {
		row := s.caseRow(cs, p.NextEvent)
		groups[row.Stage] = append(groups[row.Stage], row)
	}
	for _, st := range domain.Stages {
		if rows := groups[st]; len(rows) > 0 {
			p.Groups = append(p.Groups, stageGroup{Stage: st, Rows: rows})
		}
	}
	return s.render(c, http.StatusOK, "dashboard", p)
}

func (s *Server) caseRow(cs domain.Case, next *domain.Event) caseRow {
	pr := cs.Progress()
	row := caseRow{ID: cs.Family.ID, Ref: cs.Family.Ref, ParentName: cs.Family.ParentName, Children: len(cs.AttendingChildren()),
		Stage: pr.Stage, Next: pr.Next, Disciplinary: pr.Disciplinary, Remand: cs.Family.Remand}
	if len(cs.Carers) > 0 {
		row.CarerName = cs.Carers[0].Name
	}
	if next != nil && cs.Family.ReleaseDate != "" {
		if rd, err := time.Parse("2006-01-02", cs.Family.ReleaseDate); err == nil && rd.Before(next.StartsAt) {
			row.ReleaseSoon = true
		}
	}
	return row
}

// StageClass picks the tag style for a stage; the text always says the
// stage too, so colour is never the only signal.
func (p *dashboardPage) StageClass(st domain.Stage) string { return stageClass(st) }

func stageClass(st domain.Stage) string {
	switch st {
	case domain.StageReady:
		return "ready"
	case domain.StageDeclined, domain.StageWithdrawn, domain.StageRefused, domain.StageNotAgreed:
		return "stopped"
	}
	return ""
}
