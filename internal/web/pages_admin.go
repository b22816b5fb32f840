package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// auditRow is one audit entry with its before/after JSON indented to read.
type auditRow struct {
	domain.AuditEntry
	BeforeJSON, AfterJSON string
}

type auditPage struct {
	Layout
	Entries  []auditRow
	Entities []Option
	Entity   string
	EntityID string
	Limit    int
}

// auditLog shows the append-only log, newest first, optionally for one
// kind of record or one record. It is read-only: there is nothing to edit.
func (s *Server) auditLog(c echo.Context) error {
	ctx := c.Request().Context()
	p := &auditPage{Layout: s.layout(c, "audit.title"), Entity: c.QueryParam("entity"), EntityID: strings.TrimSpace(c.QueryParam("entity_id")), Limit: 200}
	f := store.AuditFilter{Entity: p.Entity, Limit: p.Limit}
	status := http.StatusOK
	if p.EntityID != "" {
		id, err := strconv.ParseInt(p.EntityID, 10, 64)
		if err != nil || id < 1 {
			p.Problem("entity_id", "audit.err_entity_id")
			status = http.StatusBadRequest
		}
		f.EntityID = id
	}
	entities, err := s.store.AuditEntities(ctx)
	if err != nil {
		return err
	}
	for _, e := range entities {
		p.Entities = append(p.Entities, Option{Value: e, Label: s.entityLabel(p.Lang, e)})
	}
	if status == http.StatusOK {
		entries, err := s.store.AuditLog(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range entries {
			p.Entries = append(p.Entries, auditRow{AuditEntry: e, BeforeJSON: indentJSON(e.Before), AfterJSON: indentJSON(e.After)})
		}
	}
	return s.render(c, status, "audit", p)
}

// entityLabel names a kind of record in the page's language, or as stored
// when the catalogue does not know it yet.
func (s *Server) entityLabel(lang i18n.Lang, entity string) string {
	if id := "audit.entity_" + entity; s.cat.Has(lang, id) {
		return s.cat.T(lang, id)
	}
	return entity
}

// EntityLabel is entityLabel for the template.
func (p *auditPage) EntityLabel(entity string) string {
	for _, o := range p.Entities {
		if o.Value == entity {
			return o.Label
		}
	}
	return entity
}

func indentJSON(raw string) string {
	if raw == "" {
		return ""
	}
	var b bytes.Buffer
	if json.Indent(&b, []byte(raw), "", "  ") != nil {
		return raw
	}
	return b.String()
}

type usersPage struct {
	Layout
	Users []domain.User
}

// Roles are the account roles for the form.
func (p *usersPage) Roles() []domain.Role { return domain.Roles }

// Langs are the languages an account can use.
func (p *usersPage) Langs() []string { return pageLangs }

// NewPassword is a password field that browsers may fill with a new,
// generated password rather than the administrator's own.
func (p *usersPage) NewPassword(name, labelID string) Field {
	f := p.Input(name, labelID, "password", "")
	f.Autocomplete = "new-password"
	return f
}

func (s *Server) usersPage(c echo.Context) (*usersPage, error) {
	users, err := s.store.Users(c.Request().Context())
	return &usersPage{Layout: s.layout(c, "accounts.title"), Users: users}, err
}

func (s *Server) listUsers(c echo.Context) error {
	p, err := s.usersPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "users", p)
}

// createUserSubmit adds an account with createUser's checks (the same as
// first-run setup) plus the account's language.
func (s *Server) createUserSubmit(c echo.Context) error {
	p, err := s.usersPage(c)
	if err != nil {
		return err
	}
	in := userInput{Name: c.FormValue("name"), Email: c.FormValue("email"), Password: c.FormValue("password"),
		Confirm: c.FormValue("confirm"), Role: domain.Role(c.FormValue("role")), Lang: c.FormValue("lang")}
	if !i18n.Valid(in.Lang) {
		var pr domain.Problems
		pr.Add("lang", "err.choice")
		err = pr.Err()
	} else {
		err = s.createUser(c, in)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "users", p)
	}
	if err != nil {
		return err
	}
	flash(c, "accounts.added")
	return c.Redirect(http.StatusSeeOther, "/users")
}
