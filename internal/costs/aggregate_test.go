package costs

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fam(id, la int64, children int, types ...string) FamilyRef {
	return FamilyRef{FamilyID: id, LocalAuthorityID: la, Children: children, SchoolTypes: types}
}

// fixtureEvents has free text and names everywhere the event side allows it.
func fixtureEvents() []EventCosts {
	las := []LocalAuthorityRef{{ID: 10, Name: "Cardiff"}, {ID: 20, Name: "Swansea"}, {ID: 30, Name: "Powys"}}
	line := func(cat Category, b Bearer, la int64, typ string, est Pence) Line {
		return Line{ID: "x", Category: cat, Bearer: b, LocalAuthorityID: la, SchoolType: typ, Estimated: est,
			Description: "Jo Bloggs A1234BC", Notes: "Dad moved wings; Mia's teacher", EvidenceRef: "receipt-Jones.pdf",
			Overridden: true, OverrideReason: "Mrs Evans drove", Source: Manual}
	}
	return []EventCosts{
		{EventID: 1, Title: "Showcase for the Smith family", PrisonID: 1, PrisonName: "HMP Parc", Date: date(2024, 10, 3),
			LocalAuthorities: las, Schools: []SchoolRef{{SchoolID: 1, Name: "Ysgol Gymraeg Llanrhidian", LocalAuthorityID: 20, SchoolType: "primary"}},
			Families: []FamilyRef{fam(1, 10, 2, "primary"), fam(2, 10, 1, "primary"), fam(3, 10, 1, "secondary"), fam(4, 20, 3, "primary", "secondary"), fam(5, 30, 1, "primary")},
			Lines:    []Line{line(SupplyCover, School, 20, "primary", 20000), line(FamilyTravel, Family, 10, "", 1234), line(Refreshments, Prison, 0, "", 5000)}},
		{EventID: 2, Title: "Cardiff spring", PrisonID: 2, PrisonName: "HMP Cardiff", Date: date(2025, 2, 11),
			LocalAuthorities: las,
			Families:         []FamilyRef{fam(6, 10, 1, "primary"), fam(7, 30, 2, "primary")},
			Lines:            []Line{line(PrisonStaffOnTheDay, Prison, 0, "", 30000)}},
	}
}

func TestAggregateGroupsAndSuppression(t *testing.T) {
	rep := Aggregate(fixtureEvents())
	assert.Equal(t, 2, rep.Events)
	assert.Equal(t, Count{N: 7}, rep.Total.Families)
	assert.Equal(t, Count{N: 11}, rep.Total.Children)
	assert.Equal(t, Money{Amount: 56234}, rep.Total.Cost)
	assert.Equal(t, Pence(8033), *rep.Total.PerFamily, "56234/7 = 8033.4")

	la := map[string]Group{}
	for _, g := range rep.ByLocalAuthority {
		la[g.Label] = g
	}
	assert.Equal(t, Count{N: 4}, la["Cardiff"].Families)
	assert.Equal(t, Count{Suppressed: true}, la["Swansea"].Families, "1 family: primary suppression")
	assert.Equal(t, Count{Suppressed: true}, la["Powys"].Families, "2 families: primary suppression")
	assert.Nil(t, la["Swansea"].PerFamily)
	assert.Nil(t, la["Swansea"].PerChild)
	assert.True(t, la["Swansea"].Cost.Suppressed, "the supply cover of the one Swansea school is about one family")

	prisons := map[string]Group{}
	for _, g := range rep.ByPrison {
		prisons[g.Label] = g
	}
	assert.True(t, prisons["HMP Cardiff"].Families.Suppressed, "2 families")
	assert.True(t, prisons["HMP Cardiff"].Cost.Suppressed, "money about 2 families")
	assert.True(t, prisons["HMP Parc"].Cost.Suppressed, "the complement: else total − Parc gives Cardiff")

	require.Len(t, rep.ByPeriod, 2)
	assert.Equal(t, []string{"2024/25-autumn", "2024/25-spring"}, []string{rep.ByPeriod[0].Key, rep.ByPeriod[1].Key})
	require.Len(t, rep.Trend, 2)
	assert.Equal(t, 1, rep.Trend[0].Seq)
	assert.Equal(t, "HMP Parc", rep.Trend[0].PrisonName)
	assert.True(t, rep.Trend[1].Families.Suppressed)
	require.Len(t, rep.Showcases, 2)
	assert.Equal(t, rep.Trend[1].Cost, rep.Showcases[1].Total.Cost, "a showcase's total is its trend row")
	assert.Equal(t, int64(2), rep.Showcases[1].EventID)
}

