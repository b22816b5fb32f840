package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Queued is an outbox message claimed for one delivery attempt.
type Queued struct {
	ID  int64
	To  string // bare address: the SMTP recipient
	EML []byte // sent exactly as stored
	// Attempts counts this attempt too: it is raised when the message is
	// claimed, so a message that crashes the process still runs out of
	// attempts instead of being retried for ever.
	Attempts int
}

// Queue is the persistent outbox the sender works from (the store
// implements it). ClaimDue marks up to limit due messages as being sent
// until now+lease; a claimed message whose sender died before MarkSent or
// MarkFailed becomes due again when its lease runs out, so nothing is lost.
type Queue interface {
	ClaimDue(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]Queued, error)
	MarkSent(ctx context.Context, id int64, at time.Time) error
	MarkFailed(ctx context.Context, id int64, reason string, next time.Time, permanent bool) error
}

// Backoff spaces out retries: Base, then doubling, never more than Max;
// after MaxAttempts failed attempts the message fails for good and waits
// for a coordinator.
type Backoff struct {
	Base, Max   time.Duration
	MaxAttempts int
}

// DefaultBackoff retries at 1, 2, 4 … 60 minutes, for about two hours.
var DefaultBackoff = Backoff{Base: time.Minute, Max: time.Hour, MaxAttempts: 8}

// Delay is the wait after the given number of failed attempts (1 or more).
func (b Backoff) Delay(attempts int) time.Duration {
	d := b.Base
	for i := 1; i < attempts && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// Sender delivers the outbox. Zero fields take the defaults noted.
type Sender struct {
	Queue     Queue
	Transport Transport
	Now       func() time.Time // time.Now
	Poll      time.Duration    // 15s: how often Run looks for due mail
	Batch     int              // 20 messages per Tick
	// Lease is how long a claimed message is held; it must outlast a
	// delivery attempt (the SMTP timeout) or a slow send could be
	// claimed twice. 10 minutes.
	Lease   time.Duration
	Backoff Backoff // DefaultBackoff
	Log     *slog.Logger
}

// Run delivers due mail until ctx is cancelled, then returns nil. It keeps
// going through storage and delivery errors, which it logs.
func (s *Sender) Run(ctx context.Context) error {
	poll, batch := s.poll(), s.batch()
	for {
		sent, failed, err := s.Tick(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			s.log().Error("outbox tick failed", "err", Redact(err.Error()))
		}
		if err == nil && sent+failed == batch {
			continue // more may be waiting
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(poll):
		}
	}
}

// Tick claims due messages once and tries each. It returns how many were
// delivered and how many attempts failed (to be retried or failed for
// good); err reports problems with the queue itself.
func (s *Sender) Tick(ctx context.Context) (sent, failed int, err error) {
	msgs, err := s.Queue.ClaimDue(ctx, s.now(), s.batch(), s.lease())
	if err != nil {
		return 0, 0, fmt.Errorf("mail: claim due messages: %w", err)
	}
	// Bookkeeping must land even while shutting down, or a delivered
	// message would be sent again after its lease.
	book := context.WithoutCancel(ctx)
	var errs []error
	for i, m := range msgs {
		if ctx.Err() != nil {
			// Hand back what was claimed but not tried, due at once.
			for _, rest := range msgs[i:] {
				errs = append(errs, s.Queue.MarkFailed(book, rest.ID, "not attempted: sender stopped", s.now(), false))
			}
			break
		}
		derr := s.Transport.Deliver(ctx, m.To, m.EML)
		at := s.now()
		if derr == nil {
			sent++
			errs = append(errs, s.Queue.MarkSent(book, m.ID, at))
			continue
		}
		failed++
		var perm *PermanentError
		permanent := errors.As(derr, &perm) || m.Attempts >= s.backoff().MaxAttempts
		next := at.Add(s.backoff().Delay(m.Attempts))
		s.log().Warn("outbox delivery failed", "id", m.ID, "attempt", m.Attempts, "permanent", permanent, "err", LogSafe(derr))
		errs = append(errs, s.Queue.MarkFailed(book, m.ID, derr.Error(), next, permanent))
	}
	if err := errors.Join(errs...); err != nil {
		return sent, failed, fmt.Errorf("mail: record delivery results: %w", err)
	}
	return sent, failed, nil
}

func (s *Sender) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Sender) poll() time.Duration  { return orDefault(s.Poll, 15*time.Second) }
func (s *Sender) lease() time.Duration { return orDefault(s.Lease, 10*time.Minute) }

func (s *Sender) batch() int {
	if s.Batch > 0 {
		return s.Batch
	}
	return 20
}

func (s *Sender) backoff() Backoff {
	if s.Backoff.Base <= 0 || s.Backoff.MaxAttempts <= 0 {
		return DefaultBackoff
	}
	if s.Backoff.Max < s.Backoff.Base {
		b := s.Backoff
		b.Max = b.Base
		return b
	}
	return s.Backoff
}

func (s *Sender) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
