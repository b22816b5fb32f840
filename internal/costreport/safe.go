package costreport

import (
	"strings"
	"unicode/utf16"
)

// MaxCellChars is Excel's limit on characters in a cell; longer text makes
// Excel "repair" the file.
const MaxCellChars = 32767

// SafeText neutralises text that a spreadsheet could run as a formula
// (CSV/formula injection): text starting with = + - @, tab or carriage
// return gets a leading apostrophe, as OWASP recommends. The apostrophe is
// part of the value, so it is visible; we prefer that to Indico's stripping,
// which silently changes what the coordinator typed ("-5 miles off route").
// Use it for free text only: numbers are written as typed numeric cells.
func SafeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// cellText is SafeText cut to MaxCellChars UTF-16 units (Excel counts UTF-16
// units), ending with an ellipsis when cut.
func cellText(s string) string {
	s = SafeText(s)
	if len(s) <= MaxCellChars/3 { // fast path: cannot exceed the limit
		return s
	}
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > MaxCellChars-1 {
			return strings.ToValidUTF8(s[:i], "") + "…"
		}
	}
	return s
}
