package costs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCategoryAndBearerValidation(t *testing.T) {
	assert.Len(t, Categories, 11)
	assert.Len(t, Bearers, 6)
	for _, c := range Categories {
		assert.True(t, c.Valid(), c)
	}
	for _, b := range Bearers {
		assert.True(t, b.Valid(), b)
	}
	assert.False(t, Category("catering").Valid())
	assert.False(t, Bearer("").Valid())
	assert.False(t, Source("guess").Valid())
}

func TestLineValidate(t *testing.T) {
	ok := Line{ID: "1", Category: Printing, Bearer: Provider, Source: Manual}
	require.NoError(t, ok.Validate())
	for name, mut := range map[string]func(*Line){
		"category":        func(l *Line) { l.Category = "x" },
		"bearer":          func(l *Line) { l.Bearer = "x" },
		"source":          func(l *Line) { l.Source = "" },
		"override reason": func(l *Line) { l.Overridden = true },
		"approved>claimed": func(l *Line) {
			l.Claimed, l.Approved = Ptr(100), Ptr(101)
		},
	} {
		l := ok
		mut(&l)
		assert.Error(t, l.Validate(), name)
	}
}

func TestAmountPrefersActual(t *testing.T) {
	l := Line{Estimated: 500}
	assert.Equal(t, Pence(500), l.Amount())
	l.Actual = Ptr(0)
	assert.Equal(t, Pence(0), l.Amount(), "a recorded zero is an actual, not a missing one")
}

func TestOverride(t *testing.T) {
	lines := []Line{{ID: "a", Estimated: 100, AutoEstimated: 100}, {ID: "b", Estimated: 200}}

	_, err := Override(lines, "a", 150, "  ")
	assert.ErrorIs(t, err, ErrOverrideReason)

	_, err = Override(lines, "zzz", 150, "reason")
	assert.ErrorIs(t, err, ErrNoLine)

	got, err := Override(lines, "a", 150, " two teachers shared a car ")
	require.NoError(t, err)
	assert.Equal(t, Pence(150), got[0].Estimated)
	assert.Equal(t, Pence(100), got[0].AutoEstimated, "the computed figure stays for review")
	assert.True(t, got[0].Overridden)
	assert.Equal(t, "two teachers shared a car", got[0].OverrideReason)
	assert.Equal(t, Pence(100), lines[0].Estimated, "input untouched")
	assert.NotErrorIs(t, got[0].Validate(), ErrOverrideReason)
}
