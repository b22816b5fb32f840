package showcase

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/links"
	"schoolzone/internal/mail"
	"schoolzone/internal/packs"
	"schoolzone/internal/store"
)

// ErrNoOrganizer means nobody's address could be put as ORGANIZER: the
// signed-in user has no email address and nothing was sent before.
var ErrNoOrganizer = errors.New("showcase: an organizer email address is needed to send invitations")

func encodeInvite(w io.Writer, inv ical.Invite) error { return ical.Encode(w, inv) }

// LinkURL is the address of a personal link's page.
func LinkURL(baseURL, token string) string { return strings.TrimRight(baseURL, "/") + "/l/" + token }

// Result says what a send did, for the page that follows.
type Result struct {
	New, Updated, Cancelled int
	Emails                  int
	NoEmail                 []Item // post the letter or phone instead
	// Skipped are recipients whose address on record is not one an email
	// can go to (entered before addresses were checked). Nothing is saved
	// for them, so their invitation stays due and goes once the address
	// is put right; one bad address never stops everyone else's.
	Skipped     []Item
	DoNotTravel int // stand-downs only
}

// SendInvitations brings every recipient's calendar up to date: a REQUEST
// for someone new (SEQUENCE 0) or whose time, table or place changed
// (SEQUENCE+1), a CANCEL for someone no longer coming, and nothing for the
// rest. Each goes to the outbox as one email with the calendar part and
// their pack or letter attached; the invites' new state, the emails and
// the audit row are saved in one transaction.
func (s *Service) SendInvitations(ctx context.Context, actor domain.Actor, eventID int64) (Result, error) {
	p, err := s.Plan(ctx, eventID)
	if err != nil {
		return Result{}, err
	}
	b, err := s.bundle(p)
	if err != nil {
		return Result{}, err
	}
	batch := store.InviteBatch{EventID: eventID, Action: "send_invitations"}
	var res Result
	expires := p.view.d.Event.EndsAt().Add(LinkLife)
	if err := s.collect(b, p.Items, expires, &batch, &res); err != nil {
		return res, err
	}
	batch.Summary = res.summary()
	if len(batch.Changes) == 0 {
		return res, nil
	}
	return res, s.Store.ApplyInvites(ctx, actor, batch)
}

// FollowUp sends the usual cancel and update messages after a change took
// a family out of a showcase or withdrew some of its meetings (the store
// does that in the change's own transaction): at every showcase not yet
// over where invitations have already gone out to the family, or to
// teacherEvents, calendars are brought up to date now rather than when
// someone next presses "send invitations". Showcases not yet invited are
// left for the coordinator.
func (s *Service) FollowUp(ctx context.Context, actor domain.Actor, familyID int64, teacherEvents ...int64) (Result, error) {
	events, err := s.Store.InvitedEvents(ctx, familyID, teacherEvents)
	if err != nil {
		return Result{}, err
	}
	var total Result
	for _, id := range events {
		res, err := s.SendInvitations(ctx, actor, id)
		if err != nil {
			return total, err
		}
		total.add(res)
	}
	return total, nil
}

func (r *Result) add(o Result) {
	r.New += o.New
	r.Updated += o.Updated
	r.Cancelled += o.Cancelled
	r.Emails += o.Emails
	r.DoNotTravel += o.DoNotTravel
	r.NoEmail = append(r.NoEmail, o.NoEmail...)
	r.Skipped = append(r.Skipped, o.Skipped...)
}

// LinkLife is how long a personal link works after its showcase: long
// enough to look back at the day, short enough not to last.
const LinkLife = 14 * 24 * time.Hour

// collect turns the items that need sending into invite changes and
// emails. Each email carries a new personal link, which replaces the
// recipient's earlier ones; someone no longer coming loses theirs.
func (s *Service) collect(b Bundle, items []Item, linksExpire time.Time, batch *store.InviteBatch, res *Result) error {
	now := s.now()
	for _, it := range items {
		if it.Action == ActionUnchanged {
			continue
		}
		if it.Organizer.Email == "" {
			return ErrNoOrganizer
		}
		if it.EmailState() == EmailInvalid {
			res.Skipped = append(res.Skipped, it)
			continue
		}
		batch.Changes = append(batch.Changes, it.change(batch.EventID, now))
		switch it.Action {
		case ActionNew:
			res.New++
		case ActionUpdated:
			res.Updated++
		case ActionCancelled:
			res.Cancelled++
		}
		issue := store.LinkIssue{Kind: it.Kind, RecipientID: it.RecipientID, FamilyID: it.FamilyID, Expires: linksExpire}
		if it.Action == ActionCancelled {
			batch.Revoke = append(batch.Revoke, issue)
		}
		if it.Email == "" {
			res.NoEmail = append(res.NoEmail, it)
			continue
		}
		if it.Action != ActionCancelled && s.BaseURL != "" {
			token, hash, err := links.New()
			if err != nil {
				return err
			}
			issue.Hash = hash
			batch.Links = append(batch.Links, issue)
			// The link replaces the pack link behind sign-in: teachers
			// have no account, and the page offers the pack.
			it.Details.PrepURL = ""
			it.link = LinkURL(s.BaseURL, token)
		}
		m, err := s.inviteEmail(b, it, now)
		if err != nil {
			return err
		}
		batch.Outbox = append(batch.Outbox, m)
		res.Emails++
	}
	return nil
}

