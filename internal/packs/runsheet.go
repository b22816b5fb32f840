package packs

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RunSheet is the prison staff's plan of the day. It is the one document
// with adults' full names for the ID check and the parents' prison numbers,
// and it is marked OFFICIAL-SENSITIVE on every page. Children appear only as
// counts and ages: staff need numbers, not names.
type RunSheet struct {
	Event     Event
	Tables    []Table
	Slots     []Slot
	Bookings  []Booking
	Visitors  []Visitor  // adults coming through the gate
	Residents []Resident // parents in custody brought to the hall
	Children  []FamilyChildren
	Staff     []Staff
}

// Table is a table in the visits hall, placed on a grid for the floor plan.
type Table struct {
	Number   int
	Col, Row int // 0-based grid position, row 0 nearest the entrance
	Quiet    bool
	StepFree bool
}

// Slot is one round of meetings.
type Slot struct{ Start, End time.Time }

// Booking puts a family and their teachers at a table for one slot.
type Booking struct {
	Slot      int // index into RunSheet.Slots
	Table     int // Table.Number
	FamilyRef string
	Teachers  []BookedTeacher
}

// BookedTeacher names a teacher by reference only: not by name (the gate
// list has their names), and not by school, because a school's name or
// type (a pupil referral unit, a special school, education otherwise than
// at school) says something about the child the teacher comes for.
type BookedTeacher struct{ Ref string }

// Role is why an adult is at the event.
type Role string

const (
	RoleCarer        Role = "carer"
	RoleFamily       Role = "family"
	RoleTeacher      Role = "teacher"
	RoleSocialWorker Role = "social_worker"
	RoleSupport      Role = "support"
	RoleCoordinator  Role = "coordinator"
)

var roles = []Role{RoleCarer, RoleFamily, RoleTeacher, RoleSocialWorker, RoleSupport, RoleCoordinator}

// Visitor is an adult whose photo ID is checked at the gate. Table is 0 for
// people who move between tables.
type Visitor struct {
	Name      string
	Role      Role
	FamilyRef string
	Table     int
	Diet      string // free text such as "Vegetarian"; empty for none
}

// Resident is a parent in custody taking part.
type Resident struct {
	Name         string
	PrisonNumber string
	FamilyRef    string
	Table        int
	Diet         string
}

// FamilyChildren counts one family's children for the hall and catering.
type FamilyChildren struct {
	FamilyRef string
	Table     int
	Children  []Child
}

// Child is a child at the event, without a name.
type Child struct {
	Age  int
	Diet string
}

// Staff is someone on duty at the event. Post and Duty are as typed, or
// PostID and DutyID name catalogue messages, which the sheet gives in each
// of its languages.
type Staff struct {
	Name, Post, Duty string
	PostID, DutyID   string
	From, To         time.Time
}

func (rs RunSheet) validate() error {
	if _, err := Filename(KindRunSheet, rs.Event.Ref, English); err != nil {
		return err
	}
	if err := rs.Event.validate(); err != nil {
		return err
	}
	tables := map[int]bool{}
	for _, t := range rs.Tables {
		if tables[t.Number] {
			return fmt.Errorf("table %d is listed twice", t.Number)
		}
		tables[t.Number] = true
	}
	seen := map[[2]int]string{}
	for _, b := range rs.Bookings {
		if b.Slot < 0 || b.Slot >= len(rs.Slots) {
			return fmt.Errorf("family %s: slot %d does not exist", b.FamilyRef, b.Slot)
		}
		if !tables[b.Table] {
			return fmt.Errorf("family %s: table %d is not on the floor plan", b.FamilyRef, b.Table)
		}
		k := [2]int{b.Slot, b.Table}
		if other, ok := seen[k]; ok {
			return fmt.Errorf("table %d in slot %d is booked for both %s and %s", b.Table, b.Slot+1, other, b.FamilyRef)
		}
		seen[k] = b.FamilyRef
	}
	for _, v := range rs.Visitors {
		if !slices.Contains(roles, v.Role) {
			return fmt.Errorf("visitor %s: unknown role %q", v.FamilyRef, v.Role)
		}
	}
	return nil
}

// WriteRunSheet writes the prison staff's run sheet as a PDF.
func WriteRunSheet(w io.Writer, rs RunSheet, opt Options) error {
	if err := rs.validate(); err != nil {
		return fmt.Errorf("packs: run sheet: %w", err)
	}
	d, err := newDoc(opt, docSpec{orientation: "P", title: "packs.run.title", footer: "packs.run.footer",
		marking: "packs.run.marking", data: map[string]any{"Ref": rs.Event.Ref}})
	if err != nil {
		return err
	}
	d.passes(func() { d.runSheet(rs) })
	return d.finish(w, "run sheet "+rs.Event.Ref)
}

