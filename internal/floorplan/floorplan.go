// Package floorplan draws the visits hall as a standalone, accessible SVG:
// where each family sits, which tables are quiet or step-free.
//
// It is a pure renderer. Callers pass already-translated text (Labels) so the
// package needs no catalogue, and pass only a family reference or initials
// for each table: the plan may be shown to teachers and printed, so it must
// never carry full names, and keep-apart information never reaches it.
package floorplan

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxOccupantLen caps a table's occupant label. A longer label is almost
// certainly a full name, which must not appear on the plan.
const MaxOccupantLen = 12

// Plan is the hall to draw.
type Plan struct {
	// Title and Description become the SVG's <title> and <desc>, which
	// screen readers announce for the whole image.
	Title       string
	Description string
	Tables      []Table
	Labels      Labels
}

// Table is one table. Its position is Row/Col on a grid unless At is set,
// for halls whose tables are not in rows.
type Table struct {
	ID       string
	Label    string // printed table name, e.g. "T3"; defaults to ID
	Row, Col int
	At       *Point
	Quiet    bool
	StepFree bool
	// Occupant is the family reference or initials shown on the table, or
	// empty for a free table.
	Occupant string
	// Title is the table's accessible name, e.g. "Table 3, family F12,
	// quiet"; it defaults to the visible text.
	Title string
}

// Point is a position in grid units (1 = one table's cell), so fractional
// positions line up with grid tables.
type Point struct{ X, Y float64 }

// Labels holds the translated words the plan shows. The badges default to
// "Q" and "SF"; the quiet and step-free marks are always a letter badge as
// well as a colour, so they survive greyscale printing and colour blindness.
type Labels struct {
	Legend        string // heading of the key, e.g. "Key"
	Quiet         string // e.g. "Quiet table"
	StepFree      string // e.g. "Step-free table"
	QuietBadge    string
	StepFreeBadge string
	Free          string // shown on a table with no family, e.g. "free"
}

// SVG writes the plan. It fails, writing nothing, on a plan it cannot draw
// faithfully: duplicate or empty table IDs, negative positions, or an
// occupant label too long to be a reference or initials.
func SVG(w io.Writer, p Plan) error {
	if err := validate(p); err != nil {
		return err
	}
	var b strings.Builder
	draw(&b, withDefaults(p))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("floorplan: write svg: %w", err)
	}
	return nil
}

func validate(p Plan) error {
	seen := map[string]bool{}
	for i, t := range p.Tables {
		switch {
		case t.ID == "":
			return fmt.Errorf("floorplan: table %d has no ID", i)
		case seen[t.ID]:
			return fmt.Errorf("floorplan: table %s is listed twice", t.ID)
		case t.Row < 0 || t.Col < 0 || t.At != nil && (t.At.X < 0 || t.At.Y < 0):
			return fmt.Errorf("floorplan: table %s has a negative position", t.ID)
		case utf8.RuneCountInString(t.Occupant) > MaxOccupantLen:
			return fmt.Errorf("floorplan: table %s: occupant label is longer than %d characters; use a family reference or initials, never a name", t.ID, MaxOccupantLen)
		}
		seen[t.ID] = true
	}
	if len(p.Tables) == 0 {
		return errors.New("floorplan: the hall has no tables")
	}
	return nil
}

func withDefaults(p Plan) Plan {
	l := &p.Labels
	l.QuietBadge = or(l.QuietBadge, "Q")
	l.StepFreeBadge = or(l.StepFreeBadge, "SF")
	l.Legend = or(l.Legend, "Key")
	l.Quiet = or(l.Quiet, "Quiet table")
	l.StepFree = or(l.StepFree, "Step-free table")
	p.Tables = append([]Table(nil), p.Tables...)
	for i := range p.Tables {
		t := &p.Tables[i]
		t.Label = or(t.Label, t.ID)
		if t.At == nil {
			t.At = &Point{X: float64(t.Col), Y: float64(t.Row)}
		}
	}
	return p
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
