package web

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
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
	assert.Contains(t, r.body, "0 of 1 families have nothing left to check")
	assert.Contains(t, r.body, "No reply yet")
	assert.Contains(t, r.body, "0 of 1 accepted")
	for _, name := range []string{"Parent Alphaready", "Carer Alphaready", "Alphachild", "Teacher Alpha", "Ysgol Alpha", `href="/families/`} {
		assert.NotContains(t, r.body, name)
	}
	cy := staff.page.get("/events/" + id(w.A.event) + "/readiness?lang=cy")
	assert.Contains(t, cy.body, "Yn barod ar gyfer y diwrnod")
}
