package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/allocate"
	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

const allocToday = "2026-11-23"

// allocWorld is a prison, two schools with two teachers each and an event;
// the hall is set up by each test through the form.
type allocWorld struct {
	prison, event    int64
	schools          [2]int64
	teachers         [2][2]int64
	prisonPath, path string
}

func (a *testApp) allocShowcase(slots int) allocWorld {
	t := a.t
	ctx := context.Background()
	var w allocWorld
	var err error
	w.prison, err = a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(t, err)
	a.joinPrison(w.prison)
	la, err := a.store.CreateLocalAuthority(ctx, domain.System, "Bridgend")
	require.NoError(t, err)
	names := [2][2]string{{"Ms Alaw Teacher", "Mr Arwel Teacher"}, {"Ms Bethan Teacher", "Mr Bryn Teacher"}}
	for i, sn := range []string{"Ysgol Alpha", "Ysgol Beta"} {
		w.schools[i], err = a.store.CreateSchool(ctx, domain.System, domain.School{Name: sn, Type: "primary", LanguageMedium: "english", LocalAuthorityID: la, Lang: "en"})
		require.NoError(t, err)
		for j := range 2 {
			w.teachers[i][j], err = a.store.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.schools[i], Name: names[i][j], Role: "class_teacher", Lang: "en"})
			require.NoError(t, err)
		}
	}
	w.event, err = a.store.CreateEvent(ctx, domain.System, domain.Event{PrisonID: w.prison, Title: "Winter showcase",
		StartsAt: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), SlotMinutes: 10, Slots: slots, ArrivalMinutes: 45})
	require.NoError(t, err)
	w.prisonPath = "/prisons/" + strconv.FormatInt(w.prison, 10) + "/hall"
	w.path = "/events/" + strconv.FormatInt(w.event, 10)
	return w
}

// hallForm is the hall form for tables in one row, each next to the one
// before; quiet and stepFree list the labels to mark.
func hallForm(labels []string, quiet, stepFree map[string]bool) url.Values {
	f := url.Values{"rows": {strconv.Itoa(len(labels) + 2)}, "confirm": {"yes"}}
	for i, l := range labels {
		n := strconv.Itoa(i)
		f.Set("label_"+n, l)
		f.Set("row_"+n, "0")
		f.Set("col_"+n, n)
		f.Set("seats_"+n, "6")
		if quiet[l] {
			f.Set("quiet_"+n, "1")
		}
		if stepFree[l] {
			f.Set("step_free_"+n, "1")
		}
		if i > 0 {
			f.Set("adjacent_"+n, labels[i-1])
		}
	}
	return f
}

// ready takes a family to "ready": one child per school given, each
// school nominating its teachers listed.
func (a *testApp) ready(w allocWorld, child string, needsQuiet bool, nominate map[int][]int) int64 {
	t := a.t
	ctx := context.Background()
	var kids []domain.Child
	for i := range nominate {
		kids = append(kids, domain.Child{FirstName: child, SchoolID: w.schools[i], Lang: "en", WantsToAttend: domain.WishYes, NeedsQuiet: needsQuiet})
	}
	id, err := a.store.CreateReferral(ctx, domain.System, domain.ReferralInput{PrisonID: w.prison, ParentName: "Parent " + child, PrisonNumber: "A1234BC",
		ReferralSource: "parent", ReferredOn: allocToday, Carer: domain.Carer{Name: "Carer " + child, Relationship: "parent", Phone: "07700 900123", Lang: "en"}, Children: kids})
	require.NoError(t, err)
	step := func(decide func(domain.Case) ([]domain.Step, error)) {
		_, err := a.store.RecordSteps(ctx, domain.System, id, decide)
		require.NoError(t, err)
	}
	step(func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentGiven, Route: "phone", OccurredOn: allocToday}, allocToday)
		return []domain.Step{st}, err
	})
	for i, js := range nominate {
		staff, _ := a.store.Teachers(ctx, w.schools[i])
		var ids []int64
		for _, j := range js {
			ids = append(ids, w.teachers[i][j])
		}
		step(func(c domain.Case) ([]domain.Step, error) {
			return c.DecideAgreement(domain.AgreementInput{SchoolID: w.schools[i], Outcome: domain.Agreed, Route: "email", OccurredOn: allocToday, TeacherIDs: ids}, staff, allocToday)
		})
		_, err := a.store.RecordAwareness(ctx, domain.System, w.schools[i], func(ok bool) (domain.AwarenessSession, error) {
			return domain.DecideAwareness(domain.AwarenessInput{SchoolID: w.schools[i], DeliveredOn: allocToday, DeliveredBy: "Coordinator", Attendees: 4, Route: "in_person"}, ok, allocToday)
		})
		require.NoError(t, err)
	}
	cs, _ := a.store.Case(ctx, domain.Unrestricted, id)
	all, _ := a.store.Teachers(ctx, 0)
	for _, ch := range cs.Children {
		require.NoError(t, a.store.RecordVoice(ctx, domain.System, id, func(c domain.Case) (domain.Child, error) {
			var mayKnow []int64
			for _, t := range all {
				if t.SchoolID == ch.SchoolID {
					mayKnow = append(mayKnow, t.ID)
				}
			}
			return c.DecideVoice(domain.VoiceInput{ChildID: ch.ID, WantsToAttend: domain.WishYes, ObtainedHow: "asked", OccurredOn: allocToday,
				MayKnow: mayKnow, ApprovedBy: "both"}, all, allocToday)
		}))
	}
	step(func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideClearance(domain.ClearanceInput{Outcome: domain.Cleared, OccurredOn: allocToday}, allocToday)
		return []domain.Step{st}, err
	})
	cs, _ = a.store.Case(ctx, domain.Unrestricted, id)
	require.True(t, cs.Ready())
	return id
}

