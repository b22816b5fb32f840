package packs

import "time"

// The fixtures are fictional. Phone numbers are from Ofcom's drama range.
var (
	fixedNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	// 14 April 2026 is in British Summer Time: the UTC times below must
	// print an hour later.
	day = func(h, m int) time.Time { return time.Date(2026, 4, 14, h, m, 0, 0, time.UTC) }
)

// Data that belongs to the wider world of the fixtures but must never reach
// a teacher or a carer.
const (
	parentName   = "Rhodri Bevan"
	prisonNumber = "A1234BC"
	otherParent  = "Gareth Pryce"
	otherNumber  = "B5678CD"
)

func fixtureEvent() Event {
	return Event{
		Ref:     "EV-0003",
		Prison:  "HMP & YOI Parc",
		Venue:   Text{EN: "Visits hall", CY: "Neuadd ymweld"},
		Address: []string{"Visitors' Centre", "Heol Hopcyn John", "Coity, Bridgend", "CF35 6AP"},
		Directions: []Text{
			{EN: "By train: go to Bridgend station, then take a taxi (about 10 minutes).", CY: "Ar y trên: ewch i orsaf Pen-y-bont ar Ogwr, yna cymerwch dacsi (tua 10 munud)."},
			{EN: "By car: there is free parking at the visitors' centre.", CY: "Mewn car: mae parcio am ddim wrth ganolfan yr ymwelwyr."},
		},
		Start:    day(12, 30),
		End:      day(15, 0),
		ArriveBy: day(11, 45),
		VisitorRules: []Text{
			{EN: "Lockers take a £1 coin, which you get back.", CY: "Mae angen darn £1 ar gyfer y loceri, a chewch ef yn ôl."},
		},
		Coordinator: Contact{
			Name:  "Ceri Llywelyn",
			Role:  Text{EN: "Prisons and Schools Coordinator", CY: "Cydlynydd Carchardai ac Ysgolion"},
			Phone: "01632 960 418",
			Email: "schoolzone@example.org",
		},
	}
}

func fixtureTeacherPack() TeacherPack {
	return TeacherPack{
		TeacherRef: "TCH-0007",
		Teacher:    "Mr Llŷr Huws",
		Event:      fixtureEvent(),
		Pupils: []Pupil{
			{
				FamilyRef: "FAM-0012",
				FirstName: Share("Gwenllïan"),
				YearGroup: Share("Year 4"),
				Wishes:    Share("To show the castle model she made in class"),
				Adjustments: []Adjustment{
					{Kind: AdjustAwayFromNoise, Shared: true},
					{Kind: AdjustDogs, Note: "Very frightened of dogs since a bite", Shared: false},
				},
			},
			{
				FamilyRef: "FAM-0015",
				FirstName: Share("Siôn"),
				YearGroup: SharedText{Text: "Year 6"},
				Wishes:    SharedText{Text: "Wants to talk about moving schools"},
				Adjustments: []Adjustment{
					{Kind: AdjustQuietSpace, Note: "Autistic; needs breaks", Shared: false},
				},
			},
		},
		Meetings: []Meeting{
			{Start: day(13, 30), End: day(14, 0), Table: 7, FamilyRef: "FAM-0015"},
			{Start: day(12, 45), End: day(13, 15), Table: 4, FamilyRef: "FAM-0012"},
		},
	}
}

func fixtureCarerLetter() CarerLetter {
	return CarerLetter{
		FamilyRef:    "FAM-0012",
		Carer:        "Ffion Roberts",
		Event:        fixtureEvent(),
		MeetingStart: day(12, 45),
		MeetingEnd:   day(13, 15),
		Adults:       []string{"Ffion Roberts", "Eirlys Roberts"},
		ConfirmBy:    time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC),
		ConfirmURL:   "https://schoolzone.example.org/r/k3J9pQ",
	}
}

// otherFamily is FAM-0015's data, which must never appear in FAM-0012's letter.
var otherFamily = []string{"FAM-0015", "Dylan Pryce", otherParent, otherNumber, "Siôn"}

func fixtureRunSheet() RunSheet {
	var tables []Table
	for n := 1; n <= 8; n++ {
		tables = append(tables, Table{Number: n, Col: (n - 1) % 4, Row: (n - 1) / 4, Quiet: n == 8, StepFree: n <= 2})
	}
	return RunSheet{
		Event:  fixtureEvent(),
		Tables: tables,
		Slots: []Slot{
			{Start: day(12, 45), End: day(13, 15)},
			{Start: day(13, 30), End: day(14, 0)},
			{Start: day(14, 15), End: day(14, 45)},
		},
		Bookings: []Booking{
			{Slot: 0, Table: 4, FamilyRef: "FAM-0012", Teachers: []BookedTeacher{{Ref: "TCH-0007"}}},
			{Slot: 1, Table: 7, FamilyRef: "FAM-0015", Teachers: []BookedTeacher{{Ref: "TCH-0007"}, {Ref: "TCH-0011"}}},
			{Slot: 2, Table: 8, FamilyRef: "FAM-0019", Teachers: []BookedTeacher{{Ref: "TCH-0012"}}},
		},
		Visitors: []Visitor{
			{Name: "Ffion Roberts", Role: RoleCarer, FamilyRef: "FAM-0012", Table: 4, Diet: "Vegetarian"},
			{Name: "Eirlys Roberts", Role: RoleFamily, FamilyRef: "FAM-0012", Table: 4},
			{Name: "Dylan Pryce", Role: RoleCarer, FamilyRef: "FAM-0015", Table: 7, Diet: "Halal"},
			{Name: "Nia Wyn Ellis", Role: RoleSocialWorker, FamilyRef: "FAM-0019", Table: 8},
			{Name: "Llŷr Huws", Role: RoleTeacher},
			{Name: "Owain Lewis", Role: RoleTeacher},
			{Name: "Mererid Ŵyn", Role: RoleTeacher, Diet: " vegetarian"},
		},
		Residents: []Resident{
			{Name: parentName, PrisonNumber: prisonNumber, FamilyRef: "FAM-0012", Table: 4},
			{Name: otherParent, PrisonNumber: otherNumber, FamilyRef: "FAM-0015", Table: 7, Diet: "Halal"},
			{Name: "Aled Rees", PrisonNumber: "C9012EF", FamilyRef: "FAM-0019", Table: 8},
		},
		Children: []FamilyChildren{
			{FamilyRef: "FAM-0015", Table: 7, Children: []Child{{Age: 11, Diet: "Halal"}}},
			{FamilyRef: "FAM-0012", Table: 4, Children: []Child{{Age: 8, Diet: "Nut allergy"}, {Age: 5}}},
			{FamilyRef: "FAM-0019", Table: 8, Children: []Child{{Age: 14}}},
		},
		Staff: []Staff{
			{Name: "Sgt. Carys Morgan", Post: "Visits supervisor", Duty: "Hall lead", From: day(11, 30), To: day(15, 30)},
			{Name: "Tomos Jenkins", Post: "Visits officer", Duty: "Gate and ID checks", From: day(11, 30), To: day(13, 0)},
			{Name: "Ceri Llywelyn", PostID: "documents.coordinator_role", DutyID: "documents.staff.duty", From: day(11, 0), To: day(15, 30)},
		},
	}
}

func fixtureCertificate() Certificate {
	return Certificate{
		FamilyRef: "FAM-0012",
		Event:     fixtureEvent(),
		Parent:    parentName,
		Children:  []string{"Gwenllïan"},
	}
}
