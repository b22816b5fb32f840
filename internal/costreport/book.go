package costreport

import (
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"schoolzone/internal/costs"
)

// MoneyFormat is the number format of every money cell. The pound sign is
// quoted because ECMA-376 only lets a few symbols stand unquoted; Excel and
// LibreOffice both display it as £#,##0.00.
const MoneyFormat = `"£"#,##0.00`

// DateFormat is the number format of date cells: UK day-month-year.
const DateFormat = "dd/mm/yyyy"

const qtyFormat = "#,##0.###"

// book wraps an excelize file with the styles and labels every sheet uses.
type book struct {
	f     *excelize.File
	opt   Options
	l     labels
	names SheetNames
	style struct{ header, money, date, qty, total, totalMoney int }
}

func newBook(opt Options) (*book, error) {
	b := &book{f: excelize.NewFile(), opt: opt, l: opt.labels()}
	bold := &excelize.Font{Bold: true}
	money, date, qty := MoneyFormat, DateFormat, qtyFormat
	for _, s := range []struct {
		dst   *int
		style excelize.Style
	}{
		{&b.style.header, excelize.Style{Font: bold, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}},
		{&b.style.money, excelize.Style{CustomNumFmt: &money}},
		{&b.style.date, excelize.Style{CustomNumFmt: &date}},
		{&b.style.qty, excelize.Style{CustomNumFmt: &qty}},
		{&b.style.total, excelize.Style{Font: bold}},
		{&b.style.totalMoney, excelize.Style{Font: bold, CustomNumFmt: &money}},
	} {
		id, err := b.f.NewStyle(&s.style)
		if err != nil {
			return nil, fmt.Errorf("costreport: style: %w", err)
		}
		*s.dst = id
	}
	// Totals are formulas without cached results; ask every spreadsheet to
	// calculate on open rather than show blanks or stale zeros.
	fullCalc := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &fullCalc}); err != nil {
		return nil, fmt.Errorf("costreport: calc props: %w", err)
	}
	if err := setCoreProperties(b.f, opt.cat().T(opt.Lang, "app.name"), string(opt.Lang), opt.Now); err != nil {
		return nil, err
	}
	return b, nil
}

// sheet adds a sheet named by the translated message id, reusing the
// default first sheet for the first call so the workbook has no blank tab.
func (b *book) sheet(id string) (string, error) {
	name := b.names.Unique(b.l.t("sheet." + id))
	if len(b.names.used) == 1 {
		return name, b.f.SetSheetName("Sheet1", name)
	}
	if _, err := b.f.NewSheet(name); err != nil {
		return "", fmt.Errorf("costreport: sheet %q: %w", name, err)
	}
	return name, nil
}

// set writes one typed value. Text is escaped and capped; money becomes
// pounds with the money format; nil and nil pointers leave the cell blank.
func (b *book) set(sheet string, col, row int, v any) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	style := 0
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if x == "" {
			return nil
		}
		err = b.f.SetCellStr(sheet, cell, cellText(x))
	case costs.Pence:
		err, style = b.f.SetCellFloat(sheet, cell, x.Pounds(), -1, 64), b.style.money
	case *costs.Pence:
		if x == nil {
			return nil
		}
		return b.set(sheet, col, row, *x)
	case costs.Qty:
		err, style = b.f.SetCellFloat(sheet, cell, x.Float(), -1, 64), b.style.qty
	case int:
		err = b.f.SetCellInt(sheet, cell, int64(x))
	case ref:
		if x == 0 {
			return nil // an absent reference, not the number zero
		}
		err = b.f.SetCellInt(sheet, cell, int64(x))
	case costs.Count:
		if x.Suppressed {
			return b.set(sheet, col, row, b.l.t("fewer_than_3"))
		}
		err = b.f.SetCellInt(sheet, cell, int64(x.N))
	case time.Time:
		err, style = b.f.SetCellValue(sheet, cell, b.opt.naive(x)), b.style.date
	case formula:
		err = b.f.SetCellFormula(sheet, cell, string(x))
	case moneyFormula:
		err, style = b.f.SetCellFormula(sheet, cell, string(x)), b.style.money
	default:
		return fmt.Errorf("costreport: %s!%s: unsupported value %T", sheet, cell, v)
	}
	if err == nil && style != 0 {
		err = b.f.SetCellStyle(sheet, cell, cell, style)
	}
	if err != nil {
		return fmt.Errorf("costreport: %s!%s: %w", sheet, cell, err)
	}
	return nil
}

// formula is a cell formula without the leading "=".
type formula string

// moneyFormula is a formula whose result is money.
type moneyFormula string

// ref is an optional database ID: zero leaves the cell blank.
type ref int64

func itoa(n int) string { return strconv.Itoa(n) }
