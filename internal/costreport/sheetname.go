package costreport

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
)

// maxSheetName is Excel's limit, counted in UTF-16 units.
const maxSheetName = 31

// SheetName turns s into a name Excel accepts without "repairing" the file:
// no : \ / ? * [ ] or control characters (replaced by "-" or dropped), no
// leading or trailing apostrophe, at most 31 characters, not empty and not
// the reserved "History". Event names like "HMP X 12/03" need this.
func SheetName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r):
			b.WriteRune('-')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	name := trimName(truncateUTF16(trimName(b.String()), maxSheetName))
	if name == "" {
		name = "Sheet"
	}
	if strings.EqualFold(name, "History") {
		name += "-"
	}
	return name
}

func trimName(s string) string { return strings.Trim(strings.TrimSpace(s), "'") }

func truncateUTF16(s string, max int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > max {
			return s[:i]
		}
	}
	return s
}

// SheetNames hands out valid names that are unique in one workbook; Excel
// compares sheet names case-insensitively.
type SheetNames struct{ used map[string]bool }

// Unique returns SheetName(s), suffixed " (2)", " (3)"… when taken.
func (n *SheetNames) Unique(s string) string {
	if n.used == nil {
		n.used = map[string]bool{}
	}
	base := SheetName(s)
	name := base
	for i := 2; n.used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = trimName(truncateUTF16(base, maxSheetName-len(suffix))) + suffix
	}
	n.used[strings.ToLower(name)] = true
	return name
}

// quoteSheet quotes a sheet name for a formula reference: 'O”Brien'!A1.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }
