package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// familyRow is one family on the coordinator's family list.
type familyRow struct {
	ID           int64
	Ref          string
	ParentName   string
	Prison       string
	Schools      string
	Stage        domain.Stage
	Next         string
	Disciplinary bool
	ReleaseSoon  bool
}

type familiesPage struct {
	Layout
	Rows    []familyRow
	List    listForm
	Matches int // families matching the filters, over every page
	Total   int // families in scope, whatever the filters
}

// StageClass picks the tag style for a stage, as on the dashboard.
func (p *familiesPage) StageClass(st domain.Stage) string { return stageClass(st) }

// maxShowcaseChoices is the longest list of showcases the family list's
// filter offers: past it, it offers the chosen prison's, the newest 40
// (twenty years of showcases).
const maxShowcaseChoices = 40

// familyList is every family the account may see, a page at a time, with
// filters for stage, prison, school, showcase and "needs attention" and a
// search by reference, name or school. It is a GET form, so it needs no
// JavaScript, and the address keeps the filters for bookmarks and the
// pager. Its reads do not grow with the caseload: one page of families,
// two counts and the filters' options.
func (s *Server) familyList(c echo.Context) error {
	ctx := c.Request().Context()
	sc := scopeOf(c)
	p := &familiesPage{Layout: s.layout(c, "families.title"), List: listForm{Path: "/families", Filter: listFilter(c), Choices: true}}
	next, ok, err := s.store.NextEvent(ctx, sc, s.cfg.Now())
	if err != nil {
		return err
	}
	if ok {
		p.List.Filter.AttentionBefore = next.StartsAt.Format("2006-01-02")
	}
	prisons, err := s.store.Prisons(ctx, sc)
	if err != nil {
		return err
	}
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return err
	}
	events, more, err := s.store.EventChoices(ctx, sc, p.List.Filter.PrisonID, maxShowcaseChoices)
	if err != nil {
		return err
	}
	switch {
	case more && p.List.Filter.PrisonID == 0:
		// Too many to choose from: the chosen prison's are offered instead.
		events, p.List.EventsHint = nil, "lists.event_hint"
	case more:
		p.List.EventsHint = "lists.event_hint_latest"
	}
	if ev := p.List.Filter.EventID; ev != 0 && !slices.ContainsFunc(events, func(e domain.Event) bool { return e.ID == ev }) {
		// Chosen by address: offered too, so it shows and can be cleared.
		if e, err := s.store.Event(ctx, sc, ev); err == nil {
			events = append(events, e)
		}
	}
	prisonName := map[int64]string{}
	if len(prisons) > 1 { // one prison is no choice
		p.List.Prisons = []Option{{Value: "", Label: p.T("lists.all_prisons")}}
	}
	for _, x := range prisons {
		prisonName[x.ID] = p.PrisonName(x.Name)
		if len(prisons) > 1 {
			p.List.Prisons = append(p.List.Prisons, Option{Value: strconv.FormatInt(x.ID, 10), Label: p.PrisonName(x.Name)})
		}
	}
	schoolName := map[int64]string{}
	p.List.Schools = []Option{{Value: "", Label: p.T("lists.all_schools")}}
	for _, x := range schools {
		schoolName[x.ID] = x.Name
		p.List.Schools = append(p.List.Schools, Option{Value: strconv.FormatInt(x.ID, 10), Label: x.Name})
	}
	p.List.Events = []Option{{Value: "", Label: p.T("lists.all_events")}}
	for _, e := range events {
		p.List.Events = append(p.List.Events, Option{Value: strconv.FormatInt(e.ID, 10), Label: e.Title + " (" + p.Date(e.StartsAt) + ")"})
	}

	counts, err := s.store.CountFamilies(ctx, sc, p.List.Filter)
	if err != nil {
		return err
	}
	for _, n := range counts {
		p.Matches += n
	}
	if p.Matches == 0 {
		all, err := s.store.CountFamilies(ctx, sc, store.FamilyFilter{})
		if err != nil {
			return err
		}
		for _, n := range all {
			p.Total += n
		}
	}
	page, err := s.store.ListFamilies(ctx, sc, p.List.Filter)
	if err != nil {
		return err
	}
	p.List.Next = page.Next
	var nextEvent *domain.Event
	if ok {
		nextEvent = &next
	}
	for _, cs := range page.Cases {
		cr := s.caseRow(cs, nextEvent)
		row := familyRow{ID: cr.ID, Ref: cr.Ref, ParentName: cr.ParentName, Prison: prisonName[cs.Family.PrisonID], Stage: cr.Stage,
			Next: cr.Next, Disciplinary: cr.Disciplinary, ReleaseSoon: cr.ReleaseSoon}
		var names []string
		seen := map[int64]bool{}
		for _, ch := range cs.Children {
			if ch.SchoolID != 0 && !seen[ch.SchoolID] {
				seen[ch.SchoolID] = true
				names = append(names, schoolName[ch.SchoolID])
			}
		}
		row.Schools = strings.Join(names, ", ")
		p.Rows = append(p.Rows, row)
	}
	return s.render(c, http.StatusOK, "families", p)
}
