package packs

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"schoolzone/internal/i18n"
)

// TeacherPack is everything one teacher needs before the day. It names a
// pupil only as far as the carer agreed, and has no field for the parent's
// name, offence, sentence or prison number, so none of them can be printed.
type TeacherPack struct {
	TeacherRef string // e.g. "TCH-0007"
	Teacher    string // the teacher's own name, for the greeting
	Event      Event
	Pupils     []Pupil
	Meetings   []Meeting
}

// SharedText is a detail about a child that is printed only if the carer
// consented to share it with the school.
type SharedText struct {
	Text   string
	Shared bool
}

// Share marks s as consented to.
func Share(s string) SharedText { return SharedText{Text: s, Shared: true} }

// Pupil is what a teacher may learn about one child. Every detail carries
// its own consent, because carers share different things with schools.
type Pupil struct {
	FamilyRef   string
	FirstName   SharedText
	YearGroup   SharedText
	Wishes      SharedText
	Adjustments []Adjustment
}

// AdjustmentKind is a known adjustment, worded by the catalogue.
type AdjustmentKind string

const (
	AdjustQuietSpace    AdjustmentKind = "quiet_space"
	AdjustAwayFromNoise AdjustmentKind = "away_from_noise"
	AdjustEarlyEntry    AdjustmentKind = "early_entry"
	AdjustPhotoGuide    AdjustmentKind = "photo_guide"
	AdjustDogs          AdjustmentKind = "dogs"
	AdjustOnline        AdjustmentKind = "online"
)

var adjustmentKinds = []AdjustmentKind{AdjustQuietSpace, AdjustAwayFromNoise, AdjustEarlyEntry, AdjustPhotoGuide, AdjustDogs, AdjustOnline}

// Adjustment is one thing done to make the day easier for a child. Kind may
// be empty when the carer's own words in Note say it all.
type Adjustment struct {
	Kind   AdjustmentKind
	Note   string
	Shared bool
}

// Meeting is one slot at one table in a teacher's day.
type Meeting struct {
	Start, End time.Time
	Table      int
	FamilyRef  string
}

// disclosed is the part of a pupil's record the carer agreed to share. It
// is the only way pupil details reach the page, so the consent rule lives in
// one place.
type disclosed struct {
	familyRef, firstName, yearGroup, wishes string
	adjustments                             []Adjustment
}

func (p Pupil) disclosed() disclosed {
	pick := func(s SharedText) string {
		if s.Shared {
			return strings.TrimSpace(s.Text)
		}
		return ""
	}
	d := disclosed{familyRef: p.FamilyRef, firstName: pick(p.FirstName), yearGroup: pick(p.YearGroup), wishes: pick(p.Wishes)}
	for _, a := range p.Adjustments {
		if a.Shared {
			d.adjustments = append(d.adjustments, a)
		}
	}
	return d
}

func (d disclosed) empty() bool {
	return d.firstName == "" && d.yearGroup == "" && d.wishes == "" && len(d.adjustments) == 0
}

func (p TeacherPack) validate() error {
	if _, err := Filename(KindTeacherPack, p.TeacherRef, English); err != nil {
		return err
	}
	if err := p.Event.validate(); err != nil {
		return err
	}
	for _, pu := range p.Pupils {
		for _, a := range pu.Adjustments {
			if a.Kind != "" && !slices.Contains(adjustmentKinds, a.Kind) {
				return fmt.Errorf("pupil %s: unknown adjustment %q", pu.FamilyRef, a.Kind)
			}
		}
	}
	return nil
}

func (e Event) validate() error {
	if e.Start.IsZero() || e.End.Before(e.Start) {
		return fmt.Errorf("event %s: start and end times are missing or out of order", e.Ref)
	}
	return nil
}

// WriteTeacherPack writes one teacher's preparation pack as a PDF.
func WriteTeacherPack(w io.Writer, p TeacherPack, opt Options) error {
	if err := p.validate(); err != nil {
		return fmt.Errorf("packs: teacher pack: %w", err)
	}
	d, err := newDoc(opt, docSpec{orientation: "P", title: "packs.teacher.title", footer: "packs.teacher.footer"})
	if err != nil {
		return err
	}
	d.passes(func() { d.teacherPack(p) })
	return d.finish(w, "teacher pack "+p.TeacherRef)
}

