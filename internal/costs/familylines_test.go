package costs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func famLine(cat Category, family, la int64, est Pence) Line {
	return Line{ID: "f", Category: cat, Bearer: Family, FamilyID: family, LocalAuthorityID: la, Estimated: est, Source: Manual}
}

// One family's lost earnings at one prison in one term must not be printed
// to the penny in the commissioner's lines, nor through a local authority.
func TestFamilyBorneLinesAreCoarsenedAndSuppressed(t *testing.T) {
	las := []LocalAuthorityRef{{ID: 10, Name: "Cardiff"}, {ID: 20, Name: "Powys"}}
	ev := func(id int64, prison string, d int, lines ...Line) EventCosts {
		return EventCosts{EventID: id, PrisonID: id, PrisonName: prison, Date: date(2025, 3, d), LocalAuthorities: las,
			Families: []FamilyRef{fam(1, 10, 1), fam(2, 10, 1), fam(3, 20, 1), fam(4, 20, 1)}, Lines: lines}
	}
	// Only schools in LA 10 have lines of their own; LA 20's families must not show.
	school := Line{ID: "s", Category: SupplyCover, Bearer: School, LocalAuthorityID: 10, SchoolType: "primary", Estimated: 20000, Source: Manual}
	for _, tc := range []struct {
		name   string
		events []EventCosts
		// want maps "prison/category" of each family row to whether it is withheld.
		want     map[string]bool
		combined Pence
	}{
		{
			name: "three families travel, one lost pay: the lone hidden row takes the travel row with it",
			events: []EventCosts{ev(1, "HMP Parc", 3, school,
				famLine(FamilyTravel, 1, 10, 1000), famLine(FamilyTravel, 2, 10, 1100), famLine(FamilyTravel, 3, 20, 1200),
				famLine(FamilyLostEarnings, 4, 20, 6400))},
			want:     map[string]bool{"HMP Parc/family_travel": true, "HMP Parc/family_lost_earnings": true},
			combined: 1000 + 1100 + 1200 + 6400,
		},
		{
			name: "two prisons: a lone withheld travel row takes the other travel row with it",
			events: []EventCosts{
				ev(1, "HMP Parc", 3, famLine(FamilyTravel, 1, 10, 1000), famLine(FamilyTravel, 2, 10, 1100), famLine(FamilyTravel, 3, 20, 1200),
					famLine(FamilyLostEarnings, 4, 20, 6400)),
				ev(2, "HMP Cardiff", 4, famLine(FamilyTravel, 1, 10, 900)),
			},
			want:     map[string]bool{"HMP Parc/family_travel": true, "HMP Parc/family_lost_earnings": true, "HMP Cardiff/family_travel": true},
			combined: 1000 + 1100 + 1200 + 6400 + 900,
		},
		{
			name: "two withheld rows in two categories need no more",
			events: []EventCosts{
				ev(1, "HMP Parc", 3, famLine(FamilyTravel, 1, 10, 1000), famLine(FamilyTravel, 2, 10, 1100), famLine(FamilyTravel, 3, 20, 1200),
					famLine(FamilyLostEarnings, 4, 20, 6400)),
				ev(2, "HMP Cardiff", 4, famLine(OtherCategory, 1, 10, 900)),
			},
			want:     map[string]bool{"HMP Parc/family_travel": false, "HMP Parc/family_lost_earnings": true, "HMP Cardiff/other": true},
			combined: 6400 + 900,
		},
		{
			name: "lines borne by families but linked to none count no family",
			events: []EventCosts{ev(1, "HMP Parc", 3, famLine(OtherCategory, 0, 0, 500), famLine(OtherCategory, 0, 0, 700),
				famLine(FamilyTravel, 1, 10, 1000), famLine(FamilyTravel, 2, 10, 1100), famLine(FamilyTravel, 3, 20, 1200))},
			want:     map[string]bool{"HMP Parc/other": true, "HMP Parc/family_travel": true},
			combined: 500 + 700 + 1000 + 1100 + 1200,
		},
		{
			name:   "enough families everywhere: nothing withheld, no combined row",
			events: []EventCosts{ev(1, "HMP Parc", 3, famLine(FamilyTravel, 1, 10, 1000), famLine(FamilyTravel, 2, 10, 1100), famLine(FamilyTravel, 3, 20, 1200))},
			want:   map[string]bool{"HMP Parc/family_travel": false},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := Aggregate(tc.events)
			got := map[string]bool{}
			var combined *AnonLine
			var sum Pence
			for i, l := range rep.Lines {
				sum += l.Amount
				if l.Combined {
					combined = &rep.Lines[i]
					continue
				}
				if l.Bearer != Family {
					continue
				}
				assert.Empty(t, l.LocalAuthority, "family rows are per prison and period only")
				assert.Empty(t, l.SchoolType)
				got[l.PrisonName+"/"+string(l.Category)] = l.Suppressed
				if l.Suppressed {
					assert.Equal(t, Count{Suppressed: true}, l.Families)
					assert.Zero(t, l.Amount)
					assert.Zero(t, l.Estimated)
					assert.Zero(t, l.Lines, "a line count would give the family count back")
				} else {
					assert.GreaterOrEqual(t, l.Families.N, MinFamilies)
				}
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, rep.Total.Amount, sum, "withheld money moves to the combined row, so the rows still add up")
			if tc.combined == 0 {
				assert.Nil(t, combined)
				return
			}
			require.NotNil(t, combined)
			assert.Equal(t, tc.combined, combined.Amount)
			var cats Pence
			for _, c := range rep.ByCategory {
				cats += c.Amount
			}
			assert.Equal(t, rep.Total.Amount, cats, "categories add up")
			last := rep.ByCategory[len(rep.ByCategory)-1]
			assert.Equal(t, FamilyCostsKey, last.Key)
			assert.Equal(t, tc.combined, last.Amount, "withheld family money is one row in the categories too")
			assert.Empty(t, combined.PrisonName+combined.Period+combined.LocalAuthority)

			var familyTotal Pence
			for _, b := range rep.ByBearer {
				if b.Key == string(Family) {
					familyTotal = b.Amount
				}
			}
			for _, gs := range [][]Group{rep.ByLocalAuthority, rep.BySchoolType} {
				var fc Pence
				for _, g := range gs {
					if g.Key == "20" {
						assert.Zero(t, g.Amount, "no family money under a local authority")
					}
					if g.Key == FamilyCostsKey {
						fc = g.Amount
					}
				}
				assert.Equal(t, familyTotal, fc, "family money has its own group")
			}
		})
	}
}
