package showcase

import (
	"bytes"
	"context"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
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
