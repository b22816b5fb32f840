package costs

import (
	"fmt"
	"strconv"
	"strings"
)

// Qty is a quantity in thousandths (1.5 miles is Qty(1500)). Thousandths
// hold every distance, hour count and head count a coordinator types with
// no binary rounding, and Qty × unit cost stays integer arithmetic.
type Qty int64

// QtyOne is a quantity of exactly one unit.
const QtyOne Qty = 1000

// Units returns a whole number of units as a Qty.
func Units(n int64) Qty { return Qty(n) * QtyOne }

// ParseQty reads a decimal such as "12", "12.5" or "0.125"; more than three
// decimal places is an error rather than a silent rounding.
func ParseQty(s string) (Qty, error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(body, ".")
	if whole == "" && frac == "" || len(frac) > 3 {
		return 0, fmt.Errorf("costs: quantity %q: want a number with at most 3 decimal places", s)
	}
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseUint(whole, 10, 40)
	if err != nil {
		return 0, fmt.Errorf("costs: quantity %q: %w", s, err)
	}
	f := uint64(0)
	if frac != "" {
		if f, err = strconv.ParseUint(frac+strings.Repeat("0", 3-len(frac)), 10, 16); err != nil {
			return 0, fmt.Errorf("costs: quantity %q: %w", s, err)
		}
	}
	q := Qty(w*1000 + f)
	if neg {
		q = -q
	}
	return q, nil
}

// String prints q with trailing zeros trimmed: "1.5", "12", "0.125".
func (q Qty) String() string {
	sign := ""
	if q < 0 {
		sign, q = "-", -q
	}
	s := fmt.Sprintf("%s%d.%03d", sign, q/1000, q%1000)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// Float returns q as a float64 for a numeric spreadsheet cell only.
func (q Qty) Float() float64 { return float64(q) / 1000 }

// Times returns q × unit rounded half up to the penny, so 12.345 miles at
// 45p is £5.56 (555.525p rounds up).
func (q Qty) Times(unit Pence) Pence { return Pence(RoundDiv(int64(q)*int64(unit), 1000)) }
