package costs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseQty(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Qty
		str  string
	}{
		{"12", 12000, "12"},
		{"12.5", 12500, "12.5"},
		{"0.125", 125, "0.125"},
		{".5", 500, "0.5"},
		{" 3.10 ", 3100, "3.1"},
		{"-1.25", -1250, "-1.25"},
	} {
		got, err := ParseQty(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
		assert.Equal(t, tc.str, got.String(), tc.in)
	}
	for _, bad := range []string{"", "1.2345", "abc", "1e3", "."} {
		_, err := ParseQty(bad)
		assert.Error(t, err, bad)
	}
}

func TestQtyTimesRoundsHalfUpToThePenny(t *testing.T) {
	for _, tc := range []struct {
		q    Qty
		unit Pence
		want Pence
	}{
		{Units(10), 45, 450},
		{12345, 45, 556},  // 555.525p
		{24690, 45, 1111}, // 1111.05p
		{1, 500, 1},       // 0.5p rounds up
		{1, 499, 0},       // 0.499p rounds down
		{Units(3), 1999, 5997},
	} {
		assert.Equal(t, tc.want, tc.q.Times(tc.unit), "%s × %d", tc.q, tc.unit)
	}
}
