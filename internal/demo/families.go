package demo

import "schoolzone/internal/domain"

// goal is how far through the workflow a demo family is taken.
type goal int

const (
	goalReferred          goal = iota // awaiting carer consent
	goalDeclined                      // carer declined
	goalConsented                     // awaiting headteacher
	goalAwaitingAwareness             // head agreed, no session at the school yet
	goalWithdrawn                     // consent withdrawn after the head agreed
	goalRefused                       // prison refused clearance (see refusal)
	goalAwaitingVoice                 // session held, child's views not recorded
	goalAwaitingClearance             // everything but the prison's decision
	goalReady                         // ready for allocation
	goalTransferred                   // cleared, then the parent was moved
)

type childSpec struct {
	first, last, year string
	school            string // school key
	lang              string
	quiet, stepFree   bool
	needsNotes        string
	dietary           string
	wish              domain.Wish
	preferred         string   // teacher key
	alsoNominate      string   // a teacher the head adds who is not on the may-know list
	override          string   // the recorded reason for alsoNominate
	mayKnow           []string // teacher keys; preferred is always included
	obtainedHow       string
}

type familySpec struct {
	parent, number   string
	source, referrer string
	referredDaysAgo  int
	carer            domain.Carer
	children         []childSpec
	goal             goal
	refusal          string // reason category for goalRefused
	notes            string // the step that ends the demo's story for this family
	releaseInDays    int    // 0: no release date recorded
}

func carer(name, rel, phone, email, lang string, miles int) domain.Carer {
	return domain.Carer{Name: name, Relationship: rel, Phone: phone, Email: email, Lang: lang, DistanceMiles: miles}
}

