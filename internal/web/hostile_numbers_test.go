package web

import (
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// Every page form field that takes a whole number or a date, sent a value
// out of its declared range (domain.RangeOf, domain.DateWindowOf), of the
// wrong type or far too large to parse, gets the form back with a 400 whose
// error summary links to that field, and nothing is saved. The rest of each
// form is valid, so the field alone is what is refused.
func TestPageNumbersAndDatesOutOfRangeAreRefused(t *testing.T) {
	a, db := newDemoApp(t)
	c := a.user(domain.RoleAdmin)
	before := rowCounts(t, db)

	numbers := []string{"-1", "4611686018427387904", "1180591620717411303424", "seven", "1e3", "12.5"}
	dates := []string{"0000-01-01", "9999-12-31", "1900-01-01", "2026-02-30", "23/11/2026", "tomorrow"}
	cases := []struct {
		path   string
		form   url.Values
		fields map[string][]string
	}{
		{"/schools/1/sessions", url.Values{"delivered_on": {"2026-11-22"}, "delivered_by": {"Coordinator"}, "attendees": {"6"}, "route": {"in_person"}},
			map[string][]string{"attendees": append(numbers, "0", "501"), "delivered_on": append(dates, "2026-11-24")}},
		{"/events", url.Values{"prison_id": {"1"}, "title": {"Spring showcase"}, "date": {"2027-03-04"}, "time": {"14:00"}, "slot_minutes": {"10"}, "slots": {"6"}, "arrival_minutes": {"30"}},
			map[string][]string{"date": append(dates, "2030-01-01"), "slot_minutes": append(numbers, "4", "61"), "slots": append(numbers, "0", "41"), "arrival_minutes": append(numbers, "181")}},
		{"/families/1/consent", url.Values{"outcome": {"given"}, "route": {"phone"}, "occurred_on": {"2026-11-21"}},
			map[string][]string{"occurred_on": append(dates, "2026-11-24")}},
	}
	n := 0
	for _, tc := range cases {
		for field, values := range tc.fields {
			for _, v := range values {
				form := maps.Clone(tc.form)
				form.Set(field, v)
				r := c.post(tc.path, form)
				require.Less(t, r.code, 500, "%s %s=%q", tc.path, field, v)
				if assert.Equal(t, http.StatusBadRequest, r.code, "%s %s=%q: %.300s", tc.path, field, v, firstLine(r.body)) {
					n++
					assert.True(t, strings.Contains(r.body, `<title>Error:`), "%s %s=%q: the title says Error:", tc.path, field, v)
					assert.Contains(t, r.body, `href="#f-`+field+`"`, "%s %s=%q: the summary names the field", tc.path, field, v)
				}
			}
		}
	}
	assert.Equal(t, before, rowCounts(t, db), "nothing was saved")
	t.Logf("%d out-of-range values refused", n)
}
