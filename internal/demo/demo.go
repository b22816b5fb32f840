// Package demo loads a wholly fictional School Zone: one invented prison in
// South Wales, its visits hall, schools in six local authorities and
// families at every stage of the workflow. Everything goes through the
// store's public API and the domain's Decide functions, so the demo can
// only reach states a coordinator could reach in the browser.
//
// Every person, school and prison here is invented; any likeness to a real
// one is coincidence. Phone numbers are from Ofcom's drama ranges and email
// addresses use the reserved .example and example.org domains.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // the demo's dates are UK local time wherever it runs

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// ErrNotEmpty refuses to load the demo into a database that already has a
// prison or an account, so running with --demo twice never duplicates it
// and never mixes fictional families into a real server's data, even one
// whose first administrator exists but no prison yet.
var ErrNotEmpty = errors.New("demo: database already has data")

// Login is a demo account the login page may show.
type Login struct {
	Role     domain.Role
	Email    string
	Password string
}

// Logins are the demo accounts, one per role.
type Logins []Login

// dateFmt is how calendar dates are stored and compared.
const dateFmt = "2006-01-02"

// Load fills an empty database with the demo and returns its logins. now
// anchors every date: referrals weeks ago, the showcase three weeks ahead.
func Load(ctx context.Context, s *store.Store, now time.Time) (Logins, error) {
	prisons, err := s.Prisons(ctx, domain.Unrestricted)
	if err != nil {
		return nil, fmt.Errorf("demo: check database: %w", err)
	}
	users, err := s.CountUsers(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: check database: %w", err)
	}
	if len(prisons) > 0 || users > 0 {
		return nil, ErrNotEmpty
	}
	uk, err := time.LoadLocation("Europe/London")
	if err != nil {
		return nil, fmt.Errorf("demo: time zone: %w", err)
	}
	l := &loader{s: s, now: now.In(uk), loc: uk, schools: map[string]int64{}, teachers: map[string]int64{}, las: map[string]int64{}}
	logins, err := l.users(ctx)
	if err != nil {
		return nil, err
	}
	for _, step := range []func(context.Context) error{l.prison, l.places, l.event, l.families, l.allocate, l.costs} {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	return logins, nil
}

// loader carries the IDs one part of the demo hands to the next.
type loader struct {
	s        *store.Store
	now      time.Time
	loc      *time.Location
	coord    domain.Actor // records the referral workflow
	officer  domain.Actor // the prison's public-protection decisions
	prisonID int64
	las      map[string]int64
	schools  map[string]int64
	teachers map[string]int64
}

// today is the date Decide functions check "not in the future" against.
func (l *loader) today() string { return l.now.Format(dateFmt) }

// daysAgo is a calendar date n days before now.
func (l *loader) daysAgo(n int) string { return l.now.AddDate(0, 0, -n).Format(dateFmt) }

func (l *loader) event(ctx context.Context) error {
	d := l.now.AddDate(0, 0, 21)
	start := time.Date(d.Year(), d.Month(), d.Day(), 14, 0, 0, 0, l.loc)
	_, err := l.s.CreateEvent(ctx, l.coord, domain.Event{
		PrisonID: l.prisonID, Title: "Showcase " + start.Format("January 2006"),
		StartsAt: start, SlotMinutes: 10, Slots: 12, ArrivalMinutes: 45,
	})
	if err != nil {
		return fmt.Errorf("demo: showcase: %w", err)
	}
	return nil
}

// allocate seats the ready families at the demo showcase, so the floor plan,
// timetables, documents and cost estimates have something to show.
func (l *loader) allocate(ctx context.Context) error {
	events, err := l.s.Events(ctx, domain.Unrestricted)
	if err != nil || len(events) == 0 {
		return fmt.Errorf("demo: find showcase: %v", err)
	}
	return AllocateDemo(ctx, l.s, events[0].ID)
}
