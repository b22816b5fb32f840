package showcase

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/mail"
	"schoolzone/internal/store"
)

// Action is what sending invitations would do for one recipient.
type Action string

const (
	ActionNew       Action = "new"       // first invite: SEQUENCE 0, REQUEST
	ActionUpdated   Action = "updated"   // time, table or place changed: SEQUENCE+1, REQUEST
	ActionCancelled Action = "cancelled" // no longer coming: SEQUENCE+1, CANCEL
	ActionUnchanged Action = "unchanged" // nothing to send
)

// Item is one recipient's invite as it stands now.
type Item struct {
	Kind        string // teacher or carer
	RecipientID int64
	FamilyID    int64  // carers
	Ref         string // TCH-0007 or FAM-0012: what pages and file names show
	Name        string // greeting and ATTENDEE name only
	Email       string // empty: post the letter or phone instead
	Lang        i18n.Lang
	Action      Action
	UID         string
	Sequence    int
	Organizer   ical.Person
	Start, End  time.Time
	Location    string
	Details     ical.Details
	Fingerprint string
	prev        *store.InviteRecord
	// link is the personal link made for this send; it goes in the email
	// only.
	link string
}

// Method is the iTIP method the item's calendar file carries.
func (it Item) Method() ical.Method {
	if it.Action == ActionCancelled {
		return ical.Cancel
	}
	return ical.Request
}

// MailKind is the wording of the item's email.
func (it Item) MailKind() mail.Kind {
	switch it.Action {
	case ActionUpdated:
		return mail.KindUpdate
	case ActionCancelled:
		return mail.KindCancel
	}
	return mail.KindInvite
}

// Filename is the invite's file name, from the reference only.
func (it Item) Filename() string { return "invite-" + it.Ref + ".ics" }

// Invite is the calendar object for the item.
func (it Item) Invite(s *Service, now time.Time) ical.Invite {
	inv := ical.Invite{
		UID: it.UID, Sequence: it.Sequence, Method: it.Method(), Organizer: it.Organizer,
		Attendees: []ical.Person{{Name: it.Name, Email: it.Email}},
		Summary:   ical.Summary(s.Cat, it.Lang, it.Details.Prison),
		Location:  it.Location, Start: it.Start, End: it.End, Stamp: now,
	}
	inv.Description = ical.Description(s.Cat, it.Lang, it.Details)
	if it.Details.PrepURL != "" && it.Action != ActionCancelled {
		inv.URL = it.Details.PrepURL
	}
	return inv
}

// Plan is what sending invitations for a showcase would do now.
type Plan struct {
	EventID int64
	Event   string // title, for pages
	Items   []Item // teachers then carers, by reference
	view    *view
}

// Count is how many items would take action a.
func (p Plan) Count(a Action) int {
	n := 0
	for _, it := range p.Items {
		if it.Action == a {
			n++
		}
	}
	return n
}

// NoEmail lists recipients who would get something but have no email
// address: the coordinator posts their letter or phones them instead.
func (p Plan) NoEmail() []Item {
	var out []Item
	for _, it := range p.Items {
		if it.Action != ActionUnchanged && it.Email == "" {
			out = append(out, it)
		}
	}
	return out
}

// Plan works out every recipient's invite for a showcase without sending
// anything.
func (s *Service) Plan(ctx context.Context, eventID int64) (Plan, error) {
	d, err := s.Store.ShowcaseData(ctx, s.Scope, eventID)
	if err != nil {
		return Plan{}, err
	}
	recs, err := s.Store.Invites(ctx, eventID)
	if err != nil {
		return Plan{}, err
	}
	return s.plan(newView(d), recs)
}

type recipientKey struct {
	kind string
	id   int64
}

