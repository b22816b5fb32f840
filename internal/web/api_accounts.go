package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
)

// accountView is an account as an administrator sees it: never its
// password hash.
type accountView struct {
	ID          int64       `json:"id"`
	Name        string      `json:"name"`
	Email       string      `json:"email"`
	Role        domain.Role `json:"role"`
	Lang        string      `json:"lang"`
	Disabled    bool        `json:"disabled"`
	Locked      bool        `json:"locked"`
	Prisons     []int64     `json:"prisons"`
	Authorities []int64     `json:"authorities"`
}

type loginSessionView struct {
	ID         int64  `json:"id"`
	Kind       string `json:"kind"`
	CreatedAt  string `json:"created_at"`
	LastSeenAt string `json:"last_seen_at"`
	ExpiresAt  string `json:"expires_at"`
}

func (s *Server) accountView(u domain.User) accountView {
	return accountView{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role, Lang: u.Lang, Disabled: u.Disabled,
		Locked: u.Locked(s.cfg.Now()), Prisons: nonNil(u.Prisons), Authorities: nonNil(u.Authorities)}
}

func (s *Server) apiListUsers(c echo.Context) error {
	users, err := s.store.Users(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]accountView, 0, len(users))
	for _, u := range users {
		out = append(out, s.accountView(u))
	}
	return c.JSON(http.StatusOK, out)
}

type newAccountRequest struct {
	Name        string      `json:"name"`
	Email       string      `json:"email"`
	Password    string      `json:"password"`
	Role        domain.Role `json:"role"`
	Lang        string      `json:"lang"`
	Prisons     []int64     `json:"prisons"`
	Authorities []int64     `json:"authorities"`
}

// apiCreateUser adds an account by the page's checks; the API has no
// confirmation box, so the password is taken as confirmed.
func (s *Server) apiCreateUser(c echo.Context) error {
	var in newAccountRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Lang == "" {
		in.Lang = string(i18n.English)
	}
	if !i18n.Valid(in.Lang) {
		return bodyProblem("lang", "err.choice", nil)
	}
	if err := s.createUser(c, userInput{Name: in.Name, Email: in.Email, Password: in.Password, Confirm: in.Password,
		Role: in.Role, Lang: in.Lang, Prisons: in.Prisons, Authorities: in.Authorities}); err != nil {
		return err
	}
	u, err := s.store.UserByEmail(c.Request().Context(), in.Email)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, s.accountView(u))
}

// apiUser loads the account named by :id.
func (s *Server) apiUser(c echo.Context) (domain.User, error) {
	id, err := pathID(c)
	if err != nil {
		return domain.User{}, err
	}
	return s.store.UserByID(c.Request().Context(), id)
}

func (s *Server) apiShowUser(c echo.Context) error {
	u, err := s.apiUser(c)
	if err != nil {
		return err
	}
	sessions, err := s.store.UserSessions(c.Request().Context(), u.ID)
	if err != nil {
		return err
	}
	out := struct {
		accountView
		Sessions []loginSessionView `json:"sessions"`
	}{accountView: s.accountView(u), Sessions: []loginSessionView{}}
	for _, x := range sessions {
		out.Sessions = append(out.Sessions, loginSessionView{ID: x.ID, Kind: x.Kind, CreatedAt: stamp(x.CreatedAt), LastSeenAt: stamp(x.LastSeenAt), ExpiresAt: stamp(x.ExpiresAt)})
	}
	return c.JSON(http.StatusOK, out)
}

type scopeRequest struct {
	Prisons     []int64 `json:"prisons"`
	Authorities []int64 `json:"authorities"`
}

// apiSetUserScope changes the prisons and local authorities an account
// works with, by the page's checks. An administrator's is every prison.
func (s *Server) apiSetUserScope(c echo.Context) error {
	u, err := s.apiUser(c)
	if err != nil {
		return err
	}
	var in scopeRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if u.Role == domain.RoleAdmin {
		return bodyProblem("prisons", "err.choice", nil)
	}
	u.Prisons, u.Authorities = in.Prisons, in.Authorities
	problems, err := s.checkScope(c, &u)
	if err != nil {
		return err
	}
	if problems != nil {
		return problems
	}
	if err := s.store.SetUserScope(c.Request().Context(), currentUser(c).Actor(), u.ID, u.Prisons, u.Authorities); err != nil {
		return err
	}
	if u, err = s.store.UserByID(c.Request().Context(), u.ID); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.accountView(u))
}

// apiSetDisabled disables (after "confirm": true, as the page asks first)
// or re-enables an account.
func (s *Server) apiSetDisabled(disabled bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, err := s.apiUser(c)
		if err != nil {
			return err
		}
		if disabled {
			var req confirmRequest
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
			if err := needConfirm(req.Confirm, "account.err_confirm_disable"); err != nil {
				return err
			}
		}
		if err := s.store.SetUserDisabled(c.Request().Context(), currentUser(c).Actor(), u.ID, disabled); err != nil {
			return err
		}
		return s.apiShowUser(c)
	}
}

func (s *Server) apiUnlockUser(c echo.Context) error {
	u, err := s.apiUser(c)
	if err != nil {
		return err
	}
	if err := s.store.UnlockUser(c.Request().Context(), currentUser(c).Actor(), u.ID); err != nil {
		return err
	}
	return s.apiShowUser(c)
}

// apiSendReset queues a one-time reset link to the account's address; the
// link is never in the response.
func (s *Server) apiSendReset(c echo.Context) error {
	u, err := s.apiUser(c)
	if err != nil {
		return err
	}
	if u.Disabled {
		return &apiStatus{Code: http.StatusConflict, Key: "account.err_reset_disabled"}
	}
	if err := s.queueReset(c, u); err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"queued": true})
}

// apiRevokeSession ends one of the account's sessions, after
// "confirm": true as the page asks first.
func (s *Server) apiRevokeSession(c echo.Context) error {
	u, err := s.apiUser(c)
	if err != nil {
		return err
	}
	sid, err := strconv.ParseInt(c.Param("session"), 10, 64)
	if err != nil || sid <= 0 {
		return domain.ErrNotFound
	}
	var req confirmRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := needConfirm(req.Confirm, "account.err_confirm_revoke"); err != nil {
		return err
	}
	if err := s.store.RevokeSession(c.Request().Context(), currentUser(c).Actor(), u.ID, sid); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type passwordRequest struct {
	Current  string `json:"current"`
	Password string `json:"password"`
}

// apiChangePassword changes the caller's own password, with the current
// one, by the page's rules and throttle; every other session of the
// account ends, this token's stays.
func (s *Server) apiChangePassword(c echo.Context) error {
	var in passwordRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u := currentUser(c)
	r, err := s.checkPassword(c, u.Email, in.Current)
	if err != nil {
		return err
	}
	var pr domain.Problems
	switch r.outcome {
	case loginThrottled:
		c.Response().Header().Set("Retry-After", retryAfter(r.wait))
		return &apiStatus{Code: http.StatusTooManyRequests, Key: "err.login_throttled_api", Field: "current"}
	case loginOK:
	default:
		pr.Add("current", "password.err_current")
	}
	hash, err := s.newPassword(&pr, in.Password, in.Password)
	if err != nil {
		return err
	}
	if err := pr.Err(); err != nil {
		return err
	}
	token, _ := c.Get(tokenKey).(string)
	if err := s.store.ChangePassword(c.Request().Context(), u.Actor(), u.ID, hash, token); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
