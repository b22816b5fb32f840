package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/password"
	"schoolzone/internal/store"
)

const (
	sessionCookie = "sz_session"
	sessionTTL    = 12 * time.Hour
	userKey       = "user"
)

func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the OS random source failing is not recoverable
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashPassword hashes a password for storage.
func HashPassword(pw string) (string, error) { return password.Hash(pw) }

func currentUser(c echo.Context) *domain.User {
	u, _ := c.Get(userKey).(*domain.User)
	return u
}

// scopeOf is what the signed-in user may see, for the store's queries; a
// request with no user sees nothing.
func scopeOf(c echo.Context) domain.Scope {
	if u := currentUser(c); u != nil {
		return u.Scope()
	}
	return domain.Scope{}
}

// authenticate loads the user from the session cookie (pages) or a bearer
// token (API); it never rejects — authorize decides.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token := ""
		if isAPI(c) {
			if h := c.Request().Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
				token = strings.TrimPrefix(h, "Bearer ")
			}
		} else if ck, err := c.Cookie(sessionCookie); err == nil {
			token = ck.Value
		}
		if token != "" {
			u, err := s.store.SessionUser(c.Request().Context(), token)
			if err == nil {
				c.Set(userKey, &u)
			} else if !errors.Is(err, domain.ErrNotFound) {
				return err
			}
		}
		return next(c)
	}
}

// authorize enforces the route table's roles: pages send strangers to the
// login page, the API answers 401; a signed-in user without the role gets 403.
func (s *Server) authorize(r Route) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if len(r.Roles) == 0 {
				return next(c)
			}
			u := currentUser(c)
			if u == nil {
				if isAPI(c) {
					return echo.NewHTTPError(http.StatusUnauthorized, "unauthorized")
				}
				return c.Redirect(http.StatusSeeOther, "/login")
			}
			if !slices.Contains(r.Roles, u.Role) {
				return echo.NewHTTPError(http.StatusForbidden, "forbidden")
			}
			return next(c)
		}
	}
}

// login checks credentials and starts a session, returning its token. A
// wrong email or password is ok=false; a database fault is an error, so it
// is not mistaken for a wrong password.
func (s *Server) login(c echo.Context, email, pw string) (token string, u *domain.User, ok bool, err error) {
	found, err := s.store.UserByEmail(c.Request().Context(), email)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return "", nil, false, err
	}
	if err != nil || found.Disabled {
		// As slow as a wrong password, so timing does not tell which
		// emails have accounts.
		password.Dummy(pw)
		return "", nil, false, nil
	}
	ok, rehash, err := password.Verify(found.PasswordHash, pw)
	if err != nil || !ok {
		return "", nil, false, err
	}
	if rehash {
		// An old bcrypt hash becomes argon2id now that the password is
		// known to be right.
		hash, err := password.Hash(pw)
		if err != nil {
			return "", nil, false, err
		}
		if err := s.store.SetPasswordHash(c.Request().Context(), found.ID, hash); err != nil {
			return "", nil, false, err
		}
	}
	token = newToken()
	if err := s.store.CreateSession(c.Request().Context(), token, found.ID, sessionTTL); err != nil {
		return "", nil, false, err
	}
	return token, &found, true, nil
}

func (s *Server) setSessionCookie(c echo.Context, token string, maxAge int) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

type loginPage struct {
	Layout
	Demo []DemoLogin
}

func (s *Server) loginForm(c echo.Context) error {
	if n, err := s.store.CountUsers(c.Request().Context()); err == nil && n == 0 {
		return c.Redirect(http.StatusSeeOther, "/setup")
	}
	p := &loginPage{Layout: s.layout(c, "login.title")}
	if s.cfg.Demo {
		p.Demo = s.cfg.DemoLogins
	}
	return s.render(c, http.StatusOK, "login", p)
}

