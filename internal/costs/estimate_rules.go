package costs

import (
	"fmt"
	"time"
)

func (e *estimator) teachers() error {
	schools := map[int64]SchoolTrip{}
	for _, s := range e.in.Schools {
		schools[s.SchoolID] = s
	}
	threshold := e.in.HalfDayThreshold
	if threshold <= 0 {
		threshold = DefaultHalfDayThreshold
	}
	for _, t := range e.in.Teachers {
		if len(t.Meetings) == 0 {
			continue // not at the event, so no cover and no journey
		}
		s, ok := schools[t.SchoolID]
		if !ok {
			return fmt.Errorf("teacher %d: school %d has no distance entered", t.TeacherID, t.SchoolID)
		}
		scopes := []Scope{{LAScope, s.LocalAuthorityID}, e.prison}
		base := Line{Bearer: School, SchoolID: s.SchoolID, TeacherID: t.TeacherID,
			LocalAuthorityID: s.LocalAuthorityID, SchoolType: s.SchoolType}
		if t.NeedsCover {
			away := t.TimeAway()
			key, unit, desc := SupplyHalfDay, "half day", "costs.desc.supply_half_day"
			if away > threshold {
				key, unit, desc = SupplyDay, "day", "costs.desc.supply_day"
			}
			r, err := e.rates.Resolve(key, e.in.EventDate, scopes...)
			if err != nil {
				return fmt.Errorf("teacher %d: %w", t.TeacherID, err)
			}
			l := base
			l.ID = fmt.Sprintf("auto/%s/teacher/%d", SupplyCover, t.TeacherID)
			l.Category, l.Description = SupplyCover, generated(desc, "Away", hm(away))
			l.Quantity, l.Unit, l.UnitCost, l.Estimated = QtyOne, unit, r.Amount, r.Amount
			e.add(l)
		}
		if t.Passenger || s.MilesEachWay == 0 {
			continue
		}
		l, err := e.mileage(base, s.MilesEachWay, scopes)
		if err != nil {
			return fmt.Errorf("teacher %d: %w", t.TeacherID, err)
		}
		l.ID = fmt.Sprintf("auto/%s/teacher/%d", TeacherTravel, t.TeacherID)
		l.Category = TeacherTravel
		e.add(l)
	}
	return nil
}

func (e *estimator) families() error {
	for _, f := range e.in.Families {
		if f.MilesEachWay == 0 {
			continue
		}
		base := Line{Bearer: Family, FamilyID: f.FamilyID, LocalAuthorityID: f.LocalAuthorityID}
		l, err := e.mileage(base, f.MilesEachWay, []Scope{{LAScope, f.LocalAuthorityID}, e.prison})
		if err != nil {
			return fmt.Errorf("family %d: %w", f.FamilyID, err)
		}
		l.ID = fmt.Sprintf("auto/%s/family/%d", FamilyTravel, f.FamilyID)
		l.Category = FamilyTravel
		e.add(l)
	}
	return nil
}

// mileage prices a return trip: miles × rate, rounded half up to the penny.
func (e *estimator) mileage(base Line, each Qty, scopes []Scope) (Line, error) {
	r, err := e.rates.Resolve(MileagePerMile, e.in.EventDate, scopes...)
	if err != nil {
		return Line{}, err
	}
	miles := 2 * each
	base.Description = generated("costs.desc.return_trip", "Miles", miles)
	base.Quantity, base.Unit, base.UnitCost, base.Estimated = miles, "mile", r.Amount, miles.Times(r.Amount)
	return base, nil
}

func (e *estimator) catering() error {
	if e.in.Attendees <= 0 {
		return nil
	}
	r, err := e.rates.Lookup(e.prison, RefreshmentsPerHead, e.in.EventDate)
	if err != nil {
		return err
	}
	q := Units(int64(e.in.Attendees))
	// "Confirmed" is said only of people who did confirm.
	desc := generated("costs.desc.refreshments", "People", e.in.Attendees)
	if e.in.Confirmed > 0 {
		desc = generated("costs.desc.refreshments_confirmed", "People", e.in.Attendees, "Confirmed", e.in.Confirmed)
	}
	e.add(Line{ID: "auto/" + string(Refreshments), Category: Refreshments, Bearer: Prison,
		Description: desc,
		Quantity:    q, Unit: "head", UnitCost: r.Amount, Estimated: q.Times(r.Amount)})
	return nil
}

func (e *estimator) staffing() error {
	onDay := e.in.EventLength + e.in.Setup
	for _, s := range e.in.Staff {
		if err := e.staffLine(PrisonStaffOnTheDay, s.Role, s.Count, onDay); err != nil {
			return err
		}
	}
	for _, s := range e.in.PrepStaff {
		if err := e.staffLine(PrisonStaffPrep, s.Role, s.Count, s.Time); err != nil {
			return err
		}
	}
	return nil
}

// staffLine prices count staff for d at the role's hourly rate. The amount
// comes from exact seconds (20 minutes is a third of an hour, which no
// decimal quantity holds); Quantity is staff-hours rounded to 0.001 for
// display, so Quantity × UnitCost can differ from Estimated by a penny.
func (e *estimator) staffLine(cat Category, role string, count int, d time.Duration) error {
	if count <= 0 || d <= 0 {
		return nil
	}
	r, err := e.rates.Lookup(e.prison, StaffHourly(role), e.in.EventDate)
	if err != nil {
		return fmt.Errorf("%s %s: %w", cat, role, err)
	}
	staffSeconds := int64(count) * int64(d/time.Second)
	e.add(Line{ID: fmt.Sprintf("auto/%s/%s", cat, role), Category: cat, Bearer: Prison,
		Description: generated("costs.desc.staff", "Staff", count, "Role", role, "Time", hm(d)),
		Quantity:    Qty(RoundDiv(staffSeconds*1000, 3600)), Unit: "staff hour", UnitCost: r.Amount,
		Estimated: Pence(RoundDiv(staffSeconds*int64(r.Amount), 3600))})
	return nil
}

func hm(d time.Duration) string {
	m := int64(d / time.Minute)
	return fmt.Sprintf("%dh%02dm", m/60, m%60)
}
