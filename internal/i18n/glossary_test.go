package i18n

import (
	"os"
	"regexp"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// glossaryRow is one concept of glossary.md: its Welsh term and the
// variants the catalogue must not use for it.
type glossaryRow struct {
	concept, welsh string
	not            []string
}

func readGlossary(t *testing.T) []glossaryRow {
	t.Helper()
	b, err := os.ReadFile("glossary.md")
	require.NoError(t, err)
	var rows []glossaryRow
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 7 || strings.TrimSpace(cells[1]) == "Concept" || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		r := glossaryRow{concept: strings.TrimSpace(cells[1]), welsh: strings.TrimSpace(cells[3])}
		for _, v := range strings.Split(cells[4], ",") {
			if v = strings.TrimSpace(v); v != "" {
				r.not = append(r.not, v)
			}
		}
		rows = append(rows, r)
	}
	require.NotEmpty(t, rows, "glossary.md has no table")
	return rows
}

// texts are every form of a message: plural messages have several.
func texts(c *Catalogue, l Lang, id string) []string {
	m, _ := c.Message(l, id)
	var out []string
	for _, s := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Welsh messages use the glossary's one term per concept: a variant such
// as "cydgysylltydd" for the coordinator, "digwyddiad arddangos" for a
// showcase or "neilltuo" for allocate fails here, naming the message.
func TestWelshFollowsTheGlossary(t *testing.T) {
	c := MustLoad()
	rows := readGlossary(t)
	concepts := map[string]bool{}
	for _, r := range rows {
		concepts[r.concept] = true
		for _, v := range r.not {
			re := regexp.MustCompile(`(?i)(^|[^\p{L}'’])` + regexp.QuoteMeta(v) + `($|[^\p{L}])`)
			for _, id := range c.IDs(Welsh) {
				for _, s := range texts(c, Welsh, id) {
					if re.MatchString(s) {
						t.Errorf("cy/%s uses %q for %s; the glossary's term is %q: %s", id, v, r.concept, r.welsh, s)
					}
				}
			}
		}
	}
	for _, want := range []string{"brand", "coordinator", "showcase", "photo ID", "run sheet", "prison (title)", "local authority"} {
		assert.True(t, concepts[want], "the glossary has a row for %s", want)
	}
}

// counted matches a number placeholder directly before a counted noun,
// such as "{{.N}} families", "{{.Total}} teulu" or "{{.Miles}} miles", in
// either language and in the mutated forms a Welsh number brings.
var counted = regexp.MustCompile(`\{\{\.[A-Za-z]+\}\} (` + strings.Join([]string{
	"families", "family", "teulu", "deulu", "theulu", "teuluoedd",
	"children", "child", "plant", "blant", "plentyn", "blentyn",
	"tables", "table", "byrddau", "bwrdd", "fwrdd",
	"meetings", "meeting", "cyfarfodydd", "cyfarfod", "gyfarfod",
	"lines", "line", "llinell", "linell", "llinellau",
	"slots", "slot", "slotiau",
	"minutes", "minute", "munud", "funud",
	"pairs", "pair", "pâr", "bâr", "parau",
	"teachers", "teacher", "athrawon", "athro", "athrawes",
	"rows", "row", "rhes", "res", "rhesi",
	"miles", "mile", "milltir", "filltir", "milltiroedd",
	"emails", "email", "e-bost", "negeseuon", "neges",
	"people", "person", "pobl", "berson",
	"carers", "carer", "gofalwyr", "gofalwr", "ofalwr",
	"schools", "school", "ysgolion", "ysgol",
	"showcases", "showcase", "arddangosfeydd", "arddangosfa",
	"invitations", "invitation", "gwahoddiadau", "gwahoddiad", "wahoddiad",
	"seats", "seat", "seddi", "sedd",
	"days", "day", "diwrnod", "niwrnod", "ddiwrnod",
	"hours", "hour", "oriau", "awr",
	"accounts", "account", "cyfrifon", "cyfrif", "gyfrif",
	"pupils", "pupil", "disgyblion", "disgybl", "ddisgybl",
}, "|") + `)\b`)

// A message that puts a count before a noun must be a plural message, or
// it reads "1 families" in English and "2 teulu" (for "2 deulu") in Welsh.
// Nouns after a fixed threshold are not counts: they are listed here.
func TestCountMessagesArePlural(t *testing.T) {
	c := MustLoad()
	notACount := map[string]bool{
		"figures.suppression":      true, // "fewer than {{.Min}} families": Min is the fixed threshold, 3
		"import.err.too_many_rows": true, // "more than {{.Max}} rows": Max is the fixed limit
		"documents.slot":           true, // "{{.To}} table {{.Table}}": a table label, not a count
		"gate.seat_no_meetings":    true, // "{{.Family}} gyfarfod": a family reference
		"hall.err_too_many":        true, // "at most {{.Max}} tables": Max is the fixed limit
		// "Return trip, 24.69 miles": a measure in decimals, which English
		// puts in the plural and Welsh in the singular whatever the figure.
		"costs.desc.return_trip": true,
	}
	for _, l := range Langs {
		for _, id := range c.IDs(l) {
			m, _ := c.Message(l, id)
			plural := m.One != "" || m.Few != "" || m.Many != "" || m.Two != "" || m.Zero != ""
			if plural || notACount[id] {
				continue
			}
			if strings.Contains(m.Other, "{{.Count}}") || counted.MatchString(m.Other) {
				t.Errorf("%s/%s puts a count before a noun but is not a plural message: %s", l, id, m.Other)
			}
		}
	}
	// A Welsh plural message needs Welsh's forms, not only English's "one"
	// and "other": "2 deulu", "3 theulu". (A message may be plural in one
	// language only when the other says its counts through plural nouns,
	// as allocate.err.* does with {{.Families}}; the check above catches a
	// bare count before a noun.)
	for _, id := range c.IDs(Welsh) {
		if cy, _ := c.Message(Welsh, id); isPlural(cy) && (cy.One == "" || cy.Two == "" || cy.Few == "" || cy.Many == "") {
			t.Errorf("cy/%s is a plural message without Welsh's one, two, few and many forms", id)
		}
	}
}

func isPlural(m *goi18n.Message) bool {
	return m.One != "" || m.Few != "" || m.Many != "" || m.Two != "" || m.Zero != ""
}

// doubled finds an article or word written twice: "y y", "i'r yr", "the
// the".
var doubled = regexp.MustCompile(`(?i)(^|[^\p{L}])(y|yr|the|a|an)\s+(y|yr|the|a|an|'r|’r)($|[^\p{L}'’])|(\p{L}['’]r)\s+(y|yr)($|[^\p{L}])`)

func TestNoDoubledArticles(t *testing.T) {
	c := MustLoad()
	for _, l := range Langs {
		for _, id := range c.IDs(l) {
			for _, s := range texts(c, l, id) {
				if m := doubled.FindString(s); m != "" {
					t.Errorf("%s/%s has a doubled article %q: %s", l, id, strings.TrimSpace(m), s)
				}
			}
		}
	}
}
