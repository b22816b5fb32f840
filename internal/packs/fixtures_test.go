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
		Ref:     "EV-3",
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
			Role:  Text{EN: "Prisons and Schools Coordinator", CY: "Cydgysylltydd Carchardai ac Ysgolion"},
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
