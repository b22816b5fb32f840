package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/mail"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }

// statusClientClosed is what the request log records for a request whose
// client disconnected before the answer (nginx's 499): no answer is sent.
const statusClientClosed = 499

// apiError is the JSON body of every API error.
type apiError struct {
	Error  string       `json:"error"`
	Field  string       `json:"field,omitempty"`
	Gate   string       `json:"gate,omitempty"`
	Fields []fieldError `json:"fields,omitempty"`
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// handleError is the one place errors become responses. Users see a
// translated message and, for a fault, the request ID; the raw cause goes
// only to the log.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	reqID := c.Response().Header().Get(echo.HeaderXRequestID)
	if errors.Is(c.Request().Context().Err(), context.Canceled) {
		// The client went away (closed the tab, lost signal), so whatever
		// failed after that failed for want of a listener, not a fault:
		// nothing is written, and it is logged as a disconnect, never as a
		// 500 that would set off an alert.
		c.Response().Status = statusClientClosed
		s.log.Info("client disconnected", "route", c.Path(), "request_id", reqID, "error", mail.Redact(err.Error()))
		return
	}
	lang := langOf(c)
	body := apiError{}
	status := http.StatusInternalServerError
	key := "err.internal"
	var ve *domain.ValidationError
	var ge *domain.GateError
	var he *echo.HTTPError
	var st *apiStatus
	switch {
	case errors.As(err, &ve):
		status = http.StatusBadRequest
		for _, f := range ve.Fields {
			body.Fields = append(body.Fields, fieldError{Field: f.Field, Message: fieldMessage(s.cat, lang, f)})
		}
		body.Field, body.Error = body.Fields[0].Field, body.Fields[0].Message
	case errors.As(err, &ge):
		status, body.Gate, body.Error = http.StatusConflict, string(ge.Gate), s.cat.T(lang, ge.Key, ge.Params)
	case errors.As(err, &st):
		status, key, body.Field = st.Code, st.Key, st.Field
	case errors.Is(err, domain.ErrNotFound):
		status, key = http.StatusNotFound, "err.not_found"
	case conflictKey(err) != "":
		status, key = http.StatusConflict, conflictKey(err)
	case errors.As(err, &he):
		status = he.Code
		key = map[int]string{400: "err.bad_request", 401: "err.unauthorized", 403: "err.forbidden", 404: "err.not_found",
			405: "err.method", 409: "err.conflict", 413: "err.too_large", 429: "err.too_many"}[status]
		if he.Message == "csrf" {
			key = "err.csrf"
		}
		if key == "" {
			key = "err.internal"
		}
	}
	if body.Error == "" {
		body.Error = s.cat.T(lang, key)
	}
	if status >= 500 {
		s.log.Error("request failed", "route", c.Path(), "request_id", reqID, "error", mail.Redact(err.Error()))
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if isAPI(c) {
		_ = c.JSON(status, body)
		return
	}
	p := &errorPage{Layout: s.layout(c, "error.title"), Status: status, Message: body.Error, RequestID: reqID}
	if len(body.Fields) > 1 {
		// A form refused before its page could show it again: every
		// problem is listed, each naming its field.
		p.Message = s.cat.T(lang, "error.fields")
		for _, f := range body.Fields {
			p.Problems = append(p.Problems, f.Message)
		}
	}
	if err := s.render(c, status, "error", p); err != nil {
		_ = c.String(status, body.Error)
	}
}

// conflicts are the refusals, other than a workflow gate, that the user
// can act on: each is a 409 with its own message, on a page as in the API,
// never the "something went wrong" of a fault.
var conflicts = []struct {
	err error
	key string
}{
	{store.ErrInviteConflict, "err.conflict"},
	{showcase.ErrNoOrganizer, "documents.no_organizer"},
}

func conflictKey(err error) string {
	for _, c := range conflicts {
		if errors.Is(err, c.err) {
			return c.key
		}
	}
	return ""
}

type errorPage struct {
	Layout
	Status    int
	Message   string
	Problems  []string
	RequestID string
}
