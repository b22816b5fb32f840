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

// failOutbox makes the database refuse any new outbox row, as a full disk
// would, partway through a stand-down.
const failOutbox = `CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;`

// A custody change and its stand-down are one transaction: when the
// stand-down cannot be saved, the parent is not marked released either,
// and the family keeps its place, on the page and through the API alike.
// The fixture seats families without their workflow steps, which prison
// staff (who see a family only from clearance on) cannot see, so the
// coordinator records the prison's word here.
func TestCustodyChangeSavesNothingWhenItsStandDownFails(t *testing.T) {
	record := map[string]func(a *testApp) int{
		"page": func(a *testApp) int {
			return a.user(domain.RoleCoordinator).post("/families/12/custody", url.Values{"status": {"released"}}).code
		},
		"API": func(a *testApp) int {
			return a.apiAs(domain.RoleCoordinator).call(http.MethodPost, "/api/v1/families/12/custody", map[string]any{"status": "released"}).code
		},
	}
	for name, rec := range record {
		t.Run(name, func(t *testing.T) {
			a := newDocumentsApp(t, failOutbox)
			ctx := context.Background()

			assert.Equal(t, http.StatusInternalServerError, rec(a))

			cs, err := a.store.Case(ctx, domain.Unrestricted, 12)
			require.NoError(t, err)
			assert.Equal(t, domain.Held, cs.Family.ParentStatus, "the status is not saved without its stand-down")
			d, err := a.store.ShowcaseData(ctx, domain.Unrestricted, 3)
			require.NoError(t, err)
			for _, f := range d.Families {
				assert.Equal(t, "allocated", f.Status, "family %d keeps its place", f.Family.ID)
			}
			log, err := a.store.AuditLog(ctx, store.AuditFilter{Entity: "family", EntityID: 12})
			require.NoError(t, err)
			for _, e := range log {
				assert.NotEqual(t, "set_parent_status", e.Action)
			}
		})
	}
}

// Through the API as on the page, a transfer stands the family down (the
// coordinator again, as above).
func TestAPICustodyTransferStandsDown(t *testing.T) {
	a := newDocumentsApp(t)
	r := a.apiAs(domain.RoleCoordinator).call(http.MethodPost, "/api/v1/families/12/custody", map[string]any{"status": "transferred"})
	require.Equal(t, http.StatusOK, r.code, r.body)
	msgs, err := a.store.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted, EventID: 3})
	require.NoError(t, err)
	var to []string
	for _, m := range msgs {
		to = append(to, m.To)
	}
	assert.ElementsMatch(t, []string{"angharad@example.org", "pennaeth@ywern.example"}, to)
	cs, err := a.store.Case(context.Background(), domain.Unrestricted, 12)
	require.NoError(t, err)
	assert.Equal(t, domain.Transferred, cs.Family.ParentStatus)
}

// Whoever records a custody change is told, by reference, who the
// stand-down could not email, so that they are phoned: here a carer with
// no address and a school whose address cannot be used.
func TestCustodyChangeNamesWhoToPhone(t *testing.T) {
	a := newDocumentsApp(t, `UPDATE carers SET email = '' WHERE id = 31;
		UPDATE schools SET head_email = 'Elin Rhys <pennaeth@ywern.example>' WHERE id = 1`)
	// The coordinator, as in the tests above: the fixture's families have
	// no workflow steps, so prison staff cannot see them.
	coord := a.user(domain.RoleCoordinator)
	r := coord.post("/families/12/custody", url.Values{"status": {"transferred"}})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, "/families/12", r.location)
	assert.Contains(t, r.body, "so phone them: FAM-0012, SCH-0001.")
	assert.NotContains(t, r.body, "Elin")

	r = coord.get("/families/12")
	assert.NotContains(t, r.body, "phone them", "the list is shown once")
}
