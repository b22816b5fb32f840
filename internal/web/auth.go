package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/password"
	"schoolzone/internal/store"
)

const (
	sessionCookie = "sz_session"
	// A session ends sessionTTL after sign-in whatever its use, or after
	// sessionIdle without a request, whichever comes first.
	sessionTTL  = 12 * time.Hour
	sessionIdle = 2 * time.Hour
	userKey     = "user"
	tokenKey    = "session_token"
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

// authenticate loads the user from the session cookie on pages or a bearer
// token on the API, and never the other way round: a browser's cookie
// cannot call the API (where no CSRF token is asked for), and an API token
// cannot open pages. It never rejects — authorize decides.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token, kind := "", store.SessionWeb
		if isAPI(c) {
			kind = store.SessionAPI
			if h := c.Request().Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
				token = strings.TrimPrefix(h, "Bearer ")
			}
		} else if ck, err := c.Cookie(sessionCookie); err == nil {
			token = ck.Value
		}
		if token != "" {
			if err := s.readVersionFirst(c); err != nil {
				return err
			}
			u, err := s.store.SessionUser(c.Request().Context(), token, kind, sessionIdle)
			if err == nil {
				c.Set(userKey, &u)
				c.Set(tokenKey, token)
			} else if !errors.Is(err, domain.ErrNotFound) {
				return err
			}
		}
		return next(c)
	}
}

// authorize enforces the route table's roles: pages send strangers to the
// login page (which brings them back afterwards), the API answers 401; a
// signed-in user without the role gets 403.
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
				to := "/login"
				if c.Request().Method == http.MethodGet && c.Request().URL.Path != "/" {
					to += "?" + url.Values{"next": {c.Request().URL.RequestURI()}}.Encode()
				}
				return c.Redirect(http.StatusSeeOther, to)
			}
			if !slices.Contains(r.Roles, u.Role) {
				return echo.NewHTTPError(http.StatusForbidden, "forbidden")
			}
			return next(c)
		}
	}
}

// localPath returns next if it is a path on this site to return to after
// signing in, else "/". Anything that a browser could read as another site
// (//evil, /\evil, https://…) or that carries control characters is
// refused, so the login page cannot be used to send people elsewhere.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.Contains(next, "\\") || strings.ContainsFunc(next, unicode.IsControl) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(u.Path, "/login") || strings.HasPrefix(u.Path, "/api/") {
		return "/"
	}
	return next
}

// loginOutcome is how a sign-in attempt ended.
type loginOutcome int

const (
	loginOK loginOutcome = iota
	loginWrong
	loginLocked    // right password, but the account is locked
	loginThrottled // refused before checking: too many failures
)

type loginResult struct {
	outcome loginOutcome
	token   string
	user    *domain.User
	wait    time.Duration // loginThrottled: until the next attempt
	until   time.Time     // loginLocked: when the lock ends
}

// checkPassword checks credentials without starting a session. An
// attempt over the per-account or per-address limit is refused before
// anything is looked up or hashed, so guessing costs the server almost
// nothing; the checks that do run share the guard's few slots, so a flood
// cannot take every CPU from other people signing in. A wrong email or
// password is loginWrong; a database fault is an error, so it is not
// mistaken for a wrong password.
func (s *Server) checkPassword(c echo.Context, email, pw string) (loginResult, error) {
	ctx := c.Request().Context()
	now := s.cfg.Now()
	account, address := strings.ToLower(strings.TrimSpace(email)), c.RealIP()
	att, wait := s.guard.Begin(now, account, address)
	if att == nil {
		return loginResult{outcome: loginThrottled, wait: wait}, nil
	}
	found, err := s.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return loginResult{}, err
	}
	known := err == nil && !found.Disabled
	var ok, rehash bool
	var verr error
	err = s.guard.Check(ctx, account, address, func() {
		if known {
			ok, rehash, verr = password.Verify(found.PasswordHash, pw)
		} else {
			// As slow as a wrong password, so timing does not tell
			// which emails have accounts.
			password.Dummy(pw)
		}
	})
	if err = errors.Join(err, verr); err != nil {
		return loginResult{}, err
	}
	switch {
	case !ok && known && !found.Locked(now):
		if _, err := s.store.RecordLoginFailure(ctx, found.ID); err != nil {
			return loginResult{}, err
		}
		return loginResult{outcome: loginWrong}, nil
	case !ok:
		return loginResult{outcome: loginWrong}, nil
	case found.Locked(now):
		return loginResult{outcome: loginLocked, until: found.LockedUntil}, nil
	}
	att.Succeeded()
	if rehash {
		// An old bcrypt hash becomes argon2id now that the password is
		// known to be right.
		hash, err := password.Hash(pw)
		if err != nil {
			return loginResult{}, err
		}
		if err := s.store.SetPasswordHash(ctx, found.ID, hash); err != nil {
			return loginResult{}, err
		}
	}
	if found.FailedLogins > 0 {
		if err := s.store.LoginSucceeded(ctx, found.ID); err != nil {
			return loginResult{}, err
		}
	}
	return loginResult{outcome: loginOK, user: &found}, nil
}

