package costs

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/disclosure/sdctest"
)

// attackSeeds is how many random datasets the attack test generates, on
// top of the named scenarios.
const attackSeeds = 250

var attackTerms = []time.Time{date(2024, 10, 10), date(2025, 2, 12), date(2025, 6, 11), date(2025, 11, 5)}

// randomEvents generates showcases at 1–3 prisons over four terms, with a
// pool of families (some at two showcases, some with children at two
// schools) and the lines the estimator and coordinators add: cover and
// travel for each school with a family there, travel and sometimes lost
// earnings for each family, the prison's own costs, a local authority's
// line linked to no school, and now and then family money linked to no
// family.
func randomEvents(rng *rand.Rand) []EventCosts {
	var las []LocalAuthorityRef
	for i := range 1 + rng.IntN(3) {
		las = append(las, LocalAuthorityRef{ID: int64(i + 1), Name: fmt.Sprintf("Council %c", 'A'+i)})
	}
	types := []string{"primary", "secondary", "special", "pru"}
	var schools []SchoolRef
	for i := range 1 + rng.IntN(5) {
		schools = append(schools, SchoolRef{SchoolID: int64(i + 1), Name: fmt.Sprintf("Secret School %d", i+1),
			LocalAuthorityID: las[rng.IntN(len(las))].ID, SchoolType: types[rng.IntN(len(types))]})
	}
	var pool []FamilyRef
	for i := range 2 + rng.IntN(12) {
		f := FamilyRef{FamilyID: int64(100 + i)}
		for range 1 + rng.IntN(2) {
			s := schools[rng.IntN(len(schools))]
			f.Children++
			f.SchoolIDs = append(f.SchoolIDs, s.SchoolID)
			f.SchoolTypes = append(f.SchoolTypes, s.SchoolType)
			if f.LocalAuthorityID == 0 {
				f.LocalAuthorityID = s.LocalAuthorityID
			}
		}
		pool = append(pool, f)
	}
	prisons := 1 + rng.IntN(3)
	var evs []EventCosts
	for e := range 1 + rng.IntN(4) {
		p := 1 + rng.IntN(prisons)
		ev := EventCosts{EventID: int64(e + 1), Title: "Showcase for the Secret family", PrisonID: int64(p), PrisonName: fmt.Sprintf("HMP %d", p),
			Date: attackTerms[rng.IntN(len(attackTerms))].AddDate(0, 0, e), LocalAuthorities: las, Schools: schools}
		for _, i := range rng.Perm(len(pool))[:rng.IntN(min(len(pool), 9))] {
			ev.Families = append(ev.Families, pool[i])
		}
		ev.Lines = generatedLines(rng, ev)
		evs = append(evs, ev)
	}
	return evs
}

func generatedLines(rng *rand.Rand, ev EventCosts) []Line {
	var lines []Line
	add := func(l Line) {
		l.ID, l.Source, l.Description = fmt.Sprint(len(lines)), Manual, "A1234BC"
		l.Estimated = Pence(100 + rng.IntN(20000))
		if rng.IntN(3) == 0 {
			l.Actual = Ptr(l.Estimated + Pence(rng.IntN(500)))
		}
		lines = append(lines, l)
	}
	served := map[int64]bool{}
	for _, f := range ev.Families {
		for _, s := range f.SchoolIDs {
			served[s] = true
		}
		if rng.IntN(5) > 0 {
			add(Line{Category: FamilyTravel, Bearer: Family, FamilyID: f.FamilyID, LocalAuthorityID: f.LocalAuthorityID})
		}
		if rng.IntN(5) == 0 {
			add(Line{Category: FamilyLostEarnings, Bearer: Family, FamilyID: f.FamilyID, LocalAuthorityID: f.LocalAuthorityID})
		}
	}
	for _, s := range ev.Schools {
		if served[s.SchoolID] {
			add(Line{Category: SupplyCover, Bearer: School, SchoolID: s.SchoolID, LocalAuthorityID: s.LocalAuthorityID, SchoolType: s.SchoolType})
			add(Line{Category: TeacherTravel, Bearer: School, SchoolID: s.SchoolID, LocalAuthorityID: s.LocalAuthorityID, SchoolType: s.SchoolType})
		}
	}
	add(Line{Category: Refreshments, Bearer: Prison})
	if rng.IntN(2) == 0 {
		add(Line{Category: PrisonStaffOnTheDay, Bearer: Prison})
	}
	if rng.IntN(4) == 0 {
		add(Line{Category: AwarenessSessions, Bearer: LocalAuthority, LocalAuthorityID: ev.LocalAuthorities[0].ID})
	}
	if rng.IntN(8) == 0 {
		add(Line{Category: OtherCategory, Bearer: Family})
	}
	return lines
}

