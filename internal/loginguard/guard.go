// Package loginguard slows password guessing without slowing anyone else.
// Failed sign-ins are rate-limited per account and per client address with
// token buckets from golang.org/x/time/rate, and an attempt over either
// limit is refused before any password is hashed, so a flood costs the
// server next to nothing. The password checks that do run share a few
// slots, so even many addresses at once cannot take every CPU, and the
// slots are tiered: someone signing in to an account from where they last
// signed in to it always finds one free, someone new finds one free of
// guessers, and guessers share what is left.
package loginguard

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Limit is a token bucket: Burst failures at once, then one per Every.
type Limit struct {
	Every time.Duration
	Burst int
}

// Config sets the guard's limits.
type Config struct {
	Account, Address Limit
	// MaxKeys bounds the buckets kept for each kind of key.
	MaxKeys int
	// Hashers is how many password checks may run at once: at least
	// three, one for each tier.
	Hashers int
	// SuspectEvery spaces the checks for keys with recent failures: at
	// most one starts per SuspectEvery, whatever the number of keys.
	SuspectEvery time.Duration
}

// Default allows five failures per account and eight per address at once,
// then one a minute per account and two a minute per address: a guesser is
// refused within ten attempts, whether at one account or at many (issue
// 10), while an office behind one address still has room for typos. The
// password checks get as many slots as there are CPUs (three at least, one
// per tier), and checks for keys that failed lately start at most four a
// second: an argon2id check takes about 40 ms of one CPU here, so guessers
// keep under a sixth of one, and the flood's own requests, refused before
// hashing, cost little. (At ten a second, a two-CPU machine still gave
// another person's sign-in a p99 over 200 ms in about half of the
// acceptance test's runs; at four, in one run of ten.)
func Default() Config {
	return Config{
		Account:      Limit{Every: time.Minute, Burst: 5},
		Address:      Limit{Every: 30 * time.Second, Burst: 8},
		MaxKeys:      100_000,
		Hashers:      max(3, runtime.GOMAXPROCS(0)),
		SuspectEvery: 250 * time.Millisecond,
	}
}

// Guard holds the buckets, the hashing slots and the lanes that keep one
// account or one address to one check at a time.
type Guard struct {
	accounts, addresses *buckets
	slots               chan struct{}
	// untrusted bounds the slots held by checks other than a known
	// sign-in's (see known): all but one, so a person signing in from
	// where they did before never waits behind anyone else's check.
	untrusted chan struct{}
	// suspect bounds the slots that checks for keys with recent failures
	// may hold together: all but two, so a clean sign-in never waits
	// behind a guesser's checks either.
	suspect chan struct{}
	known   *known
	// pace spaces the suspect checks out in time, so that even within
	// their slots they leave CPU for everyone else.
	pace   *rate.Limiter
	lanes  lanes
	checks atomic.Int64
}

// New makes a guard.
func New(cfg Config) *Guard {
	return &Guard{
		accounts:  newBuckets(cfg.Account, cfg.MaxKeys),
		addresses: newBuckets(cfg.Address, cfg.MaxKeys),
		slots:     make(chan struct{}, max(1, cfg.Hashers)),
		untrusted: make(chan struct{}, max(1, cfg.Hashers-1)),
		suspect:   make(chan struct{}, max(1, cfg.Hashers-2)),
		known:     &known{max: max(1, cfg.MaxKeys), m: map[string]struct{}{}},
		pace:      rate.NewLimiter(paceLimit(cfg.SuspectEvery), 1),
		lanes:     lanes{m: map[string]*lane{}},
	}
}

// Attempt is a sign-in allowed to go ahead. It holds one failure's worth
// of each bucket until Succeeded gives it back.
type Attempt struct {
	g                *Guard
	account, address string
	now              time.Time
	reserved         []*rate.Reservation
}

// Begin asks to try a password for account from address at now. When
// either bucket is empty it reserves nothing and says how long to wait.
func (g *Guard) Begin(now time.Time, account, address string) (*Attempt, time.Duration) {
	a := &Attempt{g: g, account: account, address: address, now: now}
	var wait time.Duration
	for _, b := range []struct {
		bs  *buckets
		key string
	}{{g.accounts, account}, {g.addresses, address}} {
		r := b.bs.reserve(now, b.key)
		if d := r.DelayFrom(now); d > 0 {
			r.CancelAt(now)
			wait = max(wait, d)
			continue
		}
		a.reserved = append(a.reserved, r)
	}
	if wait > 0 {
		a.giveBack()
		return nil, wait
	}
	return a, 0
}

// Succeeded gives back what Begin reserved, since only failures count,
// and remembers the account and address as a known sign-in.
func (a *Attempt) Succeeded() {
	a.giveBack()
	a.g.known.add(a.account, a.address)
}

func (a *Attempt) giveBack() {
	for _, r := range a.reserved {
		r.CancelAt(a.now)
	}
	a.reserved = nil
}

