package web

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
	"schoolzone/internal/floorplan"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// allocationPage is the coordinator's view of a showcase's allocation: the
// floor plan and timetables carry family references only, never names,
// and nothing about keep-apart pairs.
type allocationPage struct {
	Layout
	Event      domain.Event
	Prison     domain.Prison
	HallSize   int
	Ready      int
	Saved      allocate.Result
	Plan       template.HTML
	Problems   []string // what the saved plan breaks today
	NotReady   []string
	Unmet      []string // ready, but no teacher left to meet
	Infeasible string
	Teachers   []timetable
	Tables     []timetable
	Withdrawn  []domain.Teacher
	Staffing   []staffing
	// AvailabilityFor is the teacher whose times or cover form has errors,
	// so only that teacher's form shows them.
	AvailabilityFor int64
	Families        []Option
	TableOpts       []Option
	Meetings        []Option
	SlotOpts        []Option
}

// timetable is one teacher's or one table's meetings in slot order.
type timetable struct {
	Name      string // teacher name or table label
	Sub       string // teacher's school, or the family at the table
	TeacherID int64
	Quiet     bool
	StepFree  bool
	Rows      []timetableRow
}

type timetableRow struct {
	Slot   int // 1-based, as people count
	Start  time.Time
	Table  string
	Family string
	Who    string // the teacher, on a table's timetable
}

func (s *Server) allocationPage(c echo.Context) (*allocationPage, error) {
	id, err := s.eventID(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	in, refs, err := s.store.AllocationInput(ctx, scopeOf(c), id)
	if err != nil {
		return nil, err
	}
	saved, err := s.store.Allocation(ctx, scopeOf(c), id)
	if err != nil {
		return nil, err
	}
	p := &allocationPage{Layout: s.layout(c, "allocation.title"), Event: refs.Event, HallSize: len(refs.Tables),
		Ready: len(in.Families), Saved: saved, NotReady: refs.NotReady, Unmet: refs.NoMeetings, Withdrawn: refs.Withdrawn}
	if p.Prison, err = s.store.Prison(ctx, scopeOf(c), refs.Event.PrisonID); err != nil {
		return nil, err
	}
	if len(saved.Tables) > 0 || len(saved.Meetings) > 0 {
		for _, v := range allocate.Check(in, saved) {
			p.Problems = append(p.Problems, localizeViolation(s, p.Lang, v, refs))
		}
	}
	if len(refs.Tables) > 0 {
		if p.Plan, err = s.floorPlan(&p.Layout, refs, saved); err != nil {
			return nil, err
		}
	}
	p.timetables(refs, saved)
	p.moveOptions(refs, saved)
	if err := s.staffing(c, p, refs); err != nil {
		return nil, err
	}
	return p, nil
}

// staffing is one nominated teacher's times and cover, for their forms.
type staffing struct {
	Teacher     domain.Teacher
	School      string
	Unavailable []int
	NeedsCover  bool
	Slots       []slotChoice
}

type slotChoice struct {
	N     int
	Time  string
	Taken bool // the teacher cannot make it
}

func (s *Server) staffing(c echo.Context, p *allocationPage, refs store.AllocationRefs) error {
	ctx := c.Request().Context()
	d := time.Duration(refs.Event.SlotMinutes) * time.Minute
	for _, key := range refs.Nominated {
		t := refs.Teacher[key]
		st := staffing{Teacher: t, School: refs.SchoolName[t.SchoolID]}
		var err error
		if st.Unavailable, err = s.store.TeacherUnavailable(ctx, refs.Event.ID, t.ID); err != nil {
			return err
		}
		if st.NeedsCover, err = s.store.TeacherCover(ctx, t.ID); err != nil {
			return err
		}
		for i := 0; i < refs.Event.Slots; i++ {
			st.Slots = append(st.Slots, slotChoice{N: i, Time: p.Time(refs.Event.StartsAt.Add(time.Duration(i) * d)), Taken: slices.Contains(st.Unavailable, i)})
		}
		p.Staffing = append(p.Staffing, st)
	}
	return nil
}

// floorPlan draws the hall with each table's family reference.
func (s *Server) floorPlan(l *Layout, refs store.AllocationRefs, r allocate.Result) (template.HTML, error) {
	at := map[string]string{}
	for f, t := range r.Tables {
		at[t] = refs.FamilyRef[f]
	}
	plan := floorplan.Plan{Title: l.T("allocation.plan_title"), Description: l.T("allocation.plan_desc", "Tables", len(refs.Tables), "Families", len(r.Tables)),
		Labels: floorplan.Labels{Legend: l.T("allocation.key"), Quiet: l.T("allocation.quiet_table"), StepFree: l.T("allocation.step_free_table"),
			QuietBadge: l.T("allocation.quiet_badge"), StepFreeBadge: l.T("allocation.step_free_badge"), Free: l.T("allocation.free")}}
	for _, t := range refs.Tables {
		key := store.TableKey(t.ID)
		ft := floorplan.Table{ID: key, Label: t.Label, Row: t.Row, Col: t.Col, Quiet: t.Quiet, StepFree: t.StepFree, Occupant: at[key]}
		ft.Title = l.T("allocation.table_title", "Table", t.Label, "Family", orText(at[key], l.T("allocation.free")))
		if t.Quiet {
			ft.Title += ", " + l.T("allocation.quiet_table")
		}
		if t.StepFree {
			ft.Title += ", " + l.T("allocation.step_free_table")
		}
		plan.Tables = append(plan.Tables, ft)
	}
	var b strings.Builder
	if err := floorplan.SVG(&b, plan); err != nil {
		return "", err
	}
	// The SVG is built by floorplan, which escapes every text it is given.
	return template.HTML(b.String()), nil //nolint:gosec
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (p *allocationPage) timetables(refs store.AllocationRefs, r allocate.Result) {
	byTeacher := map[string]*timetable{}
	byTable := map[string]*timetable{}
	for _, t := range refs.Tables {
		key := store.TableKey(t.ID)
		byTable[key] = &timetable{Name: t.Label, Quiet: t.Quiet, StepFree: t.StepFree}
	}
	for f, t := range r.Tables {
		if tt, ok := byTable[t]; ok {
			tt.Sub = refs.FamilyRef[f]
		}
	}
	for _, m := range r.Meetings {
		t, ok := byTeacher[m.Teacher]
		if !ok {
			tch := refs.Teacher[m.Teacher]
			t = &timetable{Name: orText(tch.Name, m.Teacher), Sub: refs.SchoolName[tch.SchoolID], TeacherID: tch.ID}
			byTeacher[m.Teacher] = t
		}
		row := timetableRow{Slot: m.Slot + 1, Start: m.Start, Table: refs.TableLabel[r.Tables[m.Family]], Family: refs.FamilyRef[m.Family], Who: t.Name}
		t.Rows = append(t.Rows, row)
		if tt, ok := byTable[r.Tables[m.Family]]; ok {
			tt.Rows = append(tt.Rows, row)
		}
	}
	bySlot := func(a, b timetableRow) int { return cmp.Compare(a.Slot, b.Slot) }
	for _, t := range byTeacher {
		slices.SortStableFunc(t.Rows, bySlot)
		p.Teachers = append(p.Teachers, *t)
	}
	slices.SortFunc(p.Teachers, func(a, b timetable) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.TeacherID, b.TeacherID))
	})
	for _, t := range refs.Tables { // hall order
		if tt := byTable[store.TableKey(t.ID)]; tt.Sub != "" {
			slices.SortStableFunc(tt.Rows, bySlot)
			p.Tables = append(p.Tables, *tt)
		}
	}
}