func (s *Service) plan(v *view, recs []store.InviteRecord) (Plan, error) {
	p := Plan{EventID: v.d.Event.ID, Event: v.d.Event.Title, view: v}
	prev := map[recipientKey]*store.InviteRecord{}
	for i := range recs {
		prev[recipientKey{recs[i].RecipientKind, recs[i].RecipientID}] = &recs[i]
	}
	seen := map[recipientKey]bool{}
	add := func(it Item) {
		k := recipientKey{it.Kind, it.RecipientID}
		seen[k] = true
		it.prev = prev[k]
		s.decide(&it)
		p.Items = append(p.Items, it)
	}
	for _, id := range v.activeTeachers() {
		add(s.teacherItem(v, id))
	}
	for _, f := range v.activeFamilies() {
		for _, it := range s.carerItems(v, f) {
			add(it)
		}
	}
	for i := range recs {
		r := &recs[i]
		if seen[recipientKey{r.RecipientKind, r.RecipientID}] || r.Status != store.InviteActive {
			continue
		}
		it, err := s.cancelItem(v, r)
		if err != nil {
			return p, err
		}
		p.Items = append(p.Items, it)
	}
	sort.SliceStable(p.Items, func(i, j int) bool {
		a, b := p.Items[i], p.Items[j]
		if a.Kind != b.Kind {
			return a.Kind == KindTeacher
		}
		return a.Ref < b.Ref
	})
	return p, nil
}

// decide compares the invite with what was last sent.
func (s *Service) decide(it *Item) {
	it.Organizer = s.Organizer
	switch r := it.prev; {
	case r == nil:
		it.Action, it.Sequence = ActionNew, 0
		return
	case r.Status == store.InviteCancelled:
		// Coming again after a cancellation: the same UID comes back to
		// life with a higher SEQUENCE.
		it.Action, it.Sequence = ActionUpdated, r.Sequence+1
	case r.Fingerprint != it.Fingerprint:
		it.Action, it.Sequence = ActionUpdated, r.Sequence+1
	default:
		it.Action, it.Sequence = ActionUnchanged, r.Sequence
	}
	it.UID = it.prev.UID
	it.Organizer = ical.Person{Name: it.prev.OrganizerName, Email: it.prev.Organizer}
}

func fingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func (s *Service) teacherItem(v *view, id int64) Item {
	t := v.d.Teachers[id]
	ms := v.byTeach[id]
	w := words{s.Cat, lang(t.Lang)}
	it := Item{Kind: KindTeacher, RecipientID: id, Ref: TeacherRef(id), Name: t.Name, Email: strings.TrimSpace(t.Email), Lang: w.lang,
		UID: s.uid(v.d.Event.ID, KindTeacher, id, false), Start: v.slotStart(ms[0].Slot), End: v.slotEnd(ms[len(ms)-1].Slot),
		Location: v.locationIn(w.lang)}
	var slots, fp []string
	for _, m := range ms {
		table := v.tableOf(m.FamilyID)
		slots = append(slots, w.t("documents.slot", map[string]any{"From": clock(v.slotStart(m.Slot)), "To": clock(v.slotEnd(m.Slot)), "Table": table}))
		fp = append(fp, fmt.Sprintf("%d@%d:%s", m.Slot, table, v.families[m.FamilyID].Family.Ref))
	}
	it.Details = ical.Details{Prison: i18n.Prison(w.lang, v.d.Prison.Name), When: w.span(it.Start, it.End),
		Arrive: w.t("documents.arrive", map[string]any{"Time": clock(v.arriveBy())}), Table: strings.Join(slots, "; "),
		Bring: w.t("documents.bring.teacher"), PrepURL: s.docURL(v.d.Event.ID, teacherPackName(it.Ref, w.lang)), Contact: s.contact(v)}
	it.Fingerprint = fingerprint(append([]string{it.Start.UTC().Format(time.RFC3339), it.End.UTC().Format(time.RFC3339), v.location()}, fp...)...)
	return it
}

// carerItems are the invites of a family's carers: every carer with an
// email address or a phone number, each in their own language. The main
// carer always has one (a letter, if there is no address) and keeps the
// family's reference; another carer's files are named by their own
// reference (CAR-0034), never by name.
func (s *Service) carerItems(v *view, f *store.ShowcaseFamily) []Item {
	var out []Item
	for i, c := range f.Carers {
		c.Email = strings.TrimSpace(c.Email)
		ref := f.Family.Ref
		if i > 0 {
			if c.Email == "" && strings.TrimSpace(c.Phone) == "" {
				continue
			}
			ref = CarerRef(c.ID)
		}
		out = append(out, s.carerItem(v, f, c, ref))
	}
	return out
}