func (it Item) change(eventID int64, now time.Time) store.InviteChange {
	r := store.InviteRecord{EventID: eventID, RecipientKind: it.Kind, RecipientID: it.RecipientID, FamilyID: it.FamilyID, UID: it.UID,
		Sequence: it.Sequence, Fingerprint: it.Fingerprint, Status: store.InviteActive, Organizer: it.Organizer.Email,
		OrganizerName: it.Organizer.Name, StartsAt: it.Start, EndsAt: it.End, Location: it.Location, LastSentAt: now}
	c := store.InviteChange{Record: r}
	if it.prev != nil {
		c.Record.ID, c.PrevSequence = it.prev.ID, it.prev.Sequence
	}
	if it.Action == ActionCancelled {
		c.Record.Status = store.InviteCancelled
	}
	return c
}

// inviteEmail builds one recipient's email: the wording in their
// language, the calendar part with the same METHOD as inside it, and
// their pack or letter for a REQUEST.
func (s *Service) inviteEmail(b Bundle, it Item, now time.Time) (store.OutboxMessage, error) {
	var cal bytes.Buffer
	if err := ical.Encode(&cal, it.Invite(s, now)); err != nil {
		return store.OutboxMessage{}, err
	}
	subject, text, err := mail.Compose(s.Cat, it.Lang, it.MailKind(), it.Details)
	if err != nil {
		return store.OutboxMessage{}, err
	}
	text = mail.AddLink(s.Cat, it.Lang, text, it.link)
	msg := mail.Message{From: mail.Address{Name: it.Organizer.Name, Email: it.Organizer.Email}, To: mail.Address{Name: it.Name, Email: it.Email},
		Subject: subject, Text: text, Calendar: &mail.Calendar{Method: string(it.Method()), Data: cal.Bytes()}, Lang: it.Lang, Domain: s.host()}
	if it.Action != ActionCancelled {
		kind := packs.KindTeacherPack
		if it.Kind == KindCarer {
			kind = packs.KindCarerLetter
		}
		name, err := packs.Filename(kind, it.Ref, packs.ModeFor(it.Lang))
		if err != nil {
			return store.OutboxMessage{}, err
		}
		doc, ok := b.Find(name)
		if !ok {
			return store.OutboxMessage{}, fmt.Errorf("showcase: %s: document %s missing", it.Ref, name)
		}
		if it.Kind == KindCarer && it.link != "" {
			// The letter in the email carries the carer's own link, as text
			// and as a QR code, for carers who print it or read it on paper.
			letter := s.carerLetter(b.Plan.view, it)
			letter.ConfirmURL = it.link
			doc.render = func(w io.Writer) error {
				return packs.WriteCarerLetter(w, letter, packs.Options{Now: now, Lang: packs.ModeFor(it.Lang)})
			}
		}
		pdf, err := doc.Bytes()
		if err != nil {
			return store.OutboxMessage{}, err
		}
		msg.Attachments = []mail.Attachment{{Filename: name, ContentType: TypePDF, Data: pdf}}
	}
	eml, err := mail.Build(msg, now)
	if err != nil {
		return store.OutboxMessage{}, err
	}
	return store.OutboxMessage{Kind: string(it.MailKind()), EventID: b.Plan.EventID, RecipientKind: it.Kind, RecipientID: it.RecipientID,
		Lang: string(it.Lang), To: it.Email, Subject: subject, EML: eml}, nil
}

func (r Result) summary() map[string]any {
	return map[string]any{"new": r.New, "updated": r.Updated, "cancelled": r.Cancelled, "emails": r.Emails,
		"no_email": refs(r.NoEmail), "skipped": refs(r.Skipped), "do_not_travel": r.DoNotTravel}
}

