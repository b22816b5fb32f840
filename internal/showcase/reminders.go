package showcase

import (
	"context"
	"log/slog"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/links"
	"schoolzone/internal/mail"
	"schoolzone/internal/store"
)

// RemindBefore is how long before a showcase people who have not answered
// their invitation are reminded: time enough to arrange cover or travel.
const RemindBefore = 7 * 24 * time.Hour

// SendReminders queues a reminder, in each person's own language, to
// everyone whose invitation to the showcase is current and unanswered and
// who has not been reminded since it was sent. Each reminder carries a new
// personal link, replacing the old one. It returns how many were queued.
func (s *Service) SendReminders(ctx context.Context, actor domain.Actor, eventID int64) (int, error) {
	due, err := s.Store.Unanswered(ctx, eventID)
	if err != nil || len(due) == 0 {
		return 0, err
	}
	p, err := s.Plan(ctx, eventID)
	if err != nil {
		return 0, err
	}
	expires := p.view.d.Event.EndsAt().Add(LinkLife)
	batch := store.InviteBatch{EventID: eventID, Action: "send_reminders"}
	now := s.now()
	for _, it := range p.Items {
		key := store.Recipient{Kind: it.Kind, ID: it.RecipientID}
		// Someone whose invite is about to change hears of it by the next
		// send instead; a reminder would repeat the old time.
		if !due[key] || it.Action != ActionUnchanged || it.EmailState() != EmailOK || s.BaseURL == "" {
			continue
		}
		token, hash, err := links.New()
		if err != nil {
			return 0, err
		}
		subject, text, err := mail.Compose(s.Cat, it.Lang, mail.KindReminder, it.Details)
		if err != nil {
			return 0, err
		}
		text = mail.AddLink(s.Cat, it.Lang, text, LinkURL(s.BaseURL, token))
		msg := mail.Message{From: mail.Address{Name: it.Organizer.Name, Email: it.Organizer.Email}, To: mail.Address{Name: it.Name, Email: it.Email},
			Subject: subject, Text: text, Lang: it.Lang, Domain: s.host()}
		eml, err := mail.Build(msg, now)
		if err != nil {
			return 0, err
		}
		batch.Outbox = append(batch.Outbox, store.OutboxMessage{Kind: string(mail.KindReminder), EventID: eventID, RecipientKind: it.Kind,
			RecipientID: it.RecipientID, Lang: string(it.Lang), To: it.Email, Subject: subject, EML: eml})
		batch.Links = append(batch.Links, store.LinkIssue{Kind: it.Kind, RecipientID: it.RecipientID, FamilyID: it.FamilyID, Hash: hash, Expires: expires})
		batch.Reminded = append(batch.Reminded, key)
	}
	if len(batch.Outbox) == 0 {
		return 0, nil
	}
	batch.Summary = map[string]any{"reminders": len(batch.Outbox)}
	return len(batch.Outbox), s.Store.ApplyInvites(ctx, actor, batch)
}

// RemindAll sends the reminders due for every showcase starting within
// RemindBefore; serve runs it every hour. A showcase that fails is logged
// and tried again next time, without stopping the others.
func (s *Service) RemindAll(ctx context.Context, log *slog.Logger) {
	ids, err := s.Store.ShowcasesToRemind(ctx, RemindBefore)
	if err != nil {
		log.Warn("reminders", "error", err.Error())
		return
	}
	for _, id := range ids {
		n, err := s.SendReminders(ctx, domain.System, id)
		if err != nil {
			log.Warn("reminders", "event_id", id, "error", mail.Redact(err.Error()))
			continue
		}
		if n > 0 {
			log.Info("reminders queued", "event_id", id, "count", n)
		}
	}
}
