package mail_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/ical"
	"schoolzone/internal/mail"
	"schoolzone/internal/store"
)

var (
	start = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	quiet = slog.New(slog.DiscardHandler)
)

// clock is a settable time shared by the store and the sender.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func openStore(t *testing.T, path string, c *clock) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.WithClock(c.Now))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func inviteEML(t *testing.T, to string) []byte {
	t.Helper()
	var ics bytes.Buffer
	require.NoError(t, ical.Encode(&ics, ical.Invite{
		UID: "event-7-teacher-12@schoolzone.example", Method: ical.Request,
		Organizer: ical.Person{Name: "Coordinator", Email: "coordinator@prison.example"},
		Attendees: []ical.Person{{Email: to}},
		Summary:   "School Zone meeting, HMP Parc",
		Start:     start.Add(48 * time.Hour), End: start.Add(49 * time.Hour), Stamp: start,
	}))
	eml, err := mail.Build(mail.Message{
		From:     mail.Address{Name: "Coordinator", Email: "coordinator@prison.example"},
		To:       mail.Address{Email: to},
		Subject:  "Cyfarfod School Zone, CEM Parc",
		Text:     "Bwrdd: 4",
		Calendar: &mail.Calendar{Method: "REQUEST", Data: ics.Bytes()},
		Attachments: []mail.Attachment{{Filename: "pack-E7-T12.pdf", ContentType: "application/pdf",
			Data: []byte("%PDF-1.4\n%%EOF\n")}},
	}, start)
	require.NoError(t, err)
	return eml
}

func enqueue(t *testing.T, s *store.Store, to string) int64 {
	t.Helper()
	id, err := s.Enqueue(context.Background(), store.OutboxMessage{
		Kind: "invite", RecipientKind: "teacher", To: to, Subject: "Cyfarfod School Zone, CEM Parc", EML: inviteEML(t, to),
	})
	require.NoError(t, err)
	return id
}

func row(t *testing.T, s *store.Store, id int64) store.OutboxMessage {
	t.Helper()
	list, err := s.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted})
	require.NoError(t, err)
	for _, m := range list {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("outbox %d not found", id)
	return store.OutboxMessage{}
}

func newSender(q mail.Queue, srv *smtpServer, c *clock) *mail.Sender {
	return &mail.Sender{Queue: q, Transport: mail.NewSMTP(srv.cfg), Now: c.Now, Lease: 5 * time.Minute, Log: quiet}
}

func tick(t *testing.T, s *mail.Sender) (int, int) {
	t.Helper()
	sent, failed, err := s.Tick(context.Background())
	require.NoError(t, err)
	return sent, failed
}

func TestSenderDeliversStoredInvite(t *testing.T) {
	srv := startSMTP(t)
	c := &clock{t: start}
	st := openStore(t, filepath.Join(t.TempDir(), "t.db"), c)
	id := enqueue(t, st, "r.davies@school.example")
	stored, err := st.OutboxEML(context.Background(), domain.Unrestricted, id)
	require.NoError(t, err)

	sent, failed := tick(t, newSender(st, srv, c))
	assert.Equal(t, 1, sent)
	assert.Zero(t, failed)

	got := srv.messages()
	require.Len(t, got, 1)
	assert.Equal(t, "bounces@prison.example", got[0].From)
	assert.Equal(t, []string{"r.davies@school.example"}, got[0].To)
	assert.Equal(t, stored, got[0].Data, "what arrives is exactly what was stored")

	msg, err := netmail.ReadMessage(bytes.NewReader(got[0].Data))
	require.NoError(t, err)
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	require.NoError(t, err)
	assert.Equal(t, "Cyfarfod School Zone, CEM Parc", subject)
	types := partTypes(t, msg.Header.Get("Content-Type"), msg.Body)
	assert.Contains(t, types, "text/calendar; charset=UTF-8; method=REQUEST")
	assert.Contains(t, types, "application/ics; name=invite.ics")
	assert.Contains(t, types, "application/pdf; name=pack-E7-T12.pdf")

	r := row(t, st, id)
	assert.Equal(t, store.OutboxSent, r.Status)
	assert.Equal(t, start, r.SentAt)
	assert.Equal(t, 1, r.Attempts)
}