// ToPhone lists, once each, the references of everyone the send or
// stand-down could not email: no address, or one that cannot be used.
func (r Result) ToPhone() []string {
	var out []string
	seen := map[string]bool{}
	for _, it := range append(append([]Item(nil), r.NoEmail...), r.Skipped...) {
		if !seen[it.Ref] {
			seen[it.Ref] = true
			out = append(out, it.Ref)
		}
	}
	return out
}

func refs(items []Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Ref)
	}
	return strings.Join(out, ",")
}

// How a recipient can be reached, as the documents page shows it.
const (
	EmailOK      = "yes"
	EmailNone    = "no"      // post or phone
	EmailInvalid = "invalid" // skipped until the address is put right
)

// EmailState says whether the item's email can be sent.
func (it Item) EmailState() string {
	switch {
	case it.Email == "":
		return EmailNone
	case !domain.ValidEmail(it.Email):
		return EmailInvalid
	}
	return EmailOK
}

// BadEmail lists recipients who would get something but whose address on
// record cannot be used: sending skips them and the page lists them.
func (p Plan) BadEmail() []Item {
	var out []Item
	for _, it := range p.Items {
		if it.Action != ActionUnchanged && it.EmailState() == EmailInvalid {
			out = append(out, it)
		}
	}
	return out
}

// StandDown takes a family out of every showcase not yet over when the
// parent is transferred or released, or the family withdraws: the family
// is cancelled at the event (table and meetings freed), the carer and
// every teacher meeting only them get a CANCEL, teachers who still meet
// others get an updated REQUEST, and the carer and the children's schools
// get a plain "please do not travel" email in their languages. Recipients
// without an email address are returned for a phone call. Every showcase's
// stand-down is saved in one transaction.
func (s *Service) StandDown(ctx context.Context, actor domain.Actor, familyID int64, reason string) (Result, error) {
	batches, res, err := s.standDowns(ctx, familyID, reason)
	if err != nil {
		return res, err
	}
	if len(batches) == 0 {
		return res, nil
	}
	return res, s.Store.ApplyInvites(ctx, actor, batches...)
}

// RecordCustody records where the parent is. If they are no longer held
// at the prison, the family is stood down (see StandDown) in the same
// store transaction as the status: if anything fails, nothing is saved and
// the family stays as it was.
func (s *Service) RecordCustody(ctx context.Context, actor domain.Actor, familyID int64, in domain.CustodyInput) (Result, error) {
	if err := in.Validate(s.now().Format("2006-01-02")); err != nil {
		return Result{}, err
	}
	ch := store.CustodyChange{FamilyID: familyID, Status: in.Status, ReleaseDate: in.ReleaseDate}
	var res Result
	if in.Status != domain.Held {
		var err error
		if ch.StandDown, res, err = s.standDowns(ctx, familyID, string(in.Status)); err != nil {
			return res, err
		}
	}
	return res, s.Store.RecordCustody(ctx, actor, ch)
}

// standDowns works out, without saving anything, the stand-down of the
// family at each showcase not yet over.
func (s *Service) standDowns(ctx context.Context, familyID int64, reason string) ([]store.InviteBatch, Result, error) {
	events, err := s.Store.UpcomingFamilyEvents(ctx, familyID, s.now())
	if err != nil {
		return nil, Result{}, err
	}
	var batches []store.InviteBatch
	var total Result
	for _, eventID := range events {
		b, res, err := s.standDown(ctx, eventID, familyID, reason)
		if err != nil {
			return nil, total, err
		}
		batches = append(batches, b)
		total.add(res)
	}
	return batches, total, nil
}

