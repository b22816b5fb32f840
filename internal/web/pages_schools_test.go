package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

const refToday = "2026-11-23" // testNow's date in UK time

// refWorld is reference data for the school, showcase and figures pages:
// one prison, one local authority and one school with a member of staff.
type refWorld struct {
	a       *testApp
	prison  int64
	la      int64
	school  int64
	teacher int64
}

func newRefWorld(t *testing.T, a *testApp) refWorld {
	t.Helper()
	ctx := context.Background()
	w := refWorld{a: a}
	var err error
	w.prison, err = a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Glanfa"})
	require.NoError(t, err)
	w.la, err = a.store.CreateLocalAuthority(ctx, domain.System, "Sir Glanfa")
	require.NoError(t, err)
	w.school = w.addSchool(t, "Ysgol Gynradd Glanfa", domain.SchoolPrimary, w.la)
	w.teacher, err = a.store.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.school, Name: "Ms Rees", Email: "rees@ysgol.example", Role: "class_teacher", Lang: "cy"})
	require.NoError(t, err)
	return w
}

func (w refWorld) addSchool(t *testing.T, name string, typ domain.SchoolType, la int64) int64 {
	t.Helper()
	id, err := w.a.store.CreateSchool(context.Background(), domain.System, domain.School{Name: name, Type: typ, LanguageMedium: "welsh",
		LocalAuthorityID: la, HeadName: "Head of " + name, HeadEmail: "head@school.example", Lang: "cy"})
	require.NoError(t, err)
	return id
}

// addFamily refers a family with one child at school; the names are the
// test's to choose so it can look for them on pages.
func (w refWorld) addFamily(t *testing.T, parent, child string, school int64) int64 {
	t.Helper()
	in := domain.ReferralInput{PrisonID: w.prison, ParentName: parent, PrisonNumber: "A1234BC", ReferralSource: "parent", ReferredOn: refToday,
		Carer:    domain.Carer{Name: "Carer of " + child, Relationship: "parent", Phone: "07700 900123", Lang: "en"},
		Children: []domain.Child{{FirstName: child, SchoolID: school, WantsToAttend: domain.WishYes}}}
	require.NoError(t, in.Validate(refToday))
	id, err := w.a.store.CreateReferral(context.Background(), domain.System, in)
	require.NoError(t, err)
	return id
}

func (w refWorld) steps(t *testing.T, family int64, decide func(domain.Case) ([]domain.Step, error)) {
	t.Helper()
	_, err := w.a.store.RecordSteps(context.Background(), domain.System, family, decide)
	require.NoError(t, err)
}

func (w refWorld) consent(t *testing.T, family int64) {
	w.steps(t, family, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentGiven, Route: "phone", OccurredOn: refToday}, refToday)
		return []domain.Step{st}, err
	})
}

func (w refWorld) agree(t *testing.T, family int64) {
	teachers, err := w.a.store.Teachers(context.Background(), w.school)
	require.NoError(t, err)
	w.steps(t, family, func(c domain.Case) ([]domain.Step, error) {
		return c.DecideAgreement(domain.AgreementInput{SchoolID: w.school, Outcome: domain.Agreed, Route: "email", OccurredOn: refToday,
			TeacherIDs: []int64{w.teacher}, OverrideReason: "test"}, teachers, refToday)
	})
}

// ready takes a family at w.school through every gate.
func (w refWorld) ready(t *testing.T, family int64) {
	t.Helper()
	w.consent(t, family)
	w.agree(t, family)
	w.afterAgreement(t, family, []int64{w.teacher})
}

// afterAgreement takes a family whose headteacher has agreed the rest of the
// way: the awareness session, the child's views (preferring w.teacher, with
// mayKnow on the register) and clearance.
func (w refWorld) afterAgreement(t *testing.T, family int64, mayKnow []int64) {
	t.Helper()
	ctx := context.Background()
	if ss, _ := w.a.store.SchoolSessions(ctx, w.school); len(ss) == 0 {
		_, err := w.a.store.RecordAwareness(ctx, domain.System, w.school, func(agreed bool) (domain.AwarenessSession, error) {
			return domain.DecideAwareness(domain.AwarenessInput{SchoolID: w.school, DeliveredOn: refToday, DeliveredBy: "Coordinator", Attendees: 4, Route: "in_person"}, agreed, refToday)
		})
		require.NoError(t, err)
	}
	teachers, err := w.a.store.Teachers(ctx, 0)
	require.NoError(t, err)
	require.NoError(t, w.a.store.RecordVoice(ctx, domain.System, family, func(c domain.Case) (domain.Child, error) {
		return c.DecideVoice(domain.VoiceInput{ChildID: c.Children[0].ID, WantsToAttend: domain.WishYes, PreferredTeacherID: w.teacher,
			MayKnow: mayKnow, ApprovedBy: "both", ObtainedHow: "talked at home", OccurredOn: refToday}, teachers, refToday)
	}))
	w.steps(t, family, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideClearance(domain.ClearanceInput{Outcome: domain.Cleared, OccurredOn: refToday}, refToday)
		return []domain.Step{st}, err
	})
	c, err := w.a.store.Case(ctx, domain.Unrestricted, family)
	require.NoError(t, err)
	require.True(t, c.Ready(), "stage %s", c.Progress().Stage)
}

