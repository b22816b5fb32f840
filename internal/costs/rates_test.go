package costs

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var london = mustLocation("Europe/London")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, london) }

func TestLookupPicksRateInForceOnTheDay(t *testing.T) {
	p := Scope{PrisonScope, 1}
	rt, err := NewRateTable(
		Rate{Scope: p, Key: MileagePerMile, EffectiveFrom: date(2025, 4, 1), Amount: 45},
		Rate{Scope: p, Key: MileagePerMile, EffectiveFrom: date(2024, 4, 1), Amount: 40},
		Rate{Scope: Scope{PrisonScope, 2}, Key: MileagePerMile, EffectiveFrom: date(2020, 1, 1), Amount: 99},
	)
	require.NoError(t, err)
	for _, tc := range []struct {
		on   time.Time
		want Pence
	}{
		{date(2024, 4, 1), 40},
		{date(2025, 3, 31), 40},
		// 23:30 BST on 31 March is 22:30 UTC: still the 31st in London.
		{time.Date(2025, 3, 31, 23, 30, 0, 0, london), 40},
		{date(2025, 4, 1), 45},
		{date(2030, 1, 1), 45},
	} {
		r, err := rt.Lookup(p, MileagePerMile, tc.on)
		require.NoError(t, err, tc.on)
		assert.Equal(t, tc.want, r.Amount, tc.on)
	}
	_, err = rt.Lookup(p, MileagePerMile, date(2024, 3, 31))
	assert.ErrorIs(t, err, ErrNoRate, "before the first rate")
	_, err = rt.Lookup(p, SupplyDay, date(2025, 5, 1))
	assert.ErrorIs(t, err, ErrNoRate, "unknown key")
}

func TestRateTableRejectsAmbiguity(t *testing.T) {
	p := Scope{PrisonScope, 1}
	rt, err := NewRateTable(Rate{Scope: p, Key: SupplyDay, EffectiveFrom: date(2025, 1, 1), Amount: 20000})
	require.NoError(t, err)
	assert.Error(t, rt.Add(Rate{Scope: p, Key: SupplyDay, EffectiveFrom: time.Date(2025, 1, 1, 15, 0, 0, 0, london), Amount: 1}))
	assert.Error(t, rt.Add(Rate{Scope: p, Key: SupplyDay, EffectiveFrom: date(2026, 1, 1), Amount: -1}))
}

func TestResolveFallsBackFromLocalAuthorityToPrison(t *testing.T) {
	p, la := Scope{PrisonScope, 1}, Scope{LAScope, 7}
	rt, err := NewRateTable(
		Rate{Scope: p, Key: SupplyDay, EffectiveFrom: date(2024, 1, 1), Amount: 20000},
		Rate{Scope: la, Key: SupplyDay, EffectiveFrom: date(2025, 1, 1), Amount: 22000},
	)
	require.NoError(t, err)
	r, err := rt.Resolve(SupplyDay, date(2025, 6, 1), la, p)
	require.NoError(t, err)
	assert.Equal(t, Pence(22000), r.Amount)
	r, err = rt.Resolve(SupplyDay, date(2024, 6, 1), la, p)
	require.NoError(t, err)
	assert.Equal(t, Pence(20000), r.Amount, "LA rate not yet in force")
	_, err = rt.Resolve(SupplyHalfDay, date(2024, 6, 1), la, p)
	assert.ErrorIs(t, err, ErrNoRate)
	_, err = rt.Resolve(SupplyHalfDay, date(2024, 6, 1))
	assert.ErrorIs(t, err, ErrNoRate)
}
