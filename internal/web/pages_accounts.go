package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/mail"
	"schoolzone/internal/password"
	"schoolzone/internal/store"
)

// resetTTL is how long a password reset link works.
const resetTTL = 24 * time.Hour

type accountPage struct {
	Layout
	Account  domain.User
	Sessions []domain.Session
	Now      time.Time
	// Session is the session a confirm page is about.
	Session domain.Session
	places
}

// Locked reports whether the account is locked now.
func (p *accountPage) Locked() bool { return p.Account.Locked(p.Now) }

// ScopeLabel says where the account works.
func (p *accountPage) ScopeLabel() string { return p.scopeLabel(&p.Layout, p.Account) }

// KindLabel names a session's kind.
func (p *accountPage) KindLabel(kind string) string { return p.T("account.session_" + kind) }

// account loads the account named by :id for an administrator's page.
func (s *Server) account(c echo.Context, titleID string) (*accountPage, error) {
	id, err := pathID(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	u, err := s.store.UserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	sessions, err := s.store.UserSessions(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &accountPage{Layout: s.layout(c, titleID), Account: u, Sessions: sessions, Now: s.cfg.Now()}
	// The account page names where the account works, and the scope page
	// offers every prison and area.
	p.places, err = s.places(c, &p.Layout)
	return p, err
}

func (s *Server) showAccount(c echo.Context) error {
	p, err := s.account(c, "account.title")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "account", p)
}

func accountPath(id int64) string { return "/users/" + strconv.FormatInt(id, 10) }

// confirmDisable is the step before disabling: it says what will happen.
func (s *Server) confirmDisable(c echo.Context) error {
	p, err := s.account(c, "account.disable_title")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "account_disable", p)
}

func (s *Server) disableAccount(c echo.Context) error { return s.setDisabled(c, true) }
func (s *Server) enableAccount(c echo.Context) error  { return s.setDisabled(c, false) }

func (s *Server) setDisabled(c echo.Context, disabled bool) error {
	p, err := s.account(c, "account.title")
	if err != nil {
		return err
	}
	err = s.store.SetUserDisabled(c.Request().Context(), currentUser(c).Actor(), p.Account.ID, disabled)
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "account", p)
	}
	if err != nil {
		return err
	}
	flash(c, map[bool]string{true: "account.disabled_done", false: "account.enabled_done"}[disabled])
	return c.Redirect(http.StatusSeeOther, accountPath(p.Account.ID))
}

func (s *Server) unlockAccount(c echo.Context) error {
	p, err := s.account(c, "account.title")
	if err != nil {
		return err
	}
	if err := s.store.UnlockUser(c.Request().Context(), currentUser(c).Actor(), p.Account.ID); err != nil {
		return err
	}
	flash(c, "account.unlocked_done")
	return c.Redirect(http.StatusSeeOther, accountPath(p.Account.ID))
}

// sendReset sends the account a one-time link to set a new password.
func (s *Server) sendReset(c echo.Context) error {
	p, err := s.account(c, "account.title")
	if err != nil {
		return err
	}
	if p.Account.Disabled {
		p.Problem("reset", "account.err_reset_disabled")
		return s.render(c, http.StatusBadRequest, "account", p)
	}
	if err := s.queueReset(c, p.Account); err != nil {
		return err
	}
	flash(c, "account.reset_sent")
	return c.Redirect(http.StatusSeeOther, accountPath(p.Account.ID))
}

// queueReset queues a one-time link to set a new password, in the
// account's language. The token travels only in the email; the database
// keeps its hash.
func (s *Server) queueReset(c echo.Context, u domain.User) error {
	token := newToken()
	lang := i18n.Parse(u.Lang)
	from := mail.Address{Name: s.cfg.Organizer.Name, Email: s.cfg.Organizer.Email}
	if from.Email == "" {
		me := currentUser(c)
		from = mail.Address{Name: me.Name, Email: me.Email}
	}
	expires := s.cfg.Now().Add(resetTTL)
	l := s.layout(c, "account.title")
	l.Lang = lang
	subject := s.cat.T(lang, "reset.mail_subject")
	text := s.cat.T(lang, "reset.mail_text", map[string]any{"Name": u.Name,
		"Link": s.cfg.BaseURL + "/reset/" + token, "Expires": l.Date(expires) + " " + l.Time(expires)})
	eml, err := mail.Build(mail.Message{From: from, To: mail.Address{Name: u.Name, Email: u.Email},
		Subject: subject, Text: text, Lang: lang}, s.cfg.Now())
	if err != nil {
		return err
	}
	m := store.OutboxMessage{Kind: store.PasswordResetKind, RecipientKind: "user", RecipientID: u.ID,
		Lang: string(lang), To: u.Email, Subject: subject, EML: eml}
	return s.store.CreatePasswordReset(c.Request().Context(), currentUser(c).Actor(), u.ID, token, resetTTL, m)
}

