package mail

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/testutil"
)

var cat = i18n.MustLoad()

func details(prison string) ical.Details {
	return ical.Details{
		Prison: prison, When: "16/06/2026 14:20–14:40", Arrive: "13:30", Table: "4",
		Bring: "ID", PrepURL: "https://schoolzone.example/packs/7", Contact: "coordinator@prison.example",
	}
}

func TestComposeEveryKindInBothLanguages(t *testing.T) {
	for _, lang := range i18n.Langs {
		for _, kind := range []Kind{KindInvite, KindUpdate, KindCancel, KindDoNotTravel} {
			subject, text, err := Compose(cat, lang, kind, details("CEM Parc"))
			require.NoError(t, err)
			for _, s := range []string{subject, text} {
				assert.NotRegexp(t, `\bmail\.[a-z_]+`, s, "%s/%s: a message ID leaked: the catalogue lacks it", lang, kind)
				assert.NotContains(t, s, "<no value>")
			}
			assert.Contains(t, subject, "CEM Parc")
			assert.Contains(t, text, "CEM Parc")
			assert.Contains(t, text, "coordinator@prison.example", "%s/%s: whom to ask", lang, kind)
		}
	}
}

func TestComposeCancellationsDropVisitDetails(t *testing.T) {
	for _, kind := range []Kind{KindCancel, KindDoNotTravel} {
		_, text, err := Compose(cat, i18n.English, kind, details("HMP Parc"))
		require.NoError(t, err)
		assert.Contains(t, text, "When: 16/06/2026")
		for _, gone := range []string{"Arrive by", "Table", "What to bring", "Preparation pack"} {
			assert.NotContains(t, text, gone, kind)
		}
	}
	_, text, err := Compose(cat, i18n.English, KindInvite, details("HMP Parc"))
	require.NoError(t, err)
	assert.Contains(t, text, "Arrive by: 13:30")
}

func TestComposeRejectsUnknownKind(t *testing.T) {
	_, _, err := Compose(cat, i18n.English, "letter", details("HMP Parc"))
	assert.ErrorContains(t, err, `unknown kind "letter"`)
}

// The same-day "do not travel" message to a carer, in Welsh, as sent.
func TestDoNotTravelWelshGolden(t *testing.T) {
	subject, text, err := Compose(cat, i18n.Welsh, KindDoNotTravel, details("CEM Parc"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(subject, "Peidiwch â theithio"))
	raw, err := Build(Message{
		From: Address{Name: "School Zone", Email: "coordinator@prison.example"},
		To:   Address{Email: "carer@example.org"}, Subject: subject, Text: text, Lang: i18n.Welsh,
	}, time.Date(2026, 6, 16, 7, 45, 0, 0, time.UTC))
	require.NoError(t, err)
	testutil.Golden(t, "eml/do_not_travel_cy.eml", raw)
}
