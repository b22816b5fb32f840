package showcase

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"io"

	"schoolzone/internal/domain"
	"schoolzone/internal/ical"
)

// NewFeedToken makes an unguessable token for a teacher's calendar feed
// (256 random bits). Only its SHA-256 is stored, so it is shown once.
func NewFeedToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// WriteFeed writes the teacher's subscription calendar: one entry per
// showcase not yet over, covering their meetings, with UIDs of their own
// so it does not duplicate the emailed invites. A showcase the teacher no
// longer attends stays in the feed as cancelled, so subscribed calendars
// drop it.
func (s *Service) WriteFeed(ctx context.Context, w io.Writer, t domain.Teacher) error {
	events, err := s.Store.UpcomingTeacherEvents(ctx, t.ID, s.now())
	if err != nil {
		return err
	}
	now := s.now()
	var entries []ical.Invite
	for _, id := range events {
		p, err := s.Plan(ctx, id)
		if err != nil {
			return err
		}
		for _, it := range p.Items {
			if it.Kind != KindTeacher || it.RecipientID != t.ID {
				continue
			}
			inv := it.Invite(s, now)
			inv.UID = s.uid(id, KindTeacher, t.ID, true)
			inv.Attendees = nil
			if inv.Organizer.Email == "" {
				inv.Organizer = ical.Person{}
			}
			entries = append(entries, inv)
		}
	}
	lang := words{s.Cat, lang(t.Lang)}
	return ical.EncodeFeed(w, lang.t("documents.feed.name"), entries)
}