func TestReferencePagesAreForTheirRolesOnly(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	ev, err := a.store.CreateEvent(t.Context(), domain.System, domain.Event{PrisonID: w.prison, Title: "Spring showcase", StartsAt: testNow.AddDate(0, 3, 0), SlotMinutes: 10, Slots: 12, ArrivalMinutes: 45})
	require.NoError(t, err)
	clients := map[domain.Role]*client{}
	for _, r := range domain.Roles {
		clients[r] = a.user(r)
	}
	ok, no := http.StatusOK, http.StatusForbidden
	pages := []struct {
		path                                string
		admin, coordinator, prison, commiss int
	}{
		{"/schools", ok, ok, no, no},
		{fmt.Sprintf("/schools/%d", w.school), ok, ok, no, no},
		{"/events", ok, ok, no, no},
		{fmt.Sprintf("/events/%d", ev), ok, ok, no, no},
		{"/audit", ok, no, no, no},
		{"/users", ok, no, no, no},
		{"/figures", ok, no, no, ok},
	}
	for _, pg := range pages {
		for role, want := range map[domain.Role]int{domain.RoleAdmin: pg.admin, domain.RoleCoordinator: pg.coordinator,
			domain.RolePrisonStaff: pg.prison, domain.RoleCommissioner: pg.commiss} {
			r := clients[role].get(pg.path)
			assert.Equal(t, want, r.code, "%s as %s", pg.path, role)
			if want == ok {
				assert.Contains(t, r.body, "<h1>", "%s as %s", pg.path, role)
			}
		}
	}
	// A stranger is sent to sign in.
	assert.Equal(t, "/login", a.client().get("/schools").location)

	// Forms are refused too, and nothing is saved.
	forms := []struct {
		role domain.Role
		path string
	}{
		{domain.RolePrisonStaff, "/schools"},
		{domain.RoleCommissioner, fmt.Sprintf("/schools/%d/teachers", w.school)},
		{domain.RolePrisonStaff, fmt.Sprintf("/schools/%d/sessions", w.school)},
		{domain.RoleCommissioner, "/events"},
		{domain.RoleCoordinator, "/users"},
	}
	for _, f := range forms {
		r := clients[f.role].post(f.path, url.Values{"name": {"Eve"}})
		assert.Equal(t, http.StatusForbidden, r.code, "POST %s as %s", f.path, f.role)
	}
	schools, _ := a.store.Schools(t.Context())
	assert.Len(t, schools, 1)
	users, _ := a.store.Users(t.Context())
	assert.Len(t, users, 4)
}

