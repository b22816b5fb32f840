package web

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// The showcase page says, per person, what they answered in their calendar,
// and "confirmed" only for someone who did confirm.
func TestShowcasePageShowsCalendarReplies(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	ctx := context.Background()
	fam, err := a.store.CreateReferral(ctx, domain.System, domain.ReferralInput{PrisonID: w.prison, ParentName: "Rhodri Example", ReferralSource: "parent",
		ReferredOn: "2026-11-01", Carer: domain.Carer{Name: "Seren Example", Relationship: "parent", Email: "seren@example.org", Lang: "cy"},
		Children: []domain.Child{{FirstName: "Cai", SchoolID: w.school, Lang: "cy"}}})
	require.NoError(t, err)
	cs, err := a.store.Case(ctx, domain.Unrestricted, fam)
	require.NoError(t, err)
	event, err := a.store.CreateEvent(ctx, domain.System, domain.Event{PrisonID: w.prison, Title: "Winter showcase",
		StartsAt: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), SlotMinutes: 20, Slots: 6, ArrivalMinutes: 45})
	require.NoError(t, err)
	uid := func(kind string, id int64) string {
		return "sz-ev" + strconv.FormatInt(event, 10) + "-" + kind + strconv.FormatInt(id, 10) + "@localhost"
	}
	var changes []store.InviteChange
	for _, r := range []struct {
		kind    string
		id, fam int64
	}{{"teacher", w.teacher, 0}, {"carer", cs.Carers[0].ID, fam}} {
		changes = append(changes, store.InviteChange{Record: store.InviteRecord{EventID: event, RecipientKind: r.kind, RecipientID: r.id, FamilyID: r.fam,
			UID: uid(r.kind, r.id), Fingerprint: "f", Status: store.InviteActive, Organizer: "coordinator@example.org",
			StartsAt: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), EndsAt: time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC), LastSentAt: testNow}})
	}
	require.NoError(t, a.store.ApplyInvites(ctx, domain.System, store.InviteBatch{EventID: event, Changes: changes}))
	c := a.user(domain.RoleCoordinator)
	path := "/events/" + strconv.FormatInt(event, 10)

	r := c.get(path)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "0 confirmed, 0 maybe, 0 declined, 2 no reply yet")
	assert.NotContains(t, r.body, "Confirmed")

	out, err := a.store.RecordReply(ctx, store.CalendarReply{UID: uid("teacher", w.teacher), Attendee: "rees@example.org", Response: store.ResponseConfirmed,
		Stamp: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	require.Equal(t, store.ReplyRecorded, out)
	r = c.get(path)
	assert.Contains(t, r.body, "1 confirmed, 0 maybe, 0 declined, 1 no reply yet")
	assert.Regexp(t, `Ms Rees</dt>\s*<dd>Confirmed on`, r.body)
	assert.Regexp(t, `Seren Example \(family FAM-\d{4}\)</dt>\s*<dd>No reply yet`, r.body)
	r = c.get(path + "?lang=cy")
	assert.Regexp(t, `Ms Rees</dt>\s*<dd>Wedi cadarnhau ar`, r.body)
}
