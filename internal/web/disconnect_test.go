package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// A client that disconnects mid-request is logged as a disconnect at info
// level, never as an ERROR with status 500: an alert on 5xx must mean a
// fault. A refusal written outside the error handler (the 415) now goes
// through it too, and is logged as the 415 it is.
func TestDisconnectsAreNotFaults(t *testing.T) {
	var logs bytes.Buffer
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "web.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	e, err := New(Config{Now: func() time.Time { return testNow }}, st, i18n.MustLoad(), slog.New(slog.NewJSONHandler(&logs, nil)))
	require.NoError(t, err)
	hash, err := HashPassword(testPassword)
	require.NoError(t, err)
	_, err = st.CreateUser(t.Context(), domain.System, domain.User{Email: "c@example.org", Name: "C", Role: domain.RoleCoordinator, PasswordHash: hash, Lang: "en"})
	require.NoError(t, err)
	u, err := st.UserByEmail(t.Context(), "c@example.org")
	require.NoError(t, err)
	const token = "a-session-token-for-the-disconnect-test"
	require.NoError(t, st.CreateSession(t.Context(), token, u.ID, store.SessionAPI, time.Hour))

	cases := []struct {
		name, method, path, body, contentType string
		disconnect                            bool
		status                                int
		logged                                string
	}{
		{"list read after the client left", http.MethodGet, "/api/v1/families", "", "", true, statusClientClosed, `"msg":"client disconnected"`},
		{"referral written after the client left", http.MethodPost, "/api/v1/families", `{"parent_name": "Rhodri"}`, "application/json", true, statusClientClosed, `"msg":"client disconnected"`},
		{"a form sent to the API", http.MethodPost, "/api/v1/families", "parent_name=Rhodri", "application/x-www-form-urlencoded", false, http.StatusUnsupportedMediaType, `"status":415`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			ctx, cancel := context.WithCancel(t.Context())
			if tc.disconnect {
				cancel()
			}
			defer cancel()
			req := httptest.NewRequestWithContext(ctx, tc.method, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Authorization", "Bearer "+token)
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			out := logs.String()
			assert.NotContains(t, out, `"level":"ERROR"`)
			assert.NotContains(t, out, `"status":500`)
			assert.Contains(t, out, tc.logged)
			assert.Contains(t, out, `"status":`+strconv.Itoa(tc.status), "the request log records what happened")
			if !tc.disconnect {
				assert.Equal(t, tc.status, rec.Code)
				assert.Contains(t, rec.Body.String(), "Content-Type: application/json")
			}
		})
	}
}
