package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// Another carer is added by the rules of the main carer, up to four; one
// added to a seated family gets their own invitation straight away.
func TestAddAnotherCarer(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	coord := a.user(domain.RoleCoordinator)
	family := "/families/" + itoa(w.A.ready)
	assert.Contains(t, coord.get(family).body, `href="`+family+`/carers"`)
	require.Equal(t, http.StatusOK, coord.get(family+"/carers").code)

	r := coord.post(family+"/carers", url.Values{"name": {"Taid"}, "relationship": {"grandparent"}, "lang": {"cy"}})
	assert.Equal(t, http.StatusBadRequest, r.code, "no way to reach them")
	assert.Contains(t, r.body, `href="#f-phone"`)
	r = coord.post(family+"/carers", url.Values{"name": {"Taid Alpha"}, "relationship": {"grandparent"}, "email": {"taid@alpha.example"}, "lang": {"cy"}})
	require.Equal(t, http.StatusOK, r.code)
	cs, err := a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	require.Len(t, cs.Carers, 2)
	added := cs.Carers[1]
	assert.False(t, added.Primary)
	assert.Contains(t, r.body, `href="`+family+`/carers/`+itoa(added.ID)+`"`, "the new carer has a Change link")

	// Seated at a showcase already: the follow-up invites them, in Welsh.
	msgs, err := a.store.Outbox(ctx, store.OutboxFilter{Scope: domain.Unrestricted, EventID: w.A.event})
	require.NoError(t, err)
	invited := false
	for _, m := range msgs {
		if m.Kind == "invite" && m.RecipientKind == "carer" && m.RecipientID == added.ID {
			invited = true
			assert.Equal(t, "cy", m.Lang)
		}
	}
	assert.True(t, invited, "the new carer is invited")

	api := a.apiAs(domain.RoleCoordinator)
	for i := range 2 {
		res := api.call(http.MethodPost, "/api/v1/families/"+itoa(w.A.ready)+"/carers",
			map[string]any{"name": "Carer " + itoa(int64(i)), "relationship": "kinship", "phone": "07700 90000" + itoa(int64(i)), "lang": "en"})
		require.Equal(t, http.StatusCreated, res.code, res.body)
	}
	res := api.call(http.MethodPost, "/api/v1/families/"+itoa(w.A.ready)+"/carers",
		map[string]any{"name": "One too many", "relationship": "kinship", "phone": "07700 900009", "lang": "en"})
	assert.Equal(t, http.StatusBadRequest, res.code, "four carers at most")
	cs, err = a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	assert.Len(t, cs.Carers, domain.MaxCarers)
	assert.NotContains(t, coord.get(family).body, `href="`+family+`/carers"`, "no more room, no link")

	entries, err := a.store.AuditLog(ctx, store.AuditFilter{Action: "add_carer"})
	require.NoError(t, err)
	assert.Len(t, entries, 3)
}
