package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// A fault's cause goes to the log, but an address in it does not: store
// and mail errors are apt to quote one.
func TestFaultLogHasNoAddress(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{cat: i18n.MustLoad(), log: slog.New(slog.NewJSONHandler(&logs, nil))}
	rec := httptest.NewRecorder()
	c := echo.New().NewContext(httptest.NewRequest(http.MethodPost, "/api/v1/families", nil), rec)

	s.handleError(errors.New(`store: enqueue invite to "carer2@x.example (note)": disk I/O error`), c)

	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Contains(t, logs.String(), "disk I/O error", "the cause is logged")
	assert.NotContains(t, logs.String(), "carer2@x.example")
	assert.NotContains(t, rec.Body.String(), "disk I/O error", "and never shown")
}

// A refusal the user can act on shows its own message, in the reader's
// language, on a page as in the API; only a fault says "something went
// wrong".
func TestConflictsShowTheirOwnMessage(t *testing.T) {
	cat := i18n.MustLoad()
	e, err := New(Config{}, nil, cat, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	gate := &domain.GateError{Gate: domain.GateConsent, Key: "gate.consent_first"}
	cases := []struct {
		name   string
		err    error
		status int
		key    string
	}{
		{"workflow gate", fmt.Errorf("record agreement: %w", gate), http.StatusConflict, "gate.consent_first"},
		{"invites changed meanwhile", fmt.Errorf("store: invite x: %w", store.ErrInviteConflict), http.StatusConflict, "err.conflict"},
		{"no organizer", showcase.ErrNoOrganizer, http.StatusConflict, "documents.no_organizer"},
		{"a plain 409", echo.NewHTTPError(http.StatusConflict, "conflict"), http.StatusConflict, "err.conflict"},
		{"a fault", errors.New("disk I/O error"), http.StatusInternalServerError, "err.internal"},
	}
	for _, tc := range cases {
		for _, lang := range i18n.Langs {
			for _, path := range []string{"/events/3/invitations", "/api/v1/families"} {
				t.Run(tc.name+" "+string(lang)+" "+path, func(t *testing.T) {
					rec := httptest.NewRecorder()
					c := e.NewContext(httptest.NewRequest(http.MethodPost, path, nil), rec)
					c.Set(langKey, lang)
					e.HTTPErrorHandler(tc.err, c)
					assert.Equal(t, tc.status, rec.Code)
					want := cat.T(lang, tc.key)
					if strings.HasPrefix(path, "/api/") {
						var body apiError
						require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
						assert.Equal(t, want, body.Error)
						return
					}
					assert.Contains(t, rec.Body.String(), html.EscapeString(want))
				})
			}
		}
	}
}
