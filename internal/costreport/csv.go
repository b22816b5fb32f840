package costreport

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"schoolzone/internal/costs"
)

// WriteLinesCSV writes the event's cost lines as CSV with the Lines sheet's
// columns. It starts with a UTF-8 byte-order mark and uses CRLF because
// Excel needs both to read Welsh letters (ŵ, ŷ) and rows correctly. Money
// is plain pounds ("1234.56") so other tools parse it; free text goes
// through SafeText against formula injection.
func WriteLinesCSV(w io.Writer, ev costs.EventCosts, opt Options) error {
	l := opt.labels()
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("costreport: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(lineCols))
	for i, c := range lineCols {
		head[i] = SafeText(l.t("col." + c.id))
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("costreport: csv header: %w", err)
	}
	for _, ln := range ev.Lines {
		row := l.lineRow(ev, ln)
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i] = csvValue(v)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("costreport: csv line %q: %w", ln.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("costreport: csv: %w", err)
	}
	return nil
}

// csvValue renders a lineRow cell. Numbers are produced here from integers,
// never from user text, so a negative amount ("-5.00") is safe unescaped.
func csvValue(v any) string {
	switch x := v.(type) {
	case string:
		return SafeText(x)
	case costs.Pence:
		return x.Decimal()
	case *costs.Pence:
		if x == nil {
			return ""
		}
		return x.Decimal()
	case costs.Qty:
		return x.String()
	case ref:
		if x == 0 {
			return ""
		}
		return strconv.FormatInt(int64(x), 10)
	case nil:
		return ""
	}
	panic(fmt.Sprintf("costreport: csv: unexpected %T", v)) // lineRow and csvValue are edited together
}
