package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
)

// The account list, the new-account form and the page choosing where an
// account works are three pages, one thing each: with every prison of a
// national service as a checkbox, two such forms on the list made it too
// big to render quickly.

// places are the prisons and local authorities an account can work with,
// as a form's choices and by name.
type places struct {
	Prisons, Authorities []Option
	names                map[string]string // "prison:1" → its name
}

// places loads every prison and local authority, named in l's language.
func (s *Server) places(c echo.Context, l *Layout) (places, error) {
	ctx := c.Request().Context()
	p := places{names: map[string]string{}}
	prisons, err := s.store.Prisons(ctx, domain.Unrestricted)
	if err != nil {
		return p, err
	}
	for _, x := range prisons {
		v := strconv.FormatInt(x.ID, 10)
		p.Prisons = append(p.Prisons, Option{Value: v, Label: l.PrisonName(x.Name)})
		p.names["prison:"+v] = l.PrisonName(x.Name)
	}
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return p, err
	}
	for _, x := range las {
		v := strconv.FormatInt(x.ID, 10)
		p.Authorities = append(p.Authorities, Option{Value: v, Label: l.CouncilNameOf(x.Name, x.NameCy)})
		p.names["la:"+v] = l.CouncilNameOf(x.Name, x.NameCy)
	}
	return p, nil
}

// scopeLabel says where an account works, in words: its prisons and areas
// by name, everything, or nothing yet.
func (p places) scopeLabel(l *Layout, u domain.User) string {
	sc := u.Scope()
	if u.Role == domain.RoleAdmin || (sc.AllPrisons && len(sc.Authorities) == 0) {
		return l.T("scope.all")
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
		parts = append(parts, l.T("scope.in_prisons", "List", names("prison", u.Prisons)))
	}
	if len(u.Authorities) > 0 {
		parts = append(parts, l.T("scope.in_areas", "List", names("la", u.Authorities)))
	}
	if len(parts) == 0 {
		return l.T("scope.nothing")
	}
	return strings.Join(parts, "; ")
}

type usersPage struct {
	Layout
	Users  []domain.User
	Now    time.Time
	places places
}

// ScopeLabel says where an account works.
func (p *usersPage) ScopeLabel(u domain.User) string { return p.places.scopeLabel(&p.Layout, u) }

func (s *Server) listUsers(c echo.Context) error {
	users, err := s.store.Users(c.Request().Context())
	if err != nil {
		return err
	}
	p := &usersPage{Layout: s.layout(c, "accounts.title"), Users: users, Now: s.cfg.Now()}
	for _, u := range users {
		if u.Locked(p.Now) {
			keepUntil(c, u.LockedUntil) // the list stops saying "locked" then
		}
	}
	if p.places, err = s.places(c, &p.Layout); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "users", p)
}

// newUserPage is the form adding an account.
type newUserPage struct {
	Layout
	places
}

// Roles are the account roles for the form.
func (p *newUserPage) Roles() []domain.Role { return domain.Roles }

// Langs are the languages an account can use.
func (p *newUserPage) Langs() []string { return pageLangs }

// NewPassword is a password field that browsers may fill with a new,
// generated password rather than the administrator's own.
func (l *Layout) NewPassword(name, labelID string) Field {
	f := l.Input(name, labelID, "password", "")
	f.Autocomplete = "new-password"
	return f
}

func (s *Server) newUserPage(c echo.Context) (*newUserPage, error) {
	p := &newUserPage{Layout: s.layout(c, "accounts.add")}
	var err error
	p.places, err = s.places(c, &p.Layout)
	return p, err
}

func (s *Server) newUserForm(c echo.Context) error {
	p, err := s.newUserPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "user_new", p)
}

// createUserSubmit adds an account with createUser's checks (the same as
// first-run setup) plus the account's language.
func (s *Server) createUserSubmit(c echo.Context) error {
	p, err := s.newUserPage(c)
	if err != nil {
		return err
	}
	var pr domain.Problems
	in := userInput{Name: c.FormValue("name"), Email: c.FormValue("email"), Password: c.FormValue("password"),
		Confirm: c.FormValue("confirm"), Role: domain.Role(c.FormValue("role")), Lang: c.FormValue("lang"),
		Prisons: scopeIDs(c, "prisons", &pr), Authorities: scopeIDs(c, "authorities", &pr)}
	if !i18n.Valid(in.Lang) {
		pr.Add("lang", "err.choice")
	}
	if err = pr.Err(); err == nil {
		err = s.createUser(c, in)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "user_new", p)
	}
	if err != nil {
		return err
	}
	flash(c, "accounts.added")
	return c.Redirect(http.StatusSeeOther, "/users")
}

// scopeAccount loads the account of a scope page. An administrator works
// with everything and has no such page.
func (s *Server) scopeAccount(c echo.Context) (*accountPage, error) {
	p, err := s.account(c, "scope.change")
	if err != nil {
		return nil, err
	}
	if p.Account.Role == domain.RoleAdmin {
		return nil, domain.ErrNotFound
	}
	return p, nil
}

// scopeForm shows the prisons and local authorities an account works
// with, ready to change.
func (s *Server) scopeForm(c echo.Context) error {
	p, err := s.scopeAccount(c)
	if err != nil {
		return err
	}
	p.Form = url.Values{}
	for _, id := range p.Account.Prisons {
		p.Form.Add("prisons", strconv.FormatInt(id, 10))
	}
	for _, id := range p.Account.Authorities {
		p.Form.Add("authorities", strconv.FormatInt(id, 10))
	}
	return s.render(c, http.StatusOK, "account_scope", p)
}

// setUserScope changes the prisons and local authorities an existing
// account works with; its sessions see the change on their next request.
func (s *Server) setUserScope(c echo.Context) error {
	p, err := s.scopeAccount(c)
	if err != nil {
		return err
	}
	u := p.Account
	var unread domain.Problems
	u.Prisons, u.Authorities = scopeIDs(c, "prisons", &unread), scopeIDs(c, "authorities", &unread)
	problems, err := s.checkScope(c, &u)
	if err != nil {
		return err
	}
	err = domain.JoinProblems(unread.Err(), problems)
	if err == nil {
		err = s.store.SetUserScope(c.Request().Context(), currentUser(c).Actor(), u.ID, u.Prisons, u.Authorities)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "account_scope", p)
	}
	if err != nil {
		return err
	}
	flash(c, "scope.saved")
	return c.Redirect(http.StatusSeeOther, accountPath(u.ID))
}

// scopeIDs reads a form's chosen prisons or local authorities. A value
// that is no ID is a wrong choice, never no choice: to a commissioner, no
// prison chosen means every prison.
func scopeIDs(c echo.Context, name string, p *domain.Problems) []int64 {
	form, _ := c.FormParams()
	var out []int64
	for _, v := range form[name] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			p.Add(name, "err.choice")
			return nil
		}
		out = append(out, id)
	}
	return out
}
