package floorplan

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// Geometry in SVG user units.
const (
	cellW, cellH   = 140.0, 100.0
	tableW, tableH = 120.0, 80.0
	margin         = 20.0
	legendH        = 90.0
)

const style = `text{font-family:system-ui,sans-serif;fill:#1a1a1a}` +
	`.table{fill:#ffffff;stroke:#333333;stroke-width:2}` +
	`.table.quiet{fill:#e3effa}` +
	`.table.step-free{stroke-width:4}` +
	`.name{font-size:13px}` +
	`.occupant{font-size:20px;font-weight:bold}` +
	`.free{font-size:14px;font-style:italic;fill:#555555}` +
	`.badge{fill:#1a1a1a}` +
	`.badge-text{font-size:12px;font-weight:bold;fill:#ffffff}` +
	`.legend{font-size:14px}`

func draw(b *strings.Builder, p Plan) {
	var maxX, maxY float64
	for _, t := range p.Tables {
		maxX, maxY = max(maxX, t.At.X), max(maxY, t.At.Y)
	}
	w := 2*margin + (maxX+1)*cellW
	h := 2*margin + (maxY+1)*cellH + legendH
	w = max(w, 2*margin+2*220) // room for the key
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="fp-title fp-desc" viewBox="0 0 %s %s" width="%s" height="%s">`+"\n", num(w), num(h), num(w), num(h))
	fmt.Fprintf(b, "<title id=\"fp-title\">%s</title>\n<desc id=\"fp-desc\">%s</desc>\n", esc(p.Title), esc(p.Description))
	fmt.Fprintf(b, "<style>%s</style>\n", style)
	for _, t := range p.Tables {
		drawTable(b, t, p.Labels)
	}
	drawLegend(b, p.Labels, margin, h-legendH)
	b.WriteString("</svg>\n")
}

func drawTable(b *strings.Builder, t Table, l Labels) {
	x := margin + t.At.X*cellW + (cellW-tableW)/2
	y := margin + t.At.Y*cellH + (cellH-tableH)/2
	class := "table"
	if t.Quiet {
		class += " quiet"
	}
	if t.StepFree {
		class += " step-free"
	}
	fmt.Fprintf(b, "<g data-table=\"%s\">\n<title>%s</title>\n", esc(t.ID), esc(tableTitle(t, l)))
	fmt.Fprintf(b, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"8\"/>\n", class, num(x), num(y), num(tableW), num(tableH))
	fmt.Fprintf(b, "<text class=\"name\" x=\"%s\" y=\"%s\">%s</text>\n", num(x+8), num(y+18), esc(t.Label))
	if t.Occupant != "" {
		fmt.Fprintf(b, "<text class=\"occupant\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>\n", num(x+tableW/2), num(y+tableH/2+8), esc(t.Occupant))
	} else if l.Free != "" {
		fmt.Fprintf(b, "<text class=\"free\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>\n", num(x+tableW/2), num(y+tableH/2+8), esc(l.Free))
	}
	bx := x + tableW - 6
	if t.StepFree {
		bx -= badge(b, l.StepFreeBadge, bx, y+6) + 4
	}
	if t.Quiet {
		badge(b, l.QuietBadge, bx, y+6)
	}
	b.WriteString("</g>\n")
}

// badge draws a dark pill with white letters whose right edge is at right,
// and returns its width.
func badge(b *strings.Builder, text string, right, top float64) float64 {
	w := 10 + 8*float64(len([]rune(text)))
	fmt.Fprintf(b, "<rect class=\"badge\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"18\" rx=\"9\"/>\n", num(right-w), num(top), num(w))
	fmt.Fprintf(b, "<text class=\"badge-text\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>\n", num(right-w/2), num(top+13), esc(text))
	return w
}

func drawLegend(b *strings.Builder, l Labels, x, y float64) {
	b.WriteString("<g class=\"legend\">\n")
	fmt.Fprintf(b, "<text class=\"legend\" x=\"%s\" y=\"%s\" font-weight=\"bold\">%s</text>\n", num(x), num(y+20), esc(l.Legend))
	row := func(i int, text, label string) {
		ry := y + 34 + float64(i)*26
		badge(b, text, x+40, ry)
		fmt.Fprintf(b, "<text class=\"legend\" x=\"%s\" y=\"%s\">%s</text>\n", num(x+50), num(ry+14), esc(label))
	}
	row(0, l.QuietBadge, l.Quiet)
	row(1, l.StepFreeBadge, l.StepFree)
	b.WriteString("</g>\n")
}

// tableTitle is the accessible name: the visible words, plus the meaning
// of the badges spelled out.
func tableTitle(t Table, l Labels) string {
	if t.Title != "" {
		return t.Title
	}
	parts := []string{t.Label}
	if t.Occupant != "" {
		parts = append(parts, t.Occupant)
	} else if l.Free != "" {
		parts = append(parts, l.Free)
	}
	if t.Quiet {
		parts = append(parts, l.Quiet)
	}
	if t.StepFree {
		parts = append(parts, l.StepFree)
	}
	return strings.Join(parts, ", ")
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // writing to a strings.Builder cannot fail
	return b.String()
}

// num prints coordinates compactly and identically on every platform.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
