package allocate

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func BenchmarkAllocate(b *testing.B) {
	for _, n := range []int{16, 200, 1000, 5000} {
		in := genInput(rand.New(rand.NewPCG(uint64(n), 7)), realistic(n))
		b.Run(fmt.Sprintf("families=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Allocate(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The bar: a 1,000-family showcase well under a second on two cores.
func TestAllocateThousandFamiliesIsFast(t *testing.T) {
	in := genInput(rand.New(rand.NewPCG(1000, 7)), realistic(1000))
	// The fastest of three runs: the machine is shared with other tests,
	// and a moment's wait for a CPU is not the allocator's.
	var res Result
	var err error
	elapsed := time.Hour
	for range 3 {
		begin := time.Now()
		res, err = Allocate(in)
		elapsed = min(elapsed, time.Since(begin))
	}
	require.NoError(t, err)
	require.Empty(t, Check(in, res))
	require.Equal(t, res.LowerBound, res.SlotsUsed)
	require.Less(t, elapsed, 500*time.Millisecond)
	t.Logf("1000 families, %d meetings: %v, %d slots, %d idle", len(in.Meetings), elapsed, res.SlotsUsed, res.TeacherIdleSlots)
}

// bytesAllocated is what one Allocate of a realistic n-family showcase
// allocates, counted by the runtime.
func bytesAllocated(t *testing.T, n int) uint64 {
	t.Helper()
	in := genInput(rand.New(rand.NewPCG(uint64(n), 7)), realistic(n))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Allocate(in)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	return after.TotalAlloc - before.TotalAlloc
}

// Memory must grow with the size of the showcase, not with families ×
// tables: the seating search once listed the free tables afresh at every
// step and allocated 128 MB for 5,000 families. Four times the families may
// cost at most about four times the bytes, and a family about 2 KB.
func TestAllocateMemoryGrowsLinearly(t *testing.T) {
	small, big := bytesAllocated(t, 500), bytesAllocated(t, 2000)
	t.Logf("500 families: %d B; 2000 families: %d B", small, big)
	require.Less(t, big, 5*small, "allocated bytes grow faster than the number of families")
	require.Less(t, big, uint64(2000*2048), "more than 2 KB allocated per family")
}
