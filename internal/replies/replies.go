// Package replies reads the organizer's mailbox for the answers people give
// in their calendars. When a teacher or carer presses Accept in Outlook,
// Google Calendar or Thunderbird, the client mails an iTIP REPLY to the
// invite's organizer; this package finds those, and the store records each
// on the invite it answers, if it really is that invite's recipient
// answering its current version.
//
// The mailbox is opened read-only and never changed: the coordinator may
// read it too. How far it has been read is kept in the database.
package replies

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"schoolzone/internal/ical"
	"schoolzone/internal/mail"
	"schoolzone/internal/store"
)

// Limits on one poll: a huge message (a scanned attachment) is skipped
// unread, and a mailbox read for the first time is taken in batches.
const (
	maxMessageBytes = 5 << 20
	batchSize       = 50
)

// Store is what the reader needs of the database.
type Store interface {
	RecordReply(ctx context.Context, r store.CalendarReply) (store.ReplyOutcome, error)
	Mailbox(ctx context.Context, name string) (store.MailboxState, error)
	SaveMailbox(ctx context.Context, name string, m store.MailboxState) error
}

// Reader polls one mailbox.
type Reader struct {
	Config mail.IMAPConfig
	Store  Store
	Log    *slog.Logger
	// Dial connects; tests use it to reach a server on loopback.
	Dial func(cfg mail.IMAPConfig) (*imapclient.Client, error)
}

// Summary counts what one poll found. It holds no address or name, so it
// can be logged as it is.
type Summary struct {
	Messages   int
	NotReplies int
	Malformed  int
	Outcomes   map[store.ReplyOutcome]int
}

var responses = map[ical.PartStat]string{
	ical.Accepted: store.ResponseConfirmed, ical.Declined: store.ResponseDeclined, ical.Tentative: store.ResponseTentative,
}

// Dial opens the mailbox's server as the configuration says.
func Dial(cfg mail.IMAPConfig) (*imapclient.Client, error) {
	opts := &imapclient.Options{}
	switch cfg.TLS {
	case mail.ImplicitTLS:
		return imapclient.DialTLS(cfg.Addr(), opts)
	case mail.NoTLS:
		return imapclient.DialInsecure(cfg.Addr(), opts)
	}
	return imapclient.DialStartTLS(cfg.Addr(), opts)
}

// Poll reads the messages that arrived since the last poll and records the
// replies among them.
func (r *Reader) Poll(ctx context.Context) (Summary, error) {
	sum := Summary{Outcomes: map[store.ReplyOutcome]int{}}
	dial := r.Dial
	if dial == nil {
		dial = Dial
	}
	c, err := dial(r.Config)
	if err != nil {
		return sum, fmt.Errorf("replies: connect: %w", err)
	}
	defer c.Close()
	if err := c.Login(r.Config.Username, r.Config.Password).Wait(); err != nil {
		return sum, fmt.Errorf("replies: login: %w", err)
	}
	sel, err := c.Select(r.Config.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return sum, fmt.Errorf("replies: open mailbox: %w", err)
	}
	state, err := r.Store.Mailbox(ctx, r.Config.Mailbox)
	if err != nil {
		return sum, err
	}
	if state.UIDValidity != sel.UIDValidity {
		// The server renumbered the mailbox: read it again from the start.
		// Recording a reply twice changes nothing.
		state = store.MailboxState{UIDValidity: sel.UIDValidity}
	}
	var uids imap.UIDSet
	uids.AddRange(imap.UID(state.LastUID+1), 0)
	found, err := c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{uids}}, nil).Wait()
	if err != nil {
		return sum, fmt.Errorf("replies: search: %w", err)
	}
	var todo []imap.UID
	for _, uid := range found.AllUIDs() {
		// "n:*" always matches the newest message, even one already read.
		if uint32(uid) > state.LastUID {
			todo = append(todo, uid)
		}
	}
	for start := 0; start < len(todo); start += batchSize {
		batch := todo[start:min(start+batchSize, len(todo))]
		if err := r.readBatch(ctx, c, batch, &sum); err != nil {
			return sum, err
		}
		state.LastUID = uint32(batch[len(batch)-1])
		if err := r.Store.SaveMailbox(ctx, r.Config.Mailbox, state); err != nil {
			return sum, err
		}
	}
	_ = c.Logout().Wait()
	return sum, nil
}

func (r *Reader) readBatch(ctx context.Context, c *imapclient.Client, uids []imap.UID, sum *Summary) error {
	set := imap.UIDSetNum(uids...)
	sizes, err := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
	if err != nil {
		return fmt.Errorf("replies: fetch sizes: %w", err)
	}
	var small []imap.UID
	for _, m := range sizes {
		if m.RFC822Size <= maxMessageBytes {
			small = append(small, m.UID)
		} else {
			sum.Messages++
			sum.NotReplies++
		}
	}
	if len(small) == 0 {
		return nil
	}
	// Peek, so the coordinator's unread mail stays unread.
	section := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(imap.UIDSetNum(small...), &imap.FetchOptions{UID: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return fmt.Errorf("replies: fetch messages: %w", err)
	}
	for _, m := range msgs {
		sum.Messages++
		if err := r.readMessage(ctx, m.FindBodySection(section), m.InternalDate, sum); err != nil {
			return err
		}
	}
	return nil
}

// readMessage records the replies in one message. A message that is not a
// reply, or is malformed, is counted and passed over; only a database
// failure stops the poll.
func (r *Reader) readMessage(ctx context.Context, raw []byte, received time.Time, sum *Summary) error {
	parts, err := mail.CalendarParts(raw)
	if err != nil || len(parts) == 0 {
		sum.NotReplies++
		return nil
	}
	for _, part := range parts {
		rep, err := ical.ParseReply(bytes.NewReader(part))
		if errors.Is(err, ical.ErrNotReply) {
			sum.NotReplies++
			continue
		}
		if err != nil {
			sum.Malformed++
			// Not the error text: a decoder may quote the line, address and all.
			r.Log.Info("calendar reply ignored", "reason", "malformed")
			continue
		}
		stamp := rep.Stamp
		if stamp.IsZero() {
			stamp = received
		}
		outcome, err := r.Store.RecordReply(ctx, store.CalendarReply{UID: rep.UID, Sequence: rep.Sequence, Attendee: rep.Attendee,
			Response: responses[rep.PartStat], Stamp: stamp})
		if err != nil {
			return err
		}
		sum.Outcomes[outcome]++
		if outcome != store.ReplyRecorded {
			// The reason only: the UID and address would say who answered.
			r.Log.Info("calendar reply ignored", "reason", string(outcome))
		}
	}
	return nil
}

// Run polls every interval until ctx ends. A failed poll is logged and
// tried again next time: the mail server may be down for a while.
func (r *Reader) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		sum, err := r.Poll(ctx)
		if err != nil {
			r.Log.Warn("reading calendar replies failed", "error", err.Error())
		} else if sum.Messages > 0 {
			r.Log.Info("calendar replies read", "messages", sum.Messages, "recorded", sum.Outcomes[store.ReplyRecorded],
				"not_replies", sum.NotReplies, "malformed", sum.Malformed)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
