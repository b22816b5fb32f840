package referralimport

import (
	"strings"
	"unicode"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
)

// column is one column the import knows. Family columns hold one value per
// family: a family's later rows may leave them blank. Required columns must
// be in the header row.
type column struct {
	key      string
	family   bool
	required bool
	date     bool
	yesNo    bool
	// choices are the domain's values; the catalogue's labels for
	// prefix+value in either language are accepted too.
	choices []string
	prefix  string
}

var columns = []column{
	{key: "family", family: true},
	{key: "prison", family: true, required: true},
	{key: "parent_name", family: true, required: true},
	{key: "prison_number", family: true},
	{key: "referral_source", family: true, required: true, choices: domain.ReferralSources, prefix: "source."},
	{key: "referrer_name", family: true},
	{key: "referred_on", family: true, required: true, date: true},
	{key: "carer_name", family: true, required: true},
	{key: "carer_relationship", family: true, required: true, choices: domain.Relationships, prefix: "rel."},
	{key: "carer_phone", family: true},
	{key: "carer_email", family: true},
	{key: "carer_lang", family: true, required: true, choices: []string{"en", "cy"}, prefix: "lang."},
	{key: "notes", family: true},
	{key: "child_first_name", required: true},
	{key: "child_last_name"},
	{key: "year_group"},
	{key: "school"},
	{key: "needs_quiet", yesNo: true},
	{key: "needs_step_free", yesNo: true},
}

// Columns lists the column keys in template order; the catalogue's
// "import.col.<key>" is each column's header in English and Welsh.
func Columns() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.key
	}
	return out
}

// Required reports whether a column must be in the header row.
func Required(key string) bool {
	for _, c := range columns {
		if c.key == key {
			return c.required
		}
	}
	return false
}

// Importer reads referral files. It knows every column's header and every
// choice's label in both languages, so a Welsh school's spreadsheet is
// read as readily as an English one.
type Importer struct {
	headers map[string]string            // normalised header -> column key
	choices map[string]map[string]string // column key -> normalised label -> value
}

// New builds an Importer from the catalogue.
func New(cat *i18n.Catalogue) *Importer {
	im := &Importer{headers: map[string]string{}, choices: map[string]map[string]string{}}
	for _, c := range columns {
		im.headers[normalise(c.key)] = c.key
		for _, lang := range i18n.Langs {
			im.headers[normalise(cat.T(lang, "import.col."+c.key))] = c.key
		}
		if c.choices == nil {
			continue
		}
		m := map[string]string{}
		for _, v := range c.choices {
			m[normalise(v)] = v
			for _, lang := range i18n.Langs {
				m[normalise(cat.T(lang, c.prefix+v))] = v
			}
		}
		im.choices[c.key] = m
	}
	// Language names as people write them, in both languages.
	for label, v := range map[string]string{"english": "en", "saesneg": "en", "welsh": "cy", "cymraeg": "cy"} {
		im.choices["carer_lang"][label] = v
	}
	return im
}

// normalise makes headers and labels comparable: case, spaces, punctuation
// and a possessive "'s" do not matter ("Child's first name" is
// "child first name").
func normalise(s string) string {
	s = strings.ToLower(s)
	for _, apos := range []string{"'s", "’s"} {
		s = strings.ReplaceAll(s, apos, "")
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// yesNo reads a tick-box column: blank is no.
func yesNo(s string) (value, ok bool) {
	switch normalise(s) {
	case "", "no", "n", "false", "0", "na", "nacoes", "nacydw", "nage":
		return false, true
	case "yes", "y", "true", "1", "x", "ie", "oes", "ydw", "do":
		return true, true
	}
	return false, false
}