// moveOptions lists what the move forms offer: seated families, every
// table, every meeting and every slot.
func (p *allocationPage) moveOptions(refs store.AllocationRefs, r allocate.Result) {
	label := map[string]string{}
	for f, t := range r.Tables {
		label[f] = refs.FamilyRef[f] + " (" + refs.TableLabel[t] + ")"
	}
	fams := make([]string, 0, len(label))
	for f := range label {
		fams = append(fams, f)
	}
	slices.SortFunc(fams, func(a, b string) int { return cmp.Compare(refs.FamilyRef[a], refs.FamilyRef[b]) })
	for _, f := range fams {
		p.Families = append(p.Families, Option{Value: f, Label: label[f]})
	}
	taken := map[string]string{}
	for f, t := range r.Tables {
		taken[t] = refs.FamilyRef[f]
	}
	for _, t := range refs.Tables {
		key := store.TableKey(t.ID)
		l := t.Label
		if f := taken[key]; f != "" {
			l += " – " + f
		} else {
			l += " – " + p.T("allocation.free")
		}
		p.TableOpts = append(p.TableOpts, Option{Value: key, Label: l})
	}
	for _, m := range r.Meetings {
		p.Meetings = append(p.Meetings, Option{Value: m.Family + " " + m.Teacher,
			Label: p.T("allocation.meeting_option", "Family", refs.FamilyRef[m.Family], "Teacher", refs.Teacher[m.Teacher].Name, "Slot", m.Slot+1, "Time", p.Time(m.Start))})
	}
	d := time.Duration(p.Event.SlotMinutes) * time.Minute
	for i := range p.Event.Slots {
		p.SlotOpts = append(p.SlotOpts, Option{Value: strconv.Itoa(i),
			Label: p.T("allocation.slot_option", "Slot", i+1, "Time", p.Time(p.Event.StartsAt.Add(time.Duration(i)*d)))})
	}
}

// names turns the engine's IDs back into what people recognise: family
// references, table labels and teachers' names; slots count from 1.
func names(refs store.AllocationRefs, params map[string]any) map[string]any {
	name := func(id string) string {
		if v, ok := refs.FamilyRef[id]; ok {
			return v
		}
		if v, ok := refs.TableLabel[id]; ok {
			return v
		}
		if v, ok := refs.Teacher[id]; ok {
			return v.Name
		}
		return id
	}
	out := make(map[string]any, len(params))
	for k, v := range params {
		switch x := v.(type) {
		case string:
			if k == "List" || k == "Others" {
				parts := strings.Split(x, ", ")
				for i := range parts {
					parts[i] = name(parts[i])
				}
				v = strings.Join(parts, ", ")
			} else {
				v = name(x)
			}
		case int:
			if k == "Slot" {
				v = x + 1
			}
		}
		out[k] = v
	}
	return out
}

func localizeViolation(s *Server, lang i18n.Lang, v allocate.Violation, refs store.AllocationRefs) string {
	v.Params = names(refs, v.Params)
	return v.Localize(s.cat, lang)
}

func localizeError(s *Server, lang i18n.Lang, e *allocate.Error, refs store.AllocationRefs) string {
	return (&allocate.Error{Code: e.Code, Params: names(refs, e.Params)}).Localize(s.cat, lang)
}
