package demo

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
)

func TestAllocateDemo(t *testing.T) {
	s, _ := loaded(t)
	ctx := context.Background()
	events, err := s.Events(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.Len(t, events, 1)
	id := events[0].ID
	require.NoError(t, AllocateDemo(ctx, s, id))

	in, refs, err := s.AllocationInput(ctx, domain.Unrestricted, id)
	require.NoError(t, err)
	r, err := s.Allocation(ctx, domain.Unrestricted, id)
	require.NoError(t, err)
	assert.Len(t, r.Tables, len(in.Families), "every ready family has a table")
	assert.Len(t, r.Meetings, len(in.Meetings))
	assert.GreaterOrEqual(t, len(in.Families), 6)
	assert.Empty(t, allocate.Check(in, r), "the saved plan keeps every rule")
	assert.LessOrEqual(t, r.SlotsUsed, events[0].Slots)
	assert.Empty(t, refs.NotReady)
	t.Logf("demo: %d families, %d meetings, %d slots, %d idle", len(r.Tables), len(r.Meetings), r.SlotsUsed, r.TeacherIdleSlots)

	// Running it again gives the same plan.
	require.NoError(t, AllocateDemo(ctx, s, id))
	again, _ := s.Allocation(ctx, domain.Unrestricted, id)
	assert.Equal(t, r.Tables, again.Tables)
	assert.ElementsMatch(t, r.Meetings, again.Meetings)
}
