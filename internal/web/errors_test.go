package web

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"

	"schoolzone/internal/i18n"
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
