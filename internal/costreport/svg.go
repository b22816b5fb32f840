package costreport

import (
	"bufio"
	"fmt"
	"html"
	"io"

	"schoolzone/internal/costs"
)

// BarChartSVG draws cost by category as an accessible, server-rendered SVG
// for the cost page: role="img" with a title and a description read by
// screen readers, and each bar labelled with its category and amount in
// text, so nothing depends on colour or on seeing bar lengths. totals are
// costs.Summary.ByCategory; categories with no lines are left out. Negative
// totals (credits) draw no bar but still show their value.
func BarChartSVG(w io.Writer, totals []costs.Total, opt Options) error {
	l := opt.labels()
	var bars []costs.Total
	var max, sum costs.Pence
	for _, t := range totals {
		if t.Lines == 0 && t.Amount == 0 {
			continue
		}
		bars = append(bars, t)
		max = maxPence(max, t.Amount)
		sum += t.Amount
	}
	const labelW, barW, valueW, rowH, top = 230, 300, 110, 28, 36
	width, height := labelW+barW+valueW, top+rowH*len(bars)+8
	title := l.t("chart.title")
	desc := l.c.N(l.lang, "costs.chart.desc", len(bars), map[string]any{"Total": sum.String()})

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" class="cost-chart" role="img" aria-labelledby="cost-chart-title cost-chart-desc" viewBox="0 0 %d %d" width="%d" height="%d" font-family="sans-serif" font-size="14">`+"\n", width, height, width, height)
	fmt.Fprintf(bw, "<title id=\"cost-chart-title\">%s</title>\n<desc id=\"cost-chart-desc\">%s</desc>\n", esc(title), esc(desc))
	fmt.Fprintf(bw, "<text x=\"0\" y=\"20\" font-weight=\"bold\">%s</text>\n", esc(title))
	for i, t := range bars {
		y := top + i*rowH
		length := 0
		if max > 0 && t.Amount > 0 {
			length = int(costs.RoundDiv(int64(t.Amount)*barW, int64(max)))
		}
		name := l.category(costs.Category(t.Key))
		fmt.Fprintf(bw, "<g><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", labelW-8, y+17, esc(name))
		fmt.Fprintf(bw, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#1d70b8\" stroke=\"#0b0c0c\"/>", labelW, y+4, length, rowH-8)
		fmt.Fprintf(bw, "<text x=\"%d\" y=\"%d\">%s</text></g>\n", labelW+length+6, y+17, esc(t.Amount.String()))
	}
	fmt.Fprint(bw, "</svg>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("costreport: svg: %w", err)
	}
	return nil
}

func maxPence(a, b costs.Pence) costs.Pence {
	if b > a {
		return b
	}
	return a
}

func esc(s string) string { return html.EscapeString(s) }
