package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	plinks "schoolzone/internal/links"
	"schoolzone/internal/mail"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// linkLimiter bounds how fast one address may try links: a token cannot be
// guessed, but a flood should not cost the server either. Echo's limiter
// is golang.org/x/time/rate per client address, forgetting idle ones.
func linkLimiter() echo.MiddlewareFunc {
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(1), Burst: 20, ExpiresIn: 5 * time.Minute}),
		DenyHandler: func(c echo.Context, _ string, _ error) error { return echo.NewHTTPError(http.StatusTooManyRequests) },
	})
}

// link wraps the handlers of a personal link: the page is private to one
// person, so it is never cached and never passes its address on, and a
// wrong, expired or revoked token is the same plain not found.
func (s *Server) link(h func(c echo.Context, l store.PersonalLink, hash string) error) echo.HandlerFunc {
	inner := func(c echo.Context) error {
		hd := c.Response().Header()
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cache-Control", "no-store")
		hd.Set("X-Robots-Tag", "noindex")
		token := c.Param("token")
		if !plinks.Plausible(token) {
			return domain.ErrNotFound
		}
		hash := plinks.Hash(token)
		l, err := s.store.LinkByHash(c.Request().Context(), hash)
		if err != nil {
			return err
		}
		return h(c, l, hash)
	}
	return func(c echo.Context) error { return s.linkLimit(inner)(c) }
}