func (s *Service) carerItem(v *view, f *store.ShowcaseFamily, c domain.Carer, ref string) Item {
	w := words{s.Cat, lang(c.Lang)}
	it := Item{Kind: KindCarer, RecipientID: c.ID, FamilyID: f.Family.ID, Ref: ref, Name: c.Name, Email: c.Email, Lang: w.lang,
		UID: s.uid(v.d.Event.ID, KindCarer, c.ID, false), Start: v.arriveBy(), End: v.d.Event.EndsAt(), Location: v.locationIn(w.lang)}
	// The family stays from arrival to the end: after the meetings come
	// food together and the parent's certificate, so the invite does not
	// end at the family's last meeting as a teacher's does.
	table := v.tableOf(f.Family.ID)
	it.Details = ical.Details{Prison: i18n.Prison(w.lang, v.d.Prison.Name), When: w.span(it.Start, it.End),
		Arrive: w.t("documents.arrive", map[string]any{"Time": clock(v.arriveBy())}), Table: strconv.Itoa(table),
		Bring: w.t("documents.bring.carer"), Contact: s.contact(v)}
	fp := []string{it.Start.UTC().Format(time.RFC3339), it.End.UTC().Format(time.RFC3339), v.location(), strconv.Itoa(table)}
	// The letter gives the family's own meeting times, so a moved meeting
	// sends the carer an update even though the invite's times stay put.
	if ms := v.byFamily[f.Family.ID]; len(ms) > 0 {
		fp = append(fp, v.slotStart(ms[0].Slot).UTC().Format(time.RFC3339), v.slotEnd(ms[len(ms)-1].Slot).UTC().Format(time.RFC3339))
	}
	it.Fingerprint = fingerprint(fp...)
	return it
}

// cancelItem withdraws an invite whose recipient is no longer coming. It
// repeats the times, place and organizer last sent, with a higher SEQUENCE.
func (s *Service) cancelItem(v *view, r *store.InviteRecord) (Item, error) {
	it := Item{Kind: r.RecipientKind, RecipientID: r.RecipientID, FamilyID: r.FamilyID, Action: ActionCancelled, UID: r.UID,
		Sequence: r.Sequence + 1, Organizer: ical.Person{Name: r.OrganizerName, Email: r.Organizer}, Start: r.StartsAt, End: r.EndsAt,
		Location: r.Location, Fingerprint: r.Fingerprint, prev: r}
	switch r.RecipientKind {
	case KindTeacher:
		t, ok := v.d.Teachers[r.RecipientID]
		if !ok {
			return it, fmt.Errorf("showcase: invite %s: teacher %d not found", r.UID, r.RecipientID)
		}
		it.Ref, it.Name, it.Email, it.Lang = TeacherRef(t.ID), t.Name, strings.TrimSpace(t.Email), lang(t.Lang)
	default:
		f := v.families[r.FamilyID]
		if f == nil {
			return it, fmt.Errorf("showcase: invite %s: family %d not found", r.UID, r.FamilyID)
		}
		it.Ref = f.Family.Ref
		for _, c := range f.Carers {
			if c.ID == r.RecipientID {
				it.Name, it.Email, it.Lang = c.Name, strings.TrimSpace(c.Email), lang(c.Lang)
			}
		}
	}
	w := words{s.Cat, it.Lang}
	it.Details = ical.Details{Prison: i18n.Prison(w.lang, v.d.Prison.Name), When: w.span(it.Start, it.End), Contact: s.contact(v)}
	return it, nil
}

// contact is who to ask: the coordinator's mailbox and the prison's phone.
func (s *Service) contact(v *view) string {
	parts := []string{}
	if s.Organizer.Email != "" {
		parts = append(parts, s.Organizer.Email)
	}
	if v.d.Prison.Phone != "" {
		parts = append(parts, v.d.Prison.Phone)
	}
	return strings.Join(parts, ", ")
}

// docURL links to a document behind sign-in.
func (s *Service) docURL(eventID int64, name string) string {
	base := strings.TrimRight(s.BaseURL, "/")
	if base == "" {
		return ""
	}
	return base + "/events/" + strconv.FormatInt(eventID, 10) + "/documents/" + name
}
