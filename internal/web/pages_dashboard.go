package web

import (
	"net/http"
	"sort"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
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
}

func (s *Server) home(c echo.Context) error {
	switch currentUser(c).Role {
	case domain.RolePrisonStaff:
		return c.Redirect(http.StatusSeeOther, "/clearance")
	case domain.RoleCommissioner:
		return c.Redirect(http.StatusSeeOther, "/figures")
	}
	ctx := c.Request().Context()
	cases, err := s.store.Cases(ctx, scopeOf(c), 0)
	if err != nil {
		return err
	}
	events, err := s.store.Events(ctx, scopeOf(c))
	if err != nil {
		return err
	}
	p := &dashboardPage{Layout: s.layout(c, "dashboard.title"), StageCounts: map[domain.Stage]int{}}
	now := s.cfg.Now()
	for i := range events {
		if events[i].StartsAt.After(now) && events[i].Status != "cancelled" {
			p.NextEvent = &events[i]
			break
		}
	}
	groups := map[domain.Stage][]caseRow{}
	for _, cs := range cases {
		row := s.caseRow(cs, p.NextEvent)
		groups[row.Stage] = append(groups[row.Stage], row)
		p.StageCounts[row.Stage]++
		if row.Disciplinary || row.ReleaseSoon {
			p.Flagged = append(p.Flagged, row)
		}
	}
	for _, st := range domain.Stages {
		if rows := groups[st]; len(rows) > 0 {
			sort.Slice(rows, func(i, j int) bool { return rows[i].Ref < rows[j].Ref })
			p.Groups = append(p.Groups, stageGroup{Stage: st, Rows: rows})
		}
	}
	p.Ready, p.Total = p.StageCounts[domain.StageReady], len(cases)
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
