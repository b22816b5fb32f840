package domain

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on input, declared once per field here and nowhere else. Every
// page form and every API request is held to them: the web layer checks
// every text value it receives against TextLimitOf before a handler runs,
// and the Validate and Decide functions take their counts, date windows
// and number ranges from the tables below. A field is named as forms and
// the API name it ("parent_name", "children[2].first_name",
// "child_first_name_3"); see baseField.

// TextLimit bounds one text field.
type TextLimit struct {
	// Max is the most characters (not bytes) the field takes.
	Max int
	// Multiline fields may hold line breaks and tabs; no field may hold
	// any other control character.
	Multiline bool
}

const (
	nameLen  = 100
	notesLen = 2000
)

var textLimits = map[string]TextLimit{
	"parent_name":     {Max: nameLen},
	"referrer_name":   {Max: nameLen},
	"name":            {Max: nameLen},
	"first_name":      {Max: nameLen},
	"last_name":       {Max: nameLen},
	"head_name":       {Max: nameLen},
	"delivered_by":    {Max: nameLen},
	"la_name":         {Max: nameLen},
	"la_name_cy":      {Max: nameLen},
	"name_cy":         {Max: nameLen},
	"title":           {Max: 120},
	"email":           {Max: 254},
	"head_email":      {Max: 254},
	"phone":           {Max: 30},
	"prison_number":   {Max: 20},
	"year":            {Max: 20},
	"year_group":      {Max: 20},
	"label":           {Max: 10},
	"adjacent":        {Max: 500},
	"address":         {Max: 500, Multiline: true},
	"notes":           {Max: notesLen, Multiline: true},
	"needs_notes":     {Max: notesLen, Multiline: true},
	"obtained_how":    {Max: notesLen, Multiline: true},
	"override_reason": {Max: notesLen, Multiline: true},
	"reason":          {Max: notesLen, Multiline: true},
	"why":             {Max: notesLen, Multiline: true},
	"description":     {Max: 500},
	"evidence_ref":    {Max: 200},
	// A page to return to, with its own query, in a query value.
	"next": {Max: 2000},
	"back": {Max: 2000},
	// An import's checked file travels back, base64-encoded, as one value;
	// the request body limit is its real bound.
	"data": {Max: 4 << 20},
}

// defaultText is the limit of every text field not listed above: choices,
// IDs, dates and numbers as typed are all short.
var defaultText = TextLimit{Max: 200}

// Counts.
const (
	// MaxChildren is the most children one family's referral may list.
	MaxChildren = 12
	// MaxCarers is the most carers one family may have on record.
	MaxCarers = 4
	// MaxHallTables is the most tables one visits hall may have.
	MaxHallTables = 200
	// MaxListItems bounds any other list a client sends (teachers
	// nominated, teachers a child agrees may know).
	MaxListItems = 50
)

// DateWindow bounds a date field relative to today: from Back years
// before it to Ahead years after it (zero Ahead means not in the future).
type DateWindow struct{ Back, Ahead int }

var dateWindows = map[string]DateWindow{
	// Referrals and steps happen, then are recorded: never in the future,
	// and a decade back covers any case still open.
	"referred_on":  {Back: 10},
	"occurred_on":  {Back: 10},
	"delivered_on": {Back: 10},
	// A parent may have been released already or have a long sentence.
	"release_date": {Back: 10, Ahead: 60},
	// A showcase is planned ahead, but not absurdly far.
	"date":           {Back: 1, Ahead: 3},
	"effective_from": {Back: 10, Ahead: 3},
}

// Range bounds a whole-number field.
type Range struct{ Min, Max int }

var numberRanges = map[string]Range{
	"attendees":       {1, 500},
	"distance_miles":  {0, 1000},
	"slot_minutes":    {5, 60},
	"slots":           {1, 40},
	"arrival_minutes": {0, 180},
	"row":             {0, 50},
	"col":             {0, 50},
	"seats":           {1, 20},
}

// rowSuffix and pathIndex strip a field's row number: "label_3",
// "children[2]".
var (
	rowSuffix = regexp.MustCompile(`_\d+$`)
	pathIndex = regexp.MustCompile(`\[\d+\]`)
)

// baseField is the name the tables above use for a field as a form or the
// API names it: the last part of a JSON path, without a row number, and
// without the child_, carer_ or line_ prefix a flat form uses when the
// API would nest.
func baseField(field string) string {
	f := pathIndex.ReplaceAllString(field, "")
	f = f[strings.LastIndex(f, ".")+1:]
	f = rowSuffix.ReplaceAllString(f, "")
	if _, ok := textLimits[f]; ok {
		return f
	}
	for _, prefix := range []string{"child_", "carer_", "line_"} {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			return rest
		}
	}
	return f
}

