package allocate

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/i18n"
)

// base is a small valid showcase the error cases below break one way each.
func base() Input {
	return Input{
		Event: Event{Start: testStart, SlotMinutes: 10},
		Tables: []Table{
			{ID: "T1", Quiet: true, StepFree: true, Adjacent: []string{"T2"}},
			{ID: "T2", Adjacent: []string{"T3"}},
			{ID: "T3"},
		},
		Families: []Family{{ID: "F1"}, {ID: "F2"}},
		Teachers: []Teacher{{ID: "TCH1", School: "SCH1"}, {ID: "TCH2", School: "SCH1"}},
		Meetings: []Meeting{{"F1", "TCH1"}, {"F1", "TCH2"}, {"F2", "TCH1"}},
	}
}

func families(n int, mod func(i int, f *Family)) []Family {
	var out []Family
	for i := range n {
		f := Family{ID: fmt.Sprintf("F%d", i+1)}
		if mod != nil {
			mod(i, &f)
		}
		out = append(out, f)
	}
	return out
}

func tables(n int, mod func(i int, t *Table)) []Table {
	var out []Table
	for i := range n {
		t := Table{ID: fmt.Sprintf("T%d", i+1)}
		if mod != nil {
			mod(i, &t)
		}
		out = append(out, t)
	}
	return out
}

