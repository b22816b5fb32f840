package demo

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A grown demo spreads its families over prisons, schools and showcases at
// every stage the demo has, and the same seed makes the same records. Kept
// to 60 families (the demo's prison, one full prison and a few more) so it stays quick.
func TestLoadScaled(t *testing.T) {
	ctx := context.Background()
	grow := func(seed uint64) []domain.Case {
		s := openStore(t)
		_, err := LoadScaled(ctx, s, now, 60, seed)
		require.NoError(t, err)
		cases, err := s.Cases(ctx, domain.Unrestricted, 0)
		require.NoError(t, err)
		vs, err := s.CheckSafeguards(ctx)
		require.NoError(t, err)
		assert.Empty(t, vs)
		return cases
	}
	cases := grow(7)
	require.Len(t, cases, 60)
	prisons, atSchools, stages := map[int64]int{}, map[int64]bool{}, map[domain.Stage]int{}
	for _, c := range cases {
		prisons[c.Family.PrisonID]++
		stages[c.Progress().Stage]++
		for _, id := range c.SchoolIDs() {
			atSchools[id] = true
		}
	}
	assert.Len(t, prisons, 3, "the demo's prison and two more of at most %d families", perPrison)
	assert.Len(t, atSchools, len(schools))
	for _, st := range []domain.Stage{domain.StageReferred, domain.StageConsented, domain.StageAgreed, domain.StageAware,
		domain.StageDeclined, domain.StageWithdrawn, domain.StageRefused, domain.StageOnHold, domain.StageReady} {
		assert.GreaterOrEqual(t, stages[st], 2, "stage %s", st)
	}

	again := grow(7)
	names := func(cs []domain.Case) (out []string) {
		for _, c := range cs {
			out = append(out, c.Family.ParentName+"/"+c.Children[0].FirstName+"/"+string(c.Progress().Stage))
		}
		return out
	}
	assert.Equal(t, names(cases), names(again), "same seed, same records")
	rng := func(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed)) }
	assert.NotEqual(t, renamed(families[0], rng(7)).parent+renamed(families[0], rng(7)).children[0].first,
		renamed(families[0], rng(8)).parent+renamed(families[0], rng(8)).children[0].first, "another seed, other names")
}
