package costs

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
)

// Aggregate builds the commissioner report over many showcases, with
// periods as academic terms.
func Aggregate(events []EventCosts) CommissionerReport { return AggregateBy(events, AcademicTerm) }

// AggregateBy is Aggregate with a chosen period, e.g. HalfYear. Families are
// counted once per group by FamilyID, so a family at two showcases in a
// term is one family in that term but appears in both events' trend points.
func AggregateBy(events []EventCosts, period PeriodFunc) CommissionerReport {
	rep, _ := AggregateWith(events, period, nil)
	return rep
}

// AggregateWith is AggregateBy protected together with other published
// counts of families, each given as the IDs of the families it counts
// (the commissioner's figures by stage, local authority and school type).
// It reports which of those counts must be hidden. Whoever shows the
// commissioner any of these tables must build them all with the same call,
// so every page hides the same cells and none can be set against another.
func AggregateWith(events []EventCosts, period PeriodFunc, counts [][]int64) (CommissionerReport, []bool) {
	b := newProtector()
	extra := make([]*acc, len(counts))
	for i, ids := range counts {
		extra[i] = b.acc("", "")
		for _, id := range ids {
			extra[i].family(-1, b.family(id), FamilyRef{FamilyID: id})
		}
	}
	total := b.acc("", "")
	cats, bearers := fixedAccs(b, Categories), fixedAccs(b, Bearers)
	prisons, las, types, periods := newAccs(b), newAccs(b), newAccs(b), newAccs(b)
	lines := map[AnonLine]*acc{}
	trend := make([]*acc, len(events))
	shows := make([]showcaseAccs, len(events))
	for i := range events {
		ev := &events[i]
		per := period(ev.Date)
		trend[i] = b.acc("", ev.PrisonName)
		shows[i] = showcaseAccs{cats: fixedAccs(b, Categories), bearers: fixedAccs(b, Bearers), las: newAccs(b), types: newAccs(b)}
		sh := &shows[i]
		whole := []*acc{total, prisons.get(idKey(ev.PrisonID), ev.PrisonName), periods.get(per, ""), trend[i]}
		for _, f := range ev.Families {
			atom := b.family(f.FamilyID)
			laKey, laName := idKey(f.LocalAuthorityID), ev.LocalAuthorityName(f.LocalAuthorityID)
			groups := append(slices.Clone(whole), las.get(laKey, laName), sh.las.get(laKey, laName))
			for _, t := range familyTypes(f) {
				groups = append(groups, types.get(t, ""), sh.types.get(t, ""))
			}
			for _, a := range groups {
				a.family(i, atom, f)
			}
		}
		for _, l := range ev.Lines {
			atom := b.line(i, ev, l)
			laKey, laName := idKey(l.LocalAuthorityID), ev.LocalAuthorityName(l.LocalAuthorityID)
			key := AnonLine{Period: per, PrisonName: ev.PrisonName, LocalAuthority: laName, SchoolType: l.SchoolType, Category: l.Category, Bearer: l.Bearer}
			if l.Bearer == Family {
				key.LocalAuthority, key.SchoolType = "", ""
			}
			if lines[key] == nil {
				lines[key] = b.acc("", "")
			}
			groups := append(slices.Clone(whole), cats.get(string(l.Category), ""), bearers.get(string(l.Bearer), ""),
				las.get(laKey, laName), types.get(l.SchoolType, ""), lines[key],
				sh.cats.get(string(l.Category), ""), sh.bearers.get(string(l.Bearer), ""), sh.las.get(laKey, laName), sh.types.get(l.SchoolType, ""))
			for _, a := range groups {
				a.line(i, atom, l)
			}
		}
	}

	b.protect()
	rep := CommissionerReport{
		Events:           len(events),
		Total:            b.group(total),
		ByCategory:       b.money(cats.fixed()),
		ByBearer:         b.money(bearers.fixed()),
		ByPrison:         b.groups(prisons.sorted()),
		ByLocalAuthority: b.groups(las.sorted()),
		BySchoolType:     b.groups(types.sorted()),
		ByPeriod:         b.groups(periods.sorted()),
		Lines:            b.anonLines(lines),
	}
	order := make([]int, len(events))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, c := events[order[x]], events[order[y]]
		if !a.Date.Equal(c.Date) {
			return a.Date.Before(c.Date)
		}
		return a.PrisonName < c.PrisonName
	})
	rep.Trend = make([]TrendPoint, len(events))
	rep.Showcases = make([]ShowcaseReport, len(events))
	for seq, i := range order {
		ev, sh := &events[i], &shows[i]
		rep.Showcases[seq] = ShowcaseReport{EventID: ev.EventID, Seq: seq + 1, Date: ev.Date, PrisonName: ev.PrisonName, Period: period(ev.Date),
			Total: b.group(trend[i]), ByCategory: b.money(sh.cats.fixed()), ByBearer: b.money(sh.bearers.fixed()),
			ByLocalAuthority: b.groups(sh.las.sorted()), BySchoolType: b.groups(sh.types.sorted())}
	}
	for seq := range rep.Showcases {
		s := &rep.Showcases[seq]
		rep.Trend[seq] = TrendPoint{Seq: s.Seq, Date: s.Date, PrisonName: s.PrisonName, Period: s.Period,
			Families: s.Total.Families, Children: s.Total.Children, Cost: s.Total.Cost, PerFamily: s.Total.PerFamily}
	}
	hidden := make([]bool, len(extra))
	for i, a := range extra {
		hidden[i] = b.status[a.countCell].Hidden()
	}
	return rep, hidden
}

