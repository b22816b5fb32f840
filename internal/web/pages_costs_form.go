package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// parsePounds reads money as typed: "12", "12.5", "£1,234.56". More than
// two decimal places is refused rather than rounded.
func parsePounds(s string) (costs.Pence, bool) {
	s = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "£"), ",", "")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || strings.HasPrefix(s, "+") {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 40)
	if err != nil {
		return 0, false
	}
	f := int64(0)
	if frac != "" {
		if f, err = strconv.ParseInt(frac+strings.Repeat("0", 2-len(frac)), 10, 16); err != nil || f < 0 {
			return 0, false
		}
	}
	p := costs.Pence(w*100 + f)
	if neg {
		p = -p
	}
	return p, true
}

func requiredPence(pr *domain.Problems, c echo.Context, field string) costs.Pence {
	v := c.FormValue(field)
	if strings.TrimSpace(v) == "" {
		pr.Add(field, "err.required")
		return 0
	}
	p, ok := parsePounds(v)
	if !ok {
		pr.Add(field, "costpages.err.money")
	}
	return p
}

func optionalPence(pr *domain.Problems, c echo.Context, field string) *costs.Pence {
	v := c.FormValue(field)
	if strings.TrimSpace(v) == "" {
		return nil
	}
	p, ok := parsePounds(v)
	if !ok {
		pr.Add(field, "costpages.err.money")
		return nil
	}
	return &p
}

// wholeField reads a whole number in [lo, hi]; blank is lo.
func wholeField(pr *domain.Problems, c echo.Context, field string, lo, hi int) int {
	v := strings.TrimSpace(c.FormValue(field))
	if v == "" {
		return lo
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		pr.Add(field, "costpages.err.whole", map[string]any{"Min": lo, "Max": hi})
		return lo
	}
	return n
}

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }

// Pounds shows an amount for a form field: "12.50", "" for none.
func (l *Layout) Pounds(p *costs.Pence) string {
	if p == nil {
		return ""
	}
	return p.Decimal()
}

// Money shows an optional amount, or a dash.
func (l *Layout) Money(p *costs.Pence) string {
	if p == nil {
		return "–"
	}
	return p.String()
}

// CountText shows a family or child count, or the marker of a hidden one.
func (l *Layout) CountText(n costs.Count) string {
	if n.Suppressed {
		return l.T("costs.hidden")
	}
	return strconv.Itoa(n.N)
}

// CostText shows a commissioner's amount, or the marker of a hidden one.
func (l *Layout) CostText(m costs.Money) string {
	if m.Suppressed {
		return l.T("costs.hidden")
	}
	return m.Amount.String()
}

// Period labels a period key such as "2026/27-autumn".
func (l *Layout) Period(key string) string {
	if i := strings.LastIndex(key, "-"); i > 0 {
		switch part := key[i+1:]; part {
		case "autumn", "spring", "summer", "H1", "H2":
			return l.T("costs.period."+part, "Year", key[:i])
		}
	}
	return key
}

// RateKeys are the rates the rates form offers.
func rateKeys() []costs.RateKey {
	keys := []costs.RateKey{costs.SupplyHalfDay, costs.SupplyDay, costs.MileagePerMile, costs.RefreshmentsPerHead}
	for _, r := range staffRoles {
		keys = append(keys, costs.StaffHourly(r))
	}
	return keys
}

// RateLabel names a rate key.
func (l *Layout) RateLabel(k costs.RateKey) string {
	if role, ok := strings.CutPrefix(string(k), "staff_hourly:"); ok {
		return l.T("costpages.rate.staff_hourly", "Role", l.T("costpages.role."+role))
	}
	return l.T("costpages.rate." + string(k))
}
