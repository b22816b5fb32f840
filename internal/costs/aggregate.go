package costs

import (
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
	total := newAcc("", "")
	dims := [4]map[string]*acc{{}, {}, {}, {}} // prison, LA, school type, period
	const byPrison, byLA, byType, byPeriod = 0, 1, 2, 3
	get := func(d int, key, label string) *acc {
		a := dims[d][key]
		if a == nil {
			a = newAcc(key, label)
			dims[d][key] = a
		}
		return a
	}
	var all []Line
	var trend []TrendPoint
	anon := map[AnonLine]*AnonLine{}
	anonFamilies := map[AnonLine]map[int64]bool{}
	for i := range events {
		ev := &events[i]
		per := period(ev.Date)
		whole := []*acc{total, get(byPrison, idKey(ev.PrisonID), ev.PrisonName), get(byPeriod, per, "")}
		for _, a := range whole {
			a.event(i)
		}
		for _, f := range ev.Families {
			for _, a := range whole {
				a.family(f)
			}
			la := get(byLA, idKey(f.LocalAuthorityID), ev.LocalAuthorityName(f.LocalAuthorityID))
			la.family(f)
			la.event(i)
			for _, t := range familyTypes(f) {
				get(byType, t, "").family(f)
				get(byType, t, "").event(i)
			}
		}
		for _, l := range ev.Lines {
			for _, a := range whole {
				a.line(l)
			}
			laKey, laName, typeKey := idKey(l.LocalAuthorityID), ev.LocalAuthorityName(l.LocalAuthorityID), l.SchoolType
			if l.Bearer == Family {
				// A family's own costs are reported per prison and period
				// only: by local authority they could be one family's.
				laKey, laName, typeKey = FamilyCostsKey, "", FamilyCostsKey
			}
			la := get(byLA, laKey, laName)
			st := get(byType, typeKey, "")
			la.line(l)
			st.line(l)
			la.event(i)
			st.event(i)
			key := AnonLine{Period: per, PrisonName: ev.PrisonName, LocalAuthority: laName, SchoolType: l.SchoolType, Category: l.Category, Bearer: l.Bearer}
			if l.Bearer == Family {
				key.LocalAuthority, key.SchoolType = "", ""
				countFamily(anonFamilies, key, l.FamilyID)
			}
			addAnon(anon, key, l)
		}
		all = append(all, ev.Lines...)
		trend = append(trend, trendPoint(ev, per))
	}
	rep := CommissionerReport{
		Events:           len(events),
		Total:            total.group(),
		ByPrison:         groups(dims[byPrison]),
		ByLocalAuthority: groups(dims[byLA]),
		BySchoolType:     groups(dims[byType]),
		ByPeriod:         groups(dims[byPeriod]),
		Trend:            sortTrend(trend),
		Lines:            suppressFamilyLines(sortAnon(anon), anonFamilies),
	}
	if n := rep.Total.Families.N; n > 0 && n < MinFamilies {
		hide(&rep.Total)
	}
	for _, g := range [][]Group{rep.ByPrison, rep.ByLocalAuthority, rep.BySchoolType, rep.ByPeriod} {
		suppress(g)
	}
	suppressTrend(rep.Trend)
	rep.ByCategory, rep.ByBearer = categoryMoney(all, rep.Lines), money(Summarise(all, 0, 0).ByBearer)
	return rep
}

// acc accumulates one group; families are deduplicated by ID.
type acc struct {
	g        Group
	events   map[int]bool
	families map[int64]int
}

func newAcc(key, label string) *acc {
	return &acc{g: Group{Key: key, Label: label}, events: map[int]bool{}, families: map[int64]int{}}
}

func (a *acc) event(i int) { a.events[i] = true }

func (a *acc) family(f FamilyRef) { a.families[f.FamilyID] = f.Children }

func (a *acc) line(l Line) {
	a.g.Estimated += l.Estimated
	a.g.Amount += l.Amount()
	if l.Actual != nil {
		a.g.Actual += *l.Actual
	}
}

func (a *acc) group() Group {
	g := a.g
	g.Events = len(a.events)
	g.Families.N = len(a.families)
	for _, c := range a.families {
		g.Children.N += c
	}
	finish(&g)
	return g
}

func groups(m map[string]*acc) []Group {
	out := make([]Group, 0, len(m))
	for _, a := range m {
		out = append(out, a.group())
	}
	sortGroups(out)
	return out
}

func idKey(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// familyTypes lists a family's distinct school types, or "" when none is
// recorded, so every family lands in exactly one or more type groups.
func familyTypes(f FamilyRef) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range f.SchoolTypes {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

func trendPoint(ev *EventCosts, per string) TrendPoint {
	s := ev.Summary()
	p := TrendPoint{Date: ev.Date, PrisonName: ev.PrisonName, Period: per,
		Families: Count{N: s.Families}, Children: Count{N: s.Children},
		Estimated: s.Total.Estimated, Actual: s.Total.Actual, Amount: s.Total.Amount}
	if s.Families > 0 {
		p.PerFamily = Ptr(s.PerFamily)
	}
	return p
}

func sortTrend(t []TrendPoint) []TrendPoint {
	sort.SliceStable(t, func(i, j int) bool {
		if !t[i].Date.Equal(t[j].Date) {
			return t[i].Date.Before(t[j].Date)
		}
		return t[i].PrisonName < t[j].PrisonName
	})
	for i := range t {
		t[i].Seq = i + 1
	}
	return t
}

func addAnon(m map[AnonLine]*AnonLine, key AnonLine, l Line) {
	a := m[key]
	if a == nil {
		k := key
		a = &k
		m[key] = a
	}
	a.Lines++
	a.Estimated += l.Estimated
	a.Amount += l.Amount()
	if l.Actual != nil {
		a.Actual += *l.Actual
	}
}

func sortAnon(m map[AnonLine]*AnonLine) []AnonLine {
	out := make([]AnonLine, 0, len(m))
	for _, a := range m {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		for _, c := range [][2]string{{a.Period, b.Period}, {a.PrisonName, b.PrisonName}, {a.LocalAuthority, b.LocalAuthority}, {a.SchoolType, b.SchoolType}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		if ca, cb := indexOf(Categories, a.Category), indexOf(Categories, b.Category); ca != cb {
			return ca < cb
		}
		return indexOf(Bearers, a.Bearer) < indexOf(Bearers, b.Bearer)
	})
	return out
}

func money(ts []Total) []MoneyTotal {
	out := make([]MoneyTotal, len(ts))
	for i, t := range ts {
		out[i] = MoneyTotal{Key: t.Key, Lines: t.Lines, Estimated: t.Estimated, Actual: t.Actual, Amount: t.Amount}
	}
	return out
}