// partTypes lists the Content-Type of every leaf part.
func partTypes(t *testing.T, contentType string, body io.Reader) []string {
	mt, params, err := mime.ParseMediaType(contentType)
	require.NoError(t, err)
	if !strings.HasPrefix(mt, "multipart/") {
		return []string{contentType}
	}
	var out []string
	mr := multipart.NewReader(body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		out = append(out, partTypes(t, p.Header.Get("Content-Type"), p)...)
	}
}

func TestSenderRetriesWithBackoff(t *testing.T) {
	srv := startSMTP(t)
	srv.refuseNext(1, tempFailure)
	c := &clock{t: start}
	st := openStore(t, filepath.Join(t.TempDir(), "t.db"), c)
	id := enqueue(t, st, "r.davies@school.example")
	s := newSender(st, srv, c)

	sent, failed := tick(t, s)
	assert.Equal(t, [2]int{0, 1}, [2]int{sent, failed})
	r := row(t, st, id)
	assert.Equal(t, store.OutboxQueued, r.Status)
	assert.Equal(t, 1, r.Attempts)
	assert.Equal(t, start.Add(time.Minute), r.NextAttemptAt, "first retry after one minute")
	assert.Contains(t, r.LastError, "451")

	c.Set(start.Add(59 * time.Second))
	sent, failed = tick(t, s)
	assert.Equal(t, [2]int{0, 0}, [2]int{sent, failed}, "not due yet")

	c.Set(start.Add(time.Minute))
	sent, _ = tick(t, s)
	assert.Equal(t, 1, sent)
	assert.Len(t, srv.messages(), 1)
	r = row(t, st, id)
	assert.Equal(t, store.OutboxSent, r.Status)
	assert.Equal(t, 2, r.Attempts)
}

func TestSenderGivesUpAfterMaxAttempts(t *testing.T) {
	srv := startSMTP(t)
	srv.refuseNext(100, tempFailure)
	c := &clock{t: start}
	st := openStore(t, filepath.Join(t.TempDir(), "t.db"), c)
	id := enqueue(t, st, "r.davies@school.example")
	s := newSender(st, srv, c)
	s.Backoff = mail.Backoff{Base: time.Minute, Max: 3 * time.Minute, MaxAttempts: 4}

	var waits []time.Duration
	for range 4 {
		at := c.Now()
		_, failed := tick(t, s)
		require.Equal(t, 1, failed)
		r := row(t, st, id)
		waits = append(waits, r.NextAttemptAt.Sub(at))
		c.Set(r.NextAttemptAt)
	}
	assert.Equal(t, []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute, 3 * time.Minute}, waits[:4])
	r := row(t, st, id)
	assert.Equal(t, store.OutboxFailed, r.Status, "failed for good after MaxAttempts")
	assert.Equal(t, 4, r.Attempts)
	sent, failed := tick(t, s)
	assert.Equal(t, [2]int{0, 0}, [2]int{sent, failed})
}

func TestSenderFailsAtOnceOnPermanentRefusal(t *testing.T) {
	srv := startSMTP(t)
	srv.rcptFail = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	c := &clock{t: start}
	st := openStore(t, filepath.Join(t.TempDir(), "t.db"), c)
	id := enqueue(t, st, "nobody@school.example")

	_, failed := tick(t, newSender(st, srv, c))
	assert.Equal(t, 1, failed)
	r := row(t, st, id)
	assert.Equal(t, store.OutboxFailed, r.Status)
	assert.Contains(t, r.LastError, "550")
}

// Without a running sender, queued mail waits in the database file; a
// sender started later over the same file delivers it. A message claimed
// by a sender that crashed is delivered once its lease runs out.
func TestNothingLostAcrossRestart(t *testing.T) {
	srv := startSMTP(t)
	c := &clock{t: start}
	path := filepath.Join(t.TempDir(), "t.db")

	st := openStore(t, path, c)
	waiting := enqueue(t, st, "a@school.example")
	crashed := enqueue(t, st, "b@school.example")
	// A sender claims one message and dies before reporting back.
	_, err := st.ClaimDue(context.Background(), start, 1, 5*time.Minute)
	require.NoError(t, err)
	require.Equal(t, store.OutboxSending, row(t, st, waiting).Status)
	require.NoError(t, st.Close())

	st = openStore(t, path, c)
	s := newSender(st, srv, c)
	sent, _ := tick(t, s)
	assert.Equal(t, 1, sent, "the unclaimed message goes at once")
	assert.Equal(t, store.OutboxSent, row(t, st, crashed).Status)

	c.Set(start.Add(5 * time.Minute))
	sent, _ = tick(t, s)
	assert.Equal(t, 1, sent, "the crashed claim is retried after its lease")
	assert.Equal(t, store.OutboxSent, row(t, st, waiting).Status)

	var to []string
	for _, m := range srv.messages() {
		to = append(to, m.To...)
	}
	assert.ElementsMatch(t, []string{"a@school.example", "b@school.example"}, to)
}

