package showcase

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/packs"
	"schoolzone/internal/store"
)

// Document is one file of a showcase, named from references only.
type Document struct {
	Kind        packs.Kind // or KindInvite
	Ref         string     // TCH-0007, FAM-0012 or EV-0003
	Filename    string
	ContentType string
	Mode        packs.Mode
	render      func(w io.Writer) error
}

// KindInvite marks a calendar file in a document list.
const KindInvite packs.Kind = "invite"

// Content types of the files.
const (
	TypePDF = "application/pdf"
	TypeICS = "text/calendar; charset=utf-8"
)

// Render writes the document.
func (d Document) Render(w io.Writer) error { return d.render(w) }

// Bytes renders the document into memory.
func (d Document) Bytes() ([]byte, error) {
	var b bytes.Buffer
	err := d.render(&b)
	return b.Bytes(), err
}

func teacherPackName(ref string, l i18n.Lang) string {
	n, _ := packs.Filename(packs.KindTeacherPack, ref, packs.ModeFor(l))
	return n
}

// Bundle is every document of one showcase, ready to render on demand.
type Bundle struct {
	Plan      Plan
	Documents []Document
}

// Find returns the document with a file name.
func (b Bundle) Find(name string) (Document, bool) {
	for _, d := range b.Documents {
		if d.Filename == name {
			return d, true
		}
	}
	return Document{}, false
}

// Bundle lists a showcase's documents: invites and packs for everyone
// still coming, the run sheet in runSheet's language (both for export),
// and a bilingual certificate per family.
func (s *Service) Bundle(ctx context.Context, eventID int64, runSheet ...packs.Mode) (Bundle, error) {
	p, err := s.Plan(ctx, eventID)
	if err != nil {
		return Bundle{}, err
	}
	return s.bundle(p, runSheet...)
}

func (s *Service) bundle(p Plan, runSheet ...packs.Mode) (Bundle, error) {
	b := Bundle{Plan: p}
	v, now := p.view, s.now()
	opt := func(m packs.Mode) packs.Options { return packs.Options{Now: now, Lang: m} }
	add := func(kind packs.Kind, ref string, mode packs.Mode, render func(io.Writer, packs.Options) error) error {
		name, err := packs.Filename(kind, ref, mode)
		if err != nil {
			return err
		}
		b.Documents = append(b.Documents, Document{Kind: kind, Ref: ref, Filename: name, ContentType: TypePDF, Mode: mode,
			render: func(w io.Writer) error { return render(w, opt(mode)) }})
		return nil
	}
	for _, it := range p.Items {
		if it.Action == ActionCancelled {
			continue
		}
		it := it
		if it.Email != "" {
			b.Documents = append(b.Documents, Document{Kind: KindInvite, Ref: it.Ref, Filename: it.Filename(), ContentType: TypeICS,
				Mode: packs.ModeFor(it.Lang), render: func(w io.Writer) error { return encodeInvite(w, it.Invite(s, now)) }})
		}
		var err error
		switch it.Kind {
		case KindTeacher:
			pack := s.teacherPack(v, it)
			err = add(packs.KindTeacherPack, it.Ref, packs.ModeFor(it.Lang), func(w io.Writer, o packs.Options) error { return packs.WriteTeacherPack(w, pack, o) })
		case KindCarer:
			letter := s.carerLetter(v, it)
			err = add(packs.KindCarerLetter, it.Ref, packs.ModeFor(it.Lang), func(w io.Writer, o packs.Options) error { return packs.WriteCarerLetter(w, letter, o) })
		}
		if err != nil {
			return b, err
		}
	}
	if len(runSheet) == 0 {
		runSheet = []packs.Mode{packs.English}
	}
	rs := s.runSheet(v)
	for _, m := range runSheet {
		if err := add(packs.KindRunSheet, rs.Event.Ref, m, func(w io.Writer, o packs.Options) error { return packs.WriteRunSheet(w, rs, o) }); err != nil {
			return b, err
		}
	}
	for _, f := range v.activeFamilies() {
		cert := s.certificate(v, f)
		if err := add(packs.KindCertificate, f.Family.Ref, packs.Bilingual, func(w io.Writer, o packs.Options) error { return packs.WriteCertificate(w, cert, o) }); err != nil {
			return b, err
		}
	}
	return b, nil
}

