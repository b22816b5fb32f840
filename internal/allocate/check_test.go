package allocate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/i18n"
)

func checkInput() Input {
	in := base()
	in.Event.Slots = 4
	in.Tables = []Table{{ID: "T1", Quiet: true, Adjacent: []string{"T2"}}, {ID: "T2", StepFree: true}, {ID: "T3", StepFree: true}, {ID: "T4"}}
	in.Families = []Family{{ID: "F1", NeedsQuiet: true}, {ID: "F2", NeedsStepFree: true, KeepApart: []string{"F1"}}}
	in.Teachers[1].UnavailableSlots = []int{2}
	return in
}

func sm(f, k string, slot int) ScheduledMeeting {
	return ScheduledMeeting{Family: f, Teacher: k, Slot: slot}
}

func TestCheckReportsEveryBrokenConstraint(t *testing.T) {
	in := checkInput()
	valid := Result{Tables: map[string]string{"F1": "T1", "F2": "T3"},
		Meetings: []ScheduledMeeting{sm("F1", "TCH1", 0), sm("F1", "TCH2", 1), sm("F2", "TCH1", 1)}}
	require.Empty(t, Check(in, valid))

	cases := []struct {
		name string
		edit func(r *Result)
		code string
		msg  string
	}{
		{"no table", func(r *Result) { delete(r.Tables, "F2") }, VTableMissing, "Family F2 has no table"},
		{"unknown table", func(r *Result) { r.Tables["F2"] = "T9" }, VTableUnknown, "Family F2 is at table T9, which is not in the hall"},
		{"unknown family", func(r *Result) { r.Tables["F7"] = "T2" }, VFamilyUnknown, "The plan seats family F7, who is not in this showcase"},
		{"quiet", func(r *Result) { r.Tables["F1"] = "T4" }, VQuietUnmet, "Family F1 needs a quiet table but table T4 is not quiet"},
		{"step-free", func(r *Result) { r.Tables["F2"] = "T4" }, VStepFreeUnmet, "Family F2 needs a step-free table but table T4 is not step-free"},
		{"keep apart, adjacent", func(r *Result) { r.Tables["F2"] = "T2" }, VKeepApartNext, "Families F1 and F2 must be kept apart but are at adjacent tables T1 and T2"},
		{"shared table", func(r *Result) { r.Tables["F2"] = "T1" }, VTableShared, "2 families are at table T1 (F1, F2); each family needs its own table"},
		{"keep apart, same table", func(r *Result) { r.Tables["F2"] = "T1" }, VKeepApartSame, "Families F1 and F2 must be kept apart but are both at table T1"},
		{"meeting dropped", func(r *Result) { r.Meetings = r.Meetings[:2] }, VMeetingMissing, "The meeting between family F2 and teacher TCH1 has no slot"},
		{"meeting invented", func(r *Result) { r.Meetings = append(r.Meetings, sm("F2", "TCH2", 3)) }, VMeetingUnknown, "The plan has a meeting between family F2 and teacher TCH2 in slot 3 that was not requested"},
		{"past the last slot", func(r *Result) { r.Meetings[2].Slot = 4 }, VSlotOutOfRange, "The meeting between family F2 and teacher TCH1 is in slot 4, which is not one of the event's slots"},
		{"negative slot", func(r *Result) { r.Meetings[2].Slot = -1 }, VSlotOutOfRange, ""},
		{"teacher unavailable", func(r *Result) { r.Meetings[1].Slot = 2 }, VTeacherUnavail, "Teacher TCH2 is unavailable in slot 2 but meets family F1 then"},
		{"teacher twice", func(r *Result) { r.Meetings[2].Slot = 0 }, VTeacherTwice, "Teacher TCH1 has 2 meetings in slot 0 (families F1, F2)"},
		{"family twice", func(r *Result) { r.Meetings[1].Slot = 0 }, VFamilyTwice, "Family F1 has 2 meetings in slot 0 (teachers TCH1, TCH2)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Result{Tables: map[string]string{}, Meetings: append([]ScheduledMeeting(nil), valid.Meetings...)}
			for k, v := range valid.Tables {
				r.Tables[k] = v
			}
			tc.edit(&r)
			vs := Check(in, r)
			var found *Violation
			for i := range vs {
				if vs[i].Code == tc.code {
					found = &vs[i]
				}
			}
			require.NotNil(t, found, "want %s in %+v", tc.code, vs)
			if tc.msg != "" {
				assert.Equal(t, tc.msg, found.Message)
			}
			assert.NotEmpty(t, found.Families)
		})
	}
}

func TestCheckCountsRepeatedMeetings(t *testing.T) {
	in := base()
	in.Meetings = []Meeting{{"F1", "TCH1"}, {"F1", "TCH1"}}
	r := Result{Tables: map[string]string{"F1": "T1", "F2": "T2"}, Meetings: []ScheduledMeeting{sm("F1", "TCH1", 0)}}
	vs := Check(in, r)
	require.Len(t, vs, 1)
	assert.Equal(t, VMeetingMissing, vs[0].Code)
	r.Meetings = append(r.Meetings, sm("F1", "TCH1", 1))
	assert.Empty(t, Check(in, r))
}

func TestViolationInWelsh(t *testing.T) {
	in := checkInput()
	r := Result{Tables: map[string]string{"F1": "T1", "F2": "T2"},
		Meetings: []ScheduledMeeting{sm("F1", "TCH1", 0), sm("F1", "TCH2", 1), sm("F2", "TCH1", 0)}}
	got := map[string]string{}
	for _, v := range Check(in, r) {
		got[v.Code] = v.Localize(i18n.MustLoad(), i18n.Welsh)
	}
	assert.Equal(t, map[string]string{
		VKeepApartNext: "Rhaid cadw teuluoedd F1 a F2 ar wahân ond maen nhw wrth fyrddau cyfagos, T1 a T2",
		VTeacherTwice:  "Mae gan athro TCH1 2 gyfarfod yn slot 0 (teuluoedd F1, F2)",
	}, got)
}
