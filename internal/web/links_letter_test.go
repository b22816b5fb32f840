package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// A carer's letter for post carries their own new link, after a confirm
// step saying that any earlier link stops: only the hash is kept, so the
// paper is the only place the token exists.
func TestPrintedCarerLetterCarriesANewLink(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	emailed := a.tokensSent(w.A.event)["carer"]
	ctx := context.Background()
	cs, err := a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	carerID := cs.Carers[0].ID
	path := "/events/" + itoa(w.A.event) + "/links/carer/" + itoa(carerID) + "/letter"
	coordinator := a.user(domain.RoleCoordinator)

	ev := coordinator.get("/events/" + itoa(w.A.event))
	assert.Contains(t, ev.body, `href="`+path+`"`, "each carer's reply row offers the printed letter")
	confirm := coordinator.get(path)
	require.Equal(t, http.StatusOK, confirm.code)
	assert.Contains(t, confirm.body, "Any link they had before, by email or on paper, stops working at once.")
	assert.Equal(t, http.StatusNotFound, coordinator.get("/events/"+itoa(w.A.event)+"/links/teacher/"+itoa(w.A.teacher)+"/letter").code,
		"teachers get their pack by email, not a printed letter")

	unconfirmed := coordinator.post(path, url.Values{})
	assert.Contains(t, unconfirmed.body, "Print the letter (PDF)", "without confirming, the confirm page is shown again")
	assert.Equal(t, http.StatusOK, a.client().get("/l/"+emailed).code, "nothing changed yet")

	letter := coordinator.post(path, url.Values{"confirm": {"yes"}})
	require.Equal(t, http.StatusOK, letter.code)
	assert.Equal(t, "application/pdf", letter.header.Get("Content-Type"))
	assert.Equal(t, "no-store", letter.header.Get("Cache-Control"))
	text := strings.Join(strings.Fields(extractPDF(t, []byte(letter.body))), "")
	printed := linkInMail.FindStringSubmatch(text)
	require.NotNil(t, printed, "the letter prints the link as text")
	assert.NotEqual(t, emailed, printed[1])
	browser := a.client()
	assert.Equal(t, http.StatusNotFound, browser.get("/l/"+emailed).code, "the emailed link stops")
	page := browser.get("/l/" + printed[1])
	require.Equal(t, http.StatusOK, page.code)
	assert.Contains(t, page.body, "Is Alphachild coming?", "the printed link opens the carer's own page")

	// The API twin asks for confirm too, and makes a new link again.
	api := a.apiAs(domain.RoleCoordinator)
	apiPath := "/api/v1" + path
	r := api.call(http.MethodPost, apiPath, map[string]any{})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "confirm")
	r = api.call(http.MethodPost, apiPath, map[string]any{"confirm": true})
	require.Equal(t, http.StatusOK, r.code)
	assert.True(t, strings.HasPrefix(r.body, "%PDF-"))
	assert.Equal(t, http.StatusNotFound, browser.get("/l/"+printed[1]).code, "each letter replaces the one before")

	entries, err := a.store.AuditLog(ctx, store.AuditFilter{Action: "print_link"})
	require.NoError(t, err)
	assert.Len(t, entries, 2)
}
