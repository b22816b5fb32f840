package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
)

// Prison staff reach their prison's run sheets from their own menu, in
// their language, page and API alike, and the link downloads the PDF.
func TestPrisonStaffFindTheirRunSheetsFromTheMenu(t *testing.T) {
	a := newTestApp(t)
	logins, err := demo.Load(t.Context(), a.store, testNow)
	require.NoError(t, err)
	var staff demo.Login
	for _, l := range logins {
		if l.Role == domain.RolePrisonStaff {
			staff = l
		}
	}
	c := a.client()
	c.get("/login")
	r := c.post("/login", map[string][]string{"email": {staff.Email}, "password": {staff.Password}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `<a href="/runsheets">Run sheets</a>`)
	r = c.get("/runsheets")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `href="/events/1/runsheet.pdf"`)
	assert.Contains(t, r.body, "EV-0001")
	pdf := c.get("/events/1/runsheet.pdf")
	require.Equal(t, http.StatusOK, pdf.code)
	assert.True(t, strings.HasPrefix(pdf.body, "%PDF-"))
	cy := c.get("/runsheets?lang=cy")
	assert.Contains(t, cy.body, "Taflenni trefn")

	api := a.api()
	res := api.call(http.MethodPost, "/api/v1/session", map[string]any{"email": staff.Email, "password": staff.Password})
	require.Equal(t, http.StatusCreated, res.code)
	api.token = res.json(t)["token"].(string)
	res = api.call(http.MethodGet, "/api/v1/runsheets", nil)
	require.Equal(t, http.StatusOK, res.code)
	assert.Contains(t, res.body, `"run_sheet":"/api/v1/events/1/runsheet.pdf"`)
}
