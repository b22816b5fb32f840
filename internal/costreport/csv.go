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

// WriteCommissionerCSV writes the commissioner's anonymised lines (the
// Lines sheet of WriteCommissionerWorkbook) as CSV, for tools that read no
// workbooks. It reads the same protected report, so a hidden figure is
// "[c]" here too, never a number.
func WriteCommissionerCSV(w io.Writer, rep costs.CommissionerReport, opt Options) error {
	l := opt.labels()
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("costreport: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := []string{}
	for _, id := range []string{"period", "prison", "la", "school_type", "category", "bearer", "amount"} {
		head = append(head, SafeText(l.t("col."+id)))
	}
	rows := [][]string{head}
	cost := func(m costs.Money) string {
		if m.Suppressed {
			return l.t("hidden")
		}
		return m.Amount.Decimal()
	}
	for _, ln := range rep.Lines {
		la, typ := l.la(ln.LocalAuthority), l.schoolType(ln.SchoolType)
		if ln.Bearer == costs.Family {
			la, typ = l.t("group.family_costs"), ""
		}
		rows = append(rows, []string{SafeText(l.period(ln.Period)), SafeText(l.prison(ln.PrisonName)), SafeText(la), SafeText(typ),
			SafeText(l.category(ln.Category)), SafeText(l.bearer(ln.Bearer)), cost(ln.Cost)})
	}
	rows = append(rows, []string{SafeText(l.t("row.total")), "", "", "", "", "", cost(rep.Total.Cost)})
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("costreport: csv: %w", err)
	}
	return nil
}
