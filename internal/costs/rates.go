package costs

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// ScopeKind says who set a rate: a prison (staffing, catering) or a local
// authority (supply cover, mileage for its schools).
type ScopeKind string

// The rate scopes.
const (
	PrisonScope ScopeKind = "prison"
	LAScope     ScopeKind = "local_authority"
)

// Scope is the prison or local authority a rate belongs to.
type Scope struct {
	Kind ScopeKind
	ID   int64
}

// RateKey names a rate. Staff rates are per role, see StaffHourly.
type RateKey string

// The rate keys the estimator reads.
const (
	SupplyHalfDay       RateKey = "supply_half_day"
	SupplyDay           RateKey = "supply_day"
	MileagePerMile      RateKey = "mileage_per_mile"
	RefreshmentsPerHead RateKey = "refreshments_per_head"
)

// StaffHourly is the key of the hourly rate for a prison staff role, e.g.
// StaffHourly("officer") is "staff_hourly:officer".
func StaffHourly(role string) RateKey { return RateKey("staff_hourly:" + role) }

// Rate is one configured rate, in force from EffectiveFrom (a calendar day)
// until the next rate for the same scope and key.
type Rate struct {
	Scope         Scope
	Key           RateKey
	EffectiveFrom time.Time
	Amount        Pence
}

// RateTable holds every rate with its history. Rates are never edited in
// place: a new rate with a later EffectiveFrom supersedes the old one, so
// estimates for past events keep the rate that applied on their day.
type RateTable struct {
	rates map[rateID][]Rate // sorted by EffectiveFrom
}

type rateID struct {
	scope Scope
	key   RateKey
}

// ErrNoRate is returned when no rate is in force for a date.
var ErrNoRate = errors.New("no rate in force")

// NewRateTable builds a table from rates; two rates for the same scope, key
// and day are an error because which one wins would be arbitrary.
func NewRateTable(rates ...Rate) (*RateTable, error) {
	t := &RateTable{rates: map[rateID][]Rate{}}
	for _, r := range rates {
		if err := t.Add(r); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Add records a rate. It never touches cost lines: recorded actuals keep
// their amounts and only a later re-estimate reads the new rate.
func (t *RateTable) Add(r Rate) error {
	if r.Amount < 0 {
		return fmt.Errorf("costs: rate %s for %s %d: negative amount", r.Key, r.Scope.Kind, r.Scope.ID)
	}
	r.EffectiveFrom = day(r.EffectiveFrom)
	id := rateID{r.Scope, r.Key}
	list := t.rates[id]
	for _, old := range list {
		if old.EffectiveFrom.Equal(r.EffectiveFrom) {
			return fmt.Errorf("costs: rate %s for %s %d from %s: already set", r.Key, r.Scope.Kind, r.Scope.ID, r.EffectiveFrom.Format(time.DateOnly))
		}
	}
	list = append(list, r)
	sort.Slice(list, func(i, j int) bool { return list[i].EffectiveFrom.Before(list[j].EffectiveFrom) })
	t.rates[id] = list
	return nil
}

// Lookup returns the rate for scope and key in force on date: the one with
// the latest EffectiveFrom on or before that calendar day. The day is read
// in date's own location, so pass event dates in Europe/London.
func (t *RateTable) Lookup(scope Scope, key RateKey, date time.Time) (Rate, error) {
	d := day(date)
	list := t.rates[rateID{scope, key}]
	for i := len(list) - 1; i >= 0; i-- {
		if !list[i].EffectiveFrom.After(d) {
			return list[i], nil
		}
	}
	return Rate{}, fmt.Errorf("costs: %s for %s %d on %s: %w", key, scope.Kind, scope.ID, d.Format(time.DateOnly), ErrNoRate)
}

// Resolve tries each scope in turn and returns the first rate in force, so
// a local authority can override a prison's default rate.
func (t *RateTable) Resolve(key RateKey, date time.Time, scopes ...Scope) (Rate, error) {
	var first error
	for _, s := range scopes {
		r, err := t.Lookup(s, key, date)
		if err == nil {
			return r, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		first = fmt.Errorf("costs: %s: no scope given: %w", key, ErrNoRate)
	}
	return Rate{}, first
}

// day truncates t to its calendar day in its own location, expressed as a
// UTC midnight so days compare regardless of zone.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
