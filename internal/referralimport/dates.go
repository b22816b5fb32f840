package referralimport

import (
	"strconv"
	"strings"
	"time"
)

// months names each month in English and Welsh, full and short, so that
// "3 Tach 2026" reads as well as "3 Nov 2026".
var months = map[string]time.Month{}

func init() {
	names := [][]string{
		{"january", "jan", "ionawr", "ion"}, {"february", "feb", "chwefror", "chwe"},
		{"march", "mar", "mawrth", "maw"}, {"april", "apr", "ebrill", "ebr"},
		{"may", "mai"}, {"june", "jun", "mehefin", "meh"},
		{"july", "jul", "gorffennaf", "gorff", "gor"}, {"august", "aug", "awst", "aws"},
		{"september", "sep", "sept", "medi", "med"}, {"october", "oct", "hydref", "hyd"},
		{"november", "nov", "tachwedd", "tach", "tac"}, {"december", "dec", "rhagfyr", "rhag"},
	}
	for i, ns := range names {
		for _, n := range ns {
			months[n] = time.Month(i + 1)
		}
	}
}

// parseDate reads the dates UK spreadsheets hold and returns YYYY-MM-DD.
// Numbers are day first (23/11/2026, 23-11-26, 23.11.2026), never the US
// month-first order; ISO dates and named months are read too. An XLSX date
// cell arrives as a serial number. ok is false for anything else, including
// dates that do not exist such as 31/02/2026.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return d.Format("2006-01-02"), true
	}
	if serial, err := strconv.ParseFloat(s, 64); err == nil {
		return fromSerial(serial)
	}
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == '/' || r == '-' || r == '.' || r == ' ' || r == ','
	})
	if len(parts) != 3 {
		return "", false
	}
	day, err := strconv.Atoi(parts[0])
	if err != nil {
		return "", false
	}
	month, ok := months[parts[1]]
	if !ok {
		m, err := strconv.Atoi(parts[1])
		if err != nil {
			return "", false
		}
		month = time.Month(m)
	}
	year, err := strconv.Atoi(parts[2])
	if err != nil || len(parts[2]) != 2 && len(parts[2]) != 4 {
		return "", false
	}
	if len(parts[2]) == 2 {
		year += 2000
	}
	d := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	// time.Date normalises 31/02 to 3 March; such a date was a typing error.
	if d.Day() != day || d.Month() != month || d.Year() != year {
		return "", false
	}
	return d.Format("2006-01-02"), true
}

// fromSerial converts a spreadsheet date serial (days since 30 December
// 1899) within a sensible range; a plain number such as 2026 is not a date.
func fromSerial(serial float64) (string, bool) {
	if serial < 36526 || serial > 73051 { // 2000-01-01 to 2099-12-31
		return "", false
	}
	d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial))
	return d.Format("2006-01-02"), true
}
