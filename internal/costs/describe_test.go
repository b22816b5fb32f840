package costs

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/i18n"
)

// Generated descriptions are put into words in the reader's language, and
// "confirmed" is said only of people who did confirm; a description typed
// by hand is shown as typed.
func TestDescriptionsInTheReadersLanguage(t *testing.T) {
	cat := i18n.MustLoad()
	in := baseInput()
	in.Teachers = []TeacherPlan{teacher(7, 100, 2*time.Hour)}
	in.Families = []FamilyTrip{{FamilyID: 5, LocalAuthorityID: laID, MilesEachWay: 12000}}
	in.Attendees = 37
	in.EventLength = 2 * time.Hour
	in.Staff = []StaffCount{{Role: "family_worker", Count: 2}}
	lines, err := Estimate(in, testRates(t))
	require.NoError(t, err)
	ids := byID(lines)
	in.Confirmed = 12
	again, err := Estimate(in, testRates(t))
	require.NoError(t, err)
	confirmed := byID(again)["auto/refreshments"]

	words := func(l i18n.Lang) Translate {
		return func(id string, args map[string]any) string { return cat.T(l, id, args) }
	}
	for _, c := range []struct {
		line    Line
		en, cy  string
		neither string
	}{
		{ids["auto/supply_cover/teacher/7"], "Supply cover, a full day (4h00m away)", "Athro cyflenwi, diwrnod llawn (4h00m i ffwrdd)", "supply_cover"},
		{ids["auto/family_travel/family/5"], "Return trip, 24 miles", "Taith yno ac yn ôl, 24 milltir", "@"},
		{ids["auto/refreshments"], "People expected: 37", "Pobl a ddisgwylir: 37", "confirmed"},
		{confirmed, "People expected: 37, of whom 12 confirmed", "Pobl a ddisgwylir: 37, a 12 ohonynt wedi cadarnhau", "@"},
		{ids["auto/prison_staffing_on_the_day/family_worker"], "2 × Family worker for 2h00m", "2 × Gweithiwr teuluoedd am 2h00m", "family_worker"},
		{Line{Description: "Taxi from the station", Source: Manual}, "Taxi from the station", "Taxi from the station", "@"},
	} {
		en, cy := c.line.Describe(words(i18n.English)), c.line.Describe(words(i18n.Welsh))
		assert.Equal(t, c.en, en)
		assert.Equal(t, c.cy, cy)
		assert.NotContains(t, en, c.neither)
		assert.NotContains(t, cy, c.neither)
	}
}
