package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"schoolzone/internal/allocate"
	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// prisonWorld is one prison's records in the two-prison world: a family
// cleared and seated at a showcase, one only just referred, a school and
// teacher of its own, a hall, a non-association and an outbox message.
type prisonWorld struct {
	name                          string
	prison, la, school, teacher   int64
	ready, referred, child, event int64
	carer, outbox                 int64
	readyRef, referredRef         string
	// markers are words that appear only in this prison's records: a user
	// of the other prison must never see one.
	markers []string
}

// scopeWorld is two prisons, A and B, each with its own people.
type scopeWorld struct{ A, B prisonWorld }

func (a *testApp) scopeWorld() scopeWorld {
	a.t.Helper()
	return scopeWorld{A: a.prisonWorld("Alpha", "A1111AA", "A2222AA"), B: a.prisonWorld("Beta", "B3333BB", "B4444BB")}
}

func (a *testApp) prisonWorld(name, readyNumber, referredNumber string) prisonWorld {
	t := a.t
	ctx := context.Background()
	w := prisonWorld{name: name}
	var err error
	w.prison, err = a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP " + name, Phone: "01632 960000"})
	require.NoError(t, err)
	var tables []domain.HallTable
	for i := 1; i <= 4; i++ {
		tables = append(tables, domain.HallTable{Label: fmt.Sprint(i), Row: 1, Col: i, Seats: 6, StepFree: true})
	}
	require.NoError(t, a.store.SetHall(ctx, domain.System, w.prison, tables, nil))
	w.la, err = a.store.CreateLocalAuthority(ctx, domain.System, name+"shire")
	require.NoError(t, err)
	w.school, err = a.store.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol " + name, Type: domain.SchoolPRU, LanguageMedium: "english",
		LocalAuthorityID: w.la, HeadName: "Head " + name, HeadEmail: "head@" + name + ".example", Lang: "en"})
	require.NoError(t, err)
	w.teacher, err = a.store.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.school, Name: "Teacher " + name, Email: "teacher@" + name + ".example", Role: "class_teacher", Lang: "en"})
	require.NoError(t, err)

	refer := func(parent, number, carer, child string) int64 {
		in := domain.ReferralInput{PrisonID: w.prison, ParentName: parent, PrisonNumber: number, ReferralSource: "parent", ReferredOn: "2026-11-01",
			Carer:    domain.Carer{Name: carer, Relationship: "parent", Phone: "07700 900123", Email: "carer@" + name + ".example", Lang: "en"},
			Children: []domain.Child{{FirstName: child, YearGroup: "Year 5", SchoolID: w.school, WantsToAttend: domain.WishYes}}}
		require.NoError(t, in.Validate("2026-11-23"))
		id, err := a.store.CreateReferral(ctx, domain.System, in)
		require.NoError(t, err)
		return id
	}
	w.ready = refer("Parent "+name+"ready", readyNumber, "Carer "+name+"ready", name+"child")
	w.referred = refer("Parent "+name+"new", referredNumber, "Carer "+name+"new", name+"baby")
	a.toClearance(w.ready, w.school, w.teacher)
	_, err = a.store.RecordSteps(ctx, domain.System, w.ready, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideClearance(domain.ClearanceInput{Outcome: domain.Cleared, OccurredOn: "2026-11-23"}, "2026-11-23")
		return []domain.Step{st}, err
	})
	require.NoError(t, err)
	cs, err := a.store.Case(ctx, domain.Unrestricted, w.ready)
	require.NoError(t, err)
	w.child, w.carer = cs.Children[0].ID, cs.Carers[0].ID
	require.NoError(t, a.store.AddKeepApart(ctx, domain.System, refOf(t, a, w.ready), refOf(t, a, w.referred)))

	w.event, err = a.store.CreateEvent(ctx, domain.System, domain.Event{PrisonID: w.prison, Title: name + " showcase",
		StartsAt: time.Date(2026, 12, 10, 14, 0, 0, 0, time.UTC), SlotMinutes: 10, Slots: 6, ArrivalMinutes: 45})
	require.NoError(t, err)
	in, _, err := a.store.AllocationInput(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	r, err := allocate.Allocate(in)
	require.NoError(t, err)
	require.NoError(t, a.store.SaveAllocation(ctx, domain.System, w.event, r))
	svc := &showcase.Service{Scope: domain.Unrestricted, Store: a.store, Cat: i18n.MustLoad(), BaseURL: "http://localhost",
		Now: func() time.Time { return testNow }, Organizer: ical.Person{Name: "Coordinator", Email: "coordinator@example.org"}}
	_, err = svc.SendInvitations(ctx, domain.System, w.event)
	require.NoError(t, err)
	w.outbox, err = a.store.Enqueue(ctx, store.OutboxMessage{Kind: "invite", EventID: w.event, RecipientKind: "carer", RecipientID: 1,
		To: "carer@" + name + ".example", Subject: "Invitation for Carer " + name + "ready", EML: []byte("Subject: for Carer " + name + "ready\r\n\r\nhello")})
	require.NoError(t, err)
	require.NoError(t, a.store.MarkFailed(ctx, w.outbox, "mailbox full", testNow, true))

	// A rate of the prison's own, in pence that spell a marker (£165.45 for
	// Alpha): rates are not personal, but they are the prison's business.
	rate := costs.Pence(10045 + 100*int64(name[0]))
	_, err = a.store.AddRate(ctx, domain.System, costs.Rate{Scope: costs.Scope{Kind: costs.PrisonScope, ID: w.prison}, Key: costs.SupplyHalfDay,
		EffectiveFrom: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Amount: rate})
	require.NoError(t, err)

	w.readyRef, w.referredRef = refOf(t, a, w.ready), refOf(t, a, w.referred)
	w.markers = []string{fmt.Sprintf("%d.%02d", rate/100, rate%100), "Parent " + name, "Carer " + name, readyNumber, referredNumber, name + "child", name + "baby",
		"HMP " + name, name + " showcase", refOf(t, a, w.ready), refOf(t, a, w.referred), "carer@" + name}
	return w
}