// attackScenarios are the named datasets: the defects as reported, and a
// prison with a single family in a term.
func attackScenarios() map[string][]EventCosts {
	las := []LocalAuthorityRef{{ID: 1, Name: "Sir Glanfa"}, {ID: 2, Name: "Cyngor Afonwy"}}
	schools := []SchoolRef{
		{SchoolID: 1, Name: "Ysgol Secret", LocalAuthorityID: 1, SchoolType: "primary"},
		{SchoolID: 2, Name: "Secret Secondary", LocalAuthorityID: 1, SchoolType: "secondary"},
		{SchoolID: 3, Name: "Secret PRU", LocalAuthorityID: 2, SchoolType: "pru"},
	}
	family := func(id int64, school int) FamilyRef {
		s := schools[school]
		return FamilyRef{FamilyID: id, LocalAuthorityID: s.LocalAuthorityID, Children: 1, SchoolTypes: []string{s.SchoolType}, SchoolIDs: []int64{s.SchoolID}}
	}
	event := func(id int64, prison int64, d time.Time, fams ...FamilyRef) EventCosts {
		ev := EventCosts{EventID: id, PrisonID: prison, PrisonName: fmt.Sprintf("HMP %d", prison), Date: d, LocalAuthorities: las, Schools: schools, Families: fams}
		rng := rand.New(rand.NewPCG(uint64(id), 7))
		ev.Lines = generatedLines(rng, ev)
		return ev
	}
	glanfa := func() EventCosts {
		return event(1, 1, date(2025, 3, 20), family(1, 0), family(2, 0), family(3, 1), family(4, 1), family(5, 0), family(6, 2), family(7, 1))
	}
	second := event(2, 2, date(2025, 3, 27), family(8, 0))
	second.Lines = []Line{{ID: "le", Category: FamilyLostEarnings, Bearer: Family, FamilyID: 8, LocalAuthorityID: 1, Estimated: 8500, Source: Manual}}
	autumn := event(3, 1, date(2024, 11, 6), family(11, 0), family(12, 0), family(13, 1), family(14, 1), family(15, 0))
	autumn.Lines = slices.DeleteFunc(autumn.Lines, func(l Line) bool { return l.Category == FamilyTravel && l.FamilyID > 12 })
	return map[string][]EventCosts{
		"a second prison with one family and one £85 lost-earnings line": {glanfa(), second},
		"one prison with a single family in a term":                      {glanfa(), event(4, 2, date(2025, 6, 4), family(9, 2))},
		"hidden family travel in the autumn term":                        {glanfa(), autumn},
	}
}