// FieldName is the catalogue key of a field's name for messages that must
// say which field is wrong, e.g. "field.parent_name".
func FieldName(field string) string { return "field." + baseField(field) }

// TextLimitOf is the limit on a text field.
func TextLimitOf(field string) TextLimit {
	if l, ok := textLimits[baseField(field)]; ok {
		return l
	}
	return defaultText
}

// CheckText adds a problem when v is not valid UTF-8, holds a control
// character (a NUL byte, or a line break in a one-line field) or a
// character that stands for one that could not be read (U+FFFD, which is
// what JSON decoding makes of a lone surrogate), or is longer than the
// field's limit. Passwords (and their confirmation) have their own rules
// where accounts are made, and are skipped.
func CheckText(p *Problems, field, v string) {
	if strings.Contains(field, "password") || field == "confirm" {
		return
	}
	l := TextLimitOf(field)
	params := map[string]any{"Field": FieldName(field)}
	if !utf8.ValidString(v) {
		p.Add(field, "err.text_encoding", params)
		return
	}
	for _, r := range v {
		if r == utf8.RuneError || unicode.IsControl(r) && !(l.Multiline && (r == '\n' || r == '\r' || r == '\t')) {
			p.Add(field, "err.text_control", params)
			return
		}
	}
	if n := utf8.RuneCountInString(v); n > l.Max {
		params["Max"] = l.Max
		p.Add(field, "err.text_too_long", params)
	}
}

// listLimits bounds lists by field; any other list a client sends (or a
// form field sent many times) holds at most MaxListItems.
var listLimits = map[string]int{"children": MaxChildren, "tables": MaxHallTables}

// CheckCount adds a problem when the list field, of n items, is too long.
// name is the field the message names, when it differs from where the
// problem is shown (a form's first child row for "children").
func CheckCount(p *Problems, field string, n int, name ...string) {
	key := baseField(field)
	if len(name) > 0 {
		key = name[0]
	}
	most, ok := listLimits[key]
	if !ok {
		most = MaxListItems
	}
	if n > most {
		p.Add(field, "err.too_many_items", map[string]any{"Field": "field." + key, "Max": most})
	}
}

// ListLimitOf is the most items the list field may hold.
func ListLimitOf(field string) int {
	if most, ok := listLimits[baseField(field)]; ok {
		return most
	}
	return MaxListItems
}

// DateWindowOf is the window a date field must fall in.
func DateWindowOf(field string) DateWindow { return dateWindows[baseField(field)] }

// checkWindow adds a problem when a real date lies outside field's window
// around today (YYYY-MM-DD). It says nothing when today is unknown.
func checkWindow(p *Problems, field string, day time.Time, today string) {
	now, err := time.Parse("2006-01-02", today)
	if err != nil {
		return
	}
	w := DateWindowOf(field)
	lo, hi := now.AddDate(-w.Back, 0, 0), now.AddDate(w.Ahead, 0, 0)
	params := map[string]any{"Field": FieldName(field), "From": lo.Format("2006-01-02"), "To": hi.Format("2006-01-02")}
	switch {
	case w.Ahead == 0 && day.After(now):
		p.Add(field, "err.date_future")
	case w.Ahead == 0 && day.Before(lo):
		p.Add(field, "err.date_too_old", params)
	case w.Ahead > 0 && (day.Before(lo) || day.After(hi)):
		p.Add(field, "err.date_window", params)
	}
}

// RangeOf is the range a whole-number field must fall in.
func RangeOf(field string) Range { return numberRanges[baseField(field)] }

// CheckNumber adds a problem when n is outside field's range.
func CheckNumber(p *Problems, field string, n int) bool {
	r := RangeOf(field)
	if n < r.Min || n > r.Max {
		p.Add(field, "err.ref.whole_number", map[string]any{"Min": r.Min, "Max": r.Max})
		return false
	}
	return true
}

// ParseWhole parses a whole number as typed into field and checks it
// against the field's range; blank is allowed (as def) only when
// optional.
func ParseWhole(p *Problems, field, v string, def int, optional bool) int {
	v = strings.TrimSpace(v)
	if v == "" {
		if !optional {
			p.Add(field, "err.required")
		}
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r := RangeOf(field)
		p.Add(field, "err.ref.whole_number", map[string]any{"Min": r.Min, "Max": r.Max})
		return def
	}
	if !CheckNumber(p, field, n) {
		return def
	}
	return n
}