func TestAllocateErrors(t *testing.T) {
	cases := []struct {
		name       string
		edit       func(in *Input)
		code       string
		infeasible bool
		want       string
	}{
		{"too many families", func(in *Input) {
			in.Tables, in.Families, in.Meetings = tables(12, nil), families(16, nil), nil
		}, CodeTooManyFamilies, true, "16 families but the hall has 12 tables"},
		{"one table", func(in *Input) {
			in.Tables, in.Families, in.Meetings = tables(1, nil), families(2, nil), nil
		}, CodeTooManyFamilies, true, "2 families but the hall has 1 table"},
		{"quiet", func(in *Input) {
			in.Tables = tables(6, func(i int, t *Table) { t.Quiet = i < 2 })
			in.Families = families(4, func(i int, f *Family) { f.NeedsQuiet = i < 3 })
			in.Meetings = nil
		}, CodeQuietTables, true, "3 families need a quiet table; the hall has 2"},
		{"quiet, one family", func(in *Input) {
			in.Tables = tables(3, nil)
			in.Families = families(1, func(i int, f *Family) { f.NeedsQuiet = true })
			in.Meetings = nil
		}, CodeQuietTables, true, "1 family needs a quiet table; the hall has 0"},
		{"step-free", func(in *Input) {
			in.Tables = tables(6, func(i int, t *Table) { t.StepFree = i == 0 })
			in.Families = families(3, func(i int, f *Family) { f.NeedsStepFree = i < 2 })
			in.Meetings = nil
		}, CodeStepFreeTables, true, "2 families need a step-free table; the hall has 1"},
		{"quiet and step-free", func(in *Input) {
			in.Tables = tables(6, func(i int, t *Table) { t.Quiet, t.StepFree = i < 2, i >= 1 && i < 3 })
			in.Families = families(2, func(i int, f *Family) { f.NeedsQuiet, f.NeedsStepFree = true, true })
			in.Meetings = nil
		}, CodeBothTables, true, "2 families need a table that is both quiet and step-free; the hall has 1"},
		{"quiet or step-free", func(in *Input) {
			in.Tables = tables(6, func(i int, t *Table) { t.Quiet, t.StepFree = i == 0, i == 0 || i == 1 })
			in.Families = families(3, func(i int, f *Family) { f.NeedsQuiet, f.NeedsStepFree = i == 0, i > 0 })
			in.Meetings = nil
		}, CodeEitherTables, true, "3 families need a quiet or step-free table; the hall has 2"},
		{"keep apart in a row of two", func(in *Input) {
			in.Tables = []Table{{ID: "T1", Adjacent: []string{"T2"}}, {ID: "T2"}}
			in.Families = []Family{{ID: "F1", KeepApart: []string{"F2"}}, {ID: "F2"}}
		}, CodeKeepApart, true, "Could not seat family F1 at a free table that meets its needs and is neither at nor next to a family it must be kept apart from (F2)"},
		{"family has more meetings than slots", func(in *Input) {
			in.Event.Slots = 1
		}, CodeFamilySlots, true, "Family F1 has 2 meetings but the event has only 1 slot"},
		{"teacher unavailable", func(in *Input) {
			in.Event.Slots = 4
			in.Families = families(3, nil)
			in.Teachers[1].UnavailableSlots = []int{0, 2, 3, 9}
			in.Meetings = []Meeting{{"F1", "TCH2"}, {"F2", "TCH2"}, {"F3", "TCH2"}}
		}, CodeTeacherSlots, true, "Teacher TCH2 has 3 meetings but only 1 slot is available to them"},
		{"teacher unavailable, several", func(in *Input) {
			in.Event.Slots = 4
			in.Families = families(5, nil)
			in.Tables = tables(5, nil)
			in.Teachers[1].UnavailableSlots = []int{1, 1}
			in.Meetings = []Meeting{{"F1", "TCH2"}, {"F2", "TCH2"}, {"F3", "TCH2"}, {"F4", "TCH2"}}
		}, CodeTeacherSlots, true, "Teacher TCH2 has 4 meetings but only 3 slots are available to them"},
		{"heuristic cannot fit", func(in *Input) {
			// F1 must meet both teachers, and each is free only in slot 0.
			in.Event.Slots = 2
			in.Teachers[0].UnavailableSlots = []int{1}
			in.Teachers[1].UnavailableSlots = []int{1}
			in.Meetings = []Meeting{{"F1", "TCH1"}, {"F1", "TCH2"}}
		}, CodeSlotsExhausted, true, "Could not fit 2 meetings into 2 slots around the teachers' unavailable slots; allow more slots or ask teachers for more availability"},
		{"no start", func(in *Input) { in.Event.Start = time.Time{} },
			CodeNoStart, false, "The event has no start time (event.start)"},
		{"slot minutes", func(in *Input) { in.Event.SlotMinutes = 0 }, CodeSlotMinutes, false, "event.slot_minutes must be at least 1; it is 0"},
		{"negative slots", func(in *Input) { in.Event.Slots = -2 }, CodeSlotsNegative, false, "event.slots cannot be negative; it is -2"},
		{"empty id", func(in *Input) { in.Teachers[1].ID = "" }, CodeEmptyID, false, "teachers[1].id is empty; every table, family and teacher needs an ID"},
		{"duplicate id", func(in *Input) { in.Tables[2].ID = "T1" }, CodeDuplicateID, false, "ID T1 appears more than once in tables"},
		{"unknown adjacent", func(in *Input) { in.Tables[0].Adjacent = []string{"T9"} }, CodeUnknownAdjacent, false, "Table T1 lists T9 as adjacent, but the hall has no such table"},
		{"self adjacent", func(in *Input) { in.Tables[1].Adjacent = []string{"T2"} }, CodeSelfAdjacent, false, "Table T2 lists itself as adjacent"},
		{"unknown keep-apart", func(in *Input) { in.Families[0].KeepApart = []string{"F7"} }, CodeUnknownApart, false, "Family F1 is to be kept apart from F7, but there is no such family"},
		{"self keep-apart", func(in *Input) { in.Families[1].KeepApart = []string{"F2"} }, CodeSelfApart, false, "Family F2 is listed as kept apart from itself"},
		{"meeting unknown family", func(in *Input) { in.Meetings[2].Family = "F9" }, CodeMeetingFamily, false, "meetings[2] names family F9, which is not among the plan's families"},
		{"meeting unknown teacher", func(in *Input) { in.Meetings[0].Teacher = "TCH9" }, CodeMeetingTeacher, false, "meetings[0] names teacher TCH9, who is not among the plan's teachers"},
		{"negative unavailable slot", func(in *Input) { in.Teachers[0].UnavailableSlots = []int{-1} }, CodeNegativeSlot, false, "Teacher TCH1 lists unavailable slot -1; slots are numbered from 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.edit(&in)
			_, err := Allocate(in)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.want, err.Error())
			assert.Equal(t, tc.infeasible, e.Infeasible())
			_, err = Reallocate(in, Result{})
			assert.Equal(t, tc.want, err.Error(), "Reallocate rejects the same input")
		})
	}
}

func TestErrorsInWelsh(t *testing.T) {
	cat := i18n.MustLoad()
	cases := []struct {
		err  *Error
		want string
	}{
		{newError(CodeTooManyFamilies, map[string]any{"Families": 16, "Tables": 12}), "Mae 16 teulu ond 12 bwrdd sydd yn y neuadd"},
		{newError(CodeTooManyFamilies, map[string]any{"Families": 3, "Tables": 2}), "Mae 3 theulu ond 2 fwrdd sydd yn y neuadd"},
		{needError(CodeQuietTables, 3, 2), "Mae angen bwrdd tawel ar 3 theulu; 2 sydd gan y neuadd"},
		{newError(CodeTeacherSlots, map[string]any{"Teacher": "TCH2", "Meetings": 6, "Slots": 4, "Count": 4}), "Mae gan athro TCH2 6 chyfarfod ond dim ond 4 slot sydd ar gael i'r athro hwnnw"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.err.Localize(cat, i18n.Welsh))
	}
	// Every code has a message in both languages.
	for code := range infeasibleCodes {
		for _, l := range i18n.Langs {
			assert.True(t, cat.Has(l, "allocate.err."+code), "%s %s", l, code)
		}
	}
}