func TestAllocateInTheBrowser(t *testing.T) {
	a := newTestApp(t)
	w := a.allocShowcase(8)
	c := a.user(domain.RoleCoordinator)
	labels := []string{"A1", "A2", "A3", "A4", "A5"}
	r := c.post(w.prisonPath, hallForm(labels, map[string]bool{"A1": true}, map[string]bool{"A5": true}))
	require.Equal(t, w.prisonPath, r.location, r.body)
	assert.Contains(t, r.body, "Visits hall saved")
	assert.Contains(t, r.body, `value="A4"`)

	a.ready(w, "Gwenllian", true, map[int][]int{0: {0, 1}, 1: {0}})
	a.ready(w, "Myfanwy", false, map[int][]int{0: {0}})
	a.ready(w, "Taliesin", false, map[int][]int{1: {0, 1}})
	require.NoError(t, a.store.AddKeepApart(t.Context(), domain.System, "FAM-0002", "FAM-0003"))

	r = c.get(w.path + "/allocation")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Allocate the ready families")

	r = c.post(w.path+"/allocate", url.Values{})
	require.Equal(t, w.path+"/allocation", r.location, r.body)
	assert.Contains(t, r.body, "Allocation saved")
	assert.Contains(t, r.body, `<svg xmlns="http://www.w3.org/2000/svg" role="img"`)
	assert.Contains(t, r.body, "Floor plan of the visits hall")
	for _, ref := range []string{"FAM-0001", "FAM-0002", "FAM-0003"} {
		assert.Contains(t, r.body, ref)
	}
	assert.Contains(t, r.body, "<caption>Ms Alaw Teacher – Ysgol Alpha</caption>")
	assert.Contains(t, r.body, "<caption>Table A1 – FAM-0001 · Quiet table</caption>", "the quiet child's family is at the quiet table")
	assert.Contains(t, r.body, `<th scope="row">14:00`)
	for _, name := range []string{"Gwenllian", "Myfanwy", "Taliesin", "Parent ", "Carer "} {
		assert.NotContains(t, r.body, name, "only references, never names")
	}
	svg := r.body[strings.Index(r.body, "<svg"):strings.Index(r.body, "</svg>")]
	assert.NotContains(t, strings.ToLower(svg), "apart", "no keep-apart marks on the plan")

	saved, err := a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Len(t, saved.Tables, 3)
	assert.Len(t, saved.Meetings, 6)
	in, _, _ := a.store.AllocationInput(t.Context(), domain.Unrestricted, w.event)
	assert.Empty(t, allocate.Check(in, saved))

	// Prison staff and commissioners do not see the allocation.
	assert.Equal(t, http.StatusForbidden, a.user(domain.RolePrisonStaff).get(w.path+"/allocation").code)
	assert.Equal(t, http.StatusForbidden, a.user(domain.RoleCommissioner).post(w.path+"/allocate", url.Values{}).code)
}

func TestInfeasibleShowcaseSavesNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.allocShowcase(8)
	c := a.user(domain.RoleCoordinator)
	r := c.post(w.prisonPath, hallForm([]string{"A1", "A2", "A3", "A4"}, map[string]bool{"A1": true, "A3": true}, nil))
	require.Equal(t, w.prisonPath, r.location, r.body)
	for _, n := range []string{"Un", "Dau", "Tri"} {
		a.ready(w, n, true, map[int][]int{0: {0}})
	}
	r = c.post(w.path+"/allocate", url.Values{})
	assert.Equal(t, http.StatusUnprocessableEntity, r.code)
	assert.Contains(t, r.body, "3 families need a quiet table; the hall has 2")
	assert.Contains(t, r.body, "Nothing has been saved")
	saved, _ := a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	assert.Empty(t, saved.Tables)
	assert.Empty(t, saved.Meetings)
	ev, _ := a.store.Event(t.Context(), domain.Unrestricted, w.event)
	assert.Equal(t, "planning", ev.Status)
}

// allocated sets up a five-table hall and three ready families, allocates
// them through the browser and returns the saved plan.
func (a *testApp) allocated(c *client) (allocWorld, allocate.Result) {
	w := a.allocShowcase(6)
	r := c.post(w.prisonPath, hallForm([]string{"A1", "A2", "A3", "A4", "A5"}, nil, nil))
	require.Equal(a.t, w.prisonPath, r.location, r.body)
	a.ready(w, "Un", false, map[int][]int{0: {0, 1}, 1: {0}})
	a.ready(w, "Dau", false, map[int][]int{0: {0}, 1: {1}})
	a.ready(w, "Tri", false, map[int][]int{1: {0, 1}})
	r = c.post(w.path+"/allocate", url.Values{})
	require.Equal(a.t, w.path+"/allocation", r.location, r.body)
	saved, err := a.store.Allocation(a.t.Context(), domain.Unrestricted, w.event)
	require.NoError(a.t, err)
	return w, saved
}

