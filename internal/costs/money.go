package costs

import (
	"fmt"
	"strconv"
	"strings"
)

// Pence is an amount of money in pence. Money is never a float in this app:
// floats cannot hold 0.10 exactly, and a cost report that is a penny out
// loses the reader's trust.
type Pence int64

// String formats p as pounds for people, e.g. "£1,234.56" or "-£0.05".
func (p Pence) String() string {
	sign := ""
	u := uint64(p)
	if p < 0 {
		sign = "-"
		u = uint64(-p) // two's complement keeps MinInt64 correct as uint64
	}
	return fmt.Sprintf("%s£%s.%02d", sign, groupThousands(strconv.FormatUint(u/100, 10)), u%100)
}

// Decimal formats p as plain pounds without a symbol or grouping, e.g.
// "-1234.56", for CSV files that other tools parse as numbers.
func (p Pence) Decimal() string {
	sign := ""
	u := uint64(p)
	if p < 0 {
		sign = "-"
		u = uint64(-p)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// Pounds returns p in pounds as a float64, for the single place money must
// become a float: a numeric spreadsheet cell. The result is the double
// nearest the exact decimal, so formatting it with the shortest
// representation gives back the same digits.
func (p Pence) Pounds() float64 { return float64(p) / 100 }

func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % 3
	if lead > 0 {
		b.WriteString(digits[:lead])
	}
	for i := lead; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// RoundDiv returns num/den rounded half up (half away from zero for negative
// results). It is the only rounding rule in the package: mileage, staff
// minutes and per-family figures all go through it. den must be positive.
func RoundDiv(num, den int64) int64 {
	if den <= 0 {
		panic("costs: RoundDiv with non-positive denominator")
	}
	if num < 0 {
		return -RoundDiv(-num, den)
	}
	return (num + den/2) / den
}

// Sum adds amounts; it exists so callers never reach for a float to total.
func Sum(ps ...Pence) Pence {
	var t Pence
	for _, p := range ps {
		t += p
	}
	return t
}