func (s *Server) loginSubmit(c echo.Context) error {
	token, _, ok, err := s.login(c, c.FormValue("email"), c.FormValue("password"))
	if err != nil {
		return err
	}
	if !ok {
		p := &loginPage{Layout: s.layout(c, "login.title")}
		p.Problem("email", "err.login_failed")
		if s.cfg.Demo {
			p.Demo = s.cfg.DemoLogins
		}
		return s.render(c, http.StatusUnauthorized, "login", p)
	}
	s.setSessionCookie(c, token, int(sessionTTL.Seconds()))
	return c.Redirect(http.StatusSeeOther, "/")
}

func (s *Server) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := s.store.DeleteSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	s.setSessionCookie(c, "", -1)
	return c.Redirect(http.StatusSeeOther, "/login")
}

// First run: no accounts exist, so the first visitor creates the
// administrator. There is never a default password.
func (s *Server) setupForm(c echo.Context) error {
	if n, err := s.store.CountUsers(c.Request().Context()); err != nil || n > 0 {
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	return s.render(c, http.StatusOK, "setup", &struct{ Layout }{s.layout(c, "setup.title")})
}

func (s *Server) setupSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	if n, err := s.store.CountUsers(ctx); err != nil || n > 0 {
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	in := userInput{Email: c.FormValue("email"), Name: c.FormValue("name"), Password: c.FormValue("password"), Confirm: c.FormValue("confirm"), Role: domain.RoleAdmin}
	p := &struct{ Layout }{s.layout(c, "setup.title")}
	if err := s.createUser(c, in); err != nil {
		if p.Fail(err) {
			return s.render(c, http.StatusBadRequest, "setup", p)
		}
		return err
	}
	token, _, _, err := s.login(c, in.Email, in.Password)
	if err != nil {
		return err
	}
	s.setSessionCookie(c, token, int(sessionTTL.Seconds()))
	return c.Redirect(http.StatusSeeOther, "/")
}

type userInput struct {
	Email, Name, Password, Confirm string
	Role                           domain.Role
	Lang                           string
	// Prisons and Authorities are the account's scope (see domain.Scope).
	Prisons, Authorities []int64
}

// checkScope checks an account's prisons and local authorities against
// every one on record (only administrators set them). It returns the
// field problems, or a fault reading the records.
func (s *Server) checkScope(c echo.Context, u *domain.User) (problems, err error) {
	ctx := c.Request().Context()
	prisons, err := s.store.Prisons(ctx, domain.Unrestricted)
	if err != nil {
		return nil, err
	}
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return nil, err
	}
	return u.CheckScope(prisons, las), nil
}

func (s *Server) createUser(c echo.Context, in userInput) error {
	var p domain.Problems
	in.Email, in.Name = strings.TrimSpace(in.Email), strings.TrimSpace(in.Name)
	if in.Name == "" {
		p.Add("name", "err.required")
	}
	if !domain.ValidEmail(in.Email) {
		p.Add("email", "err.email")
	}
	if key := password.Problem(in.Password); key != "" {
		p.Add("password", key)
	} else if in.Password != in.Confirm {
		p.Add("confirm", "err.password_mismatch")
	}
	if !slices.Contains(domain.Roles, in.Role) {
		p.Add("role", "err.choice")
	}
	u := domain.User{Email: in.Email, Name: in.Name, Role: in.Role, Lang: in.Lang, Prisons: in.Prisons, Authorities: in.Authorities}
	scopeErr, err := s.checkScope(c, &u)
	if err != nil {
		return err
	}
	if err := domain.JoinProblems(p.Err(), scopeErr); err != nil {
		return err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	if u.Lang == "" {
		u.Lang = string(langOf(c))
	}
	actor := domain.Actor{Name: in.Name}
	if cu := currentUser(c); cu != nil {
		actor = cu.Actor()
	}
	_, err = s.store.CreateUser(c.Request().Context(), actor, u)
	if errors.Is(err, store.ErrEmailTaken) {
		p.Add("email", "err.email_taken")
		return p.Err()
	}
	return err
}
