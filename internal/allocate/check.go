package allocate

import (
	"cmp"
	"slices"
	"strings"

	"schoolzone/internal/i18n"
)

// Violation codes reported by Check.
const (
	VTableMissing   = "table_missing"
	VTableUnknown   = "table_unknown"
	VFamilyUnknown  = "family_unknown"
	VTableShared    = "table_shared"
	VQuietUnmet     = "quiet_unmet"
	VStepFreeUnmet  = "step_free_unmet"
	VKeepApartSame  = "keep_apart_same"
	VKeepApartNext  = "keep_apart_adjacent"
	VMeetingMissing = "meeting_missing"
	VMeetingUnknown = "meeting_unknown"
	VSlotOutOfRange = "slot_out_of_range"
	VTeacherUnavail = "teacher_unavailable"
	VTeacherTwice   = "teacher_double_booked"
	VFamilyTwice    = "family_double_booked"
)

// Violation is one hard constraint a schedule breaks. Families, Teachers and
// Tables name the entities involved so the app can highlight them; Slot is
// -1 when no slot is involved. Keep-apart violations name both families and
// are for coordinators only.
type Violation struct {
	Code     string         `json:"code"`
	Families []string       `json:"families,omitempty"`
	Teachers []string       `json:"teachers,omitempty"`
	Tables   []string       `json:"tables,omitempty"`
	Slot     int            `json:"slot"`
	Params   map[string]any `json:"-"`
	Message  string         `json:"message"`
}

// Localize renders the violation in lang, from allocate.violation.<code>.
func (v Violation) Localize(cat *i18n.Catalogue, lang i18n.Lang) string {
	return localize(cat, lang, "allocate.violation."+v.Code, v.Params)
}

// Check lists every hard constraint r breaks for in, so a coordinator sees
// all of them before saving a hand-edited plan. It tolerates anything in r
// (unknown IDs, missing entries) and never fails; nil means r is valid.
func Check(in Input, r Result) []Violation {
	ck := newChecker(in)
	ck.seats(r)
	ck.keepApart(r)
	ck.meetings(r)
	ck.doubleBookings(r)
	return ck.out
}

type checker struct {
	in       Input
	tables   map[string]Table
	teachers map[string]Teacher
	adj      map[[2]string]bool
	out      []Violation
}

func newChecker(in Input) *checker {
	ck := &checker{in: in, tables: map[string]Table{}, teachers: map[string]Teacher{}, adj: map[[2]string]bool{}}
	for _, t := range in.Tables {
		ck.tables[t.ID] = t
		for _, a := range t.Adjacent {
			ck.adj[[2]string{t.ID, a}] = true
			ck.adj[[2]string{a, t.ID}] = true
		}
	}
	for _, t := range in.Teachers {
		ck.teachers[t.ID] = t
	}
	return ck
}

func (ck *checker) add(code string, params map[string]any, fams, teachers, tables []string, slot int) {
	v := Violation{Code: code, Families: fams, Teachers: teachers, Tables: tables, Slot: slot, Params: params}
	if cat, err := catalogue(); err == nil {
		v.Message = v.Localize(cat, i18n.English)
	} else {
		v.Message = fallbackText(code, params)
	}
	ck.out = append(ck.out, v)
}

func (ck *checker) seats(r Result) {
	known := map[string]bool{}
	for _, f := range sortedBy(ck.in.Families, func(f Family) string { return f.ID }) {
		known[f.ID] = true
		tid, ok := r.Tables[f.ID]
		fp := map[string]any{"Family": f.ID, "Table": tid}
		switch t, exists := ck.tables[tid]; {
		case !ok || tid == "":
			ck.add(VTableMissing, fp, []string{f.ID}, nil, nil, -1)
		case !exists:
			ck.add(VTableUnknown, fp, []string{f.ID}, nil, []string{tid}, -1)
		default:
			if f.NeedsQuiet && !t.Quiet {
				ck.add(VQuietUnmet, fp, []string{f.ID}, nil, []string{tid}, -1)
			}
			if f.NeedsStepFree && !t.StepFree {
				ck.add(VStepFreeUnmet, fp, []string{f.ID}, nil, []string{tid}, -1)
			}
		}
	}
	byTable := map[string][]string{}
	for _, fid := range sortedKeys(r.Tables) {
		if !known[fid] {
			ck.add(VFamilyUnknown, map[string]any{"Family": fid}, []string{fid}, nil, nil, -1)
			continue
		}
		if tid := r.Tables[fid]; tid != "" {
			byTable[tid] = append(byTable[tid], fid)
		}
	}
	for _, tid := range sortedKeys(byTable) {
		if fs := byTable[tid]; len(fs) > 1 {
			ck.add(VTableShared, map[string]any{"Table": tid, "Families": len(fs), "List": strings.Join(fs, ", ")}, fs, nil, []string{tid}, -1)
		}
	}
}

func (ck *checker) keepApart(r Result) {
	pairs := map[[2]string]bool{}
	for _, f := range ck.in.Families {
		for _, q := range f.KeepApart {
			a, b := f.ID, q
			if natural(a, b) > 0 {
				a, b = b, a
			}
			pairs[[2]string{a, b}] = true
		}
	}
	keys := make([][2]string, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [2]string) int { return cmp.Or(natural(x[0], y[0]), natural(x[1], y[1])) })
	for _, k := range keys {
		ta, tb := r.Tables[k[0]], r.Tables[k[1]]
		if ta == "" || tb == "" {
			continue
		}
		params := map[string]any{"Family": k[0], "Other": k[1], "Table": ta, "OtherTable": tb}
		if ta == tb {
			ck.add(VKeepApartSame, params, k[:], nil, []string{ta}, -1)
		} else if ck.adj[[2]string{ta, tb}] {
			ck.add(VKeepApartNext, params, k[:], nil, []string{ta, tb}, -1)
		}
	}
}

func sortedBy[T any](items []T, id func(T) string) []T {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b T) int { return natural(id(a), id(b)) })
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, natural)
	return keys
}
