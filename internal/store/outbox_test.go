package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

func openOutbox(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func outboxMsg(to string) OutboxMessage {
	return OutboxMessage{
		Kind: "invite", RecipientKind: "teacher", RecipientID: 12, Lang: "cy",
		To: to, Subject: "Cyfarfod School Zone", EML: []byte("Subject: x\r\n\r\nbody\r\n"),
	}
}

var outboxT0 = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

func TestOutboxEnqueueListAndEML(t *testing.T) {
	ctx := context.Background()
	s := openOutbox(t, filepath.Join(t.TempDir(), "t.db"))
	s.now = func() time.Time { return outboxT0 }

	m := outboxMsg("r.davies@school.example")
	m.EML = []byte("exact\r\nbytes\x00\xff")
	id, err := s.Enqueue(ctx, m)
	require.NoError(t, err)
	_, err = s.Enqueue(ctx, outboxMsg("office@school.example"))
	require.NoError(t, err)

	eml, err := s.OutboxEML(ctx, domain.Unrestricted, id)
	require.NoError(t, err)
	assert.Equal(t, m.EML, eml, "the stored message must come back byte for byte")

	list, err := s.Outbox(ctx, OutboxFilter{Scope: domain.Unrestricted})
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "office@school.example", list[0].To, "newest first")
	got := list[1]
	assert.Equal(t, id, got.ID)
	assert.Equal(t, OutboxQueued, got.Status)
	assert.Equal(t, "cy", got.Lang)
	assert.Equal(t, int64(12), got.RecipientID)
	assert.Zero(t, got.EventID)
	assert.Equal(t, outboxT0, got.CreatedAt)
	assert.Equal(t, outboxT0, got.NextAttemptAt, "due at once")
	assert.True(t, got.SentAt.IsZero())
	assert.Nil(t, got.EML, "listings leave bodies out")

	_, err = s.OutboxEML(ctx, domain.Unrestricted, 999)
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestOutboxEnqueueRejectsIncompleteMessages(t *testing.T) {
	s := openOutbox(t, filepath.Join(t.TempDir(), "t.db"))
	for name, change := range map[string]func(*OutboxMessage){
		"no recipient":      func(m *OutboxMessage) { m.To = " " },
		"no body":           func(m *OutboxMessage) { m.EML = nil },
		"no kind":           func(m *OutboxMessage) { m.Kind = "" },
		"no recipient kind": func(m *OutboxMessage) { m.RecipientKind = "" },
		"display name":      func(m *OutboxMessage) { m.To = "Rhian <r@school.example>" },
		"not an address":    func(m *OutboxMessage) { m.To = "r.davies" },
	} {
		m := outboxMsg("a@school.example")
		change(&m)
		_, err := s.Enqueue(context.Background(), m)
		assert.ErrorIs(t, err, ErrOutboxInvalid, name)
	}
}

func TestOutboxFilter(t *testing.T) {
	ctx := context.Background()
	s := openOutbox(t, filepath.Join(t.TempDir(), "t.db"))
	a, err := s.Enqueue(ctx, outboxMsg("a@school.example"))
	require.NoError(t, err)
	_, err = s.Enqueue(ctx, outboxMsg("b@school.example"))
	require.NoError(t, err)
	require.NoError(t, s.MarkFailed(ctx, a, "550 no such user", outboxT0, true))

	failed, err := s.Outbox(ctx, OutboxFilter{Scope: domain.Unrestricted, Status: OutboxFailed})
	require.NoError(t, err)
	require.Len(t, failed, 1)
	assert.Equal(t, "a@school.example", failed[0].To)
	assert.Equal(t, "550 no such user", failed[0].LastError)

	none, err := s.Outbox(ctx, OutboxFilter{Scope: domain.Unrestricted, EventID: 42})
	require.NoError(t, err)
	assert.Empty(t, none)

	one, err := s.Outbox(ctx, OutboxFilter{Scope: domain.Unrestricted, Limit: 1})
	require.NoError(t, err)
	assert.Len(t, one, 1)
}

func TestOutboxClaimLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openOutbox(t, filepath.Join(t.TempDir(), "t.db"))
	s.now = func() time.Time { return outboxT0 }
	first, err := s.Enqueue(ctx, outboxMsg("a@school.example"))
	require.NoError(t, err)
	later := outboxMsg("b@school.example")
	later.NextAttemptAt = outboxT0.Add(time.Hour)
	_, err = s.Enqueue(ctx, later)
	require.NoError(t, err)

	claimed, err := s.ClaimDue(ctx, outboxT0, 10, 5*time.Minute)
	require.NoError(t, err)
	require.Len(t, claimed, 1, "the message scheduled for later is not due")
	assert.Equal(t, first, claimed[0].ID)
	assert.Equal(t, "a@school.example", claimed[0].To)
	assert.Equal(t, 1, claimed[0].Attempts)

	again, err := s.ClaimDue(ctx, outboxT0.Add(time.Minute), 10, 5*time.Minute)
	require.NoError(t, err)
	assert.Empty(t, again, "a claimed message is not handed out twice within its lease")

	require.NoError(t, s.MarkFailed(ctx, first, "451 try later", outboxT0.Add(time.Minute), false))
	row := outboxByID(t, s, first)
	assert.Equal(t, OutboxQueued, row.Status)
	assert.Equal(t, 1, row.Attempts)
	assert.Equal(t, outboxT0.Add(time.Minute), row.NextAttemptAt)

	claimed, err = s.ClaimDue(ctx, outboxT0.Add(time.Minute), 10, 5*time.Minute)
	require.NoError(t, err)
	require.Len(t, claimed, 1)
	assert.Equal(t, 2, claimed[0].Attempts)
	require.NoError(t, s.MarkSent(ctx, first, outboxT0.Add(2*time.Minute)))
	row = outboxByID(t, s, first)
	assert.Equal(t, OutboxSent, row.Status)
	assert.Equal(t, outboxT0.Add(2*time.Minute), row.SentAt)
	assert.Empty(t, row.LastError)

	claimed, err = s.ClaimDue(ctx, outboxT0.Add(24*time.Hour), 10, 5*time.Minute)
	require.NoError(t, err)
	require.Len(t, claimed, 1, "sent mail is never claimed again")
	assert.Equal(t, "b@school.example", claimed[0].To)

	assert.ErrorIs(t, s.MarkSent(ctx, 999, outboxT0), domain.ErrNotFound)
}