// session finds the :session of the account on the page.
func (p *accountPage) session(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("session"), 10, 64)
	if err != nil {
		return domain.ErrNotFound
	}
	for _, x := range p.Sessions {
		if x.ID == id {
			p.Session = x
			return nil
		}
	}
	return domain.ErrNotFound
}

func (s *Server) confirmRevoke(c echo.Context) error {
	p, err := s.account(c, "account.revoke_title")
	if err != nil {
		return err
	}
	if err := p.session(c); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "account_revoke", p)
}

func (s *Server) revokeSession(c echo.Context) error {
	p, err := s.account(c, "account.title")
	if err != nil {
		return err
	}
	if err := p.session(c); err != nil {
		return err
	}
	if err := s.store.RevokeSession(c.Request().Context(), currentUser(c).Actor(), p.Account.ID, p.Session.ID); err != nil {
		return err
	}
	flash(c, "account.revoked_done")
	return c.Redirect(http.StatusSeeOther, accountPath(p.Account.ID))
}

// passwordPage changes the signed-in person's own password.
type passwordPage struct{ Layout }

func (s *Server) passwordForm(c echo.Context) error {
	return s.render(c, http.StatusOK, "password", &passwordPage{s.layout(c, "password.title")})
}

// changePassword needs the current password, so a session left open on a
// shared computer cannot be used to take the account over. Every other
// session of the account ends; this one stays.
func (s *Server) changePassword(c echo.Context) error {
	p := &passwordPage{s.layout(c, "password.title")}
	u := currentUser(c)
	r, err := s.checkPassword(c, u.Email, c.FormValue("current"))
	if err != nil {
		return err
	}
	var pr domain.Problems
	switch r.outcome {
	case loginThrottled:
		c.Response().Header().Set("Retry-After", retryAfter(r.wait))
		p.Errors = throttled("current", r.wait)
		return s.render(c, http.StatusTooManyRequests, "password", p)
	case loginOK:
	default:
		pr.Add("current", "password.err_current")
	}
	hash, err := s.newPassword(&pr, c.FormValue("password"), c.FormValue("confirm"))
	if err != nil {
		return err
	}
	if err := pr.Err(); err != nil {
		p.Fail(err)
		return s.render(c, http.StatusBadRequest, "password", p)
	}
	token, _ := c.Get(tokenKey).(string)
	if err := s.store.ChangePassword(c.Request().Context(), u.Actor(), u.ID, hash, token); err != nil {
		return err
	}
	flash(c, "password.changed")
	return c.Redirect(http.StatusSeeOther, "/account/password")
}

// newPassword checks a new password and its confirmation, adding any
// problem to pr, and hashes it when there is none.
func (s *Server) newPassword(pr *domain.Problems, pw, confirm string) (string, error) {
	if key := password.Problem(pw); key != "" {
		pr.Add("password", key)
		return "", nil
	}
	if pw != confirm {
		pr.Add("confirm", "err.password_mismatch")
		return "", nil
	}
	return HashPassword(pw)
}

// resetPage sets a new password through a reset link.
type resetPage struct {
	Layout
	Token string
}

func (s *Server) resetForm(c echo.Context) error {
	p := &resetPage{Layout: s.layout(c, "reset.title"), Token: c.Param("token")}
	if _, err := s.store.PasswordResetUser(c.Request().Context(), p.Token); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return s.render(c, http.StatusNotFound, "reset_gone", p)
		}
		return err
	}
	return s.render(c, http.StatusOK, "reset", p)
}

func (s *Server) resetSubmit(c echo.Context) error {
	p := &resetPage{Layout: s.layout(c, "reset.title"), Token: c.Param("token")}
	var pr domain.Problems
	hash, err := s.newPassword(&pr, c.FormValue("password"), c.FormValue("confirm"))
	if err != nil {
		return err
	}
	if err := pr.Err(); err != nil {
		p.Fail(err)
		return s.render(c, http.StatusBadRequest, "reset", p)
	}
	err = s.store.UsePasswordReset(c.Request().Context(), p.Token, hash)
	if errors.Is(err, store.ErrResetUsed) {
		return s.render(c, http.StatusNotFound, "reset_gone", p)
	}
	if err != nil {
		return err
	}
	flash(c, "reset.done")
	return c.Redirect(http.StatusSeeOther, "/login")
}