// event is what every document says about the showcase.
func (s *Service) event(v *view) packs.Event {
	both := func(id string) packs.Text {
		return packs.Text{EN: s.Cat.T(i18n.English, id), CY: s.Cat.T(i18n.Welsh, id)}
	}
	var addr []string
	for _, l := range strings.FieldsFunc(v.d.Prison.Address, func(r rune) bool { return r == '\n' || r == ',' }) {
		if l = strings.TrimSpace(l); l != "" {
			addr = append(addr, l)
		}
	}
	return packs.Event{
		Ref: EventRef(v.d.Event.ID), Prison: v.d.Prison.Name, Venue: both("documents.venue"), Address: addr,
		Start: v.d.Event.StartsAt, End: v.d.Event.EndsAt(), ArriveBy: v.arriveBy(),
		Coordinator: packs.Contact{Name: cmp.Or(s.Organizer.Name, s.Organizer.Email), Role: both("documents.coordinator_role"),
			Phone: v.d.Prison.Phone, Email: s.Organizer.Email},
	}
}

// teacherPack holds only the children the teacher meets whose register
// names the teacher (being at the same school, or being asked for, is not
// enough), and their needs only where the carer agreed to share them.
func (s *Service) teacherPack(v *view, it Item) packs.TeacherPack {
	t := v.d.Teachers[it.RecipientID]
	w := words{s.Cat, it.Lang}
	p := packs.TeacherPack{TeacherRef: it.Ref, Teacher: t.Name, Event: s.event(v)}
	seen := map[int64]bool{}
	for _, m := range v.byTeach[t.ID] {
		f := v.families[m.FamilyID]
		p.Meetings = append(p.Meetings, packs.Meeting{Start: v.slotStart(m.Slot), End: v.slotEnd(m.Slot), Table: v.tableOf(f.Family.ID), FamilyRef: f.Family.Ref})
		if seen[f.Family.ID] {
			continue
		}
		seen[f.Family.ID] = true
		for _, ch := range domain.PupilsFor(f.Children, t.ID) {
			pu := packs.Pupil{FamilyRef: f.Family.Ref, FirstName: packs.Share(ch.FirstName), YearGroup: packs.Share(ch.YearGroup)}
			add := func(kind packs.AdjustmentKind, note string) {
				pu.Adjustments = append(pu.Adjustments, packs.Adjustment{Kind: kind, Note: note, Shared: ch.ShareNeeds})
			}
			if ch.NeedsQuiet {
				add(packs.AdjustQuietSpace, "")
			}
			if ch.NeedsStepFree {
				add("", w.t("documents.adjust.step_free"))
			}
			if n := strings.TrimSpace(ch.NeedsNotes); n != "" {
				add("", n)
			}
			p.Pupils = append(p.Pupils, pu)
		}
	}
	return p
}

func (s *Service) carerLetter(v *view, it Item) packs.CarerLetter {
	f := v.families[it.FamilyID]
	ev := s.event(v)
	l := packs.CarerLetter{FamilyRef: f.Family.Ref, Carer: it.Name, Event: ev, MeetingStart: v.d.Event.StartsAt, MeetingEnd: it.End,
		ConfirmBy: confirmBy(v.d.Event.StartsAt, s.now()), ConfirmPhone: v.d.Prison.Phone, ConfirmURL: s.confirmURL()}
	if ms := v.byFamily[f.Family.ID]; len(ms) > 0 {
		l.MeetingStart, l.MeetingEnd = v.slotStart(ms[0].Slot), v.slotEnd(ms[len(ms)-1].Slot)
	}
	for _, c := range f.Carers {
		l.Adults = append(l.Adults, c.Name)
	}
	if l.ConfirmPhone == "" && ev.Coordinator.Phone == "" {
		l.ConfirmPhone = cmp.Or(s.Organizer.Email, "-")
	}
	return l
}

// confirmBy asks for a reply a week before the day, or within two days
// when the letter goes out later than that.
func confirmBy(start, now time.Time) time.Time {
	by := start.AddDate(0, 0, -7)
	if by.Before(now) {
		by = now.AddDate(0, 0, 2)
		if by.After(start) {
			by = now
		}
	}
	return by
}

func (s *Service) confirmURL() string {
	if s.Organizer.Email != "" {
		return "mailto:" + s.Organizer.Email
	}
	return strings.TrimRight(s.BaseURL, "/")
}

