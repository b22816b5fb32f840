package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// perPrison is a national roll-out's shape: two showcases a year of about
// twenty families each at every prison.
const perPrison = 40

// LoadScaled loads the demo and then grows it to n families for measuring:
// more invented prisons ("HMP Demo 001" and so on), each with a visits
// hall, two showcases and perPrison families that replay the demo's
// caseload (so every stage is there in the demo's proportions) under names
// drawn from seed. The same seed and n give the same records. Like the
// demo it goes through the store's public API and the domain's Decide
// functions, so it only makes states a coordinator could reach.
func LoadScaled(ctx context.Context, s *store.Store, now time.Time, n int, seed uint64) (Logins, error) {
	logins, err := Load(ctx, s, now)
	if err != nil {
		return nil, err
	}
	base, err := s.Prisons(ctx, domain.Unrestricted)
	if err != nil || len(base) != 1 {
		return nil, fmt.Errorf("demo: find the demo prison: %v", err)
	}
	l, err := reloader(ctx, s, now)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5c001))
	made := len(families)
	for p := 1; made < n; p++ {
		pl, err := l.addPrison(ctx, p)
		if err != nil {
			return nil, err
		}
		for i := 0; i < perPrison && made < n; i, made = i+1, made+1 {
			f := renamed(families[made%len(families)], rng)
			if err := pl.family(ctx, made, f); err != nil {
				return nil, fmt.Errorf("demo: family %d: %w", made+1, err)
			}
		}
		events, err := s.Events(ctx, domain.Scope{Prisons: []int64{pl.prisonID}})
		if err != nil || len(events) == 0 {
			return nil, fmt.Errorf("demo: find showcase at prison %d: %v", p, err)
		}
		if err := AllocateDemo(ctx, s, events[0].ID); err != nil {
			return nil, err
		}
	}
	return logins, nil
}

// reloader rebuilds the loader's lookups (actors, schools, teachers) from a
// database Load has just filled.
func reloader(ctx context.Context, s *store.Store, now time.Time) (*loader, error) {
	uk, err := time.LoadLocation("Europe/London")
	if err != nil {
		return nil, fmt.Errorf("demo: time zone: %w", err)
	}
	l := &loader{s: s, now: now.In(uk), loc: uk, schools: map[string]int64{}, teachers: map[string]int64{}, las: map[string]int64{}}
	for _, u := range demoUsers {
		got, err := s.UserByEmail(ctx, u.Email)
		if err != nil {
			return nil, fmt.Errorf("demo: look up %s: %w", u.Role, err)
		}
		a := domain.Actor{ID: got.ID, Name: got.Name, Role: got.Role}
		switch u.Role {
		case domain.RoleCoordinator:
			l.coord = a
		case domain.RolePrisonStaff:
			l.officer = a
		}
	}
	all, err := s.Teachers(ctx, 0)
	if err != nil {
		return nil, err
	}
	byName := map[string]domain.Teacher{}
	for _, t := range all {
		byName[t.Name] = t
	}
	for _, sp := range schools {
		for _, t := range sp.staff {
			got, ok := byName[t.name]
			if !ok {
				return nil, fmt.Errorf("demo: teacher %s missing", t.key)
			}
			l.teachers[t.key] = got.ID
			l.schools[sp.key] = got.SchoolID
		}
	}
	return l, nil
}

// addPrison adds invented prison number p with its hall and two showcases,
// and returns a loader that works there. The demo's coordinator adds it, so
// they belong to every prison; the officer is given the new prison's scope
// to record its clearance decisions, as an officer there would.
func (l *loader) addPrison(ctx context.Context, p int) (*loader, error) {
	id, err := l.s.CreatePrison(ctx, l.coord, domain.Prison{
		Name: fmt.Sprintf("HMP Demo %03d", p), Address: fmt.Sprintf("Demo Road %d, Glanfa", p),
		Phone: fmt.Sprintf("01632 96%04d", 1000+p%9000), Email: fmt.Sprintf("family.services@demo%03d.example", p),
	})
	if err != nil {
		return nil, fmt.Errorf("demo: prison %d: %w", p, err)
	}
	pl := *l
	pl.prisonID = id
	pl.coord.Scope = domain.Scope{Prisons: []int64{id}}
	pl.officer.Scope = domain.Scope{Prisons: []int64{id}, FromClearance: true}
	tables, adjacent := hall()
	if err := l.s.SetHall(ctx, pl.coord, id, tables, adjacent); err != nil {
		return nil, fmt.Errorf("demo: visits hall at prison %d: %w", p, err)
	}
	for _, days := range []int{21 + p%30, 120 + p%30} {
		d := l.now.AddDate(0, 0, days)
		start := time.Date(d.Year(), d.Month(), d.Day(), 14, 0, 0, 0, l.loc)
		if _, err := l.s.CreateEvent(ctx, pl.coord, domain.Event{PrisonID: id, Title: "Showcase " + start.Format("January 2006"),
			StartsAt: start, SlotMinutes: 10, Slots: 12, ArrivalMinutes: 45}); err != nil {
			return nil, fmt.Errorf("demo: showcase at prison %d: %w", p, err)
		}
	}
	return &pl, nil
}

var (
	firstNames = []string{"Aled", "Bethan", "Ceri", "Dylan", "Eleri", "Ffion", "Gareth", "Hywel", "Ioan", "Jac", "Kelly", "Lowri",
		"Megan", "Nia", "Osian", "Rhys", "Seren", "Tomos", "Zara", "Amir", "Chloe", "Daniel", "Emma", "Harry", "Isla", "Jack",
		"Leah", "Mohammed", "Noah", "Olivia", "Priya", "Sam", "Tyler", "Wiktor", "Yusuf"}
	surnames = []string{"Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Lewis", "Hughes", "Morgan", "Griffiths",
		"Edwards", "Rees", "Jenkins", "Owen", "Price", "Moss", "Ahmed", "Kowalski", "Begum", "Okafor", "Singh", "Walsh"}
)

// renamed is a copy of f with invented names and a new prison number, the
// children renamed apart so each stays unique in its family.
func renamed(f familySpec, rng *rand.Rand) familySpec {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	family := pick(surnames)
	f.parent = pick(firstNames) + " " + family
	f.number = fmt.Sprintf("A%04d%c%c", rng.IntN(10000), 'A'+rune(rng.IntN(26)), 'A'+rune(rng.IntN(26)))
	f.carer.Name = pick(firstNames) + " " + family
	if f.carer.Email != "" {
		f.carer.Email = fmt.Sprintf("carer%d@example.org", rng.IntN(1_000_000))
	}
	if f.source == "carer" {
		f.referrer = f.carer.Name
	}
	kids := make([]childSpec, len(f.children))
	seen := map[string]bool{}
	for i, c := range f.children {
		c.first = pick(firstNames)
		for seen[c.first] {
			c.first += "-" + pick(firstNames)
		}
		seen[c.first] = true
		c.last = family
		kids[i] = c
	}
	f.children = kids
	return f
}
