package web

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// apiCase is one API request in a table-driven test: who sends it, and the
// status and (for a refusal) the field the answer must name.
type apiCase struct {
	name   string
	who    string // key into the test's clients
	method string
	path   string
	body   any
	want   int
	field  string
}

func runAPICases(t *testing.T, clients map[string]*apiClient, cases []apiCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := clients[tc.who].call(tc.method, tc.path, tc.body)
			require.Equal(t, tc.want, r.code, r.body)
			if tc.field != "" {
				body := r.json(t)
				assert.Equal(t, tc.field, body["field"], r.body)
				assert.NotEmpty(t, body["error"])
			}
		})
	}
}

// twoPrisonClients signs in prison A's coordinator and staff, prison B's
// coordinator and staff, and a commissioner.
func (a *testApp) twoPrisonClients(w scopeWorld) map[string]*apiClient {
	return map[string]*apiClient{
		"coordA": a.userIn(domain.RoleCoordinator, "A", w.A.prison).api,
		"staffA": a.userIn(domain.RolePrisonStaff, "A", w.A.prison).api,
		"coordB": a.userIn(domain.RoleCoordinator, "B", w.B.prison).api,
		"staffB": a.userIn(domain.RolePrisonStaff, "B", w.B.prison).api,
		"comm":   a.userIn(domain.RoleCommissioner, "C").api,
	}
}

func TestAPIAllocation(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	ev := "/api/v1/events/" + id(w.A.event)

	r := clients["coordA"].call(http.MethodGet, ev+"/allocation", nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	view := r.json(t)
	seats := view["seats"].([]any)
	require.Len(t, seats, 1)
	seat := seats[0].(map[string]any)
	assert.Equal(t, w.A.readyRef, seat["family_ref"])
	assert.NotContains(t, r.body, "Parent Alpha", "the plan names families by reference only")
	assert.NotContains(t, r.body, w.A.referredRef, "nor shows who is kept apart from whom")

	hall := clients["coordA"].call(http.MethodGet, "/api/v1/prisons/"+id(w.A.prison)+"/hall", nil).json(t)
	var free int64
	for _, x := range hall["tables"].([]any) {
		if tid := int64(x.(map[string]any)["id"].(float64)); tid != int64(seat["table_id"].(float64)) {
			free = tid
		}
	}
	require.NotZero(t, free)
	move := func(confirm bool) map[string]any {
		return map[string]any{"kind": "table", "family_id": w.A.ready, "table_id": free, "confirm": confirm}
	}
	withdraw := ev + "/allocation/teachers/" + id(w.A.teacher) + "/withdraw"
	runAPICases(t, clients, []apiCase{
		{"commissioners never see a plan", "comm", http.MethodGet, ev + "/allocation", nil, http.StatusForbidden, ""},
		{"prison staff may not allocate", "staffA", http.MethodPost, ev + "/allocation", map[string]any{"confirm": true}, http.StatusForbidden, ""},
		{"another prison's coordinator finds nothing", "coordB", http.MethodGet, ev + "/allocation", nil, http.StatusNotFound, ""},
		{"nor can allocate it", "coordB", http.MethodPost, ev + "/allocation", map[string]any{"confirm": true}, http.StatusNotFound, ""},
		{"allocating again over a saved plan needs confirm", "coordA", http.MethodPost, ev + "/allocation", map[string]any{}, http.StatusBadRequest, "confirm"},
		{"a move of an unknown kind", "coordA", http.MethodPost, ev + "/allocation/moves", map[string]any{"kind": "sideways"}, http.StatusBadRequest, "kind"},
		{"a move of a family with no table", "coordA", http.MethodPost, ev + "/allocation/moves", map[string]any{"kind": "table", "family_id": w.A.referred, "table_id": free}, http.StatusBadRequest, "family_id"},
		{"a meeting moved to a slot the showcase lacks", "coordA", http.MethodPost, ev + "/allocation/moves",
			map[string]any{"kind": "meeting", "family_id": w.A.ready, "teacher_id": w.A.teacher, "slot": 99}, http.StatusBadRequest, "slot"},
		{"another prison's coordinator cannot move", "coordB", http.MethodPost, ev + "/allocation/moves", move(true), http.StatusNotFound, ""},
		{"a move is only checked without confirm", "coordA", http.MethodPost, ev + "/allocation/moves", move(false), http.StatusOK, ""},
		{"withdrawing a teacher needs confirm", "coordA", http.MethodPost, withdraw, map[string]any{}, http.StatusBadRequest, "confirm"},
		{"a teacher not nominated there cannot be withdrawn", "coordA", http.MethodPost, ev + "/allocation/teachers/" + id(w.B.teacher) + "/withdraw", map[string]any{"confirm": true}, http.StatusNotFound, ""},
	})
	after := clients["coordA"].call(http.MethodGet, ev+"/allocation", nil).json(t)
	assert.Equal(t, view, after, "no refused or unconfirmed request changed the plan")

	r = clients["coordA"].call(http.MethodPost, ev+"/allocation/moves", move(true))
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, true, r.json(t)["saved"])
	assert.Contains(t, r.json(t)["what"], w.A.readyRef)
	moved := clients["coordA"].call(http.MethodGet, ev+"/allocation", nil).json(t)["seats"].([]any)[0].(map[string]any)
	assert.Equal(t, float64(free), moved["table_id"])

	r = clients["coordA"].call(http.MethodPost, ev+"/allocation", map[string]any{"confirm": true})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Len(t, r.json(t)["seats"], 1)

	r = clients["coordA"].call(http.MethodPost, withdraw, map[string]any{"confirm": true})
	require.Equal(t, http.StatusOK, r.code, r.body)
	got := r.json(t)
	require.Len(t, got["withdrawn"], 1)
	assert.Equal(t, float64(w.A.teacher), got["withdrawn"].([]any)[0].(map[string]any)["id"])
	assert.Empty(t, got["meetings"], "the only teacher's meetings are gone")
}

