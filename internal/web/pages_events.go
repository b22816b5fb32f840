package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// eventRow is one showcase in the list, in words: a national list has
// hundreds, and formatting each cell here once is cheaper than calling
// back from the template.
type eventRow struct {
	ID                                int64
	Title, Date, Time, Prison, Status string
}

type eventsPage struct {
	Layout
	Events  []eventRow
	Pager   pager
	Prisons []Option
	prisons []domain.Prison
	Today   string
}

func (s *Server) eventsPage(c echo.Context) (*eventsPage, error) {
	ctx := c.Request().Context()
	events, err := s.store.Events(ctx, scopeOf(c))
	if err != nil {
		return nil, err
	}
	prisons, err := s.store.Prisons(ctx, scopeOf(c))
	if err != nil {
		return nil, err
	}
	p := &eventsPage{Layout: s.layout(c, "events.title"), prisons: prisons, Today: s.today()}
	names := map[int64]string{}
	for _, pr := range prisons {
		names[pr.ID] = pr.Name
		p.Prisons = append(p.Prisons, Option{Value: strconv.FormatInt(pr.ID, 10), Label: p.PrisonName(pr.Name)})
	}
	domain.ComingFirst(events, s.startOfToday())
	events, next, later := pageAfter(events, func(e domain.Event) int64 { return e.ID }, c.QueryParam("after"), rowsPerPage)
	p.Pager = newPager(&p.Layout, "/events", next, later)
	for _, e := range events {
		p.Events = append(p.Events, eventRow{ID: e.ID, Title: e.Title, Date: p.Date(e.StartsAt), Time: p.Time(e.StartsAt),
			Prison: p.PrisonName(names[e.PrisonID]), Status: p.T("events.status_" + e.Status)})
	}
	return p, nil
}

func (s *Server) listEvents(c echo.Context) error {
	p, err := s.eventsPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "events", p)
}

func (s *Server) createEvent(c echo.Context) error {
	p, err := s.eventsPage(c)
	if err != nil {
		return err
	}
	in := domain.EventInput{PrisonID: c.FormValue("prison_id"), Title: c.FormValue("title"), Date: c.FormValue("date"),
		Time: c.FormValue("time"), SlotMinutes: c.FormValue("slot_minutes"), Slots: c.FormValue("slots"),
		ArrivalMinutes: c.FormValue("arrival_minutes")}
	e, err := in.Validate(p.prisons, london, p.Today)
	var id int64
	if err == nil {
		id, err = s.store.CreateEvent(c.Request().Context(), currentUser(c).Actor(), e)
	}
	if p.Fail(err) {
		return s.render(c, rejectStatus(&p.Layout), "events", p)
	}
	if err != nil {
		return err
	}
	flash(c, "events.added")
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10))
}

// readyFamily is a family ready for allocation: reference and how many
// children are taking part, nothing more.
type readyFamily struct {
	ID       int64
	Ref      string
	Children int
}

type eventPage struct {
	Layout
	Event  domain.Event
	Prison domain.Prison
	Ready  []readyFamily
	// Replies are the answers to the showcase's invitations, teachers
	// first; Counts adds them up by answer ("" is no reply yet).
	Replies []inviteReply
	Counts  map[string]int
	// Travel are the families who asked for help with travel.
	Travel []store.TravelRequest
}

// inviteReply is one person's answer, as the coordinator sees it.
type inviteReply struct {
	Kind, Name, FamilyRef, Answer string
	FamilyID, RecipientID         int64
	On                            time.Time
}

// ArrivalAt is when families and teachers should arrive for the search.
func (p *eventPage) ArrivalAt() time.Time {
	return p.Event.StartsAt.Add(-time.Duration(p.Event.ArrivalMinutes) * time.Minute)
}

func (s *Server) showEvent(c echo.Context) error {
	p, err := s.loadEventPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "event", p)
}

// loadEventPage loads the showcase page's data: the showcase, the families
// ready for it and everyone's replies.
func (s *Server) loadEventPage(c echo.Context) (*eventPage, error) {
	ctx := c.Request().Context()
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusNotFound)
	}
	p := &eventPage{Layout: s.layout(c, "events.event_title")}
	if p.Event, err = s.store.Event(ctx, scopeOf(c), id); err != nil {
		return nil, err
	}
	if p.Prison, err = s.store.Prison(ctx, scopeOf(c), p.Event.PrisonID); err != nil {
		return nil, err
	}
	cases, err := s.store.Cases(ctx, scopeOf(c), p.Event.PrisonID)
	if err != nil {
		return nil, err
	}
	for _, cs := range cases {
		if cs.Ready() {
			p.Ready = append(p.Ready, readyFamily{ID: cs.Family.ID, Ref: cs.Family.Ref, Children: len(cs.AttendingChildren())})
		}
	}
	if err := s.loadReplies(ctx, p, cases); err != nil {
		return nil, err
	}
	if p.Travel, err = s.store.TravelRequests(ctx, id); err != nil {
		return nil, err
	}
	return p, nil
}

// loadReplies names each invited person: teachers by name, carers by name
// and family reference, from the cases already loaded for the prison.
func (s *Server) loadReplies(ctx context.Context, p *eventPage, cases []domain.Case) error {
	replies, err := s.store.InviteReplies(ctx, p.Event.ID)
	if err != nil {
		return err
	}
	teachers, err := s.store.Teachers(ctx, 0)
	if err != nil {
		return err
	}
	teacherName := map[int64]string{}
	for _, t := range teachers {
		teacherName[t.ID] = t.Name
	}
	type carer struct {
		name, ref string
		family    int64
	}
	carers := map[int64]carer{}
	for _, cs := range cases {
		for _, cr := range cs.Carers {
			carers[cr.ID] = carer{cr.Name, cs.Family.Ref, cs.Family.ID}
		}
	}
	p.Counts = map[string]int{}
	for _, r := range replies {
		row := inviteReply{Kind: r.Kind, RecipientID: r.RecipientID, Answer: r.Response, On: r.RespondedAt}
		if r.Kind == "teacher" {
			row.Name = teacherName[r.RecipientID]
		} else {
			cr := carers[r.RecipientID]
			row.Name, row.FamilyRef, row.FamilyID = cr.name, cr.ref, cr.family
		}
		p.Replies = append(p.Replies, row)
		p.Counts[r.Response]++
	}
	return nil
}