func (d *doc) teacherPack(p TeacherPack) {
	ev := p.Event
	d.title(d.kicker(ev), d.m("packs.teacher.title"))
	d.inset(d.m("packs.teacher.confidential"))
	d.para(d.m("packs.teacher.greeting", map[string]any{"Name": p.Teacher}))
	d.para(d.m("packs.teacher.intro"))
	d.eventSummary(ev, row{d.m("packs.label.event_times"), d.span(ev.Start, ev.End)})

	d.heading(d.m("packs.teacher.day.heading"))
	d.para(d.m("packs.teacher.day.hall"))
	d.para(d.m("packs.teacher.day.work"))
	d.para(d.m("packs.teacher.day.food"))

	d.heading(d.m("packs.teacher.arrival.heading"))
	d.para(d.m("packs.teacher.arrival.time", map[string]any{"Time": d.clock(ev.ArriveBy), "Start": d.clock(ev.Start)}))
	d.warning(d.m("packs.security.id_warning"))
	d.bullets(append([]msg{
		d.m("packs.security.lockers"),
		d.m("packs.teacher.arrival.bring"),
		d.m("packs.teacher.arrival.dont_bring"),
		d.m("packs.security.search"),
		d.m("packs.security.dogs"),
		d.m("packs.security.officers"),
	}, texts(ev.VisitorRules)...)...)
	d.inset(d.m("packs.security.rules_change"))

	d.heading(d.m("packs.teacher.timetable.heading"))
	d.teacherTimetable(p)

	d.heading(d.m("packs.teacher.pupil.heading"))
	d.para(d.m("packs.teacher.pupil.intro"))
	for _, pu := range p.Pupils {
		d.pupil(pu.disclosed())
	}

	d.heading(d.m("packs.teacher.faq.heading"))
	d.para(d.m("packs.teacher.faq.intro"))
	for i := 1; i <= 6; i++ {
		d.subheading(d.m(fmt.Sprintf("packs.teacher.faq.q%d", i)))
		d.para(d.m(fmt.Sprintf("packs.teacher.faq.a%d", i)))
	}
	d.inset(d.m("packs.teacher.faq.safeguarding"))

	d.heading(d.m("packs.teacher.contact.heading"))
	d.para(d.m("packs.teacher.contact.intro"))
	d.contact(ev.Coordinator)
}

func (d *doc) teacherTimetable(p TeacherPack) {
	if len(p.Meetings) == 0 {
		d.para(d.m("packs.teacher.timetable.empty"))
		return
	}
	d.para(d.m("packs.teacher.timetable.intro"))
	names := map[string]string{}
	for _, pu := range p.Pupils {
		if n := pu.disclosed().firstName; n != "" {
			names[pu.FamilyRef] = n
		}
	}
	ms := slices.Clone(p.Meetings)
	slices.SortStableFunc(ms, func(a, b Meeting) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Table, b.Table))
	})
	var cells [][]msg
	for _, m := range ms {
		name := cmp.Or(names[m.FamilyRef], "–")
		cells = append(cells, []msg{d.span(m.Start, m.End), lit(fmt.Sprint(m.Table)), lit(m.FamilyRef), lit(name)})
	}
	d.table([]column{
		{d.m("packs.label.time"), 3},
		{d.m("packs.label.table"), 1.3},
		{d.m("packs.label.family"), 2.4},
		{d.m("packs.label.pupil"), 2.4},
	}, cells)
}

func (d *doc) pupil(p disclosed) {
	d.subheading(lit(cmp.Or(p.firstName, p.familyRef)))
	rows := []row{{d.m("packs.label.family"), lit(p.familyRef)}}
	if p.empty() {
		d.summary(rows...)
		d.para(d.m("packs.teacher.pupil.nothing_shared"))
		return
	}
	add := func(id, v string) {
		if v != "" {
			rows = append(rows, row{d.m(id), lit(v)})
		}
	}
	add("packs.teacher.pupil.first_name", p.firstName)
	if p.yearGroup != "" {
		// "Year 4" typed by the coordinator reads "Blwyddyn 4" in Welsh.
		rows = append(rows, row{d.m("packs.teacher.pupil.year_group"), func(l i18n.Lang) string { return d.cat.YearGroup(l, p.yearGroup) }})
	}
	add("packs.teacher.pupil.wishes", p.wishes)
	if len(p.adjustments) > 0 {
		rows = append(rows, row{d.m("packs.teacher.pupil.adjustments"), d.adjustments(p.adjustments)})
	}
	d.summary(rows...)
}

// adjustments lists one adjustment a line: the catalogue's wording, then
// the carer's note, which is printed as given.
func (d *doc) adjustments(as []Adjustment) msg {
	return func(l i18n.Lang) string {
		lines := make([]string, 0, len(as))
		for _, a := range as {
			var parts []string
			if a.Kind != "" {
				parts = append(parts, d.m("packs.adjustment."+string(a.Kind))(l))
			}
			if n := strings.TrimSpace(a.Note); n != "" {
				parts = append(parts, n)
			}
			lines = append(lines, strings.Join(parts, ": "))
		}
		return strings.Join(lines, "\n")
	}
}
