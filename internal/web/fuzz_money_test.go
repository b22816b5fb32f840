package web

import "testing"

// FuzzParsePounds: money as typed parses or is refused, never panics, and
// what parses prints (as plain pounds) back to the same amount.
func FuzzParsePounds(f *testing.F) {
	for _, s := range []string{"12", "12.5", "£1,234.56", "-0.05", "", "£", "1.234", "+1", "1,,2", "-£1", "9999999999999", ".5", "1.-5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := parsePounds(s)
		if !ok {
			return
		}
		back, ok := parsePounds(p.Decimal())
		if !ok || back != p {
			t.Fatalf("%q parsed as %d pence, which prints as %q and parses back as %d (%v)", s, int64(p), p.Decimal(), int64(back), ok)
		}
	})
}

// FuzzParseHall: any hall form parses or is refused with field errors,
// never panics, and a hall it accepts holds only what the limits allow.
func FuzzParseHall(f *testing.F) {
	f.Add("T1", "0", "0", "6", "T2", "T2", "0", "1", "6", "", true)
	f.Add("", "", "", "", "T9", "t1", "-1", "99", "many", "T1;T1", false)
	f.Fuzz(func(t *testing.T, l1, r1, c1, s1, a1, l2, r2, c2, s2, a2 string, quiet bool) {
		rows := []hallRow{{N: 0, Label: l1, Row: r1, Col: c1, Seats: s1, Adjacent: a1, Quiet: quiet}, {N: 1, Label: l2, Row: r2, Col: c2, Seats: s2, Adjacent: a2}}
		tables, adjacent, err := parseHall(rows)
		if err != nil {
			return
		}
		labels := map[string]bool{}
		for _, tb := range tables {
			if tb.Label == "" || len([]rune(tb.Label)) > 10 || tb.Seats < 1 || tb.Seats > 20 || tb.Row < 0 || tb.Col < 0 {
				t.Fatalf("accepted a table out of bounds: %+v", tb)
			}
			labels[tb.Label] = true
		}
		for a, bs := range adjacent {
			for _, b := range bs {
				if !labels[a] || !labels[b] || a == b {
					t.Fatalf("accepted adjacency %q–%q among %v", a, b, labels)
				}
			}
		}
	})
}
