package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

type familyWorld struct {
	prison, school, teacher int64
}

func (a *testApp) seed() familyWorld {
	ctx := context.Background()
	var w familyWorld
	var err error
	w.prison, err = a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(a.t, err)
	la, err := a.store.CreateLocalAuthority(ctx, domain.System, "Bridgend")
	require.NoError(a.t, err)
	w.school, err = a.store.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol y Bryn", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: la, Lang: "cy"})
	require.NoError(a.t, err)
	w.teacher, err = a.store.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.school, Name: "Ms Rees", Role: "class_teacher", Lang: "cy"})
	require.NoError(a.t, err)
	return w
}

func referralForm(w familyWorld) url.Values {
	return url.Values{
		"prison_id": {strconv.FormatInt(w.prison, 10)}, "parent_name": {"Rhodri Example"}, "prison_number": {"A1234BC"},
		"referral_source": {"parent"}, "referred_on": {"2026-11-20"}, "carer_name": {"Seren Example"}, "carer_relationship": {"parent"},
		"carer_phone": {"07700 900123"}, "carer_lang": {"cy"}, "child_first_name_0": {"Cai"}, "child_year_0": {"Year 4"},
		"child_school_0": {strconv.FormatInt(w.school, 10)},
	}
}

// A coordinator takes a new referral to "ready for allocation" in the
// browser, and each out-of-order step is refused with the gate's message.
func TestReferralToReadyInTheBrowser(t *testing.T) {
	a := newTestApp(t)
	w := a.seed()
	c := a.user(domain.RoleCoordinator)

	r := c.get("/families/new")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Ysgol y Bryn")

	r = c.post("/families", referralForm(w))
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, "/families/1", r.location)
	assert.Contains(t, r.body, "Referral saved")
	assert.Contains(t, r.body, "Ask the carer for consent")

	sch := strconv.FormatInt(w.school, 10)
	tch := strconv.FormatInt(w.teacher, 10)
	agree := url.Values{"outcome": {"agreed"}, "teacher_ids": {tch}, "route": {"email"}, "occurred_on": {"2026-11-21"}}
	r = c.post("/families/1/agreement/"+sch, agree)
	assert.Equal(t, http.StatusConflict, r.code)
	assert.Contains(t, r.body, "The carer has not given consent")

	r = c.post("/families/1/consent", url.Values{"outcome": {"given"}, "route": {"phone"}, "occurred_on": {"2026-11-21"}})
	require.Equal(t, "/families/1", r.location, r.body)

	session := url.Values{"delivered_on": {"2026-11-22"}, "delivered_by": {"Coordinator"}, "attendees": {"6"}, "route": {"in_person"}}
	clear := url.Values{"outcome": {"cleared"}, "occurred_on": {"2026-11-23"}}
	r = c.post("/families/1/clearance", clear)
	assert.Equal(t, http.StatusConflict, r.code)
	assert.Contains(t, r.body, "headteacher has not agreed")

	r = c.post("/families/1/agreement/"+sch, agree)
	require.Equal(t, "/families/1", r.location, r.body)
	assert.Contains(t, r.body, "Ms Rees")

	_, err := a.store.RecordAwareness(t.Context(), domain.System, w.school, func(ok bool) (domain.AwarenessSession, error) {
		return domain.DecideAwareness(domain.AwarenessInput{SchoolID: w.school, DeliveredOn: session.Get("delivered_on"), DeliveredBy: "Coordinator", Attendees: 6, Route: "in_person"}, ok, "2026-11-23")
	})
	require.NoError(t, err)

	r = c.post("/families/1/clearance", clear)
	assert.Equal(t, http.StatusConflict, r.code)
	assert.Contains(t, r.body, "Cai&#39;s views have not been recorded")

	cs, _ := a.store.Case(t.Context(), domain.Unrestricted, 1)
	child := strconv.FormatInt(cs.Children[0].ID, 10)
	r = c.get("/families/1/voice/" + child)
	require.Equal(t, http.StatusOK, r.code)
	r = c.post("/families/1/voice/"+child, url.Values{"wants_to_attend": {"yes"}, "preferred_teacher_id": {tch}, "may_know": {tch},
		"approved_by": {"both"}, "obtained_how": {"talked at home"}, "occurred_on": {"2026-11-23"}})
	require.Equal(t, "/families/1", r.location, r.body)

	r = c.post("/families/1/clearance", clear)
	require.Equal(t, "/families/1", r.location, r.body)
	assert.Contains(t, r.body, "Ready to allocate to a showcase")
	cs, _ = a.store.Case(t.Context(), domain.Unrestricted, 1)
	assert.Equal(t, domain.StageReady, cs.Progress().Stage)
}

func TestBadReferralKeepsInputAndSavesNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.seed()
	c := a.user(domain.RoleCoordinator)
	form := referralForm(w)
	form.Set("prison_number", "12345")
	form.Set("carer_phone", "")
	form.Del("child_first_name_0")
	r := c.post("/families", form)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "format A1234BC")
	assert.Contains(t, r.body, "phone number or an email address")
	assert.Contains(t, r.body, "at least one child")
	assert.Contains(t, r.body, `href="#f-prison_number"`, "the summary links to the field")
	assert.Contains(t, r.body, `value="Rhodri Example"`, "typed values are kept")
	cases, _ := a.store.Cases(t.Context(), domain.Unrestricted, 0)
	assert.Empty(t, cases)
}

func TestStepFormErrorsAreFieldLevel(t *testing.T) {
	a := newTestApp(t)
	w := a.seed()
	c := a.user(domain.RoleCoordinator)
	c.post("/families", referralForm(w))
	r := c.post("/families/1/consent", url.Values{"outcome": {"given"}, "route": {"pigeon"}, "occurred_on": {"2099-01-01"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Select how this was done from the list")
	assert.Contains(t, r.body, "The date this happened must be today or in the past")
	assert.Contains(t, r.body, `aria-invalid="true"`)
	cs, _ := a.store.Case(t.Context(), domain.Unrestricted, 1)
	assert.Empty(t, cs.Steps)
}

func TestFamilyPagesByRole(t *testing.T) {
	a := newTestApp(t)
	w := a.seed()
	a.user(domain.RoleCoordinator).post("/families", referralForm(w))
	staffC := a.user(domain.RolePrisonStaff)
	comm := a.user(domain.RoleCommissioner)

	assert.Equal(t, http.StatusForbidden, staffC.get("/families/1").code, "prison staff do not see the education record")
	assert.Equal(t, http.StatusForbidden, comm.get("/families/1").code)
	assert.Equal(t, http.StatusForbidden, comm.get("/clearance").code)
	assert.Equal(t, http.StatusNotFound, a.user(domain.RoleAdmin).get("/families/99").code)

	// Before the carer consents and the school steps are done, the family
	// does not exist as far as prison staff are concerned.
	for _, path := range []string{"/families/1/clearance", "/families/1/custody"} {
		assert.Equal(t, http.StatusNotFound, staffC.get(path).code, path)
	}
	r := staffC.post("/families/1/custody", url.Values{"status": {"held"}, "release_date": {"2027-03-01"}})
	assert.Equal(t, http.StatusNotFound, r.code)
	r = staffC.get("/clearance")
	assert.NotContains(t, r.body, "Rhodri Example", "no family before the carer consents")

	// At the clearance stage they see the form with adults and children only.
	a.toClearance(1, w.school, w.teacher)
	r = staffC.get("/families/1/clearance")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Seren Example")
	assert.NotContains(t, r.body, "Ysgol y Bryn", "no school details for prison staff")

	// After recording a decision, prison staff land on their own list, not a 403.
	r = staffC.post("/families/1/custody", url.Values{"status": {"held"}, "release_date": {"2027-03-01"}})
	assert.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "/clearance", r.location)
}

func TestWithdrawalInTheBrowserStopsDownstream(t *testing.T) {
	a := newTestApp(t)
	w := a.seed()
	c := a.user(domain.RoleCoordinator)
	c.post("/families", referralForm(w))
	c.post("/families/1/consent", url.Values{"outcome": {"given"}, "route": {"phone"}, "occurred_on": {"2026-11-21"}})
	r := c.post("/families/1/consent", url.Values{"outcome": {"withdrawn"}, "route": {"phone"}, "occurred_on": {"2026-11-22"}})
	require.Equal(t, "/families/1", r.location)
	assert.Contains(t, r.body, "Consent withdrawn")
	r = c.post("/families/1/agreement/"+strconv.FormatInt(w.school, 10), url.Values{"outcome": {"agreed"}, "teacher_ids": {strconv.FormatInt(w.teacher, 10)}, "route": {"email"}, "occurred_on": {"2026-11-22"}})
	assert.Equal(t, http.StatusConflict, r.code)
}
