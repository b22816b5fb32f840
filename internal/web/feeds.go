package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
)

type feedPage struct {
	Layout
	Teacher domain.Teacher
	URL     string
	Back    string
}

// rotateFeed makes a new calendar link for a teacher, revoking the old
// one. The link is shown on this response only: the database keeps just
// its hash, so this page is not a redirect.
func (s *Server) rotateFeed(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	if !confirmed(c) {
		return c.Redirect(http.StatusSeeOther, "/teachers/"+strconv.FormatInt(id, 10)+"/feed?back="+url.QueryEscape(safeBack(c.FormValue("back"))))
	}
	ctx := c.Request().Context()
	t, err := s.store.TeacherByID(ctx, id)
	if err != nil {
		return err
	}
	token := showcase.NewFeedToken()
	if err := s.store.SetFeedToken(ctx, currentUser(c).Actor(), id, token); err != nil {
		return err
	}
	p := &feedPage{Layout: s.layout(c, "feed.title"), Teacher: t, URL: s.feedURL(token), Back: safeBack(c.FormValue("back"))}
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.render(c, http.StatusOK, "feed_token", p)
}

// confirmRotateFeed asks before a new calendar link is made: the old link
// stops working, so a calendar subscribed to it shows nothing more.
func (s *Server) confirmRotateFeed(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	t, err := s.store.FeedTeacher(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	back := safeBack(c.QueryParam("back"))
	cp := &confirmPage{Layout: s.layout(c, "confirm.feed_title"), Caption: t.Name, Action: "/teachers/" + strconv.FormatInt(id, 10) + "/feed",
		Back: back, Hidden: []hidden{{"back", back}}}
	cp.Lead, cp.Button = cp.T("confirm.feed_lead", "Teacher", t.Name), cp.T("documents.feeds.make")
	return s.renderConfirm(c, cp)
}

// feedURL is the webcal:// address calendars subscribe to.
func (s *Server) feedURL(token string) string {
	host := "localhost"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Host != "" {
		host = u.Host + strings.TrimRight(u.Path, "/")
	}
	return "webcal://" + host + "/feeds/" + token + ".ics"
}

// safeBack keeps the "back" link on this site.
func safeBack(v string) string {
	if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") {
		return v
	}
	return "/events"
}

// teacherFeed serves /feeds/<token>.ics. It is public, because calendar
// apps cannot sign in; the unguessable token is the key, and an unknown
// one is simply not found.
func (s *Server) teacherFeed(c echo.Context) error {
	token, ok := strings.CutSuffix(c.Param("file"), ".ics")
	if !ok || token == "" {
		return domain.ErrNotFound
	}
	ctx := c.Request().Context()
	t, err := s.store.TeacherByFeedToken(ctx, token)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	// The token is the key: the feed holds only this teacher's meetings,
	// whichever prison they are at.
	svc := &showcase.Service{Scope: domain.Unrestricted, Store: s.store, Cat: s.cat, BaseURL: s.cfg.BaseURL, Now: s.cfg.Now}
	if err := svc.WriteFeed(ctx, &buf, t); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, max-age=900")
	return c.Blob(http.StatusOK, showcase.TypeICS, buf.Bytes())
}
