package packs

import "strings"

// row is one line of a summary list: a label and its value.
type row struct{ key, value msg }

// summary draws label–value pairs with a light rule under each, like a
// GOV.UK summary list. Side by side, each language gets its own pairs.
func (d *doc) summary(rows ...row) {
	keyW := min(55, d.colW()*0.4)
	for _, r := range rows {
		keys := make([][]string, len(d.langs))
		vals := make([][]string, len(d.langs))
		n := 0
		for i, l := range d.langs {
			d.font(bodyBold)
			keys[i] = d.pdf.SplitText(r.key(l), keyW-3)
			d.font(body)
			vals[i] = d.pdf.SplitText(r.value(l), d.colW()-keyW)
			n = max(n, len(keys[i]), len(vals[i]))
		}
		h := float64(n)*bodyLine + 3
		d.ensure(h)
		y := d.pdf.GetY()
		for i := range d.langs {
			x := d.colX(i)
			d.lines(bodyBold, x, y+1.5, keyW-3, keys[i])
			d.lines(body, x+keyW, y+1.5, d.colW()-keyW, vals[i])
			d.setColor(rule, true)
			d.pdf.SetLineWidth(0.2)
			d.pdf.Line(x, y+h, x+d.colW(), y+h)
		}
		d.pdf.SetXY(margin, y+h)
	}
	d.space(5)
}

func (d *doc) lines(s style, x, y, w float64, lines []string) {
	d.font(s)
	for k, line := range lines {
		d.pdf.SetXY(x, y+float64(k)*s.line)
		d.pdf.CellFormat(w, s.line, line, "", 0, "L", false, 0, "")
	}
}

// column of a table: a heading and a share of the full width.
type column struct {
	head  msg
	share float64
}

// table draws a full-width grid; cells hold one string, so two languages are
// joined with a slash and headings stack one language per line. The heading
// row repeats on every page the table runs onto.
func (d *doc) table(cols []column, cells [][]msg) {
	heads, texts := d.texts(cols, cells)
	widths := shareOut(d.contentW(), cols, d.needs(heads, texts))
	drawHead := func() { d.tableRow(widths, heads, true) }
	// The heading never ends a page: it starts one with the first row.
	first := 0.0
	if len(texts) > 0 {
		first = d.rowHeight(widths, texts[0], false)
	}
	d.ensure(d.rowHeight(widths, heads, true) + first)
	drawHead()
	for _, r := range texts {
		if d.pdf.GetY()+d.rowHeight(widths, r, false) > d.pageH-footerRoom {
			d.pdf.AddPage()
			drawHead()
		}
		d.tableRow(widths, r, false)
	}
	d.space(6)
}

// texts are a table's headings and cells in the languages being drawn.
func (d *doc) texts(cols []column, cells [][]msg) ([]string, [][]string) {
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = joinWith(c.head, d.langs, "\n")
	}
	rows := make([][]string, len(cells))
	for j, r := range cells {
		rows[j] = make([]string, len(r))
		for i, c := range r {
			rows[j][i] = join(c, d.langs)
		}
	}
	return heads, rows
}

// needs is, for each column, the width of its longest word with the cell's
// padding: narrower than that, a word would break in the middle ("Prima
// ry", "2:00p m").
func (d *doc) needs(heads []string, rows [][]string) []float64 {
	need := make([]float64, len(heads))
	measure := func(i int, s string, head bool) {
		d.font(tableStyle(head))
		for _, w := range strings.Fields(s) {
			// The half millimetre covers SplitText's rounding.
			need[i] = max(need[i], d.pdf.GetStringWidth(w)+2*cellPad+0.5)
		}
	}
	for i, h := range heads {
		measure(i, h, true)
	}
	for _, r := range rows {
		for i, c := range r {
			measure(i, c, false)
		}
	}
	return need
}

// shareOut divides total among the columns by their shares, but gives each
// column at least what it needs, taking the difference from the others.
// Only when the needs alone are wider than total do they shrink, all alike.
func shareOut(total float64, cols []column, need []float64) []float64 {
	out := make([]float64, len(cols))
	sum := 0.0
	for _, n := range need {
		sum += n
	}
	if sum > total {
		for i := range out {
			out[i] = need[i] * total / sum
		}
		return out
	}
	fixed := make([]bool, len(cols))
	for {
		left, shares := total, 0.0
		for i, c := range cols {
			if fixed[i] {
				left -= out[i]
			} else {
				shares += c.share
			}
		}
		grew := false
		for i, c := range cols {
			if fixed[i] {
				continue
			}
			out[i] = left * c.share / shares
			if out[i] < need[i] {
				out[i], fixed[i], grew = need[i], true, true
				break
			}
		}
		if !grew {
			return out
		}
	}
}

func (d *doc) rowHeight(widths []float64, texts []string, head bool) float64 {
	d.font(tableStyle(head))
	n := 1
	for i, t := range texts {
		n = max(n, len(d.pdf.SplitText(t, widths[i]-2*cellPad)))
	}
	return float64(n)*tableLine + 2*cellPad
}

func (d *doc) tableRow(widths []float64, texts []string, head bool) {
	h := d.rowHeight(widths, texts, head)
	y := d.pdf.GetY()
	if head {
		d.pdf.SetFillColor(tint.r, tint.g, tint.b)
		d.pdf.Rect(margin, y, d.contentW(), h, "F")
	}
	x := margin
	for i, t := range texts {
		d.lines(tableStyle(head), x+cellPad, y+cellPad, widths[i]-2*cellPad, d.pdf.SplitText(t, widths[i]-2*cellPad))
		x += widths[i]
	}
	c, lw := rule, 0.2
	if head {
		c, lw = ink, 0.4
	}
	d.setColor(c, true)
	d.pdf.SetLineWidth(lw)
	d.pdf.Line(margin, y+h, margin+d.contentW(), y+h)
	d.pdf.SetXY(margin, y+h)
}

func tableStyle(head bool) style {
	return style{size: tableSize, line: tableLine, bold: head, color: ink}
}
