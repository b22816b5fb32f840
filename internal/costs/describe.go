package costs

import (
	"fmt"
	"net/url"
	"strings"
)

// A generated description is stored as a catalogue message ID and its
// values, such as "@costs.desc.refreshments?Confirmed=4&People=33", and put
// into words where the line is shown, in the reader's language. A
// description typed by hand is stored, and shown, as typed.
const generatedMark = "@"

// generated encodes a description for the catalogue: id and name/value
// pairs.
func generated(id string, pairs ...any) string {
	q := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		q.Set(pairs[i].(string), toString(pairs[i+1]))
	}
	return generatedMark + id + "?" + q.Encode()
}

func toString(v any) string {
	if s, ok := v.(interface{ String() string }); ok {
		return s.String()
	}
	return fmt.Sprint(v)
}

// Translate is a catalogue lookup in the reader's language.
type Translate func(id string, args map[string]any) string

// Describe gives the line's description in words: a generated one through
// t, a typed one as it is. A staff role is named through its own message
// (costpages.role.<role>).
func (l Line) Describe(t Translate) string {
	d, ok := strings.CutPrefix(l.Description, generatedMark)
	if !ok {
		return l.Description
	}
	id, query, _ := strings.Cut(d, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return l.Description
	}
	args := map[string]any{}
	for k := range q {
		args[k] = q.Get(k)
	}
	if role, ok := args["Role"].(string); ok {
		args["Role"] = t("costpages.role."+role, nil)
	}
	return t(id, args)
}