// cancelling is a Transport that stops the sender during its first
// delivery, as a shutdown signal would.
type cancelling struct {
	cancel context.CancelFunc
	calls  int
}

func (c *cancelling) Deliver(ctx context.Context, _ string, _ []byte) error {
	c.calls++
	c.cancel()
	return ctx.Err()
}

func TestTickHandsBackUntriedMessagesOnShutdown(t *testing.T) {
	c := &clock{t: start}
	st := openStore(t, filepath.Join(t.TempDir(), "t.db"), c)
	first := enqueue(t, st, "a@school.example")
	second := enqueue(t, st, "b@school.example")
	ctx, cancel := context.WithCancel(context.Background())
	tr := &cancelling{cancel: cancel}
	s := &mail.Sender{Queue: st, Transport: tr, Now: c.Now, Log: quiet}

	_, failed, err := s.Tick(ctx)
	require.NoError(t, err, "bookkeeping must still be written after cancellation")
	assert.Equal(t, 1, failed)
	assert.Equal(t, 1, tr.calls, "no new delivery starts after cancellation")
	assert.Equal(t, store.OutboxQueued, row(t, st, first).Status)
	r := row(t, st, second)
	assert.Equal(t, store.OutboxQueued, r.Status)
	assert.Equal(t, start, r.NextAttemptAt, "an untried message is due again at once")
}

func TestRunDeliversAndStopsOnCancel(t *testing.T) {
	srv := startSMTP(t)
	c := &clock{t: start}
	st := openStore(t, filepath.Join(t.TempDir(), "t.db"), c)
	enqueue(t, st, "a@school.example")
	s := newSender(st, srv, c)
	s.Poll = 10 * time.Millisecond

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	require.Eventually(t, func() bool { return len(srv.messages()) == 1 }, 5*time.Second, 10*time.Millisecond)
	enqueue(t, st, "b@school.example")
	require.Eventually(t, func() bool { return len(srv.messages()) == 2 }, 5*time.Second, 10*time.Millisecond)
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop after cancel")
	}
}

// failingQueue reports storage errors, which Run must survive.
type failingQueue struct{ claims int }

func (q *failingQueue) ClaimDue(context.Context, time.Time, int, time.Duration) ([]mail.Queued, error) {
	q.claims++
	return nil, errors.New("disk I/O error")
}
func (q *failingQueue) MarkSent(context.Context, int64, time.Time) error { return nil }
func (q *failingQueue) MarkFailed(context.Context, int64, string, time.Time, bool) error {
	return nil
}

func TestRunKeepsGoingThroughQueueErrors(t *testing.T) {
	q := &failingQueue{}
	s := &mail.Sender{Queue: q, Poll: time.Millisecond, Log: quiet}
	_, _, err := s.Tick(context.Background())
	require.ErrorContains(t, err, "disk I/O error")

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	require.NoError(t, s.Run(ctx))
	assert.Greater(t, q.claims, 2)
}

func TestStartTLSIsRequiredWhenConfigured(t *testing.T) {
	srv := startSMTP(t)
	cfg := srv.cfg
	cfg.TLS = mail.StartTLS
	err := mail.NewSMTP(cfg).Deliver(context.Background(), "a@school.example", []byte("Subject: x\r\n\r\nx\r\n"))
	require.ErrorContains(t, err, "STARTTLS")
	assert.Empty(t, srv.messages(), "nothing may go out in clear when TLS was asked for")
}

func TestBackoffDelay(t *testing.T) {
	b := mail.DefaultBackoff
	var got []time.Duration
	for n := 1; n <= 8; n++ {
		got = append(got, b.Delay(n))
	}
	m := time.Minute
	assert.Equal(t, []time.Duration{m, 2 * m, 4 * m, 8 * m, 16 * m, 32 * m, 60 * m, 60 * m}, got)
}
