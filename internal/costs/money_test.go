package costs

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPenceString(t *testing.T) {
	for _, tc := range []struct {
		p    Pence
		want string
		dec  string
	}{
		{0, "£0.00", "0.00"},
		{5, "£0.05", "0.05"},
		{-5, "-£0.05", "-0.05"},
		{123456, "£1,234.56", "1234.56"},
		{100000000, "£1,000,000.00", "1000000.00"},
		{-99999, "-£999.99", "-999.99"},
		{math.MinInt64, "-£92,233,720,368,547,758.08", "-92233720368547758.08"},
	} {
		assert.Equal(t, tc.want, tc.p.String(), "%d", tc.p)
		assert.Equal(t, tc.dec, tc.p.Decimal(), "%d", tc.p)
	}
}

func TestRoundDivIsHalfUp(t *testing.T) {
	for _, tc := range []struct{ num, den, want int64 }{
		{10, 4, 3},   // 2.5 rounds up
		{9, 4, 2},    // 2.25 rounds down
		{11, 4, 3},   // 2.75
		{-10, 4, -3}, // -2.5 rounds away from zero, mirroring positives
		{-9, 4, -2},
		{0, 7, 0},
		{1, 3, 0},
		{2, 3, 1},
	} {
		assert.Equal(t, tc.want, RoundDiv(tc.num, tc.den), "%d/%d", tc.num, tc.den)
	}
	assert.Panics(t, func() { RoundDiv(1, 0) })
}

func TestPoundsKeepsTheDecimalDigits(t *testing.T) {
	assert.Equal(t, 0.1, Pence(10).Pounds())
	assert.Equal(t, 1234.56, Pence(123456).Pounds())
	assert.Equal(t, Pence(600), Sum(100, 200, 300))
}