// showcaseAccs are one showcase's breakdowns; its total is its trend point.
type showcaseAccs struct{ cats, bearers, las, types *accs }

// acc accumulates one group: its money and the atoms behind it, and once
// registered, the disclosure cells of its money and its family count.
type acc struct {
	key, label string
	events     map[int]bool
	lines      []int         // line atoms
	families   map[int64]int // family ID → children
	famAtoms   []int
	amount     Pence
	moneyCell  int
	countCell  int
}

func (a *acc) family(event, atom int, f FamilyRef) {
	a.events[event] = true
	if _, ok := a.families[f.FamilyID]; !ok {
		a.famAtoms = append(a.famAtoms, atom)
	}
	a.families[f.FamilyID] = f.Children
}

func (a *acc) line(event, atom int, l Line) {
	a.events[event] = true
	a.lines = append(a.lines, atom)
	a.amount += l.Amount()
}

// accs is a keyed set of groups; fixed ones keep their order and zeros.
type accs struct {
	b      *protector
	m      map[string]*acc
	order  []string
	nfixed int
}

func newAccs(b *protector) *accs { return &accs{b: b, m: map[string]*acc{}} }

func fixedAccs[K ~string](b *protector, keys []K) *accs {
	s := newAccs(b)
	for _, k := range keys {
		s.get(string(k), "")
	}
	s.nfixed = len(keys)
	return s
}

func (s *accs) get(key, label string) *acc {
	a := s.m[key]
	if a == nil {
		a = s.b.acc(key, label)
		s.m[key] = a
		s.order = append(s.order, key)
	}
	return a
}

// fixed lists the groups in insertion order: the fixed keys first, then
// any unknown ones found in the data, sorted.
func (s *accs) fixed() []*acc {
	out := make([]*acc, len(s.order))
	for i, k := range s.order {
		out[i] = s.m[k]
	}
	tail := out[s.nfixed:]
	slices.SortFunc(tail, func(a, b *acc) int { return cmp.Compare(a.key, b.key) })
	return out
}

// sorted lists named groups by label then key, and the "none" group last.
func (s *accs) sorted() []*acc {
	out := s.fixed()
	slices.SortStableFunc(out, func(a, b *acc) int {
		if (a.key == "") != (b.key == "") {
			if a.key == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.label, b.label), cmp.Compare(a.key, b.key))
	})
	return out
}

func idKey(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// familyTypes lists a family's distinct school types, or "" when none is
// recorded, so every family lands in one or more type groups.
func familyTypes(f FamilyRef) []string {
	out := slices.Compact(slices.Sorted(slices.Values(f.SchoolTypes)))
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

func (b *protector) anonLines(m map[AnonLine]*acc) []AnonLine {
	keys := make([]AnonLine, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, c := keys[i], keys[j]
		for _, p := range [][2]string{{a.Period, c.Period}, {a.PrisonName, c.PrisonName}, {a.LocalAuthority, c.LocalAuthority}, {a.SchoolType, c.SchoolType}} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		if ca, cb := indexOf(Categories, a.Category), indexOf(Categories, c.Category); ca != cb {
			return ca < cb
		}
		return indexOf(Bearers, a.Bearer) < indexOf(Bearers, c.Bearer)
	})
	out := make([]AnonLine, len(keys))
	for i, k := range keys {
		out[i] = k
		out[i].Cost = b.cost(m[k])
	}
	return out
}
