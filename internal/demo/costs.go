package demo

import (
	"context"
	"fmt"
	"time"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// demoRates are HMP Glanfa's rates from 1 April of the current financial
// year: invented, but of the size a Welsh school and prison would pay.
var demoRates = map[costs.RateKey]costs.Pence{
	costs.SupplyHalfDay:                11500,
	costs.SupplyDay:                    21000,
	costs.MileagePerMile:               45,
	costs.RefreshmentsPerHead:          350,
	costs.StaffHourly("officer"):       2650,
	costs.StaffHourly("visits_staff"):  1980,
	costs.StaffHourly("family_worker"): 1750,
}

// demoLARates are local authorities whose own rates differ from the
// prison's: Cardiff pays more for supply cover, Swansea a lower mileage.
var demoLARates = map[string]map[costs.RateKey]costs.Pence{
	"Cardiff": {costs.SupplyHalfDay: 12500, costs.SupplyDay: 23000},
	"Swansea": {costs.MileagePerMile: 40},
}

// costs loads the demo's cost configuration: rates for the prison and two
// local authorities, each school's travel time (about 2½ minutes a mile on
// the valley roads), staffing for the showcase, and a first estimate from
// whatever allocation the showcase has. Call it after l.event and
// l.families.
func (l *loader) costs(ctx context.Context) error {
	fy := l.now.Year()
	if l.now.Month() < time.April {
		fy--
	}
	from := time.Date(fy, time.April, 1, 0, 0, 0, 0, time.UTC)
	prison := costs.Scope{Kind: costs.PrisonScope, ID: l.prisonID}
	for key, amount := range demoRates {
		if _, err := l.s.AddRate(ctx, l.coord, costs.Rate{Scope: prison, Key: key, EffectiveFrom: from, Amount: amount}); err != nil {
			return fmt.Errorf("demo: rate %s: %w", key, err)
		}
	}
	for la, rates := range demoLARates {
		scope := costs.Scope{Kind: costs.LAScope, ID: l.las[la]}
		for key, amount := range rates {
			if _, err := l.s.AddRate(ctx, l.coord, costs.Rate{Scope: scope, Key: key, EffectiveFrom: from, Amount: amount}); err != nil {
				return fmt.Errorf("demo: %s rate %s: %w", la, key, err)
			}
		}
	}
	for _, sp := range schools {
		mins := (sp.school.DistanceMiles*5 + 1) / 2
		if err := l.s.SetSchoolTravel(ctx, l.coord, l.schools[sp.key], mins); err != nil {
			return fmt.Errorf("demo: travel %s: %w", sp.key, err)
		}
	}
	events, err := l.s.Events(ctx, domain.Unrestricted)
	if err != nil {
		return fmt.Errorf("demo: showcases: %w", err)
	}
	settings := store.CostSettings{SetupMinutes: 60, HalfDayThresholdMinutes: store.DefaultCostSettings.HalfDayThresholdMinutes,
		Staff: []costs.StaffCount{{Role: "officer", Count: 4}, {Role: "visits_staff", Count: 2}, {Role: "family_worker", Count: 1}},
		Prep:  []costs.StaffTime{{Role: "family_worker", Count: 1, Time: 6 * time.Hour}, {Role: "officer", Count: 1, Time: 90 * time.Minute}}}
	for _, ev := range events {
		if ev.PrisonID != l.prisonID {
			continue
		}
		if err := l.s.SetCostSettings(ctx, l.coord, ev.ID, settings); err != nil {
			return fmt.Errorf("demo: cost settings: %w", err)
		}
		if err := l.s.ReestimateCosts(ctx, l.coord, ev.ID); err != nil {
			return fmt.Errorf("demo: estimate costs: %w", err)
		}
	}
	return nil
}
