package allocate

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"schoolzone/internal/i18n"
)

// Error codes for input the engine rejects before trying to allocate.
const (
	CodeNoStart         = "no_start"
	CodeSlotMinutes     = "slot_minutes"
	CodeSlotsNegative   = "slots_negative"
	CodeEmptyID         = "empty_id"
	CodeDuplicateID     = "duplicate_id"
	CodeUnknownAdjacent = "unknown_adjacent"
	CodeSelfAdjacent    = "self_adjacent"
	CodeUnknownApart    = "unknown_keep_apart"
	CodeSelfApart       = "self_keep_apart"
	CodeMeetingFamily   = "meeting_unknown_family"
	CodeMeetingTeacher  = "meeting_unknown_teacher"
	CodeNegativeSlot    = "negative_unavailable_slot"
)

// Error codes for valid input that no allocation can satisfy.
const (
	CodeTooManyFamilies = "too_many_families"
	CodeQuietTables     = "quiet_tables"
	CodeStepFreeTables  = "step_free_tables"
	CodeBothTables      = "quiet_step_free_tables"
	CodeEitherTables    = "quiet_or_step_free_tables"
	CodeKeepApart       = "keep_apart"
	CodeFamilySlots     = "family_slots"
	CodeTeacherSlots    = "teacher_slots"
	CodeSlotsExhausted  = "slots_exhausted"
)

var infeasibleCodes = map[string]bool{
	CodeTooManyFamilies: true, CodeQuietTables: true, CodeStepFreeTables: true,
	CodeBothTables: true, CodeEitherTables: true, CodeKeepApart: true,
	CodeFamilySlots: true, CodeTeacherSlots: true, CodeSlotsExhausted: true,
}

// Error explains why there is no allocation. Code picks the message
// allocate.err.<code>; Params fill it. Params named Families, Tables,
// Meetings or Slots are counts rendered with their noun ("12 tables"), and
// Count, when present, chooses the plural form of the whole sentence.
type Error struct {
	Code   string
	Params map[string]any
}

func newError(code string, params map[string]any) *Error {
	return &Error{Code: code, Params: params}
}

// Error is the English sentence, so logs and the CLI name the constraint and
// the numbers without needing a language.
func (e *Error) Error() string {
	cat, err := catalogue()
	if err != nil {
		return fallbackText(e.Code, e.Params)
	}
	return e.Localize(cat, i18n.English)
}

// Infeasible reports whether the input was well formed but cannot be
// allocated (as opposed to malformed); the CLI exits 1 for these, 2 otherwise.
func (e *Error) Infeasible() bool { return infeasibleCodes[e.Code] }

// Localize renders the error in lang for the coordinator's screen.
func (e *Error) Localize(cat *i18n.Catalogue, lang i18n.Lang) string {
	return localize(cat, lang, "allocate.err."+e.Code, e.Params)
}

// catalogue caches the catalogue for Error(): loading parses every locale file.
var catalogue = sync.OnceValues(i18n.Load)

// countNouns maps count params to their plural noun messages, so sentences
// with two numbers ("16 families but the hall has 12 tables") are correct in
// both languages, including Welsh numeral mutations.
var countNouns = map[string]string{
	"Families": "allocate.count.families",
	"Tables":   "allocate.count.tables",
	"Meetings": "allocate.count.meetings",
	"Slots":    "allocate.count.slots",
}

func localize(cat *i18n.Catalogue, lang i18n.Lang, id string, params map[string]any) string {
	data := make(map[string]any, len(params))
	for k, v := range params {
		if noun, ok := countNouns[k]; ok {
			if n, ok := v.(int); ok {
				v = cat.N(lang, noun, n)
			}
		}
		data[k] = v
	}
	// A plural message must go through N and a plain one through T:
	// go-i18n rejects a plural count on a message with only one form.
	if n, ok := params["Count"].(int); ok && isPlural(cat, lang, id) {
		return cat.N(lang, id, n, data)
	}
	return cat.T(lang, id, data)
}

func isPlural(cat *i18n.Catalogue, lang i18n.Lang, id string) bool {
	m, ok := cat.Message(lang, id)
	if !ok {
		m, ok = cat.Message(i18n.English, id)
	}
	return ok && (m.One != "" || m.Two != "" || m.Few != "" || m.Many != "" || m.Zero != "")
}

func fallbackText(code string, params map[string]any) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, params[k]))
	}
	return "allocate: " + code + " " + strings.Join(parts, " ")
}
