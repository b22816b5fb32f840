package showcase

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/links"
	"schoolzone/internal/packs"
	"schoolzone/internal/store"
)

// CarerView is what a carer's personal link shows: their own family's
// place at the showcase and nothing of any other family.
type CarerView struct {
	Event    domain.Event
	Prison   domain.Prison
	Lang     i18n.Lang
	Coming   bool // the family still has a place
	Table    int
	ArriveBy time.Time
	Ends     time.Time
	Carers   []domain.Carer
	Children []domain.Child // those taking part
	// Family are all the family's children, for their views: one who
	// said no may change their mind.
	Family   []domain.Child
	Answers  store.CarerAnswer
	Response string
	Travel   store.TravelAnswer
}

// CarerView builds the page for a carer's link.
func (s *Service) CarerView(ctx context.Context, l store.PersonalLink) (CarerView, error) {
	d, err := s.Store.ShowcaseData(ctx, domain.Unrestricted, l.EventID)
	if err != nil {
		return CarerView{}, err
	}
	v := newView(d)
	out := CarerView{Event: d.Event, Prison: d.Prison, ArriveBy: v.arriveBy(), Ends: d.Event.EndsAt()}
	f := v.families[l.FamilyID]
	if f == nil {
		return CarerView{}, domain.ErrNotFound
	}
	out.Coming, out.Table, out.Carers = f.Active(), v.tableOf(f.Family.ID), f.Carers
	for _, c := range f.Carers {
		if c.ID == l.RecipientID {
			out.Lang = lang(c.Lang)
		}
	}
	out.Family = f.Children
	for _, ch := range f.Children {
		if ch.Attending() {
			out.Children = append(out.Children, ch)
		}
	}
	if out.Answers, err = s.Store.CarerAnswers(ctx, l.EventID, l.FamilyID); err != nil {
		return CarerView{}, err
	}
	if out.Travel, err = s.Store.TravelAnswerOf(ctx, l.EventID, l.FamilyID, l.RecipientID); err != nil {
		return CarerView{}, err
	}
	out.Response, err = s.Store.InviteResponse(ctx, l.EventID, KindCarer, l.RecipientID)
	return out, err
}

// TeacherMeeting is one of a teacher's meetings as their link shows it:
// the family by reference, and by name only the children whose register
// names this teacher.
type TeacherMeeting struct {
	Start, End time.Time
	Table      int
	FamilyRef  string
	Pupils     []domain.Child
}

// TeacherView is what a teacher's personal link shows.
type TeacherView struct {
	Event      domain.Event
	Prison     domain.Prison
	Teacher    domain.Teacher
	Lang       i18n.Lang
	ArriveBy   time.Time
	Meetings   []TeacherMeeting
	Response   string
	NeedsCover bool
}

// TeacherView builds the page for a teacher's link.
func (s *Service) TeacherView(ctx context.Context, l store.PersonalLink) (TeacherView, error) {
	d, err := s.Store.ShowcaseData(ctx, domain.Unrestricted, l.EventID)
	if err != nil {
		return TeacherView{}, err
	}
	t, ok := d.Teachers[l.RecipientID]
	if !ok {
		return TeacherView{}, domain.ErrNotFound
	}
	v := newView(d)
	out := TeacherView{Event: d.Event, Prison: d.Prison, Teacher: t, Lang: lang(t.Lang), ArriveBy: v.arriveBy()}
	for _, m := range v.byTeach[t.ID] {
		f := v.families[m.FamilyID]
		out.Meetings = append(out.Meetings, TeacherMeeting{Start: v.slotStart(m.Slot), End: v.slotEnd(m.Slot), Table: v.tableOf(m.FamilyID),
			FamilyRef: f.Family.Ref, Pupils: domain.PupilsFor(f.Children, t.ID)})
	}
	if out.Response, err = s.Store.InviteResponse(ctx, l.EventID, KindTeacher, t.ID); err != nil {
		return TeacherView{}, err
	}
	out.NeedsCover, err = s.Store.TeacherCover(ctx, t.ID)
	return out, err
}

// TeacherPack renders a teacher's preparation pack in their language.
func (s *Service) TeacherPack(ctx context.Context, l store.PersonalLink) (Document, error) {
	b, err := s.Bundle(ctx, l.EventID)
	if err != nil {
		return Document{}, err
	}
	for _, it := range b.Plan.Items {
		if it.Kind == KindTeacher && it.RecipientID == l.RecipientID {
			if doc, ok := b.Find(teacherPackName(it.Ref, it.Lang)); ok {
				return doc, nil
			}
		}
	}
	return Document{}, domain.ErrNotFound
}

// InviteFile is the recipient's calendar file as it stands now, for
// adding to a calendar by hand.
func (s *Service) InviteFile(ctx context.Context, l store.PersonalLink) ([]byte, error) {
	p, err := s.Plan(ctx, l.EventID)
	if err != nil {
		return nil, err
	}
	for _, it := range p.Items {
		if it.Kind != l.Kind || it.RecipientID != l.RecipientID || it.Action == ActionCancelled {
			continue
		}
		if it.Organizer.Email == "" {
			return nil, ErrNoOrganizer
		}
		var b bytes.Buffer
		err := ical.Encode(&b, it.Invite(s, s.now()))
		return b.Bytes(), err
	}
	return nil, domain.ErrNotFound
}

// PrintedLetter is a carer's letter for post or to hand over, with a new
// personal link printed on it as a short address and a QR code, for
// carers with no email address or who would rather have paper. Only the
// link's hash is kept, so a new letter means a new link, and the carer's
// earlier link stops working. A carer not invited to the showcase, or
// whose family no longer has a place, is not found.
func (s *Service) PrintedLetter(ctx context.Context, actor domain.Actor, eventID, carerID int64) (Document, error) {
	if s.BaseURL == "" {
		return Document{}, fmt.Errorf("showcase: a base URL is needed to print a personal link")
	}
	p, err := s.Plan(ctx, eventID)
	if err != nil {
		return Document{}, err
	}
	for _, it := range p.Items {
		if it.Kind != KindCarer || it.RecipientID != carerID || it.Action == ActionCancelled {
			continue
		}
		token, hash, err := links.New()
		if err != nil {
			return Document{}, err
		}
		issue := store.LinkIssue{Kind: KindCarer, RecipientID: carerID, FamilyID: it.FamilyID, Hash: hash,
			Expires: p.view.d.Event.EndsAt().Add(LinkLife)}
		if err := s.Store.IssuePrintedLink(ctx, actor, eventID, issue); err != nil {
			return Document{}, err
		}
		letter := s.carerLetter(p.view, it)
		letter.ConfirmURL = LinkURL(s.BaseURL, token)
		mode := packs.ModeFor(it.Lang)
		name, err := packs.Filename(packs.KindCarerLetter, it.Ref, mode)
		if err != nil {
			return Document{}, err
		}
		now := s.now()
		return Document{Kind: packs.KindCarerLetter, Ref: it.Ref, Filename: name, ContentType: TypePDF, Mode: mode,
			render: func(w io.Writer) error {
				return packs.WriteCarerLetter(w, letter, packs.Options{Now: now, Lang: mode})
			}}, nil
	}
	return Document{}, domain.ErrNotFound
}