// Check runs a password check for account from address in one of the
// guard's slots, waiting as long as ctx allows. One account, and one
// address, get one check at a time: whoever floods from one place queues
// behind themselves and holds at most one slot. A known sign-in (this
// account succeeded from this address before) may use any slot; every
// other check shares all slots but one, and those of keys with recent
// failures all but two, so neither the known nor the new wait behind
// guessers however many places a flood comes from.
func (g *Guard) Check(ctx context.Context, account, address string, check func()) error {
	for _, key := range []string{"account:" + account, "address:" + address} {
		release, err := g.lanes.acquire(ctx, key)
		if err != nil {
			return err
		}
		defer release()
	}
	if !g.known.has(account, address) {
		if !g.accounts.fresh(account) || !g.addresses.fresh(address) {
			if err := wait(ctx, g.pace.Reserve()); err != nil {
				return err
			}
			if err := acquire(ctx, g.suspect); err != nil {
				return err
			}
			defer func() { <-g.suspect }()
		}
		if err := acquire(ctx, g.untrusted); err != nil {
			return err
		}
		defer func() { <-g.untrusted }()
	}
	if err := acquire(ctx, g.slots); err != nil {
		return err
	}
	defer func() { <-g.slots }()
	g.checks.Add(1)
	check()
	return nil
}

func acquire(ctx context.Context, slots chan struct{}) error {
	select {
	case slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// known remembers which accounts succeeded from which addresses, so that a
// person signing in again from where they did before is told from a
// guesser, who by definition has not. It is a priority, never a way past
// the buckets or the password. Memory is bounded: when full, arbitrary
// entries go, and their owners are merely new again.
type known struct {
	mu  sync.Mutex
	max int
	m   map[string]struct{}
}

func knownKey(account, address string) string { return account + "\x00" + address }

func (k *known) add(account, address string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for key := range k.m {
		if len(k.m) < k.max {
			break
		}
		delete(k.m, key)
	}
	k.m[knownKey(account, address)] = struct{}{}
}

func (k *known) has(account, address string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	_, ok := k.m[knownKey(account, address)]
	return ok
}

// wait sleeps until r's time, or gives r back if ctx ends first. Unlike
// rate.Limiter.Wait it never refuses for a deadline, which would read as
// a fault rather than a slow answer.
func wait(ctx context.Context, r *rate.Reservation) error {
	d := r.Delay()
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		r.Cancel()
		return ctx.Err()
	}
}

func paceLimit(every time.Duration) rate.Limit {
	if every <= 0 {
		return rate.Inf
	}
	return rate.Every(every)
}

// Checks is how many password checks have run.
func (g *Guard) Checks() int64 { return g.checks.Load() }

// lanes are one-at-a-time queues by key, kept only while someone is in
// or waiting for one.
type lanes struct {
	mu sync.Mutex
	m  map[string]*lane
}

type lane struct {
	turn  chan struct{}
	users int
}

func (l *lanes) acquire(ctx context.Context, key string) (release func(), err error) {
	l.mu.Lock()
	ln := l.m[key]
	if ln == nil {
		ln = &lane{turn: make(chan struct{}, 1)}
		l.m[key] = ln
	}
	ln.users++
	l.mu.Unlock()
	select {
	case ln.turn <- struct{}{}:
		return func() { <-ln.turn; l.leave(key, ln) }, nil
	case <-ctx.Done():
		l.leave(key, ln)
		return nil, ctx.Err()
	}
}

func (l *lanes) leave(key string, ln *lane) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ln.users--; ln.users == 0 {
		delete(l.m, key)
	}
}

// buckets keeps one limiter per key. A key left alone long enough for its
// bucket to refill is forgotten, since a new full bucket is the same thing;
// so memory follows recent failures, not every address ever seen.
type buckets struct {
	mu      sync.Mutex
	limit   Limit
	idle    time.Duration
	maxKeys int
	m       map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

func newBuckets(l Limit, maxKeys int) *buckets {
	return &buckets{limit: l, idle: l.Every * time.Duration(l.Burst), maxKeys: max(1, maxKeys), m: map[string]*bucket{}}
}

func (bs *buckets) reserve(now time.Time, key string) *rate.Reservation {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	b, ok := bs.m[key]
	if !ok {
		bs.makeRoom(now)
		b = &bucket{lim: rate.NewLimiter(rate.Every(bs.limit.Every), bs.limit.Burst)}
		bs.m[key] = b
	}
	b.last = now
	return b.lim.ReserveN(now, 1)
}

// fresh reports whether key has failed nothing lately: its bucket holds
// all but the one token its own attempt took.
func (bs *buckets) fresh(key string) bool {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	b, ok := bs.m[key]
	return !ok || b.lim.TokensAt(b.last) >= float64(bs.limit.Burst-1)
}

// makeRoom forgets refilled buckets at most once per idle period, and when
// that is not enough (a flood of new keys within the period), arbitrary
// ones: some attempts then get a fresh bucket, which is better than
// refusing everyone or growing without bound.
func (bs *buckets) makeRoom(now time.Time) {
	if now.Sub(bs.swept) >= bs.idle || len(bs.m) >= bs.maxKeys {
		bs.swept = now
		for k, b := range bs.m {
			if now.Sub(b.last) >= bs.idle {
				delete(bs.m, k)
			}
		}
	}
	for k := range bs.m {
		if len(bs.m) < bs.maxKeys {
			break
		}
		delete(bs.m, k)
	}
}

// Len is how many keys of each kind are held (tests).
func (g *Guard) Len() (accounts, addresses int) {
	g.accounts.mu.Lock()
	defer g.accounts.mu.Unlock()
	g.addresses.mu.Lock()
	defer g.addresses.mu.Unlock()
	return len(g.accounts.m), len(g.addresses.m)
}
