package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// Reference data with a Welsh name carries it: a Welsh page says
// "Caerdydd" for Cardiff council and "CEF Caerdydd" for HMP Cardiff, an
// English page the names as recorded.
func TestPagesNameCouncilsAndPrisonsInTheReadersLanguage(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	prison, err := a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Cardiff"})
	require.NoError(t, err)
	la, err := a.store.CreateLocalAuthority(ctx, domain.System, "Cardiff")
	require.NoError(t, err)
	w := refWorld{a: a, prison: prison, la: la}
	school := w.addSchool(t, "Ysgol y Ddinas", domain.SchoolPrimary, la)
	coord := a.user(domain.RoleCoordinator)
	for _, x := range []struct {
		path       string
		cy, en     []string
		notInWelsh []string
	}{
		{"/places", []string{"CEF Caerdydd", "<li>Caerdydd –"}, []string{"HMP Cardiff", "<li>Cardiff –"}, []string{"HMP Cardiff", "<li>Cardiff –"}},
		{"/schools", []string{">Caerdydd</td>"}, []string{">Cardiff</td>"}, []string{">Cardiff</td>"}},
		{"/schools/" + id(school), []string{"<dd>Caerdydd</dd>"}, []string{"<dd>Cardiff</dd>"}, []string{"<dd>Cardiff</dd>"}},
		{"/families/new", []string{"CEF Caerdydd", "Ysgol y Ddinas (Caerdydd)"}, []string{"HMP Cardiff", "Ysgol y Ddinas (Cardiff)"}, []string{"HMP Cardiff"}},
	} {
		cy := coord.get(x.path + "?lang=cy").body
		for _, s := range x.cy {
			assert.Contains(t, cy, s, "%s in Welsh", x.path)
		}
		for _, s := range x.notInWelsh {
			assert.NotContains(t, cy, s, "%s in Welsh", x.path)
		}
		en := coord.get(x.path + "?lang=en").body
		for _, s := range x.en {
			assert.Contains(t, en, s, "%s in English", x.path)
		}
	}
}

// The places form and the API record an authority's Welsh name, which a
// Welsh reader then sees instead of the name as recorded; left blank, a
// council of Wales still has its statutory Welsh name.
func TestAnAuthoritysRecordedWelshNameIsShown(t *testing.T) {
	a := newTestApp(t)
	coord := a.user(domain.RoleCoordinator)
	r := coord.post("/places/authorities", url.Values{"la_name": {"Herefordshire"}, "la_name_cy": {" Swydd Henffordd "}})
	require.Equal(t, "/places", r.location, r.body)
	r = coord.post("/places/authorities", url.Values{"la_name": {"Wrexham"}, "la_name_cy": {""}})
	require.Equal(t, "/places", r.location, r.body)
	api := a.apiAs(domain.RoleCoordinator)
	resp := api.call(http.MethodPost, "/api/v1/local-authorities", map[string]any{"name": "Shropshire", "name_cy": "Swydd Amwythig"})
	require.Equal(t, http.StatusCreated, resp.code)

	las, err := a.store.LocalAuthorities(t.Context())
	require.NoError(t, err)
	got := map[string]string{}
	for _, la := range las {
		got[la.Name] = la.NameCy
	}
	assert.Equal(t, map[string]string{"Herefordshire": "Swydd Henffordd", "Wrexham": "", "Shropshire": "Swydd Amwythig"}, got)

	w := refWorld{a: a}
	for _, la := range las {
		if la.Name == "Herefordshire" {
			w.addSchool(t, "Kingstone School", domain.SchoolSecondary, la.ID)
		}
	}
	cy := coord.get("/places?lang=cy").body
	for _, s := range []string{"<li>Swydd Henffordd –", "<li>Wrecsam –", "<li>Swydd Amwythig –"} {
		assert.Contains(t, cy, s)
	}
	assert.Contains(t, cy, `id="f-la_name_cy"`, "the form asks for it")
	assert.Contains(t, coord.get("/schools?lang=cy").body, ">Swydd Henffordd</td>")
	en := coord.get("/places?lang=en").body
	assert.Contains(t, en, "<li>Herefordshire –")
	assert.NotContains(t, en, "Swydd Henffordd")

	// Changing a council changes its Welsh name too, on the page and by
	// the API.
	var hereford int64
	for _, la := range las {
		if la.Name == "Herefordshire" {
			hereford = la.ID
		}
	}
	edit := "/places/authorities/" + id(hereford)
	assert.Contains(t, coord.get(edit).body, `value="Swydd Henffordd"`, "the form shows the Welsh name to change")
	r = coord.post(edit, url.Values{"la_name": {"Herefordshire"}, "la_name_cy": {"Henffordd"}})
	require.Equal(t, "/places", r.location, r.body)
	assert.Contains(t, coord.get("/places?lang=cy").body, "<li>Henffordd –")
	list := api.call(http.MethodGet, "/api/v1/local-authorities", nil)
	assert.Contains(t, list.body, `"name":"Herefordshire","name_cy":"Henffordd"`, "the API lists the Welsh name")
	resp = api.call(http.MethodPut, "/api/v1/local-authorities/"+id(hereford), map[string]any{"name": "Herefordshire", "name_cy": ""})
	require.Equal(t, http.StatusOK, resp.code)
	assert.Contains(t, coord.get("/places?lang=cy").body, "<li>Herefordshire –", "no Welsh name: as recorded")

	r = coord.post("/places/authorities", url.Values{"la_name": {"Powys"}, "la_name_cy": {strings.Repeat("a", 101)}})
	assert.Equal(t, http.StatusBadRequest, r.code, "a Welsh name is held to the name's length")
}

// The commissioner's figures name councils by name only; on a Welsh page a
// recorded Welsh name is used there too, and the statutory one otherwise.
func TestFiguresUseRecordedWelshCouncilNames(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	prison, err := a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Glanfa"})
	require.NoError(t, err)
	hereford, err := a.store.AddLocalAuthority(ctx, domain.System, domain.LocalAuthority{Name: "Herefordshire", NameCy: "Swydd Henffordd"})
	require.NoError(t, err)
	cardiff, err := a.store.CreateLocalAuthority(ctx, domain.System, "Cardiff")
	require.NoError(t, err)
	w := refWorld{a: a, prison: prison}
	for i, la := range []int64{hereford, cardiff} {
		school := w.addSchool(t, fmt.Sprintf("School %d", i), domain.SchoolPrimary, la)
		w.addFamily(t, fmt.Sprintf("Parent %d", i), fmt.Sprintf("Child%d", i), school)
	}
	comm := a.user(domain.RoleCommissioner)
	cy := comm.get("/figures?lang=cy")
	require.Equal(t, http.StatusOK, cy.code)
	assert.Contains(t, cy.body, ">Swydd Henffordd</td>")
	assert.Contains(t, cy.body, ">Caerdydd</td>")
	en := comm.get("/figures?lang=en").body
	assert.Contains(t, en, ">Herefordshire</td>")
	assert.Contains(t, en, ">Cardiff</td>")
}