func (d *doc) runSheet(rs RunSheet) {
	ev := rs.Event
	d.title(d.kicker(ev), d.m("packs.run.title"))
	d.eventSummary(ev,
		row{d.m("packs.run.event_ref"), lit(ev.Ref)},
		row{d.m("packs.label.event_times"), d.span(ev.Start, ev.End)})

	d.heading(d.m("packs.run.floor.heading"))
	d.floorPlan(rs.Tables, rs.Bookings)
	d.para(d.m("packs.run.floor.legend"))

	d.heading(d.m("packs.run.timetable.heading"))
	d.runTimetable(rs)

	d.heading(d.m("packs.run.gate.heading"))
	d.para(d.m("packs.run.gate.intro"))
	var gate [][]msg
	for _, v := range sortedBy(rs.Visitors, func(v Visitor) string { return v.Name }) {
		gate = append(gate, []msg{lit(v.Name), d.m("packs.role." + string(v.Role)), lit(v.FamilyRef), tableNo(v.Table), lit("")})
	}
	d.table([]column{
		{d.m("packs.label.name"), 3.2}, {d.m("packs.run.gate.role"), 2.3}, {d.m("packs.label.family"), 2},
		{d.m("packs.label.table"), 1}, {d.m("packs.run.gate.checked"), 1.5},
	}, gate)

	d.heading(d.m("packs.run.residents.heading"))
	var res [][]msg
	for _, r := range sortedBy(rs.Residents, func(r Resident) string { return r.Name }) {
		res = append(res, []msg{lit(r.Name), lit(r.PrisonNumber), lit(r.FamilyRef), tableNo(r.Table)})
	}
	d.table([]column{
		{d.m("packs.label.name"), 3.2}, {d.m("packs.run.residents.number"), 2}, {d.m("packs.label.family"), 2},
		{d.m("packs.label.table"), 1},
	}, res)

	d.heading(d.m("packs.run.children.heading"))
	d.childrenTable(rs.Children)

	d.heading(d.m("packs.run.catering.heading"))
	d.cateringTables(cateringFor(rs))

	d.heading(d.m("packs.run.staff.heading"))
	var staff [][]msg
	for _, s := range rs.Staff {
		staff = append(staff, []msg{lit(s.Name), d.textOr(s.PostID, s.Post), d.textOr(s.DutyID, s.Duty), d.span(s.From, s.To)})
	}
	d.table([]column{
		{d.m("packs.label.name"), 2.5}, {d.m("packs.run.staff.post"), 2.5}, {d.m("packs.run.staff.duty"), 2.5},
		{d.m("packs.label.time"), 2.6},
	}, staff)
}

// runTimetable has a row per table and a column per slot, because halls
// have more tables than a day has slots. Tables with no family all day are
// left out (the floor plan shows them), and when the slots do not fit the
// page's width with every word whole, the timetable continues in another
// table with the next slots.
func (d *doc) runTimetable(rs RunSheet) {
	at := map[[2]int]Booking{}
	booked := map[int]bool{}
	for _, b := range rs.Bookings {
		at[[2]int{b.Slot, b.Table}] = b
		booked[b.Table] = true
	}
	cols := []column{{d.m("packs.label.table"), 1}}
	for _, s := range rs.Slots {
		cols = append(cols, column{d.span(s.Start, s.End), 2})
	}
	var cells [][]msg
	for _, t := range sortedTables(rs.Tables) {
		if !booked[t.Number] {
			continue
		}
		r := []msg{lit(strconv.Itoa(t.Number))}
		for i := range rs.Slots {
			b, ok := at[[2]int{i, t.Number}]
			if !ok {
				r = append(r, d.m("packs.run.timetable.free"))
				continue
			}
			lines := []string{b.FamilyRef}
			for _, tc := range b.Teachers {
				lines = append(lines, tc.Ref)
			}
			r = append(r, lit(strings.Join(lines, "\n")))
		}
		cells = append(cells, r)
	}
	if len(cells) == 0 {
		d.para(d.m("packs.run.timetable.none"))
		return
	}
	heads, texts := d.texts(cols, cells)
	need := d.needs(heads, texts)
	for first := 1; first < len(cols); {
		// As many slots as fit beside the table column, at least one.
		last, w := first, need[0]+need[first]
		for last+1 < len(cols) && w+need[last+1] <= d.contentW() {
			last++
			w += need[last]
		}
		part := append([]column{cols[0]}, cols[first:last+1]...)
		var rows [][]msg
		for _, r := range cells {
			rows = append(rows, append([]msg{r[0]}, r[first:last+1]...))
		}
		d.table(part, rows)
		first = last + 1
	}
}