func TestHandMovesShowEveryBrokenRuleAndSaveOnlyWhenNoneBroken(t *testing.T) {
	a := newTestApp(t)
	c := a.user(domain.RoleCoordinator)
	w, saved := a.allocated(c)
	f1, f2 := store.FamilyKey(1), store.FamilyKey(2)

	// Onto another family's table: refused, with the rule named in refs.
	move := url.Values{"kind": {"table"}, "family": {f1}, "table": {saved.Tables[f2]}}
	r := c.post(w.path+"/allocation/move", move)
	assert.Equal(t, http.StatusUnprocessableEntity, r.code)
	assert.Contains(t, r.body, "This move breaks 1 rule")
	assert.Contains(t, r.body, "(FAM-0001, FAM-0002); each family needs its own table")
	assert.NotContains(t, r.body, "Save this move")
	move.Set("confirm", "1")
	r = c.post(w.path+"/allocation/move", move)
	assert.Equal(t, http.StatusUnprocessableEntity, r.code, "a forced save is refused too")
	now, _ := a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	assert.Equal(t, saved.Tables, now.Tables, "nothing saved")

	// A meeting into a slot where its teacher is already busy: every clash listed.
	var m allocate.ScheduledMeeting
	var busy int
	for _, x := range saved.Meetings {
		for _, y := range saved.Meetings {
			if x.Teacher == y.Teacher && x.Family != y.Family {
				m, busy = x, y.Slot
			}
		}
	}
	require.NotEmpty(t, m.Family)
	r = c.post(w.path+"/allocation/move", url.Values{"kind": {"meeting"}, "meeting": {m.Family + " " + m.Teacher}, "slot": {strconv.Itoa(busy)}, "confirm": {"1"}})
	assert.Equal(t, http.StatusUnprocessableEntity, r.code)
	assert.Contains(t, r.body, "in slot "+strconv.Itoa(busy+1)+" (families")
	now, _ = a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	assert.ElementsMatch(t, saved.Meetings, now.Meetings, "nothing saved")

	// Bad input is a 400 on the allocation page with the field's message.
	r = c.post(w.path+"/allocation/move", url.Values{"kind": {"meeting"}, "meeting": {"F99 TCH1"}, "slot": {"99"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Choose one of the meetings")
	assert.Contains(t, r.body, "Choose one of the showcase&#39;s slots")

	// To a free table that breaks nothing: confirm, then saved.
	free := ""
	taken := map[string]bool{}
	for _, tk := range saved.Tables {
		taken[tk] = true
	}
	in, _, _ := a.store.AllocationInput(t.Context(), domain.Unrestricted, w.event)
	for _, tb := range in.Tables {
		if !taken[tb.ID] {
			free = tb.ID
		}
	}
	move = url.Values{"kind": {"table"}, "family": {f1}, "table": {free}}
	r = c.post(w.path+"/allocation/move", move)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Contains(t, r.body, "This move breaks no rules")
	assert.Contains(t, r.body, "Save this move")
	now, _ = a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	assert.Equal(t, saved.Tables, now.Tables, "not saved before confirming")
	move.Set("confirm", "1")
	r = c.post(w.path+"/allocation/move", move)
	require.Equal(t, w.path+"/allocation", r.location, r.body)
	assert.Contains(t, r.body, "Move saved")
	now, _ = a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	assert.Equal(t, free, now.Tables[f1])
	assert.Equal(t, saved.Tables[f2], now.Tables[f2])
}

func TestWithdrawnTeacherLeavesEveryoneElseInPlace(t *testing.T) {
	a := newTestApp(t)
	c := a.user(domain.RoleCoordinator)
	w, before := a.allocated(c)
	gone := w.teachers[0][1] // Mr Arwel: one meeting, with family 1
	withdraw := w.path + "/allocation/teacher/" + strconv.FormatInt(gone, 10) + "/withdraw"

	// The page links to a confirm page; posting without its yes changes
	// nothing and goes back to the question.
	assert.Contains(t, c.get(w.path+"/allocation").body, `href="`+withdraw+`"`)
	r := c.post(withdraw, url.Values{})
	require.Equal(t, withdraw, r.location, r.body)
	assert.Contains(t, r.body, "Is this teacher not coming?")
	assert.Contains(t, r.body, `name="confirm" value="yes"`)
	unchanged, err := a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Equal(t, before, unchanged)

	r = c.post(withdraw, url.Values{"confirm": {"yes"}})
	require.Equal(t, w.path+"/allocation", r.location, r.body)
	assert.Contains(t, r.body, "Teacher marked as not coming")
	assert.Regexp(t, `(?s)id="withdrawn".*Mr Arwel Teacher`, r.body)
	assert.NotContains(t, r.body, "<caption>Mr Arwel Teacher")

	after, err := a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Equal(t, before.Tables, after.Tables, "every family keeps its table")
	var kept []allocate.ScheduledMeeting
	for _, m := range before.Meetings {
		if m.Teacher != store.TeacherKey(gone) {
			kept = append(kept, m)
		}
	}
	require.Len(t, after.Meetings, len(before.Meetings)-1)
	assert.ElementsMatch(t, kept, after.Meetings, "every other meeting keeps its slot")

	assert.Equal(t, http.StatusNotFound, c.post(w.path+"/allocation/teacher/9999/withdraw", url.Values{"confirm": {"yes"}}).code)

	// Undo: the teacher is coming after all. The allocation says it is out
	// of date, and allocating again (after its confirm page) gives the
	// teacher meetings again; a second undo has nothing to undo.
	reinstate := w.path + "/allocation/teacher/" + strconv.FormatInt(gone, 10) + "/reinstate"
	r = c.post(reinstate, url.Values{})
	require.Equal(t, w.path+"/allocation", r.location, r.body)
	assert.Contains(t, r.body, "The teacher is coming after all")
	assert.Contains(t, r.body, `id="allocation-stale"`)
	assert.NotContains(t, r.body, `id="withdrawn"`)
	assert.Equal(t, http.StatusConflict, c.post(reinstate, url.Values{}).code)

	r = c.post(w.path+"/allocate", url.Values{})
	require.Equal(t, w.path+"/allocate", r.location, "allocating again asks first")
	assert.Contains(t, r.body, "Allocate again?")
	r = c.post(w.path+"/allocate", url.Values{"confirm": {"yes"}})
	require.Equal(t, w.path+"/allocation", r.location, r.body)
	again, err := a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(again.Meetings, func(m allocate.ScheduledMeeting) bool { return m.Teacher == store.TeacherKey(gone) }))
}

func TestKeepApartPageRoles(t *testing.T) {
	a := newTestApp(t)
	w := a.allocShowcase(6)
	a.ready(w, "Un", false, map[int][]int{0: {0}})
	a.ready(w, "Dau", false, map[int][]int{0: {0}})
	prison := a.user(domain.RolePrisonStaff)
	comm := a.user(domain.RoleCommissioner)
	coord := a.user(domain.RoleCoordinator)

	assert.Equal(t, http.StatusForbidden, comm.get("/keep-apart").code)
	assert.Equal(t, http.StatusForbidden, comm.post("/keep-apart", url.Values{"family_a": {"FAM-0001"}, "family_b": {"FAM-0002"}}).code)

	r := prison.post("/keep-apart", url.Values{"family_a": {"FAM-0001"}, "family_b": {"FAM-0099"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "There is no family with reference FAM-0099")
	assert.Contains(t, r.body, `value="FAM-0001"`)
	pairs, _ := a.store.KeepApart(t.Context(), domain.Unrestricted)
	assert.Empty(t, pairs)

	r = prison.post("/keep-apart", url.Values{"family_a": {"fam-0002"}, "family_b": {"FAM-0001"}})
	require.Equal(t, "/keep-apart", r.location, r.body)
	assert.Contains(t, r.body, "Families to keep apart saved")
	assert.Regexp(t, `<td[^>]*>FAM-0001</td><td[^>]*>FAM-0002</td>`, r.body)
	assert.NotContains(t, r.body, "Parent Un", "references only")

	r = coord.get("/keep-apart")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "1 pair of families kept apart")
	assert.Equal(t, http.StatusOK, a.user(domain.RoleAdmin).get("/keep-apart").code)

	assert.Equal(t, http.StatusForbidden, comm.post("/keep-apart/remove", url.Values{"a": {"1"}, "b": {"2"}}).code)
	// Removing asks first: the list links to a confirm page, and a post
	// without its yes goes back to it with the pair still there.
	assert.Contains(t, prison.get("/keep-apart").body, `href="/keep-apart/remove?a=1&amp;b=2"`)
	r = prison.post("/keep-apart/remove", url.Values{"a": {"1"}, "b": {"2"}})
	require.Equal(t, "/keep-apart/remove", r.location, r.body)
	assert.Contains(t, r.body, "FAM-0001 and FAM-0002 will no longer be kept apart")
	pairs, _ = a.store.KeepApart(t.Context(), domain.Unrestricted)
	assert.Len(t, pairs, 1)
	assert.Equal(t, http.StatusNotFound, prison.get("/keep-apart/remove?a=1&b=9").code)
	r = prison.post("/keep-apart/remove", url.Values{"a": {"1"}, "b": {"2"}, "confirm": {"yes"}})
	require.Equal(t, "/keep-apart", r.location, r.body)
	pairs, _ = a.store.KeepApart(t.Context(), domain.Unrestricted)
	assert.Empty(t, pairs)
}

func TestHallFormValidationSavesNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.allocShowcase(6)
	c := a.user(domain.RoleCoordinator)
	r := c.get(w.prisonPath)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `name="label_5"`, "spare rows to add tables")

	f := hallForm([]string{"T1", "T2", "t1"}, nil, nil)
	f.Set("adjacent_1", "T1, T9")
	f.Set("seats_0", "many")
	r = c.post(w.prisonPath, f)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "There is already a table labelled t1")
	assert.Contains(t, r.body, "There is no table labelled T9 in this hall")
	assert.Contains(t, r.body, "Enter a whole number from 1 to 20")
	assert.Contains(t, r.body, `href="#f-label_2"`, "the summary links to the row")
	assert.Contains(t, r.body, `value="T1, T9"`, "typed values are kept")
	tables, _ := a.store.HallTables(t.Context(), w.prison)
	assert.Empty(t, tables)

	r = c.post(w.prisonPath, url.Values{"rows": {"2"}, "adjacent_0": {"T2"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Give this table a label")
	assert.Equal(t, http.StatusForbidden, a.user(domain.RolePrisonStaff).post(w.prisonPath, hallForm([]string{"T1"}, nil, nil)).code)
	tables, _ = a.store.HallTables(t.Context(), w.prison)
	assert.Empty(t, tables)
}

// The demo showcase allocates, and its page shows the plan and both
// timetables with references only: no parent, carer or child is named.
func TestDemoAllocationPage(t *testing.T) {
	a := newTestApp(t)
	ctx := t.Context()
	_, err := demo.Load(ctx, a.store, testNow)
	require.NoError(t, err)
	events, err := a.store.Events(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.NoError(t, demo.AllocateDemo(ctx, a.store, events[0].ID))
	c := a.user(domain.RoleCoordinator)

	path := "/events/" + strconv.FormatInt(events[0].ID, 10)
	r := c.get(path)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `href="`+path+`/allocation"`, "the showcase links to its allocation")

	r = c.get(path + "/allocation")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "<svg")
	assert.Contains(t, r.body, "Timetable for each teacher")
	assert.Contains(t, r.body, "Timetable for each table")
	assert.NotContains(t, r.body, "The saved allocation no longer fits")
	cases, err := a.store.Cases(ctx, domain.Unrestricted, 0)
	require.NoError(t, err)
	for _, cs := range cases {
		assert.NotContains(t, r.body, cs.Family.ParentName)
		for _, cr := range cs.Carers {
			assert.NotContains(t, r.body, cr.Name)
		}
		for _, ch := range cs.Children {
			if len(ch.FirstName) >= 3 {
				assert.NotRegexp(t, `\b`+regexp.QuoteMeta(ch.FirstName)+`\b`, r.body)
			}
		}
	}
}