// login checks credentials and starts a session of the given kind.
func (s *Server) login(c echo.Context, email, pw, kind string) (loginResult, error) {
	r, err := s.checkPassword(c, email, pw)
	if err != nil || r.outcome != loginOK {
		return r, err
	}
	r.token = newToken()
	return r, s.store.CreateSession(c.Request().Context(), r.token, r.user.ID, kind, sessionTTL)
}

// throttled is the field error for an attempt refused for too many
// failures.
func throttled(field string, wait time.Duration) *domain.ValidationError {
	return &domain.ValidationError{Fields: []domain.FieldError{{Field: field, Key: "err.login_throttled",
		Params: map[string]any{"Count": int(math.Ceil(wait.Minutes()))}}}}
}

// retryAfter is the Retry-After header's value for a wait: whole seconds,
// at least one.
func retryAfter(wait time.Duration) string {
	return strconv.Itoa(int(max(1, math.Ceil(wait.Seconds()))))
}

func (s *Server) setSessionCookie(c echo.Context, token string, maxAge int) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// startSession sets the session cookie and a new CSRF token: a token a
// stranger planted before sign-in is worth nothing after it.
func (s *Server) startSession(c echo.Context, token string) {
	s.setSessionCookie(c, token, int(sessionTTL.Seconds()))
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: newToken(), Path: "/", MaxAge: 86400,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

type loginPage struct {
	Layout
	Demo []DemoLogin
	Next string
}

func (s *Server) newLoginPage(c echo.Context) *loginPage {
	p := &loginPage{Layout: s.layout(c, "login.title"), Next: localPath(c.QueryParam("next"))}
	if c.Request().Method == http.MethodPost {
		p.Next = localPath(c.Request().PostFormValue("next"))
	}
	if s.cfg.Demo {
		p.Demo = s.cfg.DemoLogins
	}
	return p
}

func (s *Server) loginForm(c echo.Context) error {
	if n, err := s.store.CountUsers(c.Request().Context()); err == nil && n == 0 {
		return c.Redirect(http.StatusSeeOther, "/setup")
	}
	return s.render(c, http.StatusOK, "login", s.newLoginPage(c))
}

func (s *Server) loginSubmit(c echo.Context) error {
	r, err := s.login(c, c.FormValue("email"), c.FormValue("password"), store.SessionWeb)
	if err != nil {
		return err
	}
	p := s.newLoginPage(c)
	status := http.StatusUnauthorized
	switch r.outcome {
	case loginOK:
		s.startSession(c, r.token)
		return c.Redirect(http.StatusSeeOther, p.Next)
	case loginThrottled:
		status = http.StatusTooManyRequests
		c.Response().Header().Set("Retry-After", retryAfter(r.wait))
		p.Errors = throttled("email", r.wait)
	case loginLocked:
		status = http.StatusForbidden
		p.Errors = &domain.ValidationError{Fields: []domain.FieldError{{Field: "email", Key: "err.login_locked",
			Params: map[string]any{"Time": p.Time(r.until)}}}}
	default:
		p.Problem("email", "err.login_failed")
	}
	return s.render(c, status, "login", p)
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
	in := userInput{Email: c.FormValue("email"), Name: c.FormValue("name"), Password: c.FormValue("password"), Confirm: c.FormValue("confirm"), Role: domain.RoleAdmin, FirstAdmin: true}
	p := &struct{ Layout }{s.layout(c, "setup.title")}
	err := s.createUser(c, in)
	if errors.Is(err, store.ErrSetupDone) {
		// Someone else finished setup first.
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	if err != nil {
		if p.Fail(err) {
			return s.render(c, http.StatusBadRequest, "setup", p)
		}
		return err
	}
	r, err := s.login(c, in.Email, in.Password, store.SessionWeb)
	if err != nil {
		return err
	}
	if r.outcome != loginOK {
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	s.startSession(c, r.token)
	return c.Redirect(http.StatusSeeOther, "/")
}

type userInput struct {
	Email, Name, Password, Confirm string
	Role                           domain.Role
	Lang                           string
	// FirstAdmin is first-run setup: the store adds the account only
	// while there is none.
	FirstAdmin bool
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
	if in.FirstAdmin {
		_, err = s.store.CreateFirstAdmin(c.Request().Context(), u)
	} else {
		_, err = s.store.CreateUser(c.Request().Context(), actor, u)
	}
	if errors.Is(err, store.ErrEmailTaken) {
		p.Add("email", "err.email_taken")
		return p.Err()
	}
	return err
}
