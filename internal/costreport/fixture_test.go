package costreport

import (
	"fmt"
	"time"

	"schoolzone/internal/costs"
)

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

var fixedNow = time.Date(2025, 3, 20, 9, 0, 0, 0, time.UTC)

// secrets appear in the event inputs and must never reach a commissioner.
var secrets = []string{
	"Jo Bloggs", "A1234BC", "Kayleigh", "Mrs Evans", "Ysgol Gymraeg Llanrhidian", "St Mary's RC Primary",
	"Dad on D wing", "receipt-Jones", "Showcase for the Smith family",
}

func fixtureEvent() costs.EventCosts {
	las := []costs.LocalAuthorityRef{{ID: 10, Name: "Swansea"}, {ID: 20, Name: "Neath Port Talbot"}}
	return costs.EventCosts{
		EventID: 42, Title: "Showcase for the Smith family", PrisonID: 1, PrisonName: "HMP Parc",
		Date:             time.Date(2025, 3, 12, 13, 0, 0, 0, london),
		LocalAuthorities: las,
		Schools: []costs.SchoolRef{
			{SchoolID: 1, Name: "Ysgol Gymraeg Llanrhidian", LocalAuthorityID: 10, SchoolType: "primary"},
			{SchoolID: 2, Name: "St Mary's RC Primary", LocalAuthorityID: 20, SchoolType: "primary"},
		},
		Families: []costs.FamilyRef{
			{FamilyID: 1, LocalAuthorityID: 10, Children: 2, SchoolTypes: []string{"primary"}, SchoolIDs: []int64{1}},
			{FamilyID: 2, LocalAuthorityID: 20, Children: 1, SchoolTypes: []string{"primary"}, SchoolIDs: []int64{2}},
			{FamilyID: 3, LocalAuthorityID: 10, Children: 1, SchoolTypes: []string{"secondary"}},
		},
		Lines: []costs.Line{
			{ID: "auto/supply_cover/teacher/7", Category: costs.SupplyCover, Bearer: costs.School, SchoolID: 1, TeacherID: 7, LocalAuthorityID: 10, SchoolType: "primary",
				Description: "half day supply cover, 3h15m away", Quantity: costs.QtyOne, Unit: "half day", UnitCost: 11000, Estimated: 11000, AutoEstimated: 11000, Actual: costs.Ptr(11500), Source: costs.AutoEstimate},
			{ID: "auto/teacher_travel/teacher/7", Category: costs.TeacherTravel, Bearer: costs.School, SchoolID: 1, TeacherID: 7, LocalAuthorityID: 10, SchoolType: "primary",
				Description: "return trip, 24.69 miles", Quantity: 24690, Unit: "mile", UnitCost: 45, Estimated: 1111, AutoEstimated: 1111, Source: costs.AutoEstimate},
			{ID: "auto/supply_cover/teacher/8", Category: costs.SupplyCover, Bearer: costs.School, SchoolID: 2, TeacherID: 8, LocalAuthorityID: 20, SchoolType: "primary",
				Description: "day supply cover", Quantity: costs.QtyOne, Unit: "day", UnitCost: 21500, Estimated: 18000, AutoEstimated: 21500,
				Overridden: true, OverrideReason: "Mrs Evans covered internally for the afternoon", Source: costs.AutoEstimate},
			{ID: "auto/family_travel/family/1", Category: costs.FamilyTravel, Bearer: costs.Family, FamilyID: 1, LocalAuthorityID: 10,
				Description: "return trip, 0.666 miles", Quantity: 666, Unit: "mile", UnitCost: 45, Estimated: 30, AutoEstimated: 30,
				Claimed: costs.Ptr(3000), Approved: costs.Ptr(2750), Actual: costs.Ptr(2750), EvidenceRef: "receipt-Jones.pdf", Source: costs.AutoEstimate},
			{ID: "m1", Category: costs.FamilyLostEarnings, Bearer: costs.Family, FamilyID: 2, LocalAuthorityID: 20,
				Description: "=HYPERLINK(\"http://evil.example\",\"Jo Bloggs A1234BC\")", Estimated: 6400, Notes: "Kayleigh's mum lost a shift; Dad on D wing", Source: costs.Manual},
			{ID: "auto/refreshments", Category: costs.Refreshments, Bearer: costs.Prison, Description: "37 confirmed attendees",
				Quantity: costs.Units(37), Unit: "head", UnitCost: 350, Estimated: 12950, AutoEstimated: 12950, Source: costs.AutoEstimate},
			{ID: "auto/prison_staffing_on_the_day/officer", Category: costs.PrisonStaffOnTheDay, Bearer: costs.Prison,
				Description: "3 × officer for 2h20m", Quantity: 7000, Unit: "staff hour", UnitCost: 2400, Estimated: 16800, AutoEstimated: 16800, Actual: costs.Ptr(19200), Source: costs.AutoEstimate},
			{ID: "m2", Category: costs.Security, Bearer: costs.Prison, Description: "+ dog handler (half day)", Estimated: 15000, Notes: "@ordered via OSG", Source: costs.Manual},
			{ID: "m3", Category: costs.Printing, Bearer: costs.Provider, Description: "-credit from printer", Estimated: -500, Actual: costs.Ptr(-500), Source: costs.Manual},
		},
	}
}

