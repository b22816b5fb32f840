package web

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// A carer withdraws consent after the invitations went out. The page saves
// the withdrawal, the store takes the family out in the same transaction,
// and the usual cancellations go at once: nobody is left invited to a
// meeting that will not happen.
func TestWithdrawnConsentCancelsInvitationsAtOnce(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	ctx := t.Context()
	require.NoError(t, a.store.SetHall(ctx, domain.System, w.prison, []domain.HallTable{{Label: "1", Seats: 6}, {Label: "2", Col: 1, Seats: 6}}, nil))
	family := w.addFamily(t, "Rhodri Example", "Cai", w.school)
	w.ready(t, family)
	ev, err := a.store.CreateEvent(ctx, domain.System, domain.Event{PrisonID: w.prison, Title: "Winter showcase",
		StartsAt: testNow.AddDate(0, 1, 0), SlotMinutes: 10, Slots: 6, ArrivalMinutes: 45})
	require.NoError(t, err)
	coord := a.user(domain.RoleCoordinator)
	evURL := "/events/" + strconv.FormatInt(ev, 10)
	require.Less(t, coord.post(evURL+"/allocate", url.Values{}).code, 400)
	require.Less(t, coord.post(evURL+"/invitations", url.Values{}).code, 400)
	active := func() map[string]string {
		recs, err := a.store.Invites(ctx, ev)
		require.NoError(t, err)
		out := map[string]string{}
		for _, r := range recs {
			out[r.RecipientKind] = r.Status
		}
		return out
	}
	require.Equal(t, map[string]string{"teacher": store.InviteActive, "carer": store.InviteActive}, active())

	r := coord.post("/families/"+strconv.FormatInt(family, 10)+"/consent", url.Values{"outcome": {"withdrawn"}, "route": {"phone"}, "occurred_on": {refToday}})
	require.Contains(t, r.body, "Consent withdrawn")
	assert.Equal(t, map[string]string{"teacher": store.InviteCancelled, "carer": store.InviteCancelled}, active())
	msgs, err := a.store.Outbox(ctx, store.OutboxFilter{Scope: domain.Unrestricted, EventID: ev})
	require.NoError(t, err)
	var cancels []string
	for _, m := range msgs {
		if m.Kind == "cancel" {
			cancels = append(cancels, m.To)
		}
	}
	assert.Equal(t, []string{"rees@ysgol.example"}, cancels, "the teacher's calendar is cleared; the carer has no email and is phoned")
}
