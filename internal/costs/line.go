package costs

import (
	"errors"
	"fmt"
	"strings"
)

// Line is one cost of one showcase. Optional money is a *Pence so "not yet
// known" (nil) differs from "known to be zero".
type Line struct {
	// ID identifies the line within its event. Estimate gives automatic
	// lines a stable natural ID ("auto/supply_cover/teacher/7") so that
	// re-estimating finds them again; the store assigns manual lines theirs.
	ID       string
	Category Category
	Bearer   Bearer

	// Optional links; zero means none.
	SchoolID         int64
	FamilyID         int64
	TeacherID        int64
	LocalAuthorityID int64
	SchoolType       string

	Description string
	Quantity    Qty
	Unit        string
	UnitCost    Pence

	// Estimated is the planning figure; AutoEstimated keeps what Estimate
	// computed even after a coordinator override replaced Estimated.
	Estimated     Pence
	AutoEstimated Pence
	Actual        *Pence
	Claimed       *Pence
	Approved      *Pence

	Notes       string
	EvidenceRef string

	Overridden     bool
	OverrideReason string
	Source         Source
}

// Amount is the best figure for the line: the actual once recorded, the
// estimate until then. Summaries total it so a half-reconciled event still
// shows a complete cost.
func (l Line) Amount() Pence {
	if l.Actual != nil {
		return *l.Actual
	}
	return l.Estimated
}

// HasActual reports whether an actual has been recorded.
func (l Line) HasActual() bool { return l.Actual != nil }

// Validate checks the fields a form or import could get wrong.
func (l Line) Validate() error {
	var errs []error
	if !l.Category.Valid() {
		errs = append(errs, fmt.Errorf("unknown category %q", l.Category))
	}
	if !l.Bearer.Valid() {
		errs = append(errs, fmt.Errorf("unknown bearer %q", l.Bearer))
	}
	if !l.Source.Valid() {
		errs = append(errs, fmt.Errorf("unknown source %q", l.Source))
	}
	if l.Overridden && strings.TrimSpace(l.OverrideReason) == "" {
		errs = append(errs, ErrOverrideReason)
	}
	if l.Approved != nil && l.Claimed != nil && *l.Approved > *l.Claimed {
		errs = append(errs, fmt.Errorf("approved %s exceeds claimed %s", *l.Approved, *l.Claimed))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("costs: line %q: %w", l.ID, err)
	}
	return nil
}

// ErrOverrideReason is returned when an override has no reason: an
// unexplained change to a cost is exactly what an auditor will query.
var ErrOverrideReason = errors.New("an override needs a reason")

// ErrNoLine is returned when an ID matches no line.
var ErrNoLine = errors.New("no such cost line")

// Override replaces the estimate of line id with amount, recording why. It
// returns a new slice and leaves lines untouched, so a failed override
// cannot half-apply.
func Override(lines []Line, id string, amount Pence, reason string) ([]Line, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, fmt.Errorf("costs: override %q: %w", id, ErrOverrideReason)
	}
	out := append([]Line(nil), lines...)
	for i := range out {
		if out[i].ID == id {
			out[i].Estimated = amount
			out[i].Overridden = true
			out[i].OverrideReason = strings.TrimSpace(reason)
			return out, nil
		}
	}
	return nil, fmt.Errorf("costs: override %q: %w", id, ErrNoLine)
}

// Ptr returns a pointer to p, for filling the optional amounts.
func Ptr(p Pence) *Pence { return &p }