func refOf(t *testing.T, a *testApp, family int64) string {
	cs, err := a.store.Case(context.Background(), domain.Unrestricted, family)
	require.NoError(t, err)
	return cs.Family.Ref
}

// scopedUser is one account with a page client and an API client.
type scopedUser struct {
	name string
	role domain.Role
	page *client
	api  *apiClient
}

// userIn makes an account of role limited to the given prisons (none:
// no limit, for admins and commissioners) and signs it in both ways.
func (a *testApp) userIn(role domain.Role, label string, prisons ...int64) scopedUser {
	a.t.Helper()
	email := fmt.Sprintf("%s-%s@example.org", role, label)
	hash, err := HashPassword(testPassword)
	require.NoError(a.t, err)
	_, err = a.store.CreateUser(context.Background(), domain.System, domain.User{Email: email, Name: "User " + label, Role: role,
		PasswordHash: hash, Lang: "en", Prisons: prisons})
	require.NoError(a.t, err)
	u := scopedUser{name: string(role) + " " + label, role: role, page: a.client(), api: a.api()}
	r := u.page.post("/login", url.Values{"email": {email}, "password": {testPassword}})
	require.NotEqual(a.t, "/login", r.location, "login as %s failed", u.name)
	ar := u.api.call(http.MethodPost, "/api/v1/session", map[string]any{"email": email, "password": testPassword})
	require.Equal(a.t, http.StatusCreated, ar.code, ar.body)
	u.api.token = ar.json(a.t)["token"].(string)
	return u
}

// counts are what a refused request must leave alone: every change
// writes an audit row, and the rest are read back to be sure.
func (a *testApp) counts() map[string]int {
	a.t.Helper()
	ctx := context.Background()
	out := map[string]int{}
	audit, err := a.store.AuditLog(ctx, store.AuditFilter{Limit: 1 << 20})
	require.NoError(a.t, err)
	out["audit"] = len(audit)
	msgs, err := a.store.Outbox(ctx, store.OutboxFilter{Scope: domain.Unrestricted, Limit: 1 << 20})
	require.NoError(a.t, err)
	out["outbox"] = len(msgs)
	for _, m := range msgs {
		out["outbox "+m.Status]++
	}
	cases, err := a.store.Cases(ctx, domain.Unrestricted, 0)
	require.NoError(a.t, err)
	out["families"] = len(cases)
	for _, cs := range cases {
		out["steps"] += len(cs.Steps)
		out["status "+string(cs.Family.ParentStatus)]++
	}
	events, err := a.store.Events(ctx, domain.Unrestricted)
	require.NoError(a.t, err)
	out["events"] = len(events)
	for _, ev := range events {
		r, err := a.store.Allocation(ctx, domain.Unrestricted, ev.ID)
		require.NoError(a.t, err)
		out["seated"] += len(r.Tables)
		out["meetings"] += len(r.Meetings)
	}
	pairs, err := a.store.KeepApart(ctx, domain.Unrestricted)
	require.NoError(a.t, err)
	out["keep apart"] = len(pairs)
	return out
}
