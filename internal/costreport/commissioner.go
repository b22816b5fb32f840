package costreport

import (
	"io"

	"schoolzone/internal/costs"
)

// WriteCommissionerWorkbook writes the cross-prison workbook for the
// commissioner role. It reads only costs.CommissionerReport, whose types
// hold no names, prison numbers, school names or free text, and whose
// figures have been through package disclosure: a suppressed figure is
// written as the marker "[c]", never as a number, and totals are the
// report's own (shown or "[c]"), not SUM formulas over the shown rows, which
// would read as totals while leaving the hidden rows out.
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
	cat, err := b.moneySheet("by_category", "category", rep.ByCategory, rep.Total.Cost, b.l.categoryKey)
	if err != nil {
		return err
	}
	if _, err := b.moneySheet("by_bearer", "bearer", rep.ByBearer, rep.Total.Cost, b.l.bearerKey); err != nil {
		return err
	}
	for _, gs := range []struct {
		id, col string
		groups  []costs.Group
	}{
		{"by_prison", "prison", rep.ByPrison},
		{"by_la", "la", rep.ByLocalAuthority},
		{"by_school_type", "school_type", rep.BySchoolType},
		{"by_period", "period", rep.ByPeriod},
	} {
		if err := b.groups(gs.id, gs.col, gs.groups, rep.Events, rep.Total); err != nil {
			return err
		}
	}
	if err := b.trend(rep.Trend, rep.Total); err != nil {
		return err
	}
	if err := b.anonLines(rep.Lines, rep.Total.Cost); err != nil {
		return err
	}
	rows := [][]any{
		{b.l.t("col.events"), rep.Events},
		{b.l.t("col.families"), b.count(rep.Total.Families)},
		{b.l.t("col.children"), b.count(rep.Total.Children)},
		{b.l.t("row.amount"), b.money(rep.Total.Cost)},
		{b.l.t("col.per_family"), rep.Total.PerFamily},
		{b.l.t("col.per_child"), rep.Total.PerChild},
		{b.l.t("hidden_note")},
	}
	if _, err := b.table(summary, []column{{id: "measure", width: 48}, {id: "value", width: 22}}, rows, nil); err != nil {
		return err
	}
	if err := b.chart(summary, cat); err != nil {
		return err
	}
	return b.write(w)
}

// WriteShowcaseWorkbook writes one showcase's cost report for the
// commissioner role: Summary, By category, By bearer, By local authority
// and By school type, from the same protected report as the cross-prison
// workbook, so a figure hidden there is hidden here.
func WriteShowcaseWorkbook(w io.Writer, s costs.ShowcaseReport, opt Options) error {
	b, err := newBook(opt)
	if err != nil {
		return err
	}
	defer b.f.Close()
	summary, err := b.sheet("summary")
	if err != nil {
		return err
	}
	cat, err := b.moneySheet("by_category", "category", s.ByCategory, s.Total.Cost, b.l.categoryKey)
	if err != nil {
		return err
	}
	if _, err := b.moneySheet("by_bearer", "bearer", s.ByBearer, s.Total.Cost, b.l.bearerKey); err != nil {
		return err
	}
	if err := b.groups("by_la", "la", s.ByLocalAuthority, 1, s.Total); err != nil {
		return err
	}
	if err := b.groups("by_school_type", "school_type", s.BySchoolType, 1, s.Total); err != nil {
		return err
	}
	rows := [][]any{
		{b.l.t("col.seq"), s.Seq},
		{b.l.t("col.date"), s.Date},
		{b.l.t("col.prison"), b.l.prison(s.PrisonName)},
		{b.l.t("col.period"), b.l.period(s.Period)},
		{b.l.t("col.families"), b.count(s.Total.Families)},
		{b.l.t("col.children"), b.count(s.Total.Children)},
		{b.l.t("row.amount"), b.money(s.Total.Cost)},
		{b.l.t("col.per_family"), s.Total.PerFamily},
		{b.l.t("col.per_child"), s.Total.PerChild},
		{b.l.t("hidden_note")},
	}
	if _, err := b.table(summary, []column{{id: "measure", width: 48}, {id: "value", width: 22}}, rows, nil); err != nil {
		return err
	}
	if err := b.chart(summary, cat); err != nil {
		return err
	}
	return b.write(w)
}

// count and money turn a protected figure into a cell value: the number,
// or the marker for a suppressed one.
func (b *book) count(c costs.Count) any {
	if c.Suppressed {
		return b.l.t("hidden")
	}
	return c.N
}

