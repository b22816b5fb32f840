package web

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

func TestFiguresAreAggregateAndSuppressSmallGroups(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	la2, err := a.store.CreateLocalAuthority(t.Context(), domain.System, "Cyngor Afonwy")
	require.NoError(t, err)
	special := w.addSchool(t, "Ysgol Arbennig Afonwy", domain.SchoolSpecial, la2)

	names := []string{}
	var fams []int64
	for i, n := range []string{"Aled", "Bethan", "Carys", "Dylan"} {
		parent, child := n+" Parentname", n+"child"
		names = append(names, parent, child, "Carer of "+child)
		fams = append(fams, w.addFamily(t, parent, child, w.school))
		if i < 3 {
			w.consent(t, fams[i])
		}
	}
	lone := w.addFamily(t, "Emyr Parentname", "Emyrchild", special)
	names = append(names, "Emyr Parentname", "Emyrchild")
	fams = append(fams, lone)

	r := a.user(domain.RoleCommissioner).get("/figures")
	require.Equal(t, http.StatusOK, r.code)
	for _, n := range names {
		assert.NotContains(t, r.body, n, "no names")
	}
	for _, id := range fams {
		assert.NotContains(t, r.body, fmt.Sprintf("FAM-%04d", id), "no references")
		assert.NotContains(t, r.body, fmt.Sprintf("/families/%d", id), "no links to families")
	}
	assert.NotContains(t, r.body, "A1234BC", "no prison numbers")
	assert.NotContains(t, r.body, "Ysgol Arbennig Afonwy", "no school names either")

	row := func(label, value string) string {
		return `<tr><td[^>]*>` + regexp.QuoteMeta(label) + `</td><td[^>]*>` + regexp.QuoteMeta(value) + `</td></tr>`
	}
	assert.Regexp(t, row("Referred", "[c]"), r.body, "2 referred families are suppressed")
	assert.Regexp(t, row("Ready for allocation", "0"), r.body)
	assert.Regexp(t, row("Sir Glanfa", "4"), r.body)
	assert.Regexp(t, row("Cyngor Afonwy", "[c]"), r.body, "one family is suppressed")
	assert.Regexp(t, row("Primary school", "4"), r.body)
	assert.Regexp(t, row("Special school", "[c]"), r.body)
	// Sir Glanfa's 4 families minus the 3 who consented would be the one
	// referred family at a Sir Glanfa school: the 3 is hidden with it.
	assert.Regexp(t, row("Consent given", "[c]"), r.body)
	assert.NotRegexp(t, `<td[^>]*>1</td>`, r.body)
	assert.NotRegexp(t, `<td[^>]*>2</td>`, r.body)
	assert.NotContains(t, r.body, "fewer than 3</td>", "no hidden count claims to be small")

	cy := a.user(domain.RoleAdmin).get("/figures?lang=cy")
	assert.Contains(t, cy.body, "mae [c] yn dangos nifer")
}
