package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
)

type usersPage struct {
	Layout
	Users []domain.User
	Now   time.Time
	// Prisons and Authorities are the choices for an account's scope.
	Prisons, Authorities []Option
	names                map[string]string // "prison:1" → its name
}

// AccountOptions are the accounts whose scope can be changed.
func (p *usersPage) AccountOptions() []Option {
	var out []Option
	for _, u := range p.Users {
		if u.Role != domain.RoleAdmin {
			out = append(out, Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name + " – " + p.T("role."+string(u.Role))})
		}
	}
	return out
}

// ScopeLabel says where an account works, in words: its prisons and areas
// by name, everything, or nothing yet.
func (p *usersPage) ScopeLabel(u domain.User) string {
	sc := u.Scope()
	if u.Role == domain.RoleAdmin || (sc.AllPrisons && len(sc.Authorities) == 0) {
		return p.T("scope.all")
	}
	names := func(kind string, ids []int64) string {
		var out []string
		for _, id := range ids {
			out = append(out, p.names[kind+":"+strconv.FormatInt(id, 10)])
		}
		return strings.Join(out, ", ")
	}
	var parts []string
	if len(u.Prisons) > 0 {
		parts = append(parts, p.T("scope.in_prisons", "List", names("prison", u.Prisons)))
	}
	if len(u.Authorities) > 0 {
		parts = append(parts, p.T("scope.in_areas", "List", names("la", u.Authorities)))
	}
	if len(parts) == 0 {
		return p.T("scope.nothing")
	}
	return strings.Join(parts, "; ")
}

// Roles are the account roles for the form.
func (p *usersPage) Roles() []domain.Role { return domain.Roles }

// Langs are the languages an account can use.
func (p *usersPage) Langs() []string { return pageLangs }

// NewPassword is a password field that browsers may fill with a new,
// generated password rather than the administrator's own.
func (l *Layout) NewPassword(name, labelID string) Field {
	f := l.Input(name, labelID, "password", "")
	f.Autocomplete = "new-password"
	return f
}

func (s *Server) usersPage(c echo.Context) (*usersPage, error) {
	ctx := c.Request().Context()
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	p := &usersPage{Layout: s.layout(c, "accounts.title"), Users: users, Now: s.cfg.Now(), names: map[string]string{}}
	for _, u := range users {
		if u.Locked(p.Now) {
			keepUntil(c, u.LockedUntil) // the list stops saying "locked" then
		}
	}
	prisons, err := s.store.Prisons(ctx, domain.Unrestricted)
	if err != nil {
		return nil, err
	}
	for _, x := range prisons {
		v := strconv.FormatInt(x.ID, 10)
		p.Prisons = append(p.Prisons, Option{Value: v, Label: p.PrisonName(x.Name)})
		p.names["prison:"+v] = p.PrisonName(x.Name)
	}
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range las {
		v := strconv.FormatInt(x.ID, 10)
		p.Authorities = append(p.Authorities, Option{Value: v, Label: p.CouncilNameOf(x.Name, x.NameCy)})
		p.names["la:"+v] = p.CouncilNameOf(x.Name, x.NameCy)
	}
	return p, nil
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
		Confirm: c.FormValue("confirm"), Role: domain.Role(c.FormValue("role")), Lang: c.FormValue("lang"),
		Prisons: formInts(c, "prisons"), Authorities: formInts(c, "authorities")}
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

// setUserScope changes the prisons and local authorities an existing
// account works with; its sessions see the change on their next request.
func (s *Server) setUserScope(c echo.Context) error {
	p, err := s.usersPage(c)
	if err != nil {
		return err
	}
	id := formInt(c, "account")
	var u domain.User
	for _, x := range p.Users {
		if x.ID == id {
			u = x
		}
	}
	if u.ID == 0 || u.Role == domain.RoleAdmin {
		var pr domain.Problems
		pr.Add("account", "err.choice")
		err = pr.Err()
	} else {
		u.Prisons, u.Authorities = formInts(c, "scope_prisons"), formInts(c, "scope_authorities")
		var problems error
		if problems, err = s.checkScope(c, &u); err == nil {
			err = problems
		}
		if err == nil {
			err = s.store.SetUserScope(c.Request().Context(), currentUser(c).Actor(), u.ID, u.Prisons, u.Authorities)
		}
	}
	if err != nil {
		// The form's fields are named apart from the new-account form's, so
		// each shows its own errors; move the scope's messages across.
		if ve, ok := err.(*domain.ValidationError); ok {
			for i, f := range ve.Fields {
				if f.Field == "prisons" || f.Field == "authorities" {
					ve.Fields[i].Field = "scope_" + f.Field
				}
			}
		}
		if p.Fail(err) {
			return s.render(c, http.StatusBadRequest, "users", p)
		}
		return err
	}
	flash(c, "scope.saved")
	return c.Redirect(http.StatusSeeOther, "/users")
}
