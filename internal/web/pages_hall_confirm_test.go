package web

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// Saving the hall of a prison with families seated asks first, carrying
// what was typed; without the yes nothing is saved.
func TestSavingAHallInUseAsksFirst(t *testing.T) {
	a := newTestApp(t)
	c := a.user(domain.RoleCoordinator)
	w, before := a.allocated(c)
	form := hallForm([]string{"A1", "A2", "A3", "A4", "B9"}, nil, nil)
	form.Del("confirm")
	r := c.post(w.prisonPath, form)
	assert.Equal(t, 200, r.code)
	assert.Contains(t, r.body, "Save the hall?")
	assert.Contains(t, r.body, `name="label_4" value="B9"`, "what was typed is carried to the save")
	after, err := a.store.Allocation(t.Context(), domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Equal(t, before, after, "nothing saved")
	ev, _ := a.store.Event(t.Context(), domain.Unrestricted, w.event)
	assert.False(t, ev.AllocationStale)

	form.Set("confirm", "yes")
	r = c.post(w.prisonPath, form)
	require.Equal(t, w.prisonPath, r.location, r.body)
	ev, _ = a.store.Event(t.Context(), domain.Unrestricted, w.event)
	assert.True(t, ev.AllocationStale)
}
