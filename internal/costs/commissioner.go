package costs

import "time"

// CommissionerReport is the cross-prison view for the commissioner role.
// Its types deliberately have no field for a name, a prison number, a
// school name, an event title or any free text: personal data cannot leak
// through a field that does not exist. Prison and local-authority names are
// public bodies, not people, and are kept.
type CommissionerReport struct {
	Events           int
	Total            Group
	ByCategory       []MoneyTotal // every category, in Categories order, then FamilyCostsKey for withheld family money
	ByBearer         []MoneyTotal // every bearer, in Bearers order
	ByPrison         []Group
	ByLocalAuthority []Group // Key "" collects lines and families with none; FamilyCostsKey the family-borne money
	BySchoolType     []Group // Key "" collects lines not linked to a school; FamilyCostsKey the family-borne money
	ByPeriod         []Group // chronological
	Trend            []TrendPoint
	Lines            []AnonLine
}

// MoneyTotal is money in a category or bearer across all events. It has no
// family counts, so it needs no suppression.
type MoneyTotal struct {
	Key       string
	Lines     int
	Estimated Pence
	Actual    Pence
	Amount    Pence
}

// Group is one row of a commissioner breakdown.
type Group struct {
	Key       string // prison or local-authority ID, school type or period key
	Label     string // prison or local-authority name; "" for other groups
	Events    int
	Families  Count
	Children  Count
	Estimated Pence
	Actual    Pence
	Amount    Pence
	// PerFamily and PerChild are nil when the counts are suppressed or
	// zero: either would give the count back by division.
	PerFamily *Pence
	PerChild  *Pence
}

// Count is a number of families or children that may be suppressed. When
// Suppressed is true N is always 0, so the real figure never leaves Aggregate.
type Count struct {
	N          int
	Suppressed bool
}

// TrendPoint is one event in date order. Seq is its position in the report,
// not a database ID, so it cannot be looked up elsewhere.
type TrendPoint struct {
	Seq        int
	Date       time.Time
	PrisonName string
	Period     string
	Families   Count
	Children   Count
	Estimated  Pence
	Actual     Pence
	Amount     Pence
	PerFamily  *Pence
}

// AnonLine is the commissioner's "lines": money summed by period, prison,
// local authority, school type, category and bearer, with no event, school,
// family or teacher reference and no text from the line.
//
// Rows borne by families are coarser (period × prison × category only, see
// suppressFamilyLines) and carry Families, the number of families behind
// them; below MinFamilies the row is Suppressed and its money moves to the
// one Combined row, so every row still adds up to the report's total.
type AnonLine struct {
	Period         string
	PrisonName     string
	LocalAuthority string
	SchoolType     string
	Category       Category
	Bearer         Bearer
	Families       Count // family-borne rows only; zero otherwise
	Suppressed     bool  // money withheld: fewer than MinFamilies families
	Combined       bool  // the sum of every suppressed family-borne row
	Lines          int
	Estimated      Pence
	Actual         Pence
	Amount         Pence
}
