package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/packs"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// The showcase's documents and messages as the API shows them: by
// reference, like the files' names. Names and addresses are in the files
// and emails themselves, which go to the coordinator only.

type documentsView struct {
	EventID    int64          `json:"event_id"`
	Recipients []recipientRef `json:"recipients"`
	Documents  []documentRef  `json:"documents"`
}

// recipientRef is one recipient's invitation as it stands: what sending
// would do for them, and whether their address can take an email.
type recipientRef struct {
	Kind   string          `json:"kind"`
	Ref    string          `json:"ref"`
	Action showcase.Action `json:"action"`
	Email  string          `json:"email_state"`
	Lang   string          `json:"lang"`
}

type documentRef struct {
	Filename    string `json:"filename"`
	Kind        string `json:"kind"`
	Ref         string `json:"ref"`
	Lang        string `json:"lang"`
	ContentType string `json:"content_type"`
	URL         string `json:"url"`
}

func recipientRefs(items []showcase.Item) []recipientRef {
	out := []recipientRef{}
	for _, it := range items {
		out = append(out, recipientRef{Kind: it.Kind, Ref: it.Ref, Action: it.Action, Email: it.EmailState(), Lang: string(it.Lang)})
	}
	return out
}

func (s *Server) apiListDocuments(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.store.Event(ctx, scopeOf(c), id); err != nil {
		return err
	}
	b, err := s.showcaseService(c).Bundle(ctx, id, packs.English, packs.Welsh)
	if err != nil {
		return err
	}
	v := documentsView{EventID: id, Recipients: recipientRefs(b.Plan.Items), Documents: []documentRef{}}
	base := "/api/v1/events/" + strconv.FormatInt(id, 10) + "/documents/"
	for _, d := range b.Documents {
		v.Documents = append(v.Documents, documentRef{Filename: d.Filename, Kind: string(d.Kind), Ref: d.Ref, Lang: d.Mode.String(),
			ContentType: d.ContentType, URL: base + d.Filename})
	}
	return c.JSON(http.StatusOK, v)
}

type sendView struct {
	New       int            `json:"new"`
	Updated   int            `json:"updated"`
	Cancelled int            `json:"cancelled"`
	Emails    int            `json:"emails"`
	NoEmail   []recipientRef `json:"no_email"`
	Skipped   []recipientRef `json:"skipped"`
}

// apiSendInvitations queues every invitation that needs sending, as the
// page's button does; sending again sends only what changed.
func (s *Server) apiSendInvitations(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	res, err := s.showcaseService(c).SendInvitations(c.Request().Context(), currentUser(c).Actor(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sendView{New: res.New, Updated: res.Updated, Cancelled: res.Cancelled, Emails: res.Emails,
		NoEmail: recipientRefs(res.NoEmail), Skipped: recipientRefs(res.Skipped)})
}

type outboxView struct {
	ID            int64  `json:"id"`
	CreatedAt     string `json:"created_at"`
	Kind          string `json:"kind"`
	EventID       int64  `json:"event_id,omitempty"`
	RecipientKind string `json:"recipient_kind"`
	Lang          string `json:"lang"`
	To            string `json:"to"`
	Subject       string `json:"subject"`
	Status        string `json:"status"`
	Attempts      int    `json:"attempts"`
	NextAttemptAt string `json:"next_attempt_at"`
	LastError     string `json:"last_error"`
	SentAt        string `json:"sent_at"`
	URL           string `json:"url"`
}

// apiListOutbox lists the messages of the account's prisons, optionally of
// one showcase (?event_id=).
func (s *Server) apiListOutbox(c echo.Context) error {
	f := store.OutboxFilter{Scope: scopeOf(c)}
	if v := c.QueryParam("event_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return bodyProblem("event_id", "api.err.type_number", map[string]any{"Field": "event_id"})
		}
		f.EventID = id
	}
	msgs, err := s.store.Outbox(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := []outboxView{}
	for _, m := range msgs {
		out = append(out, newOutboxView(m))
	}
	return c.JSON(http.StatusOK, out)
}

func newOutboxView(m store.OutboxMessage) outboxView {
	return outboxView{ID: m.ID, CreatedAt: stamp(m.CreatedAt), Kind: m.Kind, EventID: m.EventID, RecipientKind: m.RecipientKind,
		Lang: m.Lang, To: m.To, Subject: m.Subject, Status: m.Status, Attempts: m.Attempts, NextAttemptAt: stamp(m.NextAttemptAt),
		LastError: m.LastError, SentAt: stamp(m.SentAt), URL: "/api/v1/outbox/" + strconv.FormatInt(m.ID, 10) + ".eml"}
}

// apiRetryOutbox puts a failed message back in the queue.
func (s *Server) apiRetryOutbox(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := s.store.RetryOutbox(ctx, scopeOf(c), id); err != nil {
		return err
	}
	msgs, err := s.store.Outbox(ctx, store.OutboxFilter{Scope: scopeOf(c)})
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if m.ID == id {
			return c.JSON(http.StatusOK, newOutboxView(m))
		}
	}
	return c.NoContent(http.StatusNoContent)
}

type feedView struct {
	TeacherID int64  `json:"teacher_id"`
	URL       string `json:"url"`
}

// apiRotateFeed makes a new calendar feed address for a teacher; the old
// one stops working. The address is a secret: it is shown once.
func (s *Server) apiRotateFeed(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.store.TeacherByID(ctx, id); err != nil {
		return err
	}
	token := showcase.NewFeedToken()
	if err := s.store.SetFeedToken(ctx, currentUser(c).Actor(), id, token); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, feedView{TeacherID: id, URL: s.feedURL(token)})
}
