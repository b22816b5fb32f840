package web

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A Welsh page says nothing in English that the code or data produced:
// the hidden error prefix, a carer's language shown as data, a year group
// and a count before a noun all come from the catalogue in the reader's
// language.
func TestWelshPagesCarryNoGeneratedEnglish(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	in := domain.ReferralInput{PrisonID: w.prison, ParentName: "Rhodri Example", PrisonNumber: "A1234BC", ReferralSource: "parent", ReferredOn: refToday,
		Carer:    domain.Carer{Name: "Seren Example", Relationship: "parent", Phone: "07700 900123", Lang: "en"},
		Children: []domain.Child{{FirstName: "Cai", YearGroup: "Year 4", SchoolID: w.school, WantsToAttend: domain.WishYes, Lang: "en"}}}
	family, err := a.store.CreateReferral(t.Context(), domain.System, in)
	require.NoError(t, err)
	c := a.user(domain.RoleCoordinator)

	for _, tc := range []struct {
		lang, errorPrefix, carerLang, dashboard, year string
	}{
		{"en", `<span class="visually-hidden">Error:</span>`, "Language: English", "1</span> family referred", "Cai (Year 4)"},
		{"cy", `<span class="visually-hidden">Gwall:</span>`, "Iaith: Saesneg", "1</span> teulu wedi&#39;i atgyfeirio", "Cai (Blwyddyn 4)"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			c.get("/login?lang=" + tc.lang)
			r := c.post("/events", url.Values{})
			assert.Contains(t, r.body, tc.errorPrefix)
			r = c.get("/families/" + strconv.FormatInt(family, 10))
			assert.Contains(t, r.body, tc.carerLang)
			assert.Contains(t, r.body, tc.year)
			r = c.get("/")
			assert.Contains(t, r.body, tc.dashboard)
		})
	}
}