// families is the demo's caseload, roughly one showcase's worth. Notes never
// carry offence details: a parents' evening does not need them.
var families = []familySpec{
	{parent: "Rhodri Prys", number: "A7314DW", source: "parent", referrer: "Self-referral at a family visit", referredDaysAgo: 96, goal: goalReady,
		carer: carer("Catrin Prys", "parent", "07700 900101", "catrin.prys@example.org", "cy", 14),
		children: []childSpec{
			{first: "Elis", last: "Prys", year: "Year 4", school: "cwmglanfa", lang: "cy", wish: domain.WishYes, preferred: "cwmglanfa.class", mayKnow: []string{"cwmglanfa.head", "cwmglanfa.class2"}, obtainedHow: "Talked it through with Mam at home"},
			{first: "Mali", last: "Prys", year: "Year 1", school: "cwmglanfa", lang: "cy", wish: domain.WishYes, preferred: "cwmglanfa.class2", mayKnow: []string{"cwmglanfa.class"}, obtainedHow: "Drew a picture of who she wants to come, with Mam"},
		}},
	{parent: "Dean Harries", number: "A2981FK", source: "carer", referrer: "Kelly Harries", referredDaysAgo: 90, goal: goalReady,
		carer: carer("Kelly Harries", "parent", "07700 900102", "kelly.harries@example.org", "en", 17),
		children: []childSpec{
			{first: "Ruby", last: "Harries", year: "Year 5", school: "nantcoed", wish: domain.WishYes, preferred: "nantcoed.class", obtainedHow: "Asked by her mum; checked again with her class teacher"},
			{first: "Tyler", last: "Harries", year: "Year 9", school: "cwmaur", wish: domain.WishYes, preferred: "cwmaur.tutor", mayKnow: []string{"cwmaur.senco"}, obtainedHow: "Spoke to the coordinator on the phone himself"},
			{first: "Jac", last: "Harries", year: "Year 11", school: "cwmaur", wish: domain.WishNo, obtainedHow: "Told his mum he doesn't want to go this time; he can change his mind"},
		}},
	{parent: "Gareth Llewellyn", number: "A5530HJ", source: "school", referrer: "SENCO, Ysgol Cae Wennol", referredDaysAgo: 88, goal: goalReady,
		carer: carer("Sarah Llewellyn", "parent", "07700 900103", "sarah.llewellyn@example.org", "en", 24),
		children: []childSpec{
			{first: "Osian", last: "Llewellyn", year: "Year 6", school: "caewennol", quiet: true, wish: domain.WishYes, preferred: "caewennol.class", mayKnow: []string{"caewennol.senco"},
				needsNotes: "Autistic; noise and crowds are hard. Quiet table away from the servery, photo guide beforehand, staggered entry, ask security about the dog.",
				dietary:    "Plain food only", obtainedHow: "Picture cards with his class teacher and mum"},
		}},
	{parent: "Carl Bowen", number: "A8842LM", source: "prison_staff", referrer: "Family services officer", referredDaysAgo: 84, goal: goalReady,
		carer: carer("Margaret Bowen", "grandparent", "07700 900104", "", "en", 27),
		children: []childSpec{
			{first: "Ffion", last: "Bowen", year: "Year 2", school: "heolfach", stepFree: true, wish: domain.WishYes, preferred: "heolfach.class",
				alsoNominate: "heolfach.senco", override: "The SENCO will come too to plan Ffion's step-free route; Margaret and Ffion agreed by phone.",
				needsNotes: "Uses a wheelchair: step-free route and table needed.", obtainedHow: "Asked by her nan, with her class teacher"},
		}},
	{parent: "Liam Price", number: "A3107NP", source: "school", referrer: "Teacher, Tŷ Derw Learning Centre", referredDaysAgo: 80, goal: goalReady, releaseInDays: 150,
		carer: carer("Jodie Morgan", "parent", "07700 900105", "jodie.morgan@example.org", "en", 19),
		children: []childSpec{
			{first: "Kai", last: "Price", year: "Year 8", school: "tyderw", wish: domain.WishYes, preferred: "tyderw.class", obtainedHow: "One-to-one with his key worker at the centre"},
		}},
	{parent: "Anthony Walsh", number: "A6620QR", source: "other", referrer: "Education welfare officer, Cardiff", referredDaysAgo: 77, goal: goalReady,
		carer: carer("Donna Walsh", "kinship", "07700 900106", "donna.walsh@example.org", "en", 31),
		children: []childSpec{
			{first: "Caitlin", last: "Walsh", year: "Year 10", school: "pathways", wish: domain.WishYes, preferred: "pathways.ewo", mayKnow: []string{"pathways.tutor"},
				obtainedHow: "Talked with her EWO and her aunt"},
		}},
	{parent: "Jason Hopkins", number: "A9915TS", source: "social_worker", referrer: "Social worker, Vale of Glamorgan children's services", referredDaysAgo: 74, goal: goalReady,
		carer: carer("Helen Meredith", "foster", "07700 900107", "helen.meredith@example.org", "en", 25),
		children: []childSpec{
			{first: "Lily", last: "Hopkins", year: "Year 3", school: "maesydelyn", wish: domain.WishYes, preferred: "maesydelyn.class", dietary: "Vegetarian",
				obtainedHow: "With her foster carer and social worker, as part of her care plan review"},
		}},
	{parent: "Wayne Thomas", number: "A1468UV", source: "school", referrer: "Head of year, Penrhos Fawr Comprehensive", referredDaysAgo: 3, goal: goalReferred,
		carer:    carer("Andrea Thomas", "parent", "07700 900108", "", "en", 23),
		children: []childSpec{{first: "Mason", last: "Thomas", year: "Year 7", school: "penrhos"}}},
	{parent: "Huw Rowlands", number: "A4409WX", source: "carer", referrer: "Eleri Rowlands", referredDaysAgo: 20, goal: goalConsented,
		carer:    carer("Eleri Rowlands", "parent", "07700 900109", "eleri.rowlands@example.org", "cy", 21),
		children: []childSpec{{first: "Gruffudd", last: "Rowlands", year: "Year 6", school: "brynonnen", lang: "cy", wish: domain.WishUndecided}}},
	{parent: "Stephen Lewis", number: "A5172YZ", source: "parent", referrer: "Application via the wing", referredDaysAgo: 30, goal: goalAwaitingAwareness,
		carer:    carer("Claire Lewis", "parent", "07700 900110", "claire.lewis@example.org", "en", 29),
		children: []childSpec{{first: "Evie", last: "Lewis", year: "Year 4", school: "bryncelyn", wish: domain.WishYes, preferred: "bryncelyn.class", obtainedHow: "Asked by her mum"}}},
	{parent: "Mark Davies", number: "A2236BD", source: "prison_staff", referrer: "Offender manager", referredDaysAgo: 60, goal: goalAwaitingVoice,
		carer:    carer("Pat Davies", "grandparent", "07700 900111", "", "en", 9),
		children: []childSpec{{first: "Alfie", last: "Davies", year: "Year 5", school: "nantcoed", preferred: "nantcoed.class2"}}},
	{parent: "Craig Evans", number: "A7758CF", source: "carer", referrer: "Sioned Evans", referredDaysAgo: 55, goal: goalAwaitingClearance,
		carer:    carer("Sioned Evans", "parent", "07700 900112", "sioned.evans@example.org", "cy", 21),
		children: []childSpec{{first: "Macsen", last: "Evans", year: "Year 2", school: "brynonnen", lang: "cy", wish: domain.WishYes, preferred: "brynonnen.class2", obtainedHow: "Siaradodd â'i fam gartref"}}},
	{parent: "Lee Morris", number: "A3390GH", source: "parent", referrer: "Self-referral", referredDaysAgo: 45, goal: goalDeclined,
		notes:    "Amy feels the timing isn't right for Harley; happy to be asked again before the next showcase.",
		carer:    carer("Amy Morris", "parent", "07700 900113", "amy.morris@example.org", "en", 27),
		children: []childSpec{{first: "Harley", last: "Morris", year: "Year 1", school: "heolfach"}}},
	{parent: "Ryan Griffiths", number: "A6045JK", source: "carer", referrer: "Leanne Griffiths", referredDaysAgo: 70, goal: goalWithdrawn,
		notes:    "Leanne withdrew consent by phone. No reason asked for.",
		carer:    carer("Leanne Griffiths", "parent", "07700 900114", "leanne.griffiths@example.org", "en", 23),
		children: []childSpec{{first: "Seren", last: "Griffiths", year: "Year 7", school: "penrhos", wish: domain.WishYes, preferred: "penrhos.tutor", obtainedHow: "Asked by her mum"}}},
	{parent: "Darren Phillips", number: "A8120LN", source: "parent", referrer: "Application via the wing", referredDaysAgo: 50, goal: goalRefused, refusal: "safeguarding",
		notes:    "Public protection team: contact not permitted at present. Carer told in person; signposted to family support.",
		carer:    carer("Kerry Phillips", "parent", "07700 900115", "", "en", 29),
		children: []childSpec{{first: "Poppy", last: "Phillips", year: "Year 3", school: "bryncelyn"}}},
	{parent: "Kieran Roberts", number: "A1893PQ", source: "parent", referrer: "Self-referral", referredDaysAgo: 75, goal: goalRefused, refusal: domain.ReasonDisciplinary,
		notes:    "Excluded from family events by the wing after an adjudication. Coordinator has asked the governor to review: the showcase is Archie's right.",
		carer:    carer("Gemma Roberts", "parent", "07700 900116", "gemma.roberts@example.org", "en", 25),
		children: []childSpec{{first: "Archie", last: "Roberts", year: "Year 6", school: "maesydelyn", wish: domain.WishYes, preferred: "maesydelyn.class2", obtainedHow: "Asked by his mum"}}},
	{parent: "Owain Hughes", number: "A4576RS", source: "carer", referrer: "Bethan Hughes", referredDaysAgo: 82, goal: goalTransferred,
		notes:    "Transferred to another establishment for a sentence-plan course. Carer and school told not to travel; online meeting offered.",
		carer:    carer("Bethan Hughes", "parent", "07700 900117", "bethan.hughes@example.org", "cy", 6),
		children: []childSpec{{first: "Cerys", last: "Hughes", year: "Year 5", school: "cwmglanfa", lang: "cy", wish: domain.WishYes, preferred: "cwmglanfa.class2", obtainedHow: "Gofynnodd ei mam iddi"}}},
}
