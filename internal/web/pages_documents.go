package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/mail"
	"schoolzone/internal/packs"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// showcaseService builds the documents service for a request. The
// configured organizer, or else the signed-in user, is the organizer of any
// new invite: replies go to them. An account address saved before
// addresses were checked is not used: every message would fail to build,
// where no organizer is a 409 that says what to do.
func (s *Server) showcaseService(c echo.Context) *showcase.Service {
	svc := &showcase.Service{Scope: scopeOf(c), Store: s.store, Cat: s.cat, BaseURL: s.cfg.BaseURL, Now: s.cfg.Now, Organizer: s.cfg.Organizer}
	if u := currentUser(c); u != nil && svc.Organizer.Email == "" && domain.ValidEmail(u.Email) {
		svc.Organizer = ical.Person{Name: u.Name, Email: u.Email}
	}
	return svc
}

// followUp sends the cancel and update messages a saved change calls for
// (see showcase.Service.FollowUp). The change itself is already saved, so a
// failure here is not the user's error: it is logged (references only) and
// the page says to send invitations from the showcase page.
func (s *Server) followUp(c echo.Context, familyID int64, events ...int64) {
	if _, err := s.showcaseService(c).FollowUp(c.Request().Context(), currentUser(c).Actor(), familyID, events...); err != nil {
		s.log.Error("follow-up messages", "family_id", familyID, "events", events, "error", mail.Redact(err.Error()))
		flash(c, "followup.failed")
	}
}

func pathInt(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

type documentsPage struct {
	Layout
	Event     domain.Event
	Plan      showcase.Plan
	Documents []showcase.Document
	Outbox    []store.OutboxMessage
	Teachers  []showcase.Item
}

// Unchanged counts recipients whose calendar is up to date.
func (p *documentsPage) Unchanged() int { return p.Plan.Count(showcase.ActionUnchanged) }

// ToSend reports whether sending would do anything.
func (p *documentsPage) ToSend() bool { return len(p.Plan.Items) > p.Unchanged() }

// LangName names a document's language mode.
func (p *documentsPage) LangName(m packs.Mode) string { return p.T("documents.lang." + m.String()) }

func (s *Server) showDocuments(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p := &documentsPage{Layout: s.layout(c, "documents.title")}
	if p.Event, err = s.store.Event(ctx, scopeOf(c), id); err != nil {
		return err
	}
	// The run sheet listed is the reader's language's (downloads have both).
	b, err := s.showcaseService(c).Bundle(ctx, id, packs.ModeFor(p.Lang))
	if err != nil {
		return err
	}
	p.Plan, p.Documents = b.Plan, b.Documents
	for _, it := range b.Plan.Items {
		if it.Kind == showcase.KindTeacher && it.Action != showcase.ActionCancelled {
			p.Teachers = append(p.Teachers, it)
		}
	}
	if p.Outbox, err = s.store.Outbox(ctx, store.OutboxFilter{Scope: scopeOf(c), EventID: id}); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "documents", p)
}

// sendInvitations queues every invitation that needs sending.
func (s *Server) sendInvitations(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	res, err := s.showcaseService(c).SendInvitations(c.Request().Context(), currentUser(c).Actor(), id)
	if err != nil {
		return err
	}
	msg := "documents.sent_flash"
	switch {
	case len(res.Skipped) > 0:
		msg = "documents.sent_skipped"
	case res.New+res.Updated+res.Cancelled == 0:
		msg = "documents.nothing_sent"
	}
	flash(c, msg)
	return c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatInt(id, 10)+"/documents")
}

// downloadDocument serves one file of the showcase by its reference name.
func (s *Server) downloadDocument(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	b, err := s.showcaseService(c).Bundle(c.Request().Context(), id, packs.English, packs.Welsh)
	if err != nil {
		return err
	}
	d, ok := b.Find(c.Param("file"))
	if !ok {
		return domain.ErrNotFound
	}
	return serveDocument(c, d)
}

// runSheetPDF serves the run sheet in the reader's language; prison staff
// may have it, unlike the rest of the documents.
func (s *Server) runSheetPDF(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	mode := packs.ModeFor(langOf(c))
	b, err := s.showcaseService(c).Bundle(c.Request().Context(), id, mode)
	if err != nil {
		return err
	}
	name, err := packs.Filename(packs.KindRunSheet, showcase.EventRef(id), mode)
	if err != nil {
		return err
	}
	d, ok := b.Find(name)
	if !ok {
		return domain.ErrNotFound
	}
	return serveDocument(c, d)
}

func serveDocument(c echo.Context, d showcase.Document) error {
	var buf bytes.Buffer
	if err := d.Render(&buf); err != nil {
		return err
	}
	return sendFile(c, d.Filename, d.ContentType, buf.Bytes())
}

// sendFile sends a download that is never cached: documents carry
// personal data.
func sendFile(c echo.Context, name, contentType string, body []byte) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, contentType, body)
}

type outboxPage struct {
	Layout
	Outbox []store.OutboxMessage
}

func (s *Server) listOutbox(c echo.Context) error {
	p := &outboxPage{Layout: s.layout(c, "outbox.title")}
	var err error
	if p.Outbox, err = s.store.Outbox(c.Request().Context(), store.OutboxFilter{Scope: scopeOf(c)}); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "outbox", p)
}

// downloadEML serves /outbox/<id>.eml: the message exactly as stored.
func (s *Server) downloadEML(c echo.Context) error {
	raw, ok := strings.CutSuffix(c.Param("file"), ".eml")
	if !ok {
		return domain.ErrNotFound
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return domain.ErrNotFound
	}
	eml, err := s.store.OutboxEML(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	return sendFile(c, "message-"+strconv.FormatInt(id, 10)+".eml", "message/rfc822", eml)
}

func (s *Server) retryOutbox(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.RetryOutbox(c.Request().Context(), scopeOf(c), id); err != nil {
		return err
	}
	flash(c, "outbox.retried")
	return c.Redirect(http.StatusSeeOther, "/outbox")
}

// OutboxStatus translates a message's delivery status.
func (l *Layout) OutboxStatus(status string) string { return l.T("outbox.status." + status) }

// OutboxKind translates what a message is for.
func (l *Layout) OutboxKind(kind string) string {
	if l.cat.Has(l.Lang, "outbox.kind."+kind) {
		return l.T("outbox.kind." + kind)
	}
	return kind
}

// RecipientLang names a recipient's language.
func (l *Layout) RecipientLang(lang i18n.Lang) string { return l.T("documents.lang." + string(lang)) }