// linkLang is the person's own language unless they chose the other one
// with the switch on the page.
func linkLang(c echo.Context, own i18n.Lang) {
	if !i18n.Valid(c.QueryParam("lang")) && cookieLang(c) == "" && own != "" {
		c.Set(langKey, own)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (s *Server) linkService() *showcase.Service {
	return &showcase.Service{Scope: domain.Unrestricted, Store: s.store, Cat: s.cat, BaseURL: s.cfg.BaseURL, Now: s.cfg.Now, Organizer: s.cfg.Organizer}
}

type carerLinkPage struct {
	Layout
	View  showcase.CarerView
	Token string
	Saved bool
}

// Coming gives a person's answer so far as the form's value: "yes", "no"
// or "" for no answer yet, so nothing is chosen for them.
func (p *carerLinkPage) Coming(kind string, id int64) string {
	if p.Form != nil {
		return p.Val(kind + "_" + itoa(id))
	}
	for _, a := range p.View.Answers.People {
		if a.Kind == kind && a.ID == id {
			if a.Coming {
				return "yes"
			}
			return "no"
		}
	}
	return ""
}

type teacherLinkPage struct {
	Layout
	View  showcase.TeacherView
	Token string
	Saved bool
}

func (s *Server) linkPage(c echo.Context, l store.PersonalLink, _ string) error {
	ctx := c.Request().Context()
	if l.Kind == "teacher" {
		v, err := s.linkService().TeacherView(ctx, l)
		if err != nil {
			return err
		}
		linkLang(c, v.Lang)
		p := &teacherLinkPage{Layout: s.layout(c, "links.teacher_title"), View: v, Token: c.Param("token"), Saved: c.QueryParam("saved") == "1"}
		return s.render(c, http.StatusOK, "link_teacher", p)
	}
	v, err := s.linkService().CarerView(ctx, l)
	if err != nil {
		return err
	}
	linkLang(c, v.Lang)
	p := &carerLinkPage{Layout: s.layout(c, "links.carer_title"), View: v, Token: c.Param("token"), Saved: c.QueryParam("saved") == "1"}
	return s.render(c, http.StatusOK, "link_carer", p)
}

// linkAnswer saves what the person answered, through the same store
// transaction whichever way it arrives, then shows the page again.
func (s *Server) linkAnswer(c echo.Context, l store.PersonalLink, hash string) error {
	ctx := c.Request().Context()
	var p domain.Problems
	// Each message names its question, so the error summary reads as a
	// list of different things to do.
	yesNo := func(field, key string, params ...map[string]any) bool {
		switch c.FormValue(field) {
		case "yes":
			return true
		case "no":
			return false
		}
		p.Add(field, key, params...)
		return false
	}
	if l.Kind == "teacher" {
		coming := yesNo("coming", "links.err.teacher_coming")
		cover := yesNo("needs_cover", "links.err.needs_cover")
		if err := p.Err(); err != nil {
			return s.linkFail(c, l, err)
		}
		if err := s.store.RecordTeacherAnswer(ctx, hash, store.TeacherAnswer{Coming: coming, NeedsCover: cover}); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, "/l/"+c.Param("token")+"?saved=1")
	}
	v, err := s.linkService().CarerView(ctx, l)
	if err != nil {
		return err
	}
	var a store.CarerAnswer
	for _, cr := range v.Carers {
		coming := yesNo("carer_"+itoa(cr.ID), "links.err.person_coming", map[string]any{"Name": cr.Name})
		a.People = append(a.People, store.Attendance{Kind: "carer", ID: cr.ID, Coming: coming})
	}
	for _, ch := range v.Children {
		coming := yesNo("child_"+itoa(ch.ID), "links.err.person_coming", map[string]any{"Name": ch.FirstName})
		a.People = append(a.People, store.Attendance{Kind: "child", ID: ch.ID, Coming: coming})
	}
	a.Needs = c.FormValue("needs")
	if len([]rune(a.Needs)) > 1000 {
		p.Add("needs", "links.err.needs_long")
	}
	if err := p.Err(); err != nil {
		return s.linkFail(c, l, err)
	}
	if err := s.store.RecordCarerAnswer(ctx, hash, a); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/l/"+c.Param("token")+"?saved=1")
}

// linkFail shows the page again with the person's choices and what to fix.
func (s *Server) linkFail(c echo.Context, l store.PersonalLink, err error) error {
	ctx := c.Request().Context()
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	if l.Kind == "teacher" {
		v, err := s.linkService().TeacherView(ctx, l)
		if err != nil {
			return err
		}
		linkLang(c, v.Lang)
		p := &teacherLinkPage{Layout: s.layout(c, "links.teacher_title"), View: v, Token: c.Param("token")}
		p.Fail(ve)
		return s.render(c, http.StatusBadRequest, "link_teacher", p)
	}
	v, err2 := s.linkService().CarerView(ctx, l)
	if err2 != nil {
		return err2
	}
	linkLang(c, v.Lang)
	p := &carerLinkPage{Layout: s.layout(c, "links.carer_title"), View: v, Token: c.Param("token")}
	p.Fail(ve)
	return s.render(c, http.StatusBadRequest, "link_carer", p)
}

func (s *Server) linkPack(c echo.Context, l store.PersonalLink, _ string) error {
	if l.Kind != "teacher" {
		return domain.ErrNotFound
	}
	d, err := s.linkService().TeacherPack(c.Request().Context(), l)
	if err != nil {
		return err
	}
	return serveDocument(c, d)
}

func (s *Server) linkInvite(c echo.Context, l store.PersonalLink, _ string) error {
	b, err := s.linkService().InviteFile(c.Request().Context(), l)
	if err != nil {
		return err
	}
	return sendFile(c, "invite.ics", "text/calendar; charset=utf-8", b)
}

// YesNo is a yes/no radio question with a label already translated. value
// is the answer on record, "" for none: no answer is chosen for anyone.
func (l *Layout) YesNo(name, label, value string) Field {
	f := Field{Name: name, Label: label, Error: l.Err(name), Value: value,
		Options: []Option{{Value: "yes", Label: l.T("links.yes")}, {Value: "no", Label: l.T("links.no")}}}
	if l.Form != nil {
		f.Value = l.Val(name)
	}
	return f
}

// WithValue sets a field's value.
func (l *Layout) WithValue(f Field, v string) Field { f.Value = v; return f }

// HintedField adds a hint to a field built elsewhere.
func (l *Layout) HintedField(f Field, hintID string) Field { f.Hint = l.T(hintID); return f }

// ResponseValue turns a recorded response into the yes/no form value.
func (l *Layout) ResponseValue(r string) string {
	switch r {
	case store.ResponseConfirmed:
		return "yes"
	case store.ResponseDeclined:
		return "no"
	}
	return ""
}

// Bool is a yes/no form value.
func (l *Layout) Bool(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// linkFeed gives a teacher, on their own page, a calendar subscription
// with all their School Zone meetings. Like the coordinator's, the address
// is shown once and replaces any earlier one.
func (s *Server) linkFeed(c echo.Context, l store.PersonalLink, _ string) error {
	if l.Kind != "teacher" {
		return domain.ErrNotFound
	}
	ctx := c.Request().Context()
	t, err := s.store.TeacherByID(ctx, l.RecipientID)
	if err != nil {
		return err
	}
	token := showcase.NewFeedToken()
	if err := s.store.SetFeedToken(ctx, domain.Actor{Name: "teacher link", Scope: domain.Unrestricted}, t.ID, token); err != nil {
		return err
	}
	linkLang(c, i18n.Lang(t.Lang))
	p := &teacherFeedPage{Layout: s.layout(c, "feed.title"), URL: s.feedURL(token), Back: "/l/" + c.Param("token")}
	return s.render(c, http.StatusOK, "link_feed", p)
}

type teacherFeedPage struct {
	Layout
	URL, Back string
}

type withdrawPage struct {
	Layout
	Token string
	Done  bool
}

// linkWithdrawForm asks the carer to confirm before anything happens:
// withdrawing consent takes the family out of the showcase and tells the
// school.
func (s *Server) linkWithdrawForm(c echo.Context, l store.PersonalLink, _ string) error {
	if l.Kind != "carer" {
		return domain.ErrNotFound
	}
	v, err := s.linkService().CarerView(c.Request().Context(), l)
	if err != nil {
		return err
	}
	linkLang(c, v.Lang)
	return s.render(c, http.StatusOK, "link_withdraw", &withdrawPage{Layout: s.layout(c, "links.withdraw_title"), Token: c.Param("token")})
}

// linkWithdraw records the carer's withdrawal of consent through the same
// domain rule and store transaction as the coordinator's consent page, so
// the family leaves every showcase at once, and then sends the usual
// cancellations. The link stops working with it, so the answer is this
// page, not a redirect to the link.
func (s *Server) linkWithdraw(c echo.Context, l store.PersonalLink, _ string) error {
	if l.Kind != "carer" {
		return domain.ErrNotFound
	}
	ctx := c.Request().Context()
	v, err := s.linkService().CarerView(ctx, l)
	if err != nil {
		return err
	}
	linkLang(c, v.Lang)
	actor := domain.Actor{Name: "carer link", Scope: domain.Unrestricted}
	_, err = s.store.RecordSteps(ctx, actor, l.FamilyID, func(cs domain.Case) ([]domain.Step, error) {
		// "Online", by the "carer link" actor: the step and the audit
		// log say how it came, in whatever language they are read.
		st, err := cs.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentWithdrawn, Route: "online", OccurredOn: s.today()}, s.today())
		return []domain.Step{st}, err
	})
	if err != nil {
		return err
	}
	if _, err := s.linkService().FollowUp(ctx, actor, l.FamilyID); err != nil {
		// The withdrawal stands; the coordinator's pages show what is left
		// to send.
		s.log.Error("follow-up after a carer's withdrawal", "family_id", l.FamilyID, "error", mail.Redact(err.Error()))
	}
	return s.render(c, http.StatusOK, "link_withdraw", &withdrawPage{Layout: s.layout(c, "links.withdraw_title"), Done: true})
}