// TestCommissionerOutputsResistLinearAttack publishes each dataset's
// commissioner report (cross-prison and every showcase's) and attacks it:
// an independent reading of what each published row sums, then exact
// rational elimination (sdctest) for every suppressed figure, every
// single line about fewer than 3 families, and each family's own money at
// each showcase. None may be determined.
func TestCommissionerOutputsResistLinearAttack(t *testing.T) {
	start := time.Now()
	datasets := attackScenarios()
	for seed := range attackSeeds {
		datasets[fmt.Sprintf("seed %d", seed)] = randomEvents(rand.New(rand.NewPCG(uint64(seed), 2024)))
	}
	var hidden, shown, targets int
	for name, evs := range datasets {
		extra := figureCounts(evs, name)
		rep, extraHidden := AggregateWith(evs, AcademicTerm, extra)
		cells := publishedCells(t, evs, rep)
		cells = append(cells, extraCells(evs, extra, extraHidden)...)
		var pub, tgt [][]int
		var what []string
		for _, c := range cells {
			if c.hidden {
				hidden++
				tgt, what = append(tgt, c.atoms), append(what, c.name)
			} else {
				shown++
				pub = append(pub, c.atoms)
			}
		}
		sens, sensWhat := sensitiveSets(evs)
		tgt, what = append(tgt, sens...), append(what, sensWhat...)
		classes, classWhat := sensitiveClasses(evs, cells)
		tgt, what = append(tgt, classes...), append(what, classWhat...)
		targets += len(tgt)
		for i, det := range sdctest.Determined(pub, tgt) {
			assert.False(t, det, "%s: %s can be worked out from the published figures", name, what[i])
		}
		for _, c := range cells {
			assert.False(t, c.sensitive && !c.hidden, "%s: %s is about fewer than 3 families but shown", name, c.name)
		}
	}
	t.Logf("%d datasets: %d figures shown, %d suppressed, %d targets attacked, in %v", len(datasets), shown, hidden, targets, time.Since(start).Round(time.Millisecond))
	assert.Positive(t, hidden)
}

// cell is one published figure as the attacker reads it; sensitive is
// the test's own reading of the threshold rule.
type cell struct {
	name      string
	atoms     []int
	hidden    bool
	sensitive bool
}

// atomsOf numbers the attacker's unknowns: every line, then every family.
type atomsOf struct {
	evs    []EventCosts
	line   map[[2]int]int
	family map[int64]int
}

func newAtoms(evs []EventCosts) *atomsOf {
	a := &atomsOf{evs: evs, line: map[[2]int]int{}, family: map[int64]int{}}
	for i, ev := range evs {
		for j := range ev.Lines {
			a.line[[2]int{i, j}] = len(a.line)
		}
	}
	n := len(a.line)
	for _, ev := range evs {
		for _, f := range ev.Families {
			if _, ok := a.family[f.FamilyID]; !ok {
				a.family[f.FamilyID] = n + len(a.family)
			}
		}
	}
	return a
}

func (a *atomsOf) lines(pred func(ev EventCosts, l Line) bool) []int {
	var out []int
	for i, ev := range a.evs {
		for j, l := range ev.Lines {
			if pred(ev, l) {
				out = append(out, a.line[[2]int{i, j}])
			}
		}
	}
	return out
}

