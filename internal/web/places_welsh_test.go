package web

import (
	"context"
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
		{"/places", []string{"CEF Caerdydd", "<li>Caerdydd</li>"}, []string{"HMP Cardiff", "<li>Cardiff</li>"}, []string{"HMP Cardiff", "<li>Cardiff</li>"}},
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
