package costreport

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
)

func TestSafeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+44 1792 000000", "'+44 1792 000000"},
		{"-5 miles off route", "'-5 miles off route"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"", ""},
		{"Plain text = fine", "Plain text = fine"},
		{"'already quoted", "'already quoted"},
		{"Ysgol Gynradd Gymraeg", "Ysgol Gynradd Gymraeg"},
	} {
		assert.Equal(t, tc.want, SafeText(tc.in), "%q", tc.in)
	}
}

func TestCellTextCapsAtExcelLimit(t *testing.T) {
	long := strings.Repeat("ŵ", MaxCellChars+10)
	got := cellText(long)
	assert.Equal(t, MaxCellChars, len(utf16.Encode([]rune(got))))
	assert.True(t, strings.HasSuffix(got, "…"))
	assert.Equal(t, "short", cellText("short"))
	emoji := strings.Repeat("😀", MaxCellChars) // two UTF-16 units each
	assert.LessOrEqual(t, len(utf16.Encode([]rune(cellText(emoji)))), MaxCellChars)
}

func TestSheetName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"HMP X 12/03", "HMP X 12-03"},
		{`a:b\c/d?e*f[g]h`, "a-b-c-d-e-f-g-h"},
		{"'quoted'", "quoted"},
		{"  ", "Sheet"},
		{"", "Sheet"},
		{"history", "history-"},
		{"Yn ôl awdurdod lleol", "Yn ôl awdurdod lleol"},
		{"tab\there", "tabhere"},
		{strings.Repeat("x", 40), strings.Repeat("x", 31)},
		{strings.Repeat("x", 30) + "'abc", strings.Repeat("x", 30)}, // cut leaves a trailing quote
		{strings.Repeat("😀", 20), strings.Repeat("😀", 15)},          // 31 UTF-16 units max
	} {
		assert.Equal(t, tc.want, SheetName(tc.in), "%q", tc.in)
	}
}

func TestSheetNamesAreUnique(t *testing.T) {
	var n SheetNames
	long := strings.Repeat("Showcase ", 5)
	got := []string{n.Unique("Summary"), n.Unique("summary"), n.Unique("SUMMARY"), n.Unique(long), n.Unique(long)}
	assert.Equal(t, []string{"Summary", "summary (2)", "SUMMARY (3)", "Showcase Showcase Showcase Show", "Showcase Showcase Showcase (2)"}, got)
	for _, s := range got {
		assert.LessOrEqual(t, len(s), 31)
	}
}

func TestQuoteSheet(t *testing.T) {
	assert.Equal(t, "'O''Brien'", quoteSheet("O'Brien"))
}