func TestAggregateTotalSuppressedWhenTiny(t *testing.T) {
	rep := Aggregate([]EventCosts{{PrisonName: "HMP Parc", Date: date(2025, 6, 1), Families: []FamilyRef{fam(1, 0, 2)},
		Lines: []Line{{Category: Refreshments, Bearer: Prison, Estimated: 700}}}})
	assert.True(t, rep.Total.Families.Suppressed)
	assert.True(t, rep.Total.Cost.Suppressed, "the whole cost of a showcase for one family is about that family")
	assert.Nil(t, rep.Total.PerChild)
}

// Every shown figure is the real one: suppression hides, never alters.
func TestAggregateShownMoneyIsExact(t *testing.T) {
	rep := Aggregate(fixtureEvents())
	assert.Equal(t, Pence(56234), rep.Total.Cost.Amount)
	want := map[string]Pence{}
	for _, ev := range fixtureEvents() {
		for _, l := range ev.Lines {
			want[string(l.Category)] += l.Amount()
		}
	}
	cats := map[string]Money{}
	for _, c := range rep.ByCategory {
		cats[c.Key] = c.Cost
		if !c.Cost.Suppressed {
			assert.Equal(t, want[c.Key], c.Cost.Amount, c.Key)
		}
	}
	assert.Equal(t, Money{Suppressed: true}, cats[string(PrisonStaffOnTheDay)], "Cardiff's only line: 2 families")
	assert.True(t, cats[string(Refreshments)].Suppressed, "Parc's refreshments (5 families) are the complement: prison-borne money is shown, and Cardiff's line would be its difference")
	assert.Equal(t, Money{}, cats[string(Printing)], "nothing spent is a shown zero")
}

// The report must carry no personal text. Walk every string in it.
func TestCommissionerReportHasNoPersonalData(t *testing.T) {
	rep := Aggregate(fixtureEvents())
	var strs []string
	collectStrings(reflect.ValueOf(rep), &strs)
	require.NotEmpty(t, strs)
	all := strings.Join(strs, "\n")
	for _, secret := range []string{"Jo Bloggs", "A1234BC", "Mia", "Jones", "Evans", "Smith", "Llanrhidian", "Showcase for", "Cardiff spring", "wings"} {
		assert.NotContains(t, all, secret)
	}
	assert.Contains(t, all, "HMP Parc", "the walk does see strings")
}

func collectStrings(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, v.String())
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			return
		}
		for i := range v.NumField() {
			collectStrings(v.Field(i), out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectStrings(v.Index(i), out)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			collectStrings(v.Elem(), out)
		}
	}
}

func TestPeriods(t *testing.T) {
	for _, tc := range []struct {
		d          time.Time
		term, half string
	}{
		{date(2024, 9, 1), "2024/25-autumn", "2024-H2"},
		{date(2024, 12, 31), "2024/25-autumn", "2024-H2"},
		{date(2025, 1, 1), "2024/25-spring", "2025-H1"},
		{date(2025, 4, 30), "2024/25-spring", "2025-H1"},
		{date(2025, 5, 1), "2024/25-summer", "2025-H1"},
		{date(2025, 8, 31), "2024/25-summer", "2025-H2"},
		{date(2099, 9, 1), "2099/00-autumn", "2099-H2"},
	} {
		assert.Equal(t, tc.term, AcademicTerm(tc.d), tc.d)
		assert.Equal(t, tc.half, HalfYear(tc.d), tc.d)
	}
	rep := AggregateBy(fixtureEvents(), HalfYear)
	require.NotEmpty(t, rep.ByPeriod)
	assert.Equal(t, "2024-H2", rep.ByPeriod[0].Key)
}
