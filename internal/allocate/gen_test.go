package allocate

import (
	"fmt"
	"math/rand/v2"
	"time"
)

var testStart = time.Date(2026, 12, 3, 13, 30, 0, 0, time.UTC)

// genOpts shapes a random showcase. Tables form rows of eight, adjacent
// left–right and front–back, like a visits hall.
type genOpts struct {
	families, teachers, schools int
	maxMeetings                 int
	spareTables                 int
	needFrac, apartFrac         float64
	unavailFrac                 float64
	limit                       int
}

// genInput builds an instance whose seating is feasible by construction: a
// hidden seating is drawn first, needs are taken from the hidden table and
// keep-apart pairs only link families the hidden seating keeps apart.
func genInput(r *rand.Rand, o genOpts) Input {
	nT := o.families + o.spareTables
	in := Input{Event: Event{Start: testStart, SlotMinutes: 10, Slots: o.limit}}
	for i := range nT {
		t := Table{ID: fmt.Sprintf("T%d", i+1), Quiet: r.Float64() < 0.15, StepFree: r.Float64() < 0.15}
		if (i+1)%8 != 0 && i+1 < nT {
			t.Adjacent = append(t.Adjacent, fmt.Sprintf("T%d", i+2))
		}
		if i+8 < nT {
			t.Adjacent = append(t.Adjacent, fmt.Sprintf("T%d", i+9))
		}
		in.Tables = append(in.Tables, t)
	}
	hidden := r.Perm(nT)[:o.families]
	for i := range o.families {
		t := in.Tables[hidden[i]]
		in.Families = append(in.Families, Family{
			ID:            fmt.Sprintf("F%d", i+1),
			NeedsQuiet:    t.Quiet && r.Float64() < o.needFrac*4,
			NeedsStepFree: t.StepFree && r.Float64() < o.needFrac*4,
		})
	}
	near := func(a, b int) bool {
		d := a - b
		return d == 0 || (d == 1 || d == -1) && min(a, b)%8 != 7 || d == 8 || d == -8
	}
	for range int(o.apartFrac * float64(o.families)) {
		a, b := r.IntN(o.families), r.IntN(o.families)
		if a != b && !near(hidden[a], hidden[b]) {
			in.Families[a].KeepApart = append(in.Families[a].KeepApart, in.Families[b].ID)
		}
	}
	for i := range o.teachers {
		t := Teacher{ID: fmt.Sprintf("TCH%d", i+1), School: fmt.Sprintf("SCH%d", r.IntN(max(1, o.schools))+1)}
		if r.Float64() < o.unavailFrac {
			for range 1 + r.IntN(2) {
				t.UnavailableSlots = append(t.UnavailableSlots, r.IntN(6))
			}
		}
		in.Teachers = append(in.Teachers, t)
	}
	for _, f := range in.Families {
		for range 1 + r.IntN(o.maxMeetings) {
			in.Meetings = append(in.Meetings, Meeting{Family: f.ID, Teacher: in.Teachers[r.IntN(o.teachers)].ID})
		}
	}
	return in
}

// realistic is the benchmark shape: 1 to 4 meetings per family, a teacher
// for every two families or so, four teachers per school.
func realistic(families int) genOpts {
	teachers := max(2, families/2)
	return genOpts{families: families, teachers: teachers, schools: max(1, teachers/4), maxMeetings: 4,
		spareTables: max(2, families/10), needFrac: 0.05, apartFrac: 0.05}
}
