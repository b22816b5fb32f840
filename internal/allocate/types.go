// Package allocate seats every family of a prison showcase at a table and
// gives every parent–teacher meeting a time slot.
//
// The parent in custody stays at one table for the whole session, so tables
// are chosen first and never depend on the timetable; teachers move between
// tables. The timetable is an edge colouring of the bipartite family–teacher
// meeting multigraph, so by König's theorem the largest number of meetings
// any one family or teacher has is both a lower bound on the slots needed and
// always achievable when nobody is unavailable.
//
// Keep-apart pairs (prison non-associations) appear in Input, in Error and in
// Violation messages: those are for coordinators and prison staff only and
// must never be shown to teachers or carers.
package allocate

import "time"

// Input is a showcase to allocate, exactly as the coordinators' JSON plan
// spells it, so the CLI and the app share one format.
type Input struct {
	Event    Event     `json:"event"`
	Tables   []Table   `json:"tables"`
	Families []Family  `json:"families"`
	Teachers []Teacher `json:"teachers"`
	Meetings []Meeting `json:"meetings"`
}

// Event fixes the clock: slot i runs from Start+i*SlotMinutes for SlotMinutes.
// Slots is the most slots the session may use; 0 means no limit, in which
// case the allocation uses as few as it can.
type Event struct {
	Start       time.Time `json:"start"`
	SlotMinutes int       `json:"slot_minutes"`
	Slots       int       `json:"slots,omitempty"`
}

// Table is one table of the visits hall. Adjacent is symmetric: listing a
// neighbour on either table is enough.
type Table struct {
	ID       string   `json:"id"`
	Quiet    bool     `json:"quiet"`
	StepFree bool     `json:"step_free"`
	Adjacent []string `json:"adjacent,omitempty"`
}

// Family is one imprisoned parent with their child and carer; they share a
// table. KeepApart is symmetric like Table.Adjacent.
type Family struct {
	ID            string   `json:"id"`
	NeedsQuiet    bool     `json:"needs_quiet"`
	NeedsStepFree bool     `json:"needs_step_free"`
	KeepApart     []string `json:"keep_apart,omitempty"`
}

// Teacher is a member of school staff (or an education welfare officer) who
// moves from table to table. UnavailableSlots are 0-based slot numbers.
type Teacher struct {
	ID               string `json:"id"`
	School           string `json:"school"`
	UnavailableSlots []int  `json:"unavailable_slots,omitempty"`
}

// Meeting is a requested meeting. The same pair may be listed more than once
// (say, one teacher seeing two siblings separately): each listing is its own
// meeting and gets its own slot.
type Meeting struct {
	Family  string `json:"family"`
	Teacher string `json:"teacher"`
}

// Result is a complete allocation; there is never a partial one.
type Result struct {
	// SlotsUsed is one more than the last slot any meeting uses.
	SlotsUsed int `json:"slots_used"`
	// LowerBound is the fewest slots any valid timetable could use: the
	// largest, over families and teachers, of the slots needed to fit their
	// own meetings (around a teacher's unavailable slots). With nobody
	// unavailable this is the largest number of meetings any one family or
	// teacher has, and Allocate always reaches it when there is no limit.
	LowerBound int `json:"lower_bound"`
	// TeacherIdleSlots sums, over teachers, the empty slots between their
	// first and last meeting: the supply cover schools pay for nothing.
	TeacherIdleSlots int `json:"teacher_idle_slots"`
	// Tables maps family ID to table ID.
	Tables map[string]string `json:"tables"`
	// Meetings is sorted by slot, then teacher, then family.
	Meetings []ScheduledMeeting `json:"meetings"`
}

// ScheduledMeeting is a meeting with its slot. Start and End follow from the
// slot and the event; Check treats Slot as authoritative.
type ScheduledMeeting struct {
	Family  string    `json:"family"`
	Teacher string    `json:"teacher"`
	Slot    int       `json:"slot"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
}