func TestAPIHall(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	hall := "/api/v1/prisons/" + id(w.A.prison) + "/hall"
	two := []map[string]any{{"label": "A1", "seats": 4, "adjacent": []string{"A2"}}, {"label": "A2", "quiet": true}}
	runAPICases(t, clients, []apiCase{
		{"prison staff do not set up the hall", "staffA", http.MethodGet, hall, nil, http.StatusForbidden, ""},
		{"another prison's hall is not found", "coordB", http.MethodGet, hall, nil, http.StatusNotFound, ""},
		{"nor can it be saved", "coordB", http.MethodPut, hall, map[string]any{"tables": two, "confirm": true}, http.StatusNotFound, ""},
		{"no tables", "coordA", http.MethodPut, hall, map[string]any{"tables": []any{}, "confirm": true}, http.StatusBadRequest, "tables"},
		{"too many seats, named by table", "coordA", http.MethodPut, hall, map[string]any{"tables": []map[string]any{{"label": "A1"}, {"label": "A2", "seats": 99}}, "confirm": true}, http.StatusBadRequest, "tables[1].seats"},
		{"a neighbour that is not a table", "coordA", http.MethodPut, hall, map[string]any{"tables": []map[string]any{{"label": "A1", "adjacent": []string{"Z9"}}}, "confirm": true}, http.StatusBadRequest, "tables[0].adjacent"},
		{"saving clears allocations, so it needs confirm", "coordA", http.MethodPut, hall, map[string]any{"tables": two}, http.StatusBadRequest, "confirm"},
	})
	r := clients["coordA"].call(http.MethodGet, hall, nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Len(t, r.json(t)["tables"], 4, "nothing refused was saved")

	r = clients["coordA"].call(http.MethodPut, hall, map[string]any{"tables": two, "confirm": true})
	require.Equal(t, http.StatusOK, r.code, r.body)
	tables := r.json(t)["tables"].([]any)
	require.Len(t, tables, 2)
	first := tables[0].(map[string]any)
	assert.Equal(t, "A1", first["label"])
	assert.Equal(t, float64(4), first["seats"])
	assert.Equal(t, []any{"A2"}, first["adjacent"])
}

func TestAPIKeepApart(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	pair := map[string]any{"family_a_id": w.A.ready, "family_b_id": w.A.referred, "confirm": true}

	// Prison staff see a pair only when they may see both families; the
	// just-referred family is not theirs yet.
	r := clients["staffA"].call(http.MethodGet, "/api/v1/keep-apart", nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Empty(t, r.list(t))
	r = clients["coordA"].call(http.MethodGet, "/api/v1/keep-apart", nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	require.Len(t, r.list(t), 1)
	assert.NotContains(t, r.body, "Parent Alpha", "pairs are by reference")
	r = clients["staffB"].call(http.MethodGet, "/api/v1/keep-apart", nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assertNoMarkers(t, r.body, w.A, "prison B's keep-apart list")

	runAPICases(t, clients, []apiCase{
		{"commissioners have no keep-apart list", "comm", http.MethodGet, "/api/v1/keep-apart", nil, http.StatusForbidden, ""},
		{"a family with itself", "staffA", http.MethodPost, "/api/v1/keep-apart", map[string]any{"family_a": w.A.readyRef, "family_b": w.A.readyRef}, http.StatusBadRequest, "family_b"},
		{"a reference left out", "staffA", http.MethodPost, "/api/v1/keep-apart", map[string]any{"family_b": w.A.readyRef}, http.StatusBadRequest, "family_a"},
		{"families of two prisons", "coordA", http.MethodPost, "/api/v1/keep-apart", map[string]any{"family_a": w.A.readyRef, "family_b": w.B.readyRef}, http.StatusBadRequest, "family_b"},
		{"another prison's family is unknown", "staffB", http.MethodPost, "/api/v1/keep-apart", map[string]any{"family_a": w.A.readyRef, "family_b": w.B.readyRef}, http.StatusBadRequest, "family_a"},
		{"another prison's staff cannot lift a pair", "staffB", http.MethodPost, "/api/v1/keep-apart/remove", pair, http.StatusNotFound, ""},
		{"nor can staff lift a pair naming a family not theirs yet", "staffA", http.MethodPost, "/api/v1/keep-apart/remove", pair, http.StatusNotFound, ""},
		{"lifting a pair needs confirm", "coordA", http.MethodPost, "/api/v1/keep-apart/remove", map[string]any{"family_a_id": w.A.ready, "family_b_id": w.A.referred}, http.StatusBadRequest, "confirm"},
		{"lifting names both families", "coordA", http.MethodPost, "/api/v1/keep-apart/remove", map[string]any{"family_a_id": w.A.ready, "confirm": true}, http.StatusBadRequest, "family_b_id"},
	})
	require.Len(t, clients["coordA"].call(http.MethodGet, "/api/v1/keep-apart", nil).list(t), 1, "nothing refused changed the list")

	r = clients["coordA"].call(http.MethodPost, "/api/v1/keep-apart/remove", pair)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Empty(t, r.list(t))
	r = clients["coordA"].call(http.MethodPost, "/api/v1/keep-apart", map[string]any{"family_a": w.A.referredRef, "family_b": w.A.readyRef})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	assert.Len(t, r.list(t), 1)
}

func TestAPIPlaces(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	runAPICases(t, clients, []apiCase{
		{"prison staff do not add prisons", "staffA", http.MethodPost, "/api/v1/prisons", map[string]any{"name": "HMP New"}, http.StatusForbidden, ""},
		{"a prison needs a name", "coordA", http.MethodPost, "/api/v1/prisons", map[string]any{"address": "1 Road"}, http.StatusBadRequest, "name"},
		{"a local authority needs a name", "coordA", http.MethodPost, "/api/v1/local-authorities", map[string]any{"name": " "}, http.StatusBadRequest, "name"},
		{"a local authority already there", "coordA", http.MethodPost, "/api/v1/local-authorities", map[string]any{"name": "alphashire"}, http.StatusBadRequest, "name"},
		{"a new local authority", "coordA", http.MethodPost, "/api/v1/local-authorities", map[string]any{"name": "Gammashire"}, http.StatusCreated, ""},
		{"a new prison", "coordA", http.MethodPost, "/api/v1/prisons", map[string]any{"name": "HMP Gamma"}, http.StatusCreated, ""},
	})
	r := clients["coordA"].call(http.MethodGet, "/api/v1/referrals/import/template.csv", nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Prison")
}

func TestAPITeacherForms(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	ev := "/api/v1/events/" + id(w.A.event)
	tch := ev + "/allocation/teachers/" + id(w.A.teacher)
	all := []int{1, 2, 3, 4, 5, 6}
	runAPICases(t, clients, []apiCase{
		{"prison staff do not set teachers' times", "staffA", http.MethodPut, tch + "/availability", map[string]any{"unavailable": []int{1}}, http.StatusForbidden, ""},
		{"another prison's coordinator finds no such teacher", "coordB", http.MethodPut, tch + "/cover", map[string]any{"needs_cover": true}, http.StatusNotFound, ""},
		{"nor can reinstate them", "coordB", http.MethodPost, tch + "/reinstate", nil, http.StatusNotFound, ""},
		{"a teacher not at this showcase", "coordA", http.MethodPut, ev + "/allocation/teachers/" + id(w.B.teacher) + "/cover", map[string]any{"needs_cover": true}, http.StatusNotFound, ""},
		{"a slot the showcase lacks", "coordA", http.MethodPut, tch + "/availability", map[string]any{"unavailable": []int{99}}, http.StatusBadRequest, "unavailable"},
		{"every slot is a withdrawal, not a time", "coordA", http.MethodPut, tch + "/availability", map[string]any{"unavailable": all}, http.StatusBadRequest, "unavailable"},
		{"cover is yes or no", "coordA", http.MethodPut, tch + "/cover", map[string]any{}, http.StatusBadRequest, "needs_cover"},
		{"cover saved", "coordA", http.MethodPut, tch + "/cover", map[string]any{"needs_cover": true}, http.StatusOK, ""},
		{"times saved", "coordA", http.MethodPut, tch + "/availability", map[string]any{"unavailable": []int{1, 2}}, http.StatusOK, ""},
	})

	r := clients["coordA"].call(http.MethodPost, tch+"/withdraw", map[string]any{"confirm": true})
	require.Equal(t, http.StatusOK, r.code, r.body)
	require.Len(t, r.json(t)["withdrawn"], 1)
	r = clients["coordA"].call(http.MethodPost, tch+"/reinstate", nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Empty(t, r.json(t)["withdrawn"], "the withdrawal is undone")
	assert.Len(t, r.json(t)["nominated"], 1)
}
