package packs

import (
	"slices"
	"strconv"
	"strings"
)

// floorPlan draws the hall's tables as boxes on their grid, so staff can
// walk a family to "table 7" without a separate drawing. Each box carries
// the references of the families seated there (references, never names).
// Marks inside a box are words, not symbols, so they survive photocopying
// and text extraction.
func (d *doc) floorPlan(tables []Table, bookings []Booking) {
	if len(tables) == 0 {
		return
	}
	seated := map[int][]string{}
	for _, b := range bookings {
		if !slices.Contains(seated[b.Table], b.FamilyRef) {
			seated[b.Table] = append(seated[b.Table], b.FamilyRef)
		}
	}
	cols, rows := 1, 1
	for _, t := range tables {
		cols, rows = max(cols, t.Col+1), max(rows, t.Row+1)
	}
	cell := min(d.contentW()/float64(cols), 30.0)
	planH := cell * 0.8 * float64(rows)
	d.ensure(planH + 4)
	x0 := margin + (d.contentW()-cell*float64(cols))/2
	y0 := d.pdf.GetY() + 2
	boxW, boxH := cell*0.82, cell*0.8*0.8
	d.setColor(ink, true)
	d.pdf.SetLineWidth(0.4)
	for _, t := range sortedTables(tables) {
		x := x0 + float64(t.Col)*cell + (cell-boxW)/2
		y := y0 + float64(t.Row)*cell*0.8
		if t.Quiet {
			d.pdf.SetFillColor(tint.r, tint.g, tint.b)
			d.pdf.RoundedRect(x, y, boxW, boxH, 1.5, "1234", "FD")
		} else {
			d.pdf.RoundedRect(x, y, boxW, boxH, 1.5, "1234", "D")
		}
		d.font(style{size: 14, bold: true, color: ink})
		d.pdf.SetXY(x, y+2)
		d.pdf.CellFormat(boxW, 7, strconv.Itoa(t.Number), "", 0, "C", false, 0, "")
		refs := seated[t.Number]
		slices.Sort(refs)
		d.font(style{size: 7, bold: true, color: ink})
		for i, ref := range refs {
			d.pdf.SetXY(x, y+8.3+float64(i)*3)
			d.pdf.CellFormat(boxW, 3, ref, "", 0, "C", false, 0, "")
		}
		d.font(style{size: 7, color: muted})
		for i, l := range d.langs {
			var marks []string
			if t.Quiet {
				marks = append(marks, d.m("packs.run.floor.quiet")(l))
			}
			if t.StepFree {
				marks = append(marks, d.m("packs.run.floor.step_free")(l))
			}
			d.pdf.SetXY(x, y+8.8+float64(len(refs)+i)*3)
			d.pdf.CellFormat(boxW, 3, strings.Join(marks, " · "), "", 0, "C", false, 0, "")
		}
	}
	d.pdf.SetXY(margin, y0+planH+4)
}
