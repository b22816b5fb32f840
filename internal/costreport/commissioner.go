package costreport

import (
	"io"

	"schoolzone/internal/costs"
)

// WriteCommissionerWorkbook writes the cross-prison workbook for the
// commissioner role. It reads only costs.CommissionerReport, whose types
// hold no names, prison numbers, school names or free text, so this writer
// cannot leak them. "Lines" here are the report's anonymised rows (period,
// prison, local authority, school type, category, bearer); families and
// children appear only as counts, suppressed below three.
func WriteCommissionerWorkbook(w io.Writer, rep costs.CommissionerReport, opt Options) error {
	b, err := newBook(opt)
	if err != nil {
		return err
	}
	defer b.f.Close()
	summary, err := b.sheet("summary")
	if err != nil {
		return err
	}
	cat, err := b.breakdown("by_category", totals(rep.ByCategory), func(t costs.Total) string {
		if t.Key == costs.FamilyCostsKey {
			return b.l.t("row.family_combined")
		}
		return b.l.category(costs.Category(t.Key))
	})
	if err != nil {
		return err
	}
	if _, err := b.breakdown("by_bearer", totals(rep.ByBearer), func(t costs.Total) string { return b.l.bearer(costs.Bearer(t.Key)) }); err != nil {
		return err
	}
	groupSheets := []struct {
		id, col string
		groups  []costs.Group
		label   func(costs.Group) string
	}{
		{"by_prison", "prison", rep.ByPrison, func(g costs.Group) string { return g.Label }},
		{"by_la", "la", rep.ByLocalAuthority, func(g costs.Group) string { return b.l.group(g.Key, g.Label, "la") }},
		{"by_school_type", "school_type", rep.BySchoolType, func(g costs.Group) string { return b.l.group(g.Key, g.Key, "school_type") }},
		{"by_period", "period", rep.ByPeriod, func(g costs.Group) string { return b.l.period(g.Key) }},
	}
	for _, gs := range groupSheets {
		if err := b.groups(gs.id, gs.col, gs.groups, rep, gs.label); err != nil {
			return err
		}
	}
	if err := b.trend(rep.Trend); err != nil {
		return err
	}
	if err := b.anonLines(rep.Lines); err != nil {
		return err
	}
	if err := b.commissionerSummary(summary, rep, cat); err != nil {
		return err
	}
	return b.write(w)
}

func totals(ms []costs.MoneyTotal) []costs.Total {
	out := make([]costs.Total, len(ms))
	for i, m := range ms {
		out[i] = costs.Total{Key: m.Key, Lines: m.Lines, Estimated: m.Estimated, Actual: m.Actual, Amount: m.Amount}
	}
	return out
}

var groupCols = []column{
	{id: "events", width: 11}, {id: "families", width: 12}, {id: "children", width: 12},
	{id: "estimated", width: 14, money: true}, {id: "actual", width: 14, money: true}, {id: "amount", width: 18, money: true},
	{id: "per_family", width: 14, money: true}, {id: "per_child", width: 14, money: true},
}

// groups writes one breakdown. The total row sums money only: showcase and
// family counts overlap between groups (a showcase serves several local
// authorities) and suppressed counts cannot be added, so the report's own
// totals are written instead.
func (b *book) groups(id, col string, groups []costs.Group, rep costs.CommissionerReport, label func(costs.Group) string) error {
	name, err := b.sheet(id)
	if err != nil {
		return err
	}
	rows := make([][]any, len(groups))
	for i, g := range groups {
		rows[i] = []any{label(g), g.Events, g.Families, g.Children, g.Estimated, g.Actual, g.Amount, g.PerFamily, g.PerChild}
	}
	t := rep.Total
	total := []any{b.l.t("row.total"), rep.Events, t.Families, t.Children, sumCol, sumCol, sumCol, t.PerFamily, t.PerChild}
	_, err = b.table(name, append([]column{{id: col, width: 30}}, groupCols...), rows, total)
	return err
}

func (b *book) trend(points []costs.TrendPoint) error {
	name, err := b.sheet("trend")
	if err != nil {
		return err
	}
	cols := []column{{id: "seq", width: 6}, {id: "date", width: 12}, {id: "prison", width: 24}, {id: "period", width: 24},
		{id: "families", width: 12}, {id: "children", width: 12},
		{id: "estimated", width: 14, money: true}, {id: "actual", width: 14, money: true}, {id: "amount", width: 18, money: true},
		{id: "per_family", width: 14, money: true}}
	rows := make([][]any, len(points))
	for i, p := range points {
		rows[i] = []any{p.Seq, p.Date, p.PrisonName, b.l.period(p.Period), p.Families, p.Children, p.Estimated, p.Actual, p.Amount, p.PerFamily}
	}
	total := []any{b.l.t("row.total"), nil, nil, nil, nil, nil, sumCol, sumCol, sumCol, nil}
	_, err = b.table(name, cols, rows, total)
	return err
}

func (b *book) anonLines(lines []costs.AnonLine) error {
	name, err := b.sheet("lines")
	if err != nil {
		return err
	}
	cols := moneyCols(column{id: "period", width: 24}, column{id: "prison", width: 24}, column{id: "la", width: 22},
		column{id: "school_type", width: 14}, column{id: "category", width: 26}, column{id: "bearer", width: 16},
		column{id: "families", width: 12})
	rows := make([][]any, len(lines))
	for i, l := range lines {
		rows[i] = b.anonRow(l)
	}
	_, err = b.table(name, cols, rows, moneyTotal(b.l.t("row.total"), 7))
	return err
}

// anonRow is one row of the commissioner's Lines sheet. Family-borne rows
// are per prison and period only and show their family count; a withheld
// row shows "fewer than 3" and no money, which the combined row carries.
func (b *book) anonRow(l costs.AnonLine) []any {
	if l.Combined {
		return []any{b.l.t("row.family_combined"), nil, nil, nil, nil, b.l.bearer(l.Bearer), nil, l.Lines, l.Estimated, l.Actual, l.Amount}
	}
	row := []any{b.l.period(l.Period), l.PrisonName, b.l.or(l.LocalAuthority, "la"), b.l.or(l.SchoolType, "school_type"),
		b.l.category(l.Category), b.l.bearer(l.Bearer), nil, l.Lines, l.Estimated, l.Actual, l.Amount}
	if l.Bearer == costs.Family {
		row[2], row[3], row[6] = nil, nil, l.Families
	}
	if l.Suppressed {
		row[7], row[8], row[9], row[10] = nil, nil, nil, nil
	}
	return row
}

func (b *book) commissionerSummary(sheet string, rep costs.CommissionerReport, cat breakdownRef) error {
	ref := func(col string) moneyFormula {
		return moneyFormula(quoteSheet(cat.sheet) + "!" + col + itoa(cat.totalRow))
	}
	rows := [][]any{
		{b.l.t("col.events"), rep.Events},
		{b.l.t("col.families"), rep.Total.Families},
		{b.l.t("col.children"), rep.Total.Children},
		{b.l.t("row.estimated"), ref("C")},
		{b.l.t("row.actual"), ref("D")},
		{b.l.t("row.amount"), ref("E")},
		{b.l.t("col.per_family"), rep.Total.PerFamily},
		{b.l.t("col.per_child"), rep.Total.PerChild},
	}
	if _, err := b.table(sheet, []column{{id: "measure", width: 48}, {id: "value", width: 22}}, rows, nil); err != nil {
		return err
	}
	return b.chart(sheet, cat)
}
