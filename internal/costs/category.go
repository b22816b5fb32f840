package costs

// Category is what a cost was for. The list follows domain.md §3.1, which
// insists that a costing covers every agency, not only the prison.
type Category string

// The cost categories, in the order reports list them.
const (
	SupplyCover         Category = "supply_cover"
	TeacherTravel       Category = "teacher_travel"
	FamilyTravel        Category = "family_travel"
	FamilyLostEarnings  Category = "family_lost_earnings"
	PrisonStaffPrep     Category = "prison_staffing_preparation"
	PrisonStaffOnTheDay Category = "prison_staffing_on_the_day"
	Refreshments        Category = "refreshments"
	Security            Category = "security"
	AwarenessSessions   Category = "awareness_sessions"
	Printing            Category = "printing"
	OtherCategory       Category = "other"
)

// Categories lists every category in report order.
var Categories = []Category{
	SupplyCover, TeacherTravel, FamilyTravel, FamilyLostEarnings,
	PrisonStaffPrep, PrisonStaffOnTheDay, Refreshments, Security,
	AwarenessSessions, Printing, OtherCategory,
}

// Valid reports whether c is one of Categories; values come from forms and
// the database, so they are checked rather than trusted.
func (c Category) Valid() bool { return indexOf(Categories, c) >= 0 }

// Bearer is who pays a cost. Per-bearer totals are the point of the feature:
// nobody knows today what schools and families carry (domain.md §3).
type Bearer string

// The bearers, in the order reports list them.
const (
	School         Bearer = "school"
	Prison         Bearer = "prison"
	Family         Bearer = "family"
	Provider       Bearer = "provider"
	LocalAuthority Bearer = "local_authority"
	OtherBearer    Bearer = "other"
)

// Bearers lists every bearer in report order.
var Bearers = []Bearer{School, Prison, Family, Provider, LocalAuthority, OtherBearer}

// Valid reports whether b is one of Bearers.
func (b Bearer) Valid() bool { return indexOf(Bearers, b) >= 0 }

// Source records whether a line came from Estimate or was typed in, so
// re-estimating after a re-allocation knows which lines it may replace.
type Source string

// The line sources.
const (
	AutoEstimate Source = "auto"
	Manual       Source = "manual"
)

// Valid reports whether s is a known source.
func (s Source) Valid() bool { return s == AutoEstimate || s == Manual }

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}