// A sender that crashed mid-delivery leaves its message "sending"; once
// the lease runs out a new sender (here: a new Store over the same file)
// claims it again, and the screen says why it is being retried.
func TestOutboxExpiredLeaseSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	s := openOutbox(t, path)
	id, err := s.Enqueue(ctx, outboxMsg("a@school.example"))
	require.NoError(t, err)
	now := time.Now().UTC()
	claimed, err := s.ClaimDue(ctx, now, 10, 5*time.Minute)
	require.NoError(t, err)
	require.Len(t, claimed, 1)
	require.NoError(t, s.Close()) // the process dies here

	s = openOutbox(t, path)
	claimed, err = s.ClaimDue(ctx, now.Add(4*time.Minute), 10, 5*time.Minute)
	require.NoError(t, err)
	assert.Empty(t, claimed, "still leased")
	claimed, err = s.ClaimDue(ctx, now.Add(5*time.Minute), 10, 5*time.Minute)
	require.NoError(t, err)
	require.Len(t, claimed, 1)
	assert.Equal(t, id, claimed[0].ID)
	assert.Equal(t, 2, claimed[0].Attempts)
	assert.Equal(t, "previous attempt did not finish", outboxByID(t, s, id).LastError)
}

func TestOutboxClaimRespectsLimitAndOrder(t *testing.T) {
	ctx := context.Background()
	s := openOutbox(t, filepath.Join(t.TempDir(), "t.db"))
	for i, due := range []time.Duration{3, 1, 2} {
		m := outboxMsg(string(rune('a'+i)) + "@school.example")
		m.NextAttemptAt = outboxT0.Add(due * time.Minute)
		_, err := s.Enqueue(ctx, m)
		require.NoError(t, err)
	}
	claimed, err := s.ClaimDue(ctx, outboxT0.Add(time.Hour), 2, time.Minute)
	require.NoError(t, err)
	require.Len(t, claimed, 2)
	assert.Equal(t, "b@school.example", claimed[0].To, "earliest due first")
	assert.Equal(t, "c@school.example", claimed[1].To)
}

func TestOutboxMarkFailedTruncatesAndRetry(t *testing.T) {
	ctx := context.Background()
	s := openOutbox(t, filepath.Join(t.TempDir(), "t.db"))
	s.now = func() time.Time { return outboxT0 }
	id, err := s.Enqueue(ctx, outboxMsg("a@school.example"))
	require.NoError(t, err)
	_, err = s.ClaimDue(ctx, outboxT0, 1, time.Minute)
	require.NoError(t, err)
	require.NoError(t, s.MarkFailed(ctx, id, strings.Repeat("ŵ", 2000), outboxT0, true))
	row := outboxByID(t, s, id)
	assert.Equal(t, OutboxFailed, row.Status)
	assert.LessOrEqual(t, len(row.LastError), maxErrorLen+len("…"))

	claimed, err := s.ClaimDue(ctx, outboxT0.Add(time.Hour), 10, time.Minute)
	require.NoError(t, err)
	assert.Empty(t, claimed, "failed mail waits for a coordinator")

	s.now = func() time.Time { return outboxT0.Add(time.Hour) }
	require.NoError(t, s.RetryOutbox(ctx, domain.Unrestricted, id))
	claimed, err = s.ClaimDue(ctx, outboxT0.Add(time.Hour), 10, time.Minute)
	require.NoError(t, err)
	require.Len(t, claimed, 1)
	assert.Equal(t, 1, claimed[0].Attempts, "a manual retry starts a fresh set of attempts")
	assert.ErrorIs(t, s.RetryOutbox(ctx, domain.Unrestricted, id), domain.ErrNotFound, "only failed mail can be retried")
}

func outboxByID(t *testing.T, s *Store, id int64) OutboxMessage {
	t.Helper()
	list, err := s.Outbox(context.Background(), OutboxFilter{Scope: domain.Unrestricted, Limit: 1000})
	require.NoError(t, err)
	for _, m := range list {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("outbox message %d not found", id)
	return OutboxMessage{}
}
