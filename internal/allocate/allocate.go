package allocate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Allocate seats every family and times every meeting, or returns an *Error
// saying which constraint cannot be met; it never returns a partial plan.
// The same input always gives the same result.
func Allocate(in Input) (Result, error) {
	p, err := newProblem(in)
	if err != nil {
		return Result{}, err
	}
	if err := p.feasible(); err != nil {
		return Result{}, err
	}
	seats, err := p.seat(p.noSeats())
	if err != nil {
		return Result{}, asError(err)
	}
	c, err := p.schedule()
	if err != nil {
		return Result{}, err
	}
	return p.result(seats, c), nil
}

// feasible runs the counting checks that give the most specific message.
func (p *problem) feasible() error {
	if err := p.checkTables(); err != nil {
		return err
	}
	return p.checkSlotLimit()
}

func (p *problem) noSeats() []int {
	s := make([]int, len(p.fams))
	for i := range s {
		s[i] = -1
	}
	return s
}

// asError turns an internal failure into an *Error. errHall cannot happen
// once checkTables has passed; if it ever does, the caller still gets an
// error rather than a plan.
func asError(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return fmt.Errorf("allocate: seat families: %w", err)
}

func (p *problem) result(seats []int, c *colouring) Result {
	r := Result{
		LowerBound:       p.lowerBound(),
		TeacherIdleSlots: c.totalIdle(),
		Tables:           make(map[string]string, len(seats)),
		Meetings:         make([]ScheduledMeeting, 0, len(p.edges)),
	}
	for f, t := range seats {
		r.Tables[p.fams[f].ID] = p.tables[t].ID
	}
	ids := make([]int, len(p.edges))
	for i := range ids {
		ids[i] = i
	}
	// Edges are already ordered by teacher then family; order by slot first.
	slices.SortStableFunc(ids, func(a, b int) int { return cmp.Compare(c.col[a], c.col[b]) })
	d := time.Duration(p.in.Event.SlotMinutes) * time.Minute
	for _, e := range ids {
		s := c.col[e]
		start := p.in.Event.Start.Add(time.Duration(s) * d)
		r.Meetings = append(r.Meetings, ScheduledMeeting{
			Family:  p.fams[p.edges[e].f].ID,
			Teacher: p.teachers[p.edges[e].k].ID,
			Slot:    s,
			Start:   start,
			End:     start.Add(d),
		})
		r.SlotsUsed = max(r.SlotsUsed, s+1)
	}
	return r
}
