package i18n

import (
	"regexp"
	"strconv"
)

// yearPattern reads a year group as people type it: "Year 4", "Blwyddyn
// 4", "Y4", "yr 4".
var yearPattern = regexp.MustCompile(`(?i)^\s*(?:year|yr|blwyddyn|bl|y)\s*(\d{1,2})\s*$`)

// YearGroup gives a year group typed in either language in lang ("Year 4"
// is "Blwyddyn 4" in Welsh). Anything else, such as "Reception" or a
// college course, is returned as typed.
func (c *Catalogue) YearGroup(lang Lang, typed string) string {
	m := yearPattern.FindStringSubmatch(typed)
	if m == nil {
		return typed
	}
	n, _ := strconv.Atoi(m[1])
	return c.T(lang, "year_group", map[string]any{"N": n})
}