func (s *Service) standDown(ctx context.Context, eventID, familyID int64, reason string) (store.InviteBatch, Result, error) {
	var batch store.InviteBatch
	d, err := s.Store.ShowcaseData(ctx, s.Scope, eventID)
	if err != nil {
		return batch, Result{}, err
	}
	recs, err := s.Store.Invites(ctx, eventID)
	if err != nil {
		return batch, Result{}, err
	}
	before := newView(d)
	affected := map[recipientKey]bool{}
	var fam store.ShowcaseFamily
	for i := range d.Families {
		if d.Families[i].Family.ID == familyID {
			fam = d.Families[i]
			d.Families[i].Status, d.Families[i].TableID = "cancelled", 0
			for _, c := range fam.Carers {
				affected[recipientKey{KindCarer, c.ID}] = true
			}
		}
	}
	// The parent's status may already say transferred, which makes the
	// family inactive in any view: their meetings are read raw.
	var lastSlot = -1
	for _, m := range d.Meetings {
		if m.FamilyID == familyID {
			affected[recipientKey{KindTeacher, m.TeacherID}] = true
			lastSlot = max(lastSlot, m.Slot)
		}
	}
	// Only the family's own recipients hear anything now: invitations not
	// yet sent to others stay for the coordinator to send.
	p, err := s.plan(newView(d), recs)
	if err != nil {
		return batch, Result{}, err
	}
	var items []Item
	for _, it := range p.Items {
		if affected[recipientKey{it.Kind, it.RecipientID}] && (it.Action == ActionCancelled || it.Action == ActionUpdated) {
			items = append(items, it)
		}
	}
	b, err := s.bundle(Plan{EventID: eventID, Event: p.Event, Items: items, view: p.view})
	if err != nil {
		return batch, Result{}, err
	}
	batch = store.InviteBatch{EventID: eventID, StandDownFamily: familyID, Reason: reason, Action: "stand_down"}
	var res Result
	if err := s.collect(b, items, p.view.d.Event.EndsAt().Add(LinkLife), &batch, &res); err != nil {
		return batch, res, err
	}
	if err := s.doNotTravel(before, fam, lastSlot, &batch, &res); err != nil {
		return batch, res, err
	}
	batch.Summary = res.summary()
	batch.Summary["family"], batch.Summary["reason"] = fam.Family.Ref, reason
	return batch, res, nil
}

// doNotTravel tells the family's carers and the children's schools, each
// in their own language, that the meeting will not go ahead.
func (s *Service) doNotTravel(v *view, f store.ShowcaseFamily, lastSlot int, batch *store.InviteBatch, res *Result) error {
	now := s.now()
	from := s.Organizer
	for _, r := range batch.Changes {
		if r.Record.Organizer != "" {
			from = ical.Person{Name: r.Record.OrganizerName, Email: r.Record.Organizer}
			break
		}
	}
	if from.Email == "" {
		return ErrNoOrganizer
	}
	type recipient struct {
		kind, ref, name, email string
		id                     int64
		lang                   i18n.Lang
	}
	var to []recipient
	for _, c := range f.Carers {
		to = append(to, recipient{KindCarer, f.Family.Ref, c.Name, strings.TrimSpace(c.Email), c.ID, lang(c.Lang)})
	}
	seen := map[int64]bool{}
	for _, ch := range f.Children {
		if ch.SchoolID == 0 || seen[ch.SchoolID] || !ch.Attending() {
			continue
		}
		seen[ch.SchoolID] = true
		sch := v.d.Schools[ch.SchoolID]
		to = append(to, recipient{"school", fmt.Sprintf("SCH-%04d", sch.ID), sch.HeadName, strings.TrimSpace(sch.HeadEmail), sch.ID, lang(sch.Lang)})
	}
	end := v.d.Event.EndsAt()
	if lastSlot >= 0 {
		end = v.slotEnd(lastSlot)
	}
	for _, r := range to {
		it := Item{Kind: r.kind, RecipientID: r.id, Ref: r.ref, Email: r.email, Lang: r.lang, Action: ActionCancelled}
		switch it.EmailState() {
		case EmailNone:
			res.NoEmail = append(res.NoEmail, it)
			continue
		case EmailInvalid:
			res.Skipped = append(res.Skipped, it)
			continue
		}
		w := words{s.Cat, r.lang}
		subject, text, err := mail.Compose(s.Cat, r.lang, mail.KindDoNotTravel,
			ical.Details{Prison: i18n.Prison(w.lang, v.d.Prison.Name), When: w.span(v.arriveBy(), end), Contact: s.contact(v)})
		if err != nil {
			return err
		}
		eml, err := mail.Build(mail.Message{From: mail.Address{Name: from.Name, Email: from.Email}, To: mail.Address{Name: r.name, Email: r.email},
			Subject: subject, Text: text, Lang: r.lang, Domain: s.host()}, now)
		if err != nil {
			return err
		}
		batch.Outbox = append(batch.Outbox, store.OutboxMessage{Kind: string(mail.KindDoNotTravel), EventID: v.d.Event.ID,
			RecipientKind: r.kind, RecipientID: r.id, Lang: string(r.lang), To: r.email, Subject: subject, EML: eml})
		res.DoNotTravel++
		res.Emails++
	}
	return nil
}
