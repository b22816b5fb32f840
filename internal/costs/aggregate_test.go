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
	assert.Equal(t, Pence(56234), rep.Total.Amount)
	assert.Equal(t, Pence(8033), *rep.Total.PerFamily, "56234/7 = 8033.4")

	la := map[string]Group{}
	for _, g := range rep.ByLocalAuthority {
		la[g.Label] = g
	}
	assert.Equal(t, Count{N: 4}, la["Cardiff"].Families, "shown: the two hidden groups sum to 3")
	assert.Equal(t, Count{Suppressed: true}, la["Swansea"].Families, "1 family: primary suppression")
	assert.Equal(t, Count{Suppressed: true}, la["Powys"].Families, "1 family: primary suppression")
	assert.Nil(t, la["Swansea"].PerFamily)
	assert.Nil(t, la["Swansea"].PerChild)
	assert.Equal(t, Pence(20000), la["Swansea"].Amount, "money is not suppressed")
	assert.Equal(t, Count{}, la[""].Families, "unassigned lines, no families: nothing to hide")
	assert.Nil(t, la[""].PerFamily)

	prisons := map[string]Group{}
	for _, g := range rep.ByPrison {
		prisons[g.Label] = g
	}
	// Cardiff has 2 families (primary); Parc 5 would then be total − shown: secondary.
	assert.True(t, prisons["HMP Cardiff"].Families.Suppressed)
	assert.True(t, prisons["HMP Parc"].Families.Suppressed, "secondary suppression stops 7 − 5")

	require.Len(t, rep.ByPeriod, 2)
	assert.Equal(t, []string{"2024/25-autumn", "2024/25-spring"}, []string{rep.ByPeriod[0].Key, rep.ByPeriod[1].Key})
	require.Len(t, rep.Trend, 2)
	assert.Equal(t, 1, rep.Trend[0].Seq)
	assert.Equal(t, "HMP Parc", rep.Trend[0].PrisonName)
	assert.True(t, rep.Trend[1].Families.Suppressed)
	assert.True(t, rep.Trend[0].Families.Suppressed, "secondary in the trend too")
}

func TestSuppressRules(t *testing.T) {
	g := func(ns ...int) []Group {
		out := make([]Group, len(ns))
		for i, n := range ns {
			out[i] = Group{Key: string(rune('a' + i)), Families: Count{N: n}, Children: Count{N: n}, PerFamily: Ptr(1)}
			finish(&out[i])
		}
		return out
	}
	hidden := func(gs []Group) []bool {
		out := make([]bool, len(gs))
		for i, x := range gs {
			out[i] = x.Families.Suppressed
			if x.Families.Suppressed {
				assert.Zero(t, x.Families.N)
				assert.Zero(t, x.Children.N)
				assert.Nil(t, x.PerFamily)
				assert.Nil(t, x.PerChild)
			}
		}
		return out
	}
	for _, tc := range []struct {
		ns   []int
		want []bool
	}{
		{[]int{5, 9, 4}, []bool{false, false, false}},
		{[]int{2, 9, 4}, []bool{true, false, true}},           // one hidden: hide the next smallest
		{[]int{1, 1, 9, 4}, []bool{true, true, false, true}},  // two hidden summing to 2 < 3
		{[]int{1, 2, 9, 4}, []bool{true, true, false, false}}, // sum 3: enough
		{[]int{0, 2, 7}, []bool{false, true, true}},           // empty groups are not sensitive
		{[]int{2}, []bool{true}},                              // nothing left to hide
		{[]int{3, 0}, []bool{false, false}},
	} {
		gs := g(tc.ns...)
		suppress(gs)
		assert.Equal(t, tc.want, hidden(gs), "%v", tc.ns)
	}
}

func TestAggregateTotalSuppressedWhenTiny(t *testing.T) {
	rep := Aggregate([]EventCosts{{PrisonName: "HMP Parc", Date: date(2025, 6, 1), Families: []FamilyRef{fam(1, 0, 2)}}})
	assert.True(t, rep.Total.Families.Suppressed)
	assert.Nil(t, rep.Total.PerChild)
}

func TestAggregateMoneyAddsUp(t *testing.T) {
	rep := Aggregate(fixtureEvents())
	for name, gs := range map[string][]Group{"prison": rep.ByPrison, "la": rep.ByLocalAuthority, "type": rep.BySchoolType, "period": rep.ByPeriod} {
		var sum Pence
		for _, g := range gs {
			sum += g.Amount
		}
		assert.Equal(t, rep.Total.Amount, sum, name)
	}
	var lines, cats Pence
	for _, l := range rep.Lines {
		lines += l.Amount
	}
	for _, c := range rep.ByCategory {
		cats += c.Amount
	}
	assert.Equal(t, rep.Total.Amount, lines)
	assert.Equal(t, rep.Total.Amount, cats)
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
	assert.Equal(t, "2024-H2", rep.ByPeriod[0].Key)
}
