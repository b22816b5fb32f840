package loginguard

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestFailuresAreLimitedPerAccountAndPerAddress(t *testing.T) {
	tests := []struct {
		name     string
		account  func(i int) string
		address  func(i int) string
		allowed  int
		wantWait time.Duration
	}{
		{"one account from many addresses", func(int) string { return "ann" }, func(i int) string { return fmt.Sprint("10.0.0.", i) }, 5, time.Minute},
		{"many accounts from one address", func(i int) string { return fmt.Sprint("user", i) }, func(int) string { return "10.0.0.1" }, 8, 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New(Default())
			allowed := 0
			var wait time.Duration
			for i := range 1000 {
				if a, w := g.Begin(t0, tt.account(i), tt.address(i)); a != nil {
					allowed++
				} else {
					wait = w
				}
			}
			assert.Equal(t, tt.allowed, allowed)
			assert.Equal(t, tt.wantWait, wait, "how long until the next failure is allowed")
			a, _ := g.Begin(t0.Add(tt.wantWait), tt.account(0), tt.address(0))
			assert.NotNil(t, a, "a bucket refills")
		})
	}
}

func TestASuccessDoesNotCount(t *testing.T) {
	g := New(Default())
	for range 100 {
		a, _ := g.Begin(t0, "ann", "10.0.0.1")
		require.NotNil(t, a)
		a.Succeeded()
	}
	for range 5 {
		a, _ := g.Begin(t0, "ann", "10.0.0.1")
		require.NotNil(t, a, "all five failures are still there")
	}
	a, wait := g.Begin(t0, "ann", "10.0.0.1")
	assert.Nil(t, a)
	assert.Equal(t, time.Minute, wait)
}

func TestARefusedAttemptTakesNothingFromTheOtherBucket(t *testing.T) {
	g := New(Default())
	for range 5 {
		a, _ := g.Begin(t0, "ann", "10.0.0.1")
		require.NotNil(t, a)
	}
	for range 20 {
		a, _ := g.Begin(t0, "ann", "10.0.0.1") // refused by ann's bucket
		assert.Nil(t, a)
	}
	for i := range 3 {
		a, _ := g.Begin(t0, fmt.Sprint("other", i), "10.0.0.1")
		assert.NotNil(t, a, "the address still has 3 of its 8")
	}
}

func TestIdleKeysAreForgottenAndTheCountIsBounded(t *testing.T) {
	cfg := Default()
	cfg.MaxKeys = 50
	g := New(cfg)
	for i := range 1000 {
		g.Begin(t0, fmt.Sprint("user", i), fmt.Sprint("addr", i))
	}
	acc, addr := g.Len()
	assert.LessOrEqual(t, acc, 50)
	assert.LessOrEqual(t, addr, 50)

	later := t0.Add(10 * time.Minute) // both buckets have refilled
	g.Begin(later, "late", "late")
	acc, addr = g.Len()
	assert.Equal(t, 1, acc, "refilled buckets are forgotten")
	assert.Equal(t, 1, addr)
}

func TestCheckRunsAtMostHashersAtOnce(t *testing.T) {
	g := New(Config{Account: Limit{time.Second, 1}, Address: Limit{time.Second, 1}, MaxKeys: 10, Hashers: 3})
	most := func(known bool) int32 {
		var running, most atomic.Int32
		var wg sync.WaitGroup
		for i := range 20 {
			if known {
				a, _ := g.Begin(t0, fmt.Sprint("user", i), fmt.Sprint("addr", i))
				require.NotNil(t, a)
				a.Succeeded()
			}
			wg.Go(func() {
				require.NoError(t, g.Check(context.Background(), fmt.Sprint("user", i), fmt.Sprint("addr", i), func() {
					n := running.Add(1)
					for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
					}
					time.Sleep(time.Millisecond)
					running.Add(-1)
				}))
			})
		}
		wg.Wait()
		return most.Load()
	}
	assert.Equal(t, int32(2), most(false), "checks from new places hold all slots but one")
	assert.Equal(t, int32(3), most(true), "known sign-ins may use every slot")
	assert.Empty(t, g.lanes.m, "lanes are dropped once nobody uses them")

	for range 3 {
		g.slots <- struct{}{}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, g.Check(ctx, "a", "b", func() { t.Error("ran without a slot") }), context.Canceled)
}