func (b *book) money(m costs.Money) any {
	if m.Suppressed {
		return b.l.t("hidden")
	}
	return m.Amount
}

// moneySheet writes a Label | Cost sheet for a category or bearer
// breakdown, laid out like breakdown's so the chart can read it.
func (b *book) moneySheet(id, col string, totals []costs.MoneyTotal, total costs.Money, label func(string) string) (breakdownRef, error) {
	name, err := b.sheet(id)
	if err != nil {
		return breakdownRef{}, err
	}
	rows := make([][]any, len(totals))
	for i, t := range totals {
		rows[i] = []any{label(t.Key), b.money(t.Cost)}
	}
	cols := []column{{id: col, width: 34}, {id: "amount", width: 18, money: true}}
	tr, err := b.table(name, cols, rows, []any{b.l.t("row.total"), b.money(total)})
	return breakdownRef{sheet: name, first: 2, last: len(rows) + 1, totalRow: tr, valueCol: "B"}, err
}

var groupCols = []column{
	{id: "events", width: 11}, {id: "families", width: 12}, {id: "children", width: 12},
	{id: "amount", width: 18, money: true}, {id: "per_family", width: 14, money: true}, {id: "per_child", width: 14, money: true},
}

// groups writes one breakdown with the report's total as its last row.
// Showcase and family counts overlap between groups (a showcase serves
// several local authorities), so that row is never a sum of the others.
func (b *book) groups(id, col string, groups []costs.Group, events int, t costs.Group) error {
	name, err := b.sheet(id)
	if err != nil {
		return err
	}
	label := func(g costs.Group) string {
		switch col {
		case "period":
			return b.l.period(g.Key)
		case "school_type":
			return b.l.schoolType(g.Key)
		case "la":
			return b.l.la(g.Label)
		case "prison":
			return b.l.prison(g.Label)
		}
		return b.l.or(g.Label, col)
	}
	rows := make([][]any, len(groups))
	for i, g := range groups {
		rows[i] = []any{label(g), g.Events, b.count(g.Families), b.count(g.Children), b.money(g.Cost), g.PerFamily, g.PerChild}
	}
	total := []any{b.l.t("row.total"), events, b.count(t.Families), b.count(t.Children), b.money(t.Cost), t.PerFamily, t.PerChild}
	_, err = b.table(name, append([]column{{id: col, width: 30}}, groupCols...), rows, total)
	return err
}

func (b *book) trend(points []costs.TrendPoint, t costs.Group) error {
	name, err := b.sheet("trend")
	if err != nil {
		return err
	}
	cols := []column{{id: "seq", width: 6}, {id: "date", width: 12}, {id: "prison", width: 24}, {id: "period", width: 24},
		{id: "families", width: 12}, {id: "children", width: 12}, {id: "amount", width: 18, money: true}, {id: "per_family", width: 14, money: true}}
	rows := make([][]any, len(points))
	for i, p := range points {
		rows[i] = []any{p.Seq, p.Date, b.l.prison(p.PrisonName), b.l.period(p.Period), b.count(p.Families), b.count(p.Children), b.money(p.Cost), p.PerFamily}
	}
	total := []any{b.l.t("row.total"), nil, nil, nil, b.count(t.Families), b.count(t.Children), b.money(t.Cost), t.PerFamily}
	_, err = b.table(name, cols, rows, total)
	return err
}

func (b *book) anonLines(lines []costs.AnonLine, total costs.Money) error {
	name, err := b.sheet("lines")
	if err != nil {
		return err
	}
	cols := []column{{id: "period", width: 24}, {id: "prison", width: 24}, {id: "la", width: 22},
		{id: "school_type", width: 14}, {id: "category", width: 26}, {id: "bearer", width: 16}, {id: "amount", width: 18, money: true}}
	rows := make([][]any, len(lines))
	for i, l := range lines {
		rows[i] = []any{b.l.period(l.Period), b.l.prison(l.PrisonName), b.l.la(l.LocalAuthority), b.l.schoolType(l.SchoolType),
			b.l.category(l.Category), b.l.bearer(l.Bearer), b.money(l.Cost)}
		if l.Bearer == costs.Family {
			rows[i][2], rows[i][3] = b.l.t("group.family_costs"), nil
		}
	}
	_, err = b.table(name, cols, rows, []any{b.l.t("row.total"), nil, nil, nil, nil, nil, b.money(total)})
	return err
}
