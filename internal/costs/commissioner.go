package costs

import "time"

// CommissionerReport is the cross-prison view for the commissioner role,
// with one report per showcase. Its types deliberately have no field for a
// name, a prison number, a school name, an event title or any free text:
// personal data cannot leak through a field that does not exist. Prison and
// local-authority names are public bodies, not people, and are kept.
//
// Every figure in it has been through package disclosure together, as one
// system of tables: a figure about fewer than 3 families is suppressed, and
// so is whatever else would let it be worked out, in this report or in any
// showcase's. Money is one figure per cell (actual where recorded, else the
// estimate): publishing the estimate and the actual separately would add a
// breakdown by "actual recorded or not" that only multiplies what an
// attacker can subtract.
type CommissionerReport struct {
	Events           int
	Total            Group
	ByCategory       []MoneyTotal // every category, in Categories order
	ByBearer         []MoneyTotal // every bearer, in Bearers order
	ByPrison         []Group
	ByLocalAuthority []Group // Key "" collects lines and families with none
	BySchoolType     []Group // Key "" collects lines not linked to a school
	ByPeriod         []Group // chronological
	Trend            []TrendPoint
	Lines            []AnonLine
	Showcases        []ShowcaseReport // in trend order
}

// ShowcaseReport is one showcase's cost report for commissioners: the same
// breakdowns as the coordinator's workbook, minus schools, lines and text.
type ShowcaseReport struct {
	EventID          int64 // to choose the report; never shown
	Seq              int   // its trend row
	Date             time.Time
	PrisonName       string
	Period           string
	Total            Group
	ByCategory       []MoneyTotal
	ByBearer         []MoneyTotal
	ByLocalAuthority []Group
	BySchoolType     []Group
}

// Showcase returns the report for event id and whether there is one.
func (r CommissionerReport) Showcase(id int64) (ShowcaseReport, bool) {
	for _, s := range r.Showcases {
		if s.EventID == id {
			return s, true
		}
	}
	return ShowcaseReport{}, false
}

// MoneyTotal is money in a category or bearer.
type MoneyTotal struct {
	Key  string
	Cost Money
}

// Group is one row of a commissioner breakdown.
type Group struct {
	Key      string // prison or local-authority ID, school type or period key
	Label    string // prison or local-authority name; "" for other groups
	Events   int
	Families Count
	Children Count // suppressed with Families: same families, same relations
	Cost     Money
	// PerFamily and PerChild are nil unless both the cost and the count are
	// shown: either hidden figure would come back by multiplication.
	PerFamily *Pence
	PerChild  *Pence
}

// Count is a number of families or children that may be suppressed. When
// Suppressed is true N is always 0, so the real figure never leaves
// Aggregate.
type Count struct {
	N          int
	Suppressed bool
}

// Money is an amount that may be suppressed; when Suppressed is true
// Amount is always 0.
type Money struct {
	Amount     Pence
	Suppressed bool
}

// TrendPoint is one event in date order. Seq is its position in the report,
// not a database ID.
type TrendPoint struct {
	Seq        int
	Date       time.Time
	PrisonName string
	Period     string
	Families   Count
	Children   Count
	Cost       Money
	PerFamily  *Pence
}

// AnonLine is the commissioner's "lines": money summed by period, prison,
// local authority, school type, category and bearer, with no event, school,
// family or teacher reference and no text from the line. Rows borne by
// families are per period, prison and category only: by local authority
// they would nearly always be one family's and hidden anyway.
type AnonLine struct {
	Period         string
	PrisonName     string
	LocalAuthority string
	SchoolType     string
	Category       Category
	Bearer         Bearer
	Cost           Money
}