func TestAddSchool(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	c := a.user(domain.RoleCoordinator)

	r := c.get("/schools")
	assert.Contains(t, r.body, "Ysgol Gynradd Glanfa")
	assert.Contains(t, r.body, "<caption>")
	assert.Contains(t, r.body, `<th scope="col">`)

	bad := url.Values{"name": {"Ysgol Newydd"}, "type": {"grammar"}, "language_medium": {"welsh"}, "local_authority_id": {"999"},
		"head_name": {""}, "head_email": {"not an email"}, "lang": {"cy"}, "distance_miles": {"ten"}}
	r = c.post("/schools", bad)
	assert.Equal(t, http.StatusBadRequest, r.code)
	for _, msg := range []string{"There is a problem", "Select a type of school from the list",
		"Select a local authority from the list", "Enter the headteacher&#39;s name",
		"Enter an email address in the correct format", "The distance must be a whole number of miles from 0 to 1000"} {
		assert.Contains(t, r.body, msg)
	}
	assert.Contains(t, r.body, `value="Ysgol Newydd"`, "what was typed is kept")
	assert.Contains(t, r.body, `href="#f-distance_miles"`, "the summary links to the field")
	schools, _ := a.store.Schools(t.Context())
	assert.Len(t, schools, 1, "nothing saved on bad input")

	good := url.Values{"name": {"Uned Cyfeirio Disgyblion"}, "type": {"pru"}, "language_medium": {"bilingual"}, "local_authority_id": {fmt.Sprint(w.la)},
		"head_name": {"Mr Head"}, "phone": {"01234 567890"}, "lang": {"en"}, "distance_miles": {"14"}}
	r = c.post("/schools", good)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Contains(t, r.body, "The school has been added")
	assert.Contains(t, r.body, "Pupil referral unit")
	assert.Contains(t, r.body, "14 miles")
	schools, _ = a.store.Schools(t.Context())
	require.Len(t, schools, 2)
	require.Equal(t, "Uned Cyfeirio Disgyblion", schools[0].Name, "listed by name")
	assert.Equal(t, fmt.Sprintf("/schools/%d", schools[0].ID), r.location)
	assert.Equal(t, domain.SchoolPRU, schools[0].Type)
	assert.Equal(t, 14, schools[0].DistanceMiles)

	r = c.get("/schools?lang=cy")
	assert.Contains(t, r.body, "Uned cyfeirio disgyblion")
	assert.Contains(t, r.body, "Ychwanegu ysgol")
}

func TestAddStaff(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	c := a.user(domain.RoleCoordinator)
	path := fmt.Sprintf("/schools/%d", w.school)

	r := c.post(path+"/teachers", url.Values{"name": {"Mr Price"}, "email": {"price"}, "role": {"senco"}, "lang": {"en"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Enter an email address in the correct format")
	assert.Contains(t, r.body, `value="Mr Price"`)
	staff, _ := a.store.Teachers(t.Context(), w.school)
	assert.Len(t, staff, 1, "nothing saved")

	r = c.post(path+"/teachers", url.Values{"name": {"Mr Price"}, "email": {"price@ysgol.example"}, "role": {"senco"}, "lang": {"en"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, path, r.location)
	assert.Contains(t, r.body, "The member of staff has been added")
	assert.Contains(t, r.body, "price@ysgol.example")
	assert.Contains(t, r.body, "Additional learning needs coordinator")
	staff, _ = a.store.Teachers(t.Context(), w.school)
	assert.Len(t, staff, 2)

	r = c.get("/schools")
	assert.Contains(t, r.body, `data-label="Staff on record">2</td>`, "the list counts staff")
	assert.Equal(t, http.StatusNotFound, c.get("/schools/999").code)
}

func TestAwarenessSessionNeedsTheHeadteacher(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	fam := w.addFamily(t, "Dai Parent", "Cai", w.school)
	w.consent(t, fam)
	c := a.user(domain.RoleCoordinator)
	path := fmt.Sprintf("/schools/%d", w.school)
	session := url.Values{"delivered_on": {refToday}, "delivered_by": {"Coordinator"}, "attendees": {"6"}, "route": {"in_person"}}

	r := c.get(path)
	assert.Contains(t, r.body, "No headteacher at this school has agreed yet", "the page warns before the form is used")
	assert.Contains(t, r.body, "FAM-0001")
	assert.NotContains(t, r.body, "Dai Parent", "families appear by reference only")
	assert.NotContains(t, r.body, "Cai")

	r = c.post(path+"/sessions", session)
	assert.Equal(t, http.StatusConflict, r.code)
	assert.Contains(t, r.body, "This step cannot be taken yet")
	assert.Contains(t, r.body, "Record the headteacher&#39;s agreement before an awareness session")
	ss, _ := a.store.SchoolSessions(t.Context(), w.school)
	assert.Empty(t, ss, "nothing saved when the gate is not met")

	w.agree(t, fam)
	bad := url.Values{"delivered_on": {"2026-12-25"}, "delivered_by": {""}, "attendees": {"none"}, "route": {"in_person"}}
	r = c.post(path+"/sessions", bad)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "The date must be today or in the past")
	assert.Contains(t, r.body, "at least 1")
	assert.Contains(t, r.body, `value="none"`)
	ss, _ = a.store.SchoolSessions(t.Context(), w.school)
	assert.Empty(t, ss)

	r = c.post(path+"/sessions", session)
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, path, r.location)
	assert.Contains(t, r.body, "The awareness session has been recorded")
	assert.Contains(t, r.body, "23 November 2026")
	ss, _ = a.store.SchoolSessions(t.Context(), w.school)
	require.Len(t, ss, 1)
	assert.Equal(t, 6, ss[0].Attendees)
}