func (d *doc) childrenTable(fams []FamilyChildren) {
	var cells [][]msg
	total := 0
	for _, f := range sortedBy(fams, func(f FamilyChildren) string { return f.FamilyRef }) {
		ages := make([]string, len(f.Children))
		for i, c := range f.Children {
			ages[i] = strconv.Itoa(c.Age)
		}
		total += len(f.Children)
		cells = append(cells, []msg{lit(f.FamilyRef), tableNo(f.Table), lit(strconv.Itoa(len(f.Children))), lit(strings.Join(ages, ", "))})
	}
	cells = append(cells, []msg{d.m("packs.run.children.total"), lit(""), lit(strconv.Itoa(total)), lit("")})
	d.table([]column{
		{d.m("packs.label.family"), 2}, {d.m("packs.label.table"), 1}, {d.m("packs.run.children.count"), 1.2},
		{d.m("packs.run.children.ages"), 3},
	}, cells)
}

// catering is the headcount the kitchen needs.
type catering struct {
	visitors, residents, children int
	needs                         []dietCount
}

type dietCount struct {
	label string
	count int
}

func (c catering) meals() int { return c.visitors + c.residents + c.children }

// cateringFor counts meals and groups dietary needs. Needs are free text,
// so "Vegetarian" and " vegetarian" count together under the first spelling.
func cateringFor(rs RunSheet) catering {
	c := catering{visitors: len(rs.Visitors), residents: len(rs.Residents)}
	index := map[string]int{}
	add := func(diet string) {
		diet = strings.TrimSpace(diet)
		if diet == "" {
			return
		}
		k := strings.ToLower(diet)
		if i, ok := index[k]; ok {
			c.needs[i].count++
			return
		}
		index[k] = len(c.needs)
		c.needs = append(c.needs, dietCount{label: diet, count: 1})
	}
	for _, v := range rs.Visitors {
		add(v.Diet)
	}
	for _, r := range rs.Residents {
		add(r.Diet)
	}
	for _, f := range rs.Children {
		c.children += len(f.Children)
		for _, ch := range f.Children {
			add(ch.Diet)
		}
	}
	slices.SortStableFunc(c.needs, func(a, b dietCount) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(strings.ToLower(a.label), strings.ToLower(b.label)))
	})
	return c
}

func (d *doc) cateringTables(c catering) {
	d.table([]column{{d.m("packs.run.catering.group"), 3}, {d.m("packs.run.catering.number"), 1}}, [][]msg{
		{d.m("packs.run.catering.visitors"), lit(strconv.Itoa(c.visitors))},
		{d.m("packs.run.catering.residents"), lit(strconv.Itoa(c.residents))},
		{d.m("packs.run.catering.children"), lit(strconv.Itoa(c.children))},
	})
	d.flow(bodyBold, d.n("packs.run.catering.meals", c.meals()), 4, nil)
	if len(c.needs) == 0 {
		d.para(d.m("packs.run.catering.no_needs"))
		return
	}
	var cells [][]msg
	for _, n := range c.needs {
		cells = append(cells, []msg{lit(n.label), lit(strconv.Itoa(n.count))})
	}
	d.table([]column{{d.m("packs.run.catering.need"), 3}, {d.m("packs.run.catering.number"), 1}}, cells)
}

// textOr is the catalogue message id in every language, or text as typed
// when there is no id.
func (d *doc) textOr(id, text string) msg {
	if id != "" {
		return d.m(id)
	}
	return lit(text)
}

func tableNo(n int) msg {
	if n == 0 {
		return lit("–")
	}
	return lit(strconv.Itoa(n))
}

func sortedBy[T any](xs []T, key func(T) string) []T {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(strings.ToLower(key(a)), strings.ToLower(key(b))) })
	return out
}

func sortedTables(ts []Table) []Table {
	out := slices.Clone(ts)
	slices.SortFunc(out, func(a, b Table) int { return cmp.Compare(a.Number, b.Number) })
	return out
}
