package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// auditPageSize is how many entries a page of the log shows; the next page
// follows by cursor, so there is no cap on how far back one can read.
const auditPageSize = 50

// auditQuery reads the log's filters from the query string, the same for
// the page and the API. Each bad value is a problem naming its field.
func auditQuery(c echo.Context) (store.AuditFilter, error) {
	var p domain.Problems
	f := store.AuditFilter{Entity: c.QueryParam("entity"), Action: strings.TrimSpace(c.QueryParam("action")),
		FamilyRef: strings.ToUpper(strings.TrimSpace(c.QueryParam("family"))), Limit: auditPageSize}
	num := func(name string) int64 {
		v := strings.TrimSpace(c.QueryParam(name))
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			p.Add(name, "audit.err_"+name)
		}
		return n
	}
	f.EntityID, f.ActorID, f.After = num("entity_id"), num("account"), num("after")
	day := func(name string) time.Time {
		v := strings.TrimSpace(c.QueryParam(name))
		if v == "" {
			return time.Time{}
		}
		d, err := time.ParseInLocation("2006-01-02", v, london)
		if err != nil {
			p.Add(name, "audit.err_date")
		}
		return d
	}
	f.From = day("from")
	if to := day("to"); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the whole of the last day
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		p.Add("to", "audit.err_range")
	}
	if f.FamilyRef != "" && !flashRef.MatchString(f.FamilyRef) {
		p.Add("family", "audit.err_family")
	}
	return f, p.Err()
}

// auditEntryView is one log entry as a reader sees it: the action in words,
// the record by reference, and no values.
type auditEntryView struct {
	ID          int64     `json:"id"`
	At          time.Time `json:"at"`
	ActorID     int64     `json:"account_id,omitempty"`
	Actor       string    `json:"actor"`
	Action      string    `json:"action"`
	ActionLabel string    `json:"action_text"`
	Entity      string    `json:"entity"`
	EntityLabel string    `json:"entity_text"`
	EntityID    int64     `json:"entity_id,omitempty"`
	Record      string    `json:"record,omitempty"`
	FamilyRef   string    `json:"family_ref,omitempty"`
}

func (s *Server) auditView(c echo.Context, e domain.AuditEntry) auditEntryView {
	lang := langOf(c)
	v := auditEntryView{ID: e.ID, At: e.At, ActorID: e.ActorID, Actor: e.Actor, Action: e.Action, Entity: e.Entity,
		EntityID: e.EntityID, FamilyRef: e.FamilyRef, Record: recordRef(e)}
	v.ActionLabel = s.cat.T(lang, "audit.action_other")
	if id := "audit.action_" + e.Action; s.cat.Has(lang, id) {
		v.ActionLabel = s.cat.T(lang, id)
	}
	v.EntityLabel = s.entityLabel(lang, e.Entity)
	return v
}

// recordRef is the reference people use for the record an entry is about.
func recordRef(e domain.AuditEntry) string {
	if e.EntityID == 0 {
		return ""
	}
	switch e.Entity {
	case "family":
		if e.FamilyRef != "" {
			return e.FamilyRef
		}
		return fmt.Sprintf("FAM-%04d", e.EntityID)
	case "event", "event_costs":
		return fmt.Sprintf("EV-%04d", e.EntityID)
	case "school", "school_travel":
		return fmt.Sprintf("SCH-%04d", e.EntityID)
	case "teacher", "teacher_cover":
		return fmt.Sprintf("TCH-%04d", e.EntityID)
	}
	return "#" + strconv.FormatInt(e.EntityID, 10)
}

type auditPage struct {
	Layout
	Entries   []auditEntryView
	Actions   []Option
	Accounts  []Option
	Entities  []Option
	Q         url.Values
	NextQuery string
	First     bool
}

// Asked is a filter's value as asked, for the form.
func (p *auditPage) Asked(name string) string { return p.Q.Get(name) }

// auditLog shows the append-only log, newest first, a page at a time, with
// filters by action, account, dates, family and record.
func (s *Server) auditLog(c echo.Context) error {
	ctx := c.Request().Context()
	p := &auditPage{Layout: s.layout(c, "audit.title"), Q: c.QueryParams()}
	f, err := auditQuery(c)
	status := http.StatusOK
	if p.Fail(err) {
		status = http.StatusBadRequest
	} else if err != nil {
		return err
	}
	actions, err := s.store.AuditActions(ctx)
	if err != nil {
		return err
	}
	for _, a := range actions {
		label := s.cat.T(p.Lang, "audit.action_other")
		if id := "audit.action_" + a; s.cat.Has(p.Lang, id) {
			label = s.cat.T(p.Lang, id)
		}
		p.Actions = append(p.Actions, Option{Value: a, Label: label})
	}
	actors, err := s.store.AuditActors(ctx)
	if err != nil {
		return err
	}
	for _, u := range actors {
		p.Accounts = append(p.Accounts, Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name})
	}
	entities, err := s.store.AuditEntities(ctx)
	if err != nil {
		return err
	}
	for _, e := range entities {
		p.Entities = append(p.Entities, Option{Value: e, Label: s.entityLabel(p.Lang, e)})
	}
	p.First = f.After == 0
	if status == http.StatusOK {
		page, err := s.store.AuditPage(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range page.Entries {
			p.Entries = append(p.Entries, s.auditView(c, e))
		}
		if page.Next != 0 {
			q := c.QueryParams()
			q.Set("after", strconv.FormatInt(page.Next, 10))
			q.Del("lang")
			p.NextQuery = "/audit?" + q.Encode()
		}
	}
	return s.render(c, status, "audit", p)
}

// entityLabel names a kind of record in the page's language, or a general
// word when the catalogue does not know it yet.
func (s *Server) entityLabel(lang i18n.Lang, entity string) string {
	if id := "audit.entity_" + entity; s.cat.Has(lang, id) {
		return s.cat.T(lang, id)
	}
	return s.cat.T(lang, "audit.entity_other")
}

// auditList is the API's audit log: one page, newest first, and the cursor
// of the next page (null at the end).
type auditList struct {
	Entries []auditEntryView `json:"entries"`
	Next    *string          `json:"next"`
}

func (s *Server) apiAuditLog(c echo.Context) error {
	f, err := auditQuery(c)
	if err != nil {
		return err
	}
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			var p domain.Problems
			p.Add("limit", "audit.err_limit")
			return p.Err()
		}
		f.Limit = n
	}
	page, err := s.store.AuditPage(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := auditList{Entries: []auditEntryView{}}
	for _, e := range page.Entries {
		out.Entries = append(out.Entries, s.auditView(c, e))
	}
	if page.Next != 0 {
		n := strconv.FormatInt(page.Next, 10)
		out.Next = &n
	}
	return c.JSON(http.StatusOK, out)
}