// Someone signing in to an account from where they signed in to it before
// finds a slot however many other checks are waiting: a guesser has never
// succeeded, so cannot pass for them.
func TestKnownSignInsFindASlot(t *testing.T) {
	g := New(Config{Account: Limit{time.Minute, 5}, Address: Limit{time.Minute, 5}, MaxKeys: 10, Hashers: 3})
	a, _ := g.Begin(t0, "ann", "home")
	require.NotNil(t, a)
	a.Succeeded()
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			g.Check(context.Background(), fmt.Sprint("new", i), fmt.Sprint("elsewhere", i), func() { <-release })
		})
	}
	time.Sleep(20 * time.Millisecond)
	done := make(chan struct{})
	go func() {
		g.Check(context.Background(), "ann", "home", func() {})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("a known sign-in waited behind the others")
	}
	elsewhere := make(chan struct{})
	go func() {
		g.Check(context.Background(), "ann", "a cafe", func() {})
		close(elsewhere)
	}()
	select {
	case <-elsewhere:
		t.Fatal("the same account from a new place is new, and waits its turn")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	wg.Wait()
	<-elsewhere
}

// One flooding address holds at most one slot, however many requests it
// has in flight, so someone else's check finds the other slot free.
func TestOneAddressHoldsOneSlot(t *testing.T) {
	g := New(Config{Account: Limit{time.Second, 1}, Address: Limit{time.Second, 1}, MaxKeys: 10, Hashers: 3})
	var flood atomic.Int32
	var most atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			g.Check(context.Background(), fmt.Sprint("victim", i), "attacker", func() {
				if n := flood.Add(1); n > most.Load() {
					most.Store(n)
				}
				<-release
				flood.Add(-1)
			})
		})
	}
	time.Sleep(20 * time.Millisecond)
	done := make(chan struct{})
	go func() {
		g.Check(context.Background(), "someone", "elsewhere", func() {})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("someone else waited behind the flood")
	}
	close(release)
	wg.Wait()
	assert.Equal(t, int32(1), most.Load(), "the flood ran one check at a time")
}

// Guessers at many accounts from many addresses, each with failures
// behind them, hold all slots but one between them, so a sign-in with no
// failures runs at once.
func TestGuessersLeaveASlotForEveryoneElse(t *testing.T) {
	g := New(Config{Account: Limit{time.Minute, 3}, Address: Limit{time.Minute, 3}, MaxKeys: 100, Hashers: 3})
	now := time.Now()
	for i := range 6 {
		for range 2 { // two failures each, kept
			a, wait := g.Begin(now, fmt.Sprint("target", i), fmt.Sprint("guesser", i))
			require.Zero(t, wait)
			require.NotNil(t, a)
		}
	}
	var running, most atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			g.Check(context.Background(), fmt.Sprint("target", i), fmt.Sprint("guesser", i), func() {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				<-release
				running.Add(-1)
			})
		})
	}
	time.Sleep(20 * time.Millisecond)
	done := make(chan struct{})
	go func() {
		a, _ := g.Begin(now, "someone", "elsewhere")
		require.NotNil(t, a)
		g.Check(context.Background(), "someone", "elsewhere", func() {})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("a clean sign-in waited behind the guessers")
	}
	close(release)
	wg.Wait()
	assert.Equal(t, int32(1), most.Load(), "the guessers held one slot between them")
}

// Checks for keys with recent failures start at most one per SuspectEvery,
// so guessers leave CPU to everyone else even between their own checks;
// a clean check is not paced, and a guesser who gives up while paced
// gives back their turn.
func TestGuessersChecksAreSpacedOut(t *testing.T) {
	const every = 40 * time.Millisecond
	g := New(Config{Account: Limit{time.Minute, 3}, Address: Limit{time.Minute, 3}, MaxKeys: 100, Hashers: 2, SuspectEvery: every})
	now := time.Now()
	for i := range 5 {
		for range 2 { // a failure kept, and this attempt
			a, _ := g.Begin(now, fmt.Sprint("target", i), fmt.Sprint("guesser", i))
			require.NotNil(t, a)
		}
	}
	var mu sync.Mutex
	var starts []time.Time
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() {
			require.NoError(t, g.Check(context.Background(), fmt.Sprint("target", i), fmt.Sprint("guesser", i), func() {
				mu.Lock()
				starts = append(starts, time.Now())
				mu.Unlock()
			}))
		})
	}
	clean := time.Now()
	require.NoError(t, g.Check(context.Background(), "someone", "elsewhere", func() {}))
	assert.Less(t, time.Since(clean), every, "a clean check is not paced")
	wg.Wait()
	require.Len(t, starts, 5)
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	assert.GreaterOrEqual(t, starts[4].Sub(starts[0]), 4*every-5*time.Millisecond, "five suspect checks take four intervals at least")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, g.Check(ctx, "target0", "guesser0", func() { t.Error("ran after giving up") }), context.Canceled)
}