// fixtureEvents is a small multi-prison set for the commissioner workbook.
func fixtureEvents() []costs.EventCosts {
	a := fixtureEvent()
	b := fixtureEvent()
	b.EventID, b.PrisonID, b.PrisonName, b.Date = 43, 2, "HMP Eastwood Park", time.Date(2025, 6, 4, 10, 0, 0, 0, london)
	b.Families = append(b.Families, costs.FamilyRef{FamilyID: 9, LocalAuthorityID: 20, Children: 3, SchoolTypes: []string{"secondary"}})
	c := fixtureEvent()
	c.EventID, c.Date = 44, time.Date(2024, 11, 19, 13, 0, 0, 0, london)
	c.Families = c.Families[:2]
	for i := range c.Families {
		c.Families[i].FamilyID += 100
	}
	for i := range c.Lines {
		if c.Lines[i].FamilyID != 0 {
			c.Lines[i].FamilyID += 100
		}
	}
	return []costs.EventCosts{a, b, c}
}

// syntheticEvents builds n realistic showcases (16 families, 20 teachers,
// ~60 lines) for the benchmark.
func syntheticEvents(n int) []costs.EventCosts {
	cats := costs.Categories
	out := make([]costs.EventCosts, n)
	for e := range out {
		ev := costs.EventCosts{EventID: int64(e + 1), PrisonID: int64(e%12 + 1), PrisonName: fmt.Sprintf("HMP %d", e%12+1),
			Date: time.Date(2023+e/80, time.Month(e%12+1), 1+e%27, 13, 0, 0, 0, london)}
		for la := range 8 {
			ev.LocalAuthorities = append(ev.LocalAuthorities, costs.LocalAuthorityRef{ID: int64(la + 1), Name: fmt.Sprintf("Council %d", la+1)})
		}
		for f := range 16 {
			ev.Families = append(ev.Families, costs.FamilyRef{FamilyID: int64(e*100 + f), LocalAuthorityID: int64(f%8 + 1), Children: 1 + f%3, SchoolTypes: []string{[]string{"primary", "secondary", "special"}[f%3]}})
		}
		for l := range 60 {
			ev.Lines = append(ev.Lines, costs.Line{ID: fmt.Sprint(l), Category: cats[l%len(cats)], Bearer: costs.Bearers[l%len(costs.Bearers)],
				LocalAuthorityID: int64(l%8 + 1), SchoolType: []string{"primary", "secondary", ""}[l%3], TeacherID: int64(l % 20),
				Estimated: costs.Pence(1000 + l*37), Notes: "note", Source: costs.Manual})
		}
		out[e] = ev
	}
	return out
}
