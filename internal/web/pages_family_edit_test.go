package web

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A referral's details and its main carer, including the carer's distance
// for travel costs, are changed from a "Change" link on the family page.
// Bad input names each field and saves nothing.
func TestChangeReferralDetails(t *testing.T) {
	a := newTestApp(t)
	w := a.seed()
	c := a.user(domain.RoleCoordinator)
	c.post("/families", referralForm(w))
	page := c.get("/families/1").body
	assert.Contains(t, page, `href="/families/1/details#f-carer_name">Change`)
	form := c.get("/families/1/details").body
	assert.Contains(t, form, `value="Rhodri Example"`, "the form starts from what is on record")

	good := url.Values{"parent_name": {"Rhodri Newname"}, "prison_number": {"b7654cd"}, "referral_source": {"school"}, "referred_on": {"2026-11-20"},
		"carer_name": {"Seren Example"}, "carer_relationship": {"grandparent"}, "carer_phone": {"07700 900123"}, "carer_lang": {"cy"}, "carer_distance_miles": {"23"}}
	for _, tc := range []struct {
		name  string
		field string
		value string
		want  string
	}{
		{"no parent name", "parent_name", " ", "Enter the parent&#39;s full name"},
		{"distance in words", "carer_distance_miles", "ten", "The carer&#39;s distance must be a whole number of miles from 0 to 1000"},
		{"no relationship", "carer_relationship", "", "Select the carer&#39;s relationship to the children"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := url.Values{}
			for k, v := range good {
				bad[k] = v
			}
			bad.Set(tc.field, tc.value)
			r := c.post("/families/1/details", bad)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Contains(t, r.body, tc.want)
			assert.Contains(t, r.body, "<title>Error:")
			cs, err := a.store.Case(t.Context(), domain.Unrestricted, 1)
			require.NoError(t, err)
			assert.Equal(t, "Rhodri Example", cs.Family.ParentName, "nothing saved")
		})
	}
	r := c.post("/families/1/details", good)
	require.Equal(t, "/families/1", r.location, r.body)
	assert.Contains(t, r.body, "Referral details saved")
	cs, err := a.store.Case(t.Context(), domain.Unrestricted, 1)
	require.NoError(t, err)
	assert.Equal(t, "Rhodri Newname", cs.Family.ParentName)
	assert.Equal(t, "B7654CD", cs.Family.PrisonNumber)
	assert.Equal(t, 23, cs.Carers[0].DistanceMiles)
	assert.Equal(t, "cy", cs.Carers[0].Lang)
}
