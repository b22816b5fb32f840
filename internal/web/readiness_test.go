package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// Visits staff read the list for the day before: families by reference and
// table, what is left to check, and no one's name.
func TestReadinessListForPrisonStaff(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	staff := a.userIn(domain.RolePrisonStaff, "A", w.A.prison)
	r := staff.page.get("/events/" + id(w.A.event) + "/readiness")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, refOf(t, a, w.A.ready))
	assert.Contains(t, r.body, "0 of 1 family has nothing left to check")
	assert.Contains(t, r.body, "No reply yet")
	assert.Contains(t, r.body, "0 of 1 accepted")
	for _, name := range []string{"Parent Alphaready", "Carer Alphaready", "Alphachild", "Teacher Alpha", "Ysgol Alpha", `href="/families/`} {
		assert.NotContains(t, r.body, name)
	}
	cy := staff.page.get("/events/" + id(w.A.event) + "/readiness?lang=cy")
	assert.Contains(t, cy.body, "Yn barod ar gyfer y diwrnod")
}

// The coordinator reminds those who have not answered from the showcase
// page; a second press reminds nobody twice.
func TestRemindersFromTheShowcasePage(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	c := a.userIn(domain.RoleCoordinator, "A", w.A.prison)
	page := c.page.get("/events/" + id(w.A.event))
	require.Contains(t, page.body, "Remind those who have not answered")
	r := c.page.post("/events/"+id(w.A.event)+"/reminders", url.Values{})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Reminders are in the outbox.")
	msgs, err := a.store.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted, EventID: w.A.event})
	require.NoError(t, err)
	kinds := map[string]int{}
	for _, m := range msgs {
		kinds[m.Kind]++
	}
	assert.Equal(t, 2, kinds["reminder"], "the carer and the teacher")
	r = c.page.post("/events/"+id(w.A.event)+"/reminders", url.Values{})
	assert.Contains(t, r.body, "Nobody is due a reminder")
}

func (a *testApp) showcaseReadiness(event int64) ([]showcase.FamilyReadiness, error) {
	svc := &showcase.Service{Scope: domain.Unrestricted, Store: a.store, Cat: i18n.MustLoad(), BaseURL: "http://localhost", Now: func() time.Time { return testNow }}
	return svc.Readiness(context.Background(), event)
}
