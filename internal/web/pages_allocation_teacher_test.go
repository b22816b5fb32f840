package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A teacher's unavailable times and supply cover are recorded from the
// allocation page, through the store, which marks the allocation and costs
// out of date; bad input names the field and saves nothing.
func TestTeacherTimesAndCover(t *testing.T) {
	a := newTestApp(t)
	c := a.user(domain.RoleCoordinator)
	w, _ := a.allocated(c)
	tid := w.teachers[0][0]
	base := w.path + "/allocation/teacher/" + strconv.FormatInt(tid, 10)
	page := c.get(w.path + "/allocation").body
	assert.Contains(t, page, `action="`+base+`/availability"`)
	assert.Contains(t, page, `action="`+base+`/cover"`)

	for _, tc := range []struct {
		name, path string
		form       url.Values
		code       int
		want       string
		slots      []int
	}{
		{"a time not in the showcase", "/availability", url.Values{"unavailable": {"99"}}, http.StatusBadRequest, "Choose meeting times from the list", nil},
		{"every time ticked", "/availability", url.Values{"unavailable": {"0", "1", "2", "3", "4", "5"}}, http.StatusBadRequest, "Every time is ticked, so this teacher cannot come", nil},
		{"cover not chosen", "/cover", url.Values{}, http.StatusBadRequest, "Select whether their school needs supply cover", nil},
		{"two times", "/availability", url.Values{"unavailable": {"1", "4"}}, http.StatusOK, "Times saved", []int{1, 4}},
		{"no cover needed", "/cover", url.Values{"needs_cover": {"no"}}, http.StatusOK, "Cover saved", []int{1, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(base+tc.path, tc.form)
			assert.Equal(t, tc.code, r.code)
			assert.Contains(t, r.body, tc.want)
			if tc.code != http.StatusOK {
				assert.Contains(t, r.body, "<title>Error:")
			}
			slots, err := a.store.TeacherUnavailable(t.Context(), w.event, tid)
			require.NoError(t, err)
			assert.Equal(t, tc.slots, slots)
		})
	}
	ev, err := a.store.Event(t.Context(), domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.True(t, ev.AllocationStale)
	cover, err := a.store.TeacherCover(t.Context(), tid)
	require.NoError(t, err)
	assert.False(t, cover)
	page = c.get(w.path + "/allocation").body
	assert.Contains(t, page, `id="allocation-stale"`)
	assert.Regexp(t, `id="t`+strconv.FormatInt(tid, 10)+`-slot-4" name="unavailable" value="4" checked`, page)
	assert.Regexp(t, `id="t`+strconv.FormatInt(tid, 10)+`-cover-no" name="needs_cover" value="no" checked`, page)
}
