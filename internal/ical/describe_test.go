package ical

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/i18n"
)

var cat = i18n.MustLoad()

func fullDetails() Details {
	return Details{
		Prison:  "HMP Parc",
		When:    "Tuesday 16 June 2026, 14:20–14:40",
		Arrive:  "13:30 at the visitors' centre",
		Table:   "4",
		Bring:   "Photo ID.  Phones stay\nin the lockers.",
		PrepURL: "https://schoolzone.example/packs/7/teacher/12",
		Contact: "coordinator@prison.example",
	}
}

func TestDescription(t *testing.T) {
	en := Description(cat, i18n.English, fullDetails())
	assert.Equal(t, strings.Join([]string{
		"Where: HMP Parc",
		"When: Tuesday 16 June 2026, 14:20–14:40",
		"Arrive by: 13:30 at the visitors' centre",
		"Table: 4",
		"What to bring: Photo ID. Phones stay in the lockers.",
		"Preparation pack: https://schoolzone.example/packs/7/teacher/12",
		"Questions: coordinator@prison.example",
	}, "\n"), en)

	cy := Description(cat, i18n.Welsh, Details{Prison: "CEM Parc", Table: "4"})
	assert.Equal(t, "Ble: CEM Parc\nBwrdd: 4", cy, "empty fields leave no dangling labels")

	assert.Equal(t, "School Zone meeting, HMP Parc", Summary(cat, i18n.English, "HMP Parc"))
	assert.Equal(t, "Cyfarfod Parth Ysgol, CEM Parc", Summary(cat, i18n.Welsh, "CEM Parc"))
}

// Details is the privacy boundary for shared calendars: it must offer no
// place for a person's name. Adding a field here is a deliberate decision
// that should fail this test and be reviewed.
func TestDetailsHasNoPersonFields(t *testing.T) {
	var names []string
	typ := reflect.TypeFor[Details]()
	for i := range typ.NumField() {
		names = append(names, typ.Field(i).Name)
	}
	assert.Equal(t, []string{"Prison", "When", "Arrive", "Table", "Bring", "PrepURL", "Contact"}, names)
}

// The description carries exactly the parts given and the catalogue's
// labels, nothing else: every word of an invite built from Details must
// come from those sources.
func TestInviteFromDetailsLeaksNothingElse(t *testing.T) {
	d := fullDetails()
	inv := teacherInvite()
	inv.Summary = Summary(cat, i18n.Welsh, d.Prison)
	inv.Description = Description(cat, i18n.Welsh, d)
	var b bytes.Buffer
	require.NoError(t, Encode(&b, inv))
	cal, err := goical.NewDecoder(&b).Decode()
	require.NoError(t, err)
	desc, err := cal.Events()[0].Props.Text(goical.PropDescription)
	require.NoError(t, err)

	allowed := map[string]bool{}
	for _, s := range []string{d.Prison, d.When, d.Arrive, d.Table, d.Bring, d.PrepURL, d.Contact} {
		for _, w := range strings.Fields(s) {
			allowed[w] = true
		}
	}
	for _, id := range []string{"where", "when", "arrive", "table", "bring", "prep", "contact"} {
		for _, w := range strings.Fields(cat.T(i18n.Welsh, "mail.ical."+id) + ":") {
			allowed[w] = true
		}
	}
	for _, line := range strings.Split(desc, "\n") {
		require.Contains(t, line, ": ", "line without a label")
		for _, w := range strings.Fields(line) {
			assert.True(t, allowed[w], "word %q did not come from the details", w)
		}
	}
}