func (a *atomsOf) families(pred func(ev EventCosts, f FamilyRef) bool) []int {
	var out []int
	for _, ev := range a.evs {
		for _, f := range ev.Families {
			if pred(ev, f) {
				out = append(out, a.family[f.FamilyID])
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// publishedCells reads every figure of the report back into the sets of
// atoms it sums, from the row labels alone, and checks the rules a reader
// can see: no shown count of 1 or 2, no per-head figure beside a hidden one.
func publishedCells(t *testing.T, evs []EventCosts, rep CommissionerReport) []cell {
	t.Helper()
	a := newAtoms(evs)
	var out []cell
	laName := func(ev EventCosts, id int64) string { return ev.LocalAuthorityName(id) }
	moneyCell := func(name string, hidden bool, pred func(EventCosts, Line) bool) cell {
		fams, familyMoney := map[int64]bool{}, false
		for _, ev := range evs {
			for _, l := range ev.Lines {
				if pred(ev, l) {
					familyMoney = familyMoney || l.Bearer == Family
					for _, f := range aboutFamilies(ev, l) {
						fams[f] = true
					}
				}
			}
		}
		atoms := a.lines(pred)
		return cell{name, atoms, hidden, len(atoms) > 0 && len(fams) < MinFamilies && (len(fams) > 0 || familyMoney)}
	}
	group := func(name string, g Group, inEv func(EventCosts) bool, line func(EventCosts, Line) bool, fam func(EventCosts, FamilyRef) bool) {
		fams := a.families(func(ev EventCosts, f FamilyRef) bool { return inEv(ev) && fam(ev, f) })
		out = append(out,
			moneyCell(name+" cost", g.Cost.Suppressed, func(ev EventCosts, l Line) bool { return inEv(ev) && line(ev, l) }),
			cell{name + " families", fams, g.Families.Suppressed, len(fams) > 0 && len(fams) < MinFamilies})
		assert.Equal(t, g.Families.Suppressed, g.Children.Suppressed, name)
		if !g.Families.Suppressed {
			assert.False(t, g.Families.N == 1 || g.Families.N == 2, "%s shows %d families", name, g.Families.N)
		}
		if g.Families.Suppressed || g.Cost.Suppressed {
			assert.Nil(t, g.PerFamily, name)
			assert.Nil(t, g.PerChild, name)
		}
	}
	money := func(name string, m Money, inEv func(EventCosts) bool, line func(EventCosts, Line) bool) {
		out = append(out, moneyCell(name, m.Suppressed, func(ev EventCosts, l Line) bool { return inEv(ev) && line(ev, l) }))
	}
	all := func(EventCosts) bool { return true }
	anyLine := func(EventCosts, Line) bool { return true }
	anyFamily := func(EventCosts, FamilyRef) bool { return true }
	byEvent := map[int64]EventCosts{}
	for _, ev := range evs {
		byEvent[ev.EventID] = ev
	}

	// breakdowns is shared by the cross-prison report and each showcase's.
	breakdowns := func(prefix string, inEv func(EventCosts) bool, cats, bearers []MoneyTotal, las, types []Group) {
		for _, c := range cats {
			money(prefix+"category "+c.Key, c.Cost, inEv, func(_ EventCosts, l Line) bool { return string(l.Category) == c.Key })
		}
		for _, b := range bearers {
			money(prefix+"bearer "+b.Key, b.Cost, inEv, func(_ EventCosts, l Line) bool { return string(l.Bearer) == b.Key })
		}
		for _, g := range las {
			group(prefix+"LA "+g.Label, g, inEv,
				func(ev EventCosts, l Line) bool { return laName(ev, l.LocalAuthorityID) == g.Label },
				func(ev EventCosts, f FamilyRef) bool { return laName(ev, f.LocalAuthorityID) == g.Label })
		}
		for _, g := range types {
			group(prefix+"type "+g.Key, g, inEv,
				func(_ EventCosts, l Line) bool { return l.SchoolType == g.Key },
				func(_ EventCosts, f FamilyRef) bool {
					return slices.Contains(f.SchoolTypes, g.Key) || (g.Key == "" && len(f.SchoolTypes) == 0)
				})
		}
	}
	group("total", rep.Total, all, anyLine, anyFamily)
	breakdowns("", all, rep.ByCategory, rep.ByBearer, rep.ByLocalAuthority, rep.BySchoolType)
	for _, g := range rep.ByPrison {
		group("prison "+g.Label, g, func(ev EventCosts) bool { return ev.PrisonName == g.Label }, anyLine, anyFamily)
	}
	for _, g := range rep.ByPeriod {
		group("period "+g.Key, g, func(ev EventCosts) bool { return AcademicTerm(ev.Date) == g.Key }, anyLine, anyFamily)
	}
	require.Len(t, rep.Trend, len(evs))
	for i, p := range rep.Trend {
		id := rep.Showcases[i].EventID
		g := Group{Families: p.Families, Children: p.Children, Cost: p.Cost, PerFamily: p.PerFamily}
		group(fmt.Sprintf("trend %d", p.Seq), g, func(ev EventCosts) bool { return ev.EventID == id }, anyLine, anyFamily)
	}
	for _, l := range rep.Lines {
		money(fmt.Sprintf("line row %+v", l), l.Cost, func(ev EventCosts) bool { return AcademicTerm(ev.Date) == l.Period && ev.PrisonName == l.PrisonName },
			func(ev EventCosts, x Line) bool {
				la, typ := laName(ev, x.LocalAuthorityID), x.SchoolType
				if x.Bearer == Family {
					la, typ = "", ""
				}
				return la == l.LocalAuthority && typ == l.SchoolType && x.Category == l.Category && x.Bearer == l.Bearer
			})
	}
	for _, s := range rep.Showcases {
		id := s.EventID
		inEv := func(ev EventCosts) bool { return ev.EventID == id }
		group(fmt.Sprintf("showcase %d total", s.Seq), s.Total, inEv, anyLine, anyFamily)
		breakdowns(fmt.Sprintf("showcase %d ", s.Seq), inEv, s.ByCategory, s.ByBearer, s.ByLocalAuthority, s.BySchoolType)
	}
	return out
}

// sensitiveSets are figures never published that must not be worked out
// either: each line about fewer than 3 families (one family's travel, a
// teacher's cover at a school with one or two of the families), and what
// each family paid itself at each showcase (travel and lost earnings).
func sensitiveSets(evs []EventCosts) (sets [][]int, what []string) {
	a := newAtoms(evs)
	across := map[int64][]int{}
	defer func() {
		for f, atoms := range across {
			sets, what = append(sets, atoms), append(what, fmt.Sprintf("family %d's own money at every showcase", f))
		}
	}()
	for i, ev := range evs {
		perSchool := map[int64]int{}
		for _, f := range ev.Families {
			for _, s := range slices.Compact(slices.Sorted(slices.Values(f.SchoolIDs))) {
				perSchool[s]++
			}
		}
		own := map[int64][]int{}
		for j, l := range ev.Lines {
			atom := a.line[[2]int{i, j}]
			if l.Bearer == Family || (l.SchoolID != 0 && perSchool[l.SchoolID] > 0 && perSchool[l.SchoolID] < MinFamilies) {
				sets, what = append(sets, []int{atom}), append(what, fmt.Sprintf("showcase %d line %s (%s)", ev.EventID, l.ID, l.Category))
			}
			if l.Bearer == Family && l.FamilyID != 0 {
				own[l.FamilyID] = append(own[l.FamilyID], atom)
			}
		}
		for f, atoms := range own {
			across[f] = append(across[f], atoms...)
			if len(atoms) > 1 {
				sets, what = append(sets, atoms), append(what, fmt.Sprintf("showcase %d family %d's own money (%d lines)", ev.EventID, f, len(atoms)))
			}
		}
	}
	return sets, what
}

// aboutFamilies is the test's reading of which families a line is about:
// its family; else the families at the showcase with a child at its
// school; else those in its local authority; else everyone there.
func aboutFamilies(ev EventCosts, l Line) []int64 {
	if l.FamilyID != 0 {
		return []int64{l.FamilyID}
	}
	if l.Bearer == Family {
		return nil
	}
	var out []int64
	for _, f := range ev.Families {
		if (l.SchoolID != 0 && slices.Contains(f.SchoolIDs, l.SchoolID)) ||
			(l.SchoolID == 0 && (l.LocalAuthorityID == 0 || l.LocalAuthorityID == f.LocalAuthorityID)) {
			out = append(out, f.FamilyID)
		}
	}
	return out
}

// TestCommissionerSuppressionIsMinimal checks there is no over-suppression:
// every figure hidden although it is about 3 or more families must be
// needed, in that publishing it alone would let a protected figure be
// worked out. It runs on the named scenarios and every fifth seed, since
// each hidden figure costs one more elimination.
func TestCommissionerSuppressionIsMinimal(t *testing.T) {
	datasets := attackScenarios()
	for seed := 0; seed < attackSeeds; seed += 5 {
		datasets[fmt.Sprintf("seed %d", seed)] = randomEvents(rand.New(rand.NewPCG(uint64(seed), 2024)))
	}
	complements := 0
	for name, evs := range datasets {
		rep := Aggregate(evs)
		cells := publishedCells(t, evs, rep)
		var pub, hidden [][]int
		for _, c := range cells {
			if c.hidden {
				hidden = append(hidden, c.atoms)
			} else {
				pub = append(pub, c.atoms)
			}
		}
		sens, _ := sensitiveSets(evs)
		classes, _ := sensitiveClasses(evs, cells)
		sens = append(sens, classes...)
		for _, c := range cells {
			if !c.hidden || c.sensitive || len(c.atoms) == 0 {
				continue
			}
			complements++
			det := sdctest.Determined(append(slices.Clone(pub), c.atoms), append(slices.Clone(hidden), sens...))
			needed := false
			for i, d := range det {
				needed = needed || (d && (i >= len(hidden) || !slices.Equal(hidden[i], c.atoms)))
			}
			assert.True(t, needed, "%s: %s is hidden but publishing it would reveal nothing", name, c.name)
		}
	}
	t.Logf("%d datasets, %d complements each shown to be needed", len(datasets), complements)
	assert.Positive(t, complements)
}

// sensitiveClasses are the sets of atoms that no row tells apart (the
// tables' interior cells: say, the families from one local authority at
// one prison with children at one type of school) that hold fewer than 3
// families. Nothing published may pin one down.
func sensitiveClasses(evs []EventCosts, cells []cell) (sets [][]int, what []string) {
	a := newAtoms(evs)
	sig := map[int][]int{}
	for i, c := range cells {
		for _, x := range c.atoms {
			sig[x] = append(sig[x], i)
		}
	}
	byKey := map[string][]int{}
	var keys []string
	for x := range len(a.line) + len(a.family) {
		if len(sig[x]) == 0 {
			continue
		}
		k := fmt.Sprint(sig[x])
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], x)
	}
	about := map[int][]int64{} // atom → families
	familyMoney := map[int]bool{}
	for i, ev := range evs {
		for j, l := range ev.Lines {
			x := a.line[[2]int{i, j}]
			about[x], familyMoney[x] = aboutFamilies(ev, l), l.Bearer == Family
		}
	}
	for f, x := range a.family {
		about[x] = []int64{f}
	}
	for _, k := range keys {
		fams, fm := map[int64]bool{}, false
		for _, x := range byKey[k] {
			fm = fm || familyMoney[x]
			for _, f := range about[x] {
				fams[f] = true
			}
		}
		if len(fams) < MinFamilies && (len(fams) > 0 || fm) {
			sets, what = append(sets, byKey[k]), append(what, fmt.Sprintf("interior cell of %d families, atoms %v", len(fams), byKey[k]))
		}
	}
	return sets, what
}

// figureCounts stands in for the figures page: every family at a showcase
// and two who are not, counted by a made-up stage and by local authority,
// with no total, as that page counts them.
func figureCounts(evs []EventCosts, name string) [][]int64 {
	seen := map[int64]bool{}
	var ids []int64
	la := map[int64]int64{}
	for _, ev := range evs {
		for _, f := range ev.Families {
			if !seen[f.FamilyID] {
				seen[f.FamilyID] = true
				ids = append(ids, f.FamilyID)
				la[f.FamilyID] = f.LocalAuthorityID
			}
		}
	}
	ids = append(ids, 9001, 9002)
	rng := rand.New(rand.NewPCG(uint64(len(name)), uint64(len(ids))))
	stages, las := make([][]int64, 3), map[int64][]int64{}
	for _, id := range ids {
		s := rng.IntN(3)
		stages[s] = append(stages[s], id)
		las[la[id]] = append(las[la[id]], id)
	}
	out := stages
	for l := range int64(4) {
		if len(las[l]) > 0 {
			out = append(out, las[l])
		}
	}
	return out
}

// extraCells are the figure counts as the attacker reads them. Families
// not at any showcase get atoms after every other.
func extraCells(evs []EventCosts, counts [][]int64, hidden []bool) []cell {
	a := newAtoms(evs)
	next := len(a.line) + len(a.family)
	var out []cell
	for i, ids := range counts {
		var atoms []int
		for _, id := range ids {
			x, ok := a.family[id]
			if !ok {
				x = next + int(id%100)
			}
			atoms = append(atoms, x)
		}
		slices.Sort(atoms)
		out = append(out, cell{fmt.Sprintf("figure count %d", i), atoms, hidden[i], len(ids) > 0 && len(ids) < MinFamilies})
	}
	return out
}
