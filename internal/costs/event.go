package costs

import "time"

// EventCosts is one showcase's cost lines with the reference data reports
// need to label them. It may hold personal free text (the title, line
// notes, descriptions); Aggregate reads none of it.
type EventCosts struct {
	EventID          int64
	Title            string
	PrisonID         int64
	PrisonName       string
	Date             time.Time // the event day, in Europe/London
	Lines            []Line
	Families         []FamilyRef
	Schools          []SchoolRef
	LocalAuthorities []LocalAuthorityRef
}

// FamilyRef is a family that attended, without names: only what counting
// and grouping need.
type FamilyRef struct {
	FamilyID         int64
	LocalAuthorityID int64
	Children         int
	SchoolTypes      []string // types of the schools the children attend
	SchoolIDs        []int64  // the schools the children attend
}

// SchoolRef labels a school in the event workbook.
type SchoolRef struct {
	SchoolID         int64
	Name             string
	LocalAuthorityID int64
	SchoolType       string
}

// LocalAuthorityRef labels a local authority.
type LocalAuthorityRef struct {
	ID   int64
	Name string
	// NameCy is the Welsh name recorded for it, if any (i18n.Council).
	NameCy string
}

// ChildCount is the number of children across the event's families.
func (ev EventCosts) ChildCount() int {
	n := 0
	for _, f := range ev.Families {
		n += f.Children
	}
	return n
}

// Summary totals the event's lines with its family and child counts.
func (ev EventCosts) Summary() Summary {
	return Summarise(ev.Lines, len(ev.Families), ev.ChildCount())
}

// LocalAuthorityName returns the name of local authority id, or "".
func (ev EventCosts) LocalAuthorityName(id int64) string { return ev.localAuthority(id).Name }

// LocalAuthorityNameCy returns the Welsh name recorded for local authority
// id, or "".
func (ev EventCosts) LocalAuthorityNameCy(id int64) string { return ev.localAuthority(id).NameCy }

func (ev EventCosts) localAuthority(id int64) LocalAuthorityRef {
	for _, la := range ev.LocalAuthorities {
		if la.ID == id {
			return la
		}
	}
	return LocalAuthorityRef{}
}

// School returns the school with id and whether it is known.
func (ev EventCosts) School(id int64) (SchoolRef, bool) {
	for _, s := range ev.Schools {
		if s.SchoolID == id {
			return s, true
		}
	}
	return SchoolRef{}, false
}