// runSheet is the prison's plan of the day: adults by name for the gate,
// children only as counts and ages.
func (s *Service) runSheet(v *view) packs.RunSheet {
	rs := packs.RunSheet{Event: s.event(v)}
	minRow, minCol := 0, 0
	for i, t := range v.d.Tables {
		if i == 0 || t.Row < minRow {
			minRow = t.Row
		}
		if i == 0 || t.Col < minCol {
			minCol = t.Col
		}
	}
	for _, t := range v.d.Tables {
		rs.Tables = append(rs.Tables, packs.Table{Number: v.number[t.ID], Col: t.Col - minCol, Row: t.Row - minRow, Quiet: t.Quiet, StepFree: t.StepFree})
	}
	for i := range v.d.Event.Slots {
		rs.Slots = append(rs.Slots, packs.Slot{Start: v.slotStart(i), End: v.slotEnd(i)})
	}
	type cell struct{ slot, table int }
	bookings := map[cell]int{}
	for _, m := range v.d.Meetings {
		f := v.families[m.FamilyID]
		if f == nil || !f.Active() || m.Slot < 0 || m.Slot >= len(rs.Slots) {
			continue
		}
		t := v.d.Teachers[m.TeacherID]
		k := cell{m.Slot, v.tableOf(f.Family.ID)}
		i, ok := bookings[k]
		if !ok {
			i = len(rs.Bookings)
			bookings[k] = i
			rs.Bookings = append(rs.Bookings, packs.Booking{Slot: m.Slot, Table: k.table, FamilyRef: f.Family.Ref})
		}
		rs.Bookings[i].Teachers = append(rs.Bookings[i].Teachers, packs.BookedTeacher{Ref: TeacherRef(t.ID)})
	}
	// Expected arrivals follow the carers' answers: someone they said is not
	// coming is not expected at the gate, nor fed.
	for _, f := range v.activeFamilies() {
		table := v.tableOf(f.Family.ID)
		for _, c := range f.Carers {
			if v.d.NotComing["carer"][c.ID] {
				continue
			}
			role := packs.RoleFamily
			if c.Primary {
				role = packs.RoleCarer
			}
			if c.Relationship == "social_worker" {
				role = packs.RoleSocialWorker
			}
			rs.Visitors = append(rs.Visitors, packs.Visitor{Name: c.Name, Role: role, FamilyRef: f.Family.Ref, Table: table})
		}
		rs.Residents = append(rs.Residents, packs.Resident{Name: f.Family.ParentName, PrisonNumber: f.Family.PrisonNumber, FamilyRef: f.Family.Ref, Table: table})
		fc := packs.FamilyChildren{FamilyRef: f.Family.Ref, Table: table}
		for _, ch := range f.Children {
			if ch.Attending() && !v.d.NotComing["child"][ch.ID] {
				fc.Children = append(fc.Children, packs.Child{Age: ageFromYear(ch.YearGroup), Diet: ch.Dietary})
			}
		}
		rs.Children = append(rs.Children, fc)
	}
	for _, id := range v.activeTeachers() {
		rs.Visitors = append(rs.Visitors, packs.Visitor{Name: v.d.Teachers[id].Name, Role: packs.RoleTeacher})
	}
	sort.Slice(rs.Bookings, func(i, j int) bool {
		a, b := rs.Bookings[i], rs.Bookings[j]
		return a.Slot < b.Slot || a.Slot == b.Slot && a.Table < b.Table
	})
	if name := cmp.Or(s.Organizer.Name, s.Organizer.Email); name != "" {
		rs.Visitors = append(rs.Visitors, packs.Visitor{Name: name, Role: packs.RoleCoordinator})
		rs.Staff = append(rs.Staff, packs.Staff{Name: name, PostID: "documents.coordinator_role",
			DutyID: "documents.staff.duty", From: v.arriveBy(), To: v.d.Event.EndsAt()})
	}
	return rs
}

var yearPattern = regexp.MustCompile(`(?i)(?:year|blwyddyn|y)\s*(\d{1,2})`)

// ageFromYear estimates a child's age from their year group (Year 4 is
// 8 or 9): the run sheet needs ages for catering and the hall, and the
// record holds year groups. 0 means unknown.
func ageFromYear(year string) int {
	y := strings.TrimSpace(strings.ToLower(year))
	switch {
	case strings.HasPrefix(y, "reception") || strings.HasPrefix(y, "derbyn"):
		return 4
	case strings.HasPrefix(y, "nursery") || strings.HasPrefix(y, "meithrin"):
		return 3
	}
	if m := yearPattern.FindStringSubmatch(y); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n + 4
	}
	return 0
}

// certificate is the family's: the parent's, and one per child taking part.
func (s *Service) certificate(v *view, f *store.ShowcaseFamily) packs.Certificate {
	c := packs.Certificate{FamilyRef: f.Family.Ref, Event: s.event(v), Parent: f.Family.ParentName}
	for _, ch := range f.Children {
		if ch.Attending() {
			c.Children = append(c.Children, ch.FirstName)
		}
	}
	return c
}

// String describes a document for logs and errors.
func (d Document) String() string { return fmt.Sprintf("%s (%s)", d.Filename, d.Kind) }
