package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A coordinator stops one person's personal link from the showcase page,
// after a confirm page that says what happens; the link then reads as one
// that never was. The API does the same with "confirm": true.
func TestCoordinatorStopsAPersonalLink(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	tokens := a.tokensSent(w.A.event)
	coord := a.user(domain.RoleCoordinator)
	browser := a.client()
	event := fmt.Sprintf("/events/%d", w.A.event)
	path := fmt.Sprintf("%s/links/teacher/%d/revoke", event, w.A.teacher)

	r := coord.get(event)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `href="`+path+`"`, "each reply offers to stop the person's link")
	r = coord.get(path)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "will stop working at once")
	require.Equal(t, http.StatusOK, browser.get("/l/"+tokens["teacher"]).code, "the confirm page changes nothing")
	r = coord.post(path, url.Values{"confirm": {"yes"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "The personal link has stopped working.")
	assert.Equal(t, http.StatusNotFound, browser.get("/l/"+tokens["teacher"]).code)
	assert.Equal(t, http.StatusOK, browser.get("/l/"+tokens["carer"]).code, "only that person's link")
	assert.Equal(t, http.StatusNotFound, coord.get(fmt.Sprintf("%s/links/teacher/%d/revoke", event, w.B.teacher)).code, "a teacher not at this showcase")

	api := a.apiAs(domain.RoleCoordinator)
	carer := ""
	for _, rep := range mustEventReplies(t, a, coord, event) {
		carer = rep
	}
	require.NotEmpty(t, carer)
	res := api.call(http.MethodDelete, "/api/v1"+event+"/links/carer/"+carer, map[string]any{})
	assert.Equal(t, http.StatusBadRequest, res.code)
	assert.Equal(t, http.StatusOK, browser.get("/l/"+tokens["carer"]).code)
	res = api.call(http.MethodDelete, "/api/v1"+event+"/links/carer/"+carer, map[string]any{"confirm": true})
	assert.Equal(t, http.StatusNoContent, res.code, res.body)
	assert.Equal(t, http.StatusNotFound, browser.get("/l/"+tokens["carer"]).code)
}

// mustEventReplies lists the carers' IDs in the showcase page's revoke links.
func mustEventReplies(t *testing.T, a *testApp, c *client, event string) []string {
	t.Helper()
	body := c.get(event).body
	var out []string
	for _, m := range carerRevoke.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

var carerRevoke = regexp.MustCompile(`/links/carer/(\d+)/revoke`)
