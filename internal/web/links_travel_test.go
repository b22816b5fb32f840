package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// A carer asks for help with travel through their link. Only the postcode
// area is something the coordinator must still turn into miles; miles
// given feed the family's travel estimate at once. Every answer is
// checked field by field, and a bad one saves nothing.
func TestCarerAsksForTravelHelpThroughTheirLink(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	tokens := a.tokensSent(w.A.event)
	carer := a.client()
	ctx := context.Background()
	milesInEstimate := func() costs.Qty {
		in, err := a.store.EstimateInput(ctx, w.A.event)
		require.NoError(t, err)
		for _, f := range in.Families {
			if f.FamilyID == w.A.ready {
				return f.MilesEachWay
			}
		}
		t.Fatal("the family is not in the estimate")
		return 0
	}
	require.Zero(t, milesInEstimate(), "the referral gave no distance")

	page := carer.get("/l/" + tokens["carer"])
	require.Equal(t, http.StatusOK, page.code)
	assert.Contains(t, page.body, `href="/l/`+tokens["carer"]+`/travel">Ask for help with travel`)
	form := carer.get("/l/" + tokens["carer"] + "/travel")
	require.Equal(t, http.StatusOK, form.code)
	assert.Equal(t, "no-store", form.header.Get("Cache-Control"))
	assert.NotContains(t, form.body, "checked", "nothing is chosen for the carer")
	assert.Equal(t, http.StatusNotFound, carer.get("/l/"+tokens["teacher"]+"/travel").code, "a teacher's link has no travel page")
	welsh := a.client().get("/l/" + tokens["carer"] + "/travel?lang=cy")
	assert.Contains(t, welsh.body, "Hoffech chi gael help gyda chost teithio?")

	path := "/l/" + tokens["carer"] + "/travel"
	bad := []struct {
		name string
		form url.Values
		want string
	}{
		{"no answer", url.Values{}, "Say whether you would like help with the cost of travel"},
		{"help but no distance", url.Values{"wants_help": {"yes"}}, "Enter about how many miles you travel each way, or the first part of your postcode"},
		{"a town for a postcode", url.Values{"wants_help": {"yes"}, "postcode_area": {"Bridgend"}}, "Enter the first part of your postcode, like CF31 or SA1"},
		{"words for miles", url.Values{"wants_help": {"yes"}, "distance_miles": {"about ten"}}, "The distance must be a whole number of miles from 0 to 1000"},
	}
	for _, tt := range bad {
		r := carer.post(path, tt.form)
		assert.Equal(t, http.StatusBadRequest, r.code, tt.name)
		assert.Contains(t, r.body, tt.want, tt.name)
		assert.Contains(t, r.body, "<title>Error:", tt.name)
	}
	got, err := a.store.TravelAnswerOf(ctx, w.A.event, w.A.ready, 0)
	require.NoError(t, err)
	assert.False(t, got.Answered, "nothing is saved from a bad answer")

	coordinator := a.user(domain.RoleCoordinator)
	api := a.apiAs(domain.RoleCoordinator)
	eventPath := "/events/" + itoa(w.A.event)

	// A postcode area only: the coordinator sees that a distance is owed.
	r := carer.post(path, url.Values{"wants_help": {"yes"}, "postcode_area": {"cf31 1aa"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "You asked for help with travel, from postcode area CF31.")
	assert.Zero(t, milesInEstimate())
	ev := coordinator.get(eventPath)
	assert.Contains(t, ev.body, "Postcode area CF31: no distance yet, so no travel estimate")
	list := api.call(http.MethodGet, "/api/v1/events/"+itoa(w.A.event)+"/travel", nil)
	require.Equal(t, http.StatusOK, list.code)
	require.Len(t, list.list(t), 1)
	assert.Equal(t, "CF31", list.list(t)[0]["postcode_area"])
	assert.EqualValues(t, 0, list.list(t)[0]["distance_miles"])

	// Miles: the family's travel estimate is real at once.
	r = carer.post(path, url.Values{"wants_help": {"yes"}, "distance_miles": {"23"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "You asked for help with travel: about 23 miles each way.")
	assert.Equal(t, costs.Units(23), milesInEstimate())
	assert.Contains(t, coordinator.get(eventPath).body, "23 miles each way")
	assert.Contains(t, carer.get(path).body, `value="23"`, "the form shows the answer on record")

	// The other prison's coordinator sees nothing of it.
	other := a.tokensSent(w.B.event)["carer"]
	assert.NotContains(t, carer.get("/l/"+other).body, "23 miles")
	list = api.call(http.MethodGet, "/api/v1/events/"+itoa(w.B.event)+"/travel", nil)
	require.Equal(t, http.StatusOK, list.code)
	assert.Empty(t, list.list(t))

	entries, err := a.store.AuditLog(ctx, store.AuditFilter{Action: "link_travel"})
	require.NoError(t, err)
	assert.Len(t, entries, 2, "each saved answer is audited; the refused ones are not")
}
