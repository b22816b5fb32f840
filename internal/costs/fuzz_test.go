package costs

import "testing"

// FuzzParseQty: a quantity parses or is refused, never panics, and what
// parses prints back to a string that parses to the same quantity.
func FuzzParseQty(f *testing.F) {
	for _, s := range []string{"12", "12.5", "0.125", "-3", ".5", "1.", "", "-", "1.2345", "99999999999", "+1", "1e3", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQty(s)
		if err != nil {
			return
		}
		back, err := ParseQty(q.String())
		if err != nil || back != q {
			t.Fatalf("%q parsed as %v, which prints as %q and parses back as %v (%v)", s, int64(q), q.String(), int64(back), err)
		}
	})
}
