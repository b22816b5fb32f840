package allocate

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func BenchmarkAllocate(b *testing.B) {
	for _, n := range []int{16, 200, 1000} {
		in := genInput(rand.New(rand.NewPCG(uint64(n), 7)), realistic(n))
		b.Run(fmt.Sprintf("families=%d", n), func(b *testing.B) {
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
	begin := time.Now()
	res, err := Allocate(in)
	elapsed := time.Since(begin)
	require.NoError(t, err)
	require.Empty(t, Check(in, res))
	require.Equal(t, res.LowerBound, res.SlotsUsed)
	require.Less(t, elapsed, 500*time.Millisecond)
	t.Logf("1000 families, %d meetings: %v, %d slots, %d idle", len(in.Meetings), elapsed, res.SlotsUsed, res.TeacherIdleSlots)
}
