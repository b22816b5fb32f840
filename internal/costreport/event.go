package costreport

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"schoolzone/internal/costs"
	"schoolzone/internal/i18n"
)

// WriteEventWorkbook writes one showcase's cost workbook for the
// coordinator: Summary (with a chart), By category, By bearer, By local
// authority, By school and Lines. Totals are SUM formulas over the rows so
// the workbook stays right when someone edits a figure; the tests check
// that Excel's results (via LibreOffice) equal costs.Summarise.
func WriteEventWorkbook(w io.Writer, ev costs.EventCosts, opt Options) error {
	b, err := newBook(opt)
	if err != nil {
		return err
	}
	defer b.f.Close()
	s := ev.Summary()
	summary, err := b.sheet("summary")
	if err != nil {
		return err
	}
	cat, err := b.breakdown("by_category", s.ByCategory, func(t costs.Total) string { return b.l.category(costs.Category(t.Key)) })
	if err != nil {
		return err
	}
	if _, err := b.breakdown("by_bearer", s.ByBearer, func(t costs.Total) string { return b.l.bearer(costs.Bearer(t.Key)) }); err != nil {
		return err
	}
	if _, err := b.breakdown("by_la", s.ByLocalAuthority, func(t costs.Total) string {
		return b.l.or(i18n.Council(b.l.lang, laName(ev, t), ev.LocalAuthorityNameCy(t.ID)), "la")
	}); err != nil {
		return err
	}
	if err := b.schools(ev, s.BySchool); err != nil {
		return err
	}
	if err := b.lines(ev); err != nil {
		return err
	}
	if err := b.eventSummary(summary, ev, s, cat); err != nil {
		return err
	}
	return b.write(w)
}

// breakdownRef locates a breakdown sheet's data for formulas and charts.
type breakdownRef struct {
	sheet    string
	first    int // first data row
	last     int // last data row
	totalRow int
	valueCol string // the column the chart reads
}

// breakdown writes a Label | Lines | Estimated | Actual | Amount sheet.
func (b *book) breakdown(id string, totals []costs.Total, label func(costs.Total) string) (breakdownRef, error) {
	name, err := b.sheet(id)
	if err != nil {
		return breakdownRef{}, err
	}
	rows := make([][]any, len(totals))
	for i, t := range totals {
		rows[i] = []any{label(t), t.Lines, t.Estimated, t.Actual, t.Amount}
	}
	tr, err := b.table(name, moneyCols(column{id: breakdownCol[id], width: 34}), rows, moneyTotal(b.l.t("row.total"), 1))
	return breakdownRef{sheet: name, first: 2, last: len(rows) + 1, totalRow: tr, valueCol: "E"}, err
}

var breakdownCol = map[string]string{"by_category": "category", "by_bearer": "bearer", "by_la": "la"}

func laName(ev costs.EventCosts, t costs.Total) string {
	if t.ID == 0 {
		return ""
	}
	if n := ev.LocalAuthorityName(t.ID); n != "" {
		return n
	}
	return t.Key
}

func (b *book) schools(ev costs.EventCosts, totals []costs.Total) error {
	name, err := b.sheet("by_school")
	if err != nil {
		return err
	}
	rows := make([][]any, len(totals))
	for i, t := range totals {
		school, typ, la := "", "", ""
		if t.ID != 0 {
			sc, ok := ev.School(t.ID)
			school, typ, la = sc.Name, b.l.schoolType(sc.SchoolType), i18n.Council(b.l.lang, ev.LocalAuthorityName(sc.LocalAuthorityID), ev.LocalAuthorityNameCy(sc.LocalAuthorityID))
			if !ok {
				school = "#" + strconv.FormatInt(t.ID, 10)
			}
		}
		rows[i] = []any{b.l.or(school, "school"), typ, la, t.Lines, t.Estimated, t.Actual, t.Amount}
	}
	cols := moneyCols(column{id: "school", width: 34}, column{id: "school_type", width: 14}, column{id: "la", width: 22})
	_, err = b.table(name, cols, rows, moneyTotal(b.l.t("row.total"), 3))
	return err
}

func (b *book) eventSummary(sheet string, ev costs.EventCosts, s costs.Summary, cat breakdownRef) error {
	ref := func(col string) moneyFormula {
		return moneyFormula(fmt.Sprintf("%s!%s%d", quoteSheet(cat.sheet), col, cat.totalRow))
	}
	var perFamily, perChild *costs.Pence
	if s.Families > 0 {
		perFamily = &s.PerFamily
	}
	if s.Children > 0 {
		perChild = &s.PerChild
	}
	rows := [][]any{
		{b.l.t("row.event"), ev.Title},
		{b.l.t("col.prison"), b.l.prison(ev.PrisonName)},
		{b.l.t("col.date"), ev.Date},
		{b.l.t("col.families"), s.Families},
		{b.l.t("col.children"), s.Children},
		{b.l.t("row.estimated"), ref("C")},
		{b.l.t("row.actual"), ref("D")},
		{b.l.t("row.amount"), ref("E")},
		{b.l.t("col.per_family"), perFamily},
		{b.l.t("col.per_child"), perChild},
	}
	cols := []column{{id: "measure", width: 48}, {id: "value", width: 22}}
	if _, err := b.table(sheet, cols, rows, nil); err != nil {
		return err
	}
	return b.chart(sheet, cat)
}

// chart puts a bar chart of cost by category on sheet, reading the
// category breakdown's Amount column.
func (b *book) chart(sheet string, cat breakdownRef) error {
	q := quoteSheet(cat.sheet)
	err := b.f.AddChart(sheet, "D2", &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("%s!$%s$1", q, cat.valueCol),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", q, cat.first, cat.last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, cat.valueCol, cat.first, cat.valueCol, cat.last),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.l.t("chart.title")}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		YAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: MoneyFormat}},
		Format:    excelize.GraphicOptions{OffsetX: 10},
		Dimension: excelize.ChartDimension{Width: 640, Height: 360},
	})
	if err != nil {
		return fmt.Errorf("costreport: %s chart: %w", sheet, err)
	}
	return nil
}

func (b *book) write(w io.Writer) error {
	b.f.SetActiveSheet(0)
	if err := b.f.Write(w); err != nil {
		return fmt.Errorf("costreport: write workbook: %w", err)
	}
	return nil
}
