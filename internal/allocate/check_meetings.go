package allocate

import (
	"cmp"
	"slices"
)

type pair struct{ family, teacher string }

// meetings compares requested and scheduled meetings as multisets (a pair
// may meet more than once) and checks each scheduled slot.
func (ck *checker) meetings(r Result) {
	want := map[pair]int{}
	for _, m := range ck.in.Meetings {
		want[pair{m.Family, m.Teacher}]++
	}
	have := map[pair]int{}
	for _, m := range sortedMeetings(r.Meetings) {
		pr := pair{m.Family, m.Teacher}
		have[pr]++
		params := map[string]any{"Family": m.Family, "Teacher": m.Teacher, "Slot": m.Slot, "Slots": ck.in.Event.Slots}
		if have[pr] > want[pr] {
			ck.add(VMeetingUnknown, params, []string{m.Family}, []string{m.Teacher}, nil, m.Slot)
			continue
		}
		if m.Slot < 0 || (ck.in.Event.Slots > 0 && m.Slot >= ck.in.Event.Slots) {
			ck.add(VSlotOutOfRange, params, []string{m.Family}, []string{m.Teacher}, nil, m.Slot)
		}
		if t, ok := ck.teachers[m.Teacher]; ok && slices.Contains(t.UnavailableSlots, m.Slot) {
			ck.add(VTeacherUnavail, params, []string{m.Family}, []string{m.Teacher}, nil, m.Slot)
		}
	}
	keys := make([]pair, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b pair) int { return cmp.Or(natural(a.family, b.family), natural(a.teacher, b.teacher)) })
	for _, k := range keys {
		for range want[k] - have[k] {
			ck.add(VMeetingMissing, map[string]any{"Family": k.family, "Teacher": k.teacher}, []string{k.family}, []string{k.teacher}, nil, -1)
		}
	}
}

// doubleBookings reports every teacher and every family in two meetings at
// once, naming all the meetings in that slot.
func (ck *checker) doubleBookings(r Result) {
	type key struct {
		id   string
		slot int
	}
	byTeacher, byFamily := map[key][]string{}, map[key][]string{}
	var tk, fk []key
	for _, m := range sortedMeetings(r.Meetings) {
		t, f := key{m.Teacher, m.Slot}, key{m.Family, m.Slot}
		if byTeacher[t] == nil {
			tk = append(tk, t)
		}
		if byFamily[f] == nil {
			fk = append(fk, f)
		}
		byTeacher[t] = append(byTeacher[t], m.Family)
		byFamily[f] = append(byFamily[f], m.Teacher)
	}
	for _, t := range tk {
		if fs := byTeacher[t]; len(fs) > 1 {
			ck.add(VTeacherTwice, map[string]any{"Teacher": t.id, "Slot": t.slot, "Meetings": len(fs), "List": joinIDs(fs)}, fs, []string{t.id}, nil, t.slot)
		}
	}
	for _, f := range fk {
		if ts := byFamily[f]; len(ts) > 1 {
			ck.add(VFamilyTwice, map[string]any{"Family": f.id, "Slot": f.slot, "Meetings": len(ts), "List": joinIDs(ts)}, []string{f.id}, ts, nil, f.slot)
		}
	}
}

func sortedMeetings(ms []ScheduledMeeting) []ScheduledMeeting {
	out := slices.Clone(ms)
	slices.SortStableFunc(out, func(a, b ScheduledMeeting) int {
		return cmp.Or(cmp.Compare(a.Slot, b.Slot), natural(a.Teacher, b.Teacher), natural(a.Family, b.Family))
	})
	return out
}

func joinIDs(ids []string) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ", "
		}
		out += id
	}
	return out
}
