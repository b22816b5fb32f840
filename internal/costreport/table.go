package costreport

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// column describes one column of a table sheet.
type column struct {
	id    string // message costs.col.<id>
	width float64
	money bool // total row sums it as money
	sum   bool // total row sums it (counts)
}

// sum marks a total-row cell that should be =SUM of the column's data.
type sumMarker struct{}

var sumCol = sumMarker{}

// table writes a header row (frozen), data rows and, when total is not nil,
// a bold total row whose cells are values or sumCol. It returns the total
// row's number (or the last data row) so other sheets can refer to it.
func (b *book) table(sheet string, cols []column, rows [][]any, total []any) (int, error) {
	for i, c := range cols {
		if err := b.set(sheet, i+1, 1, b.l.t("col."+c.id)); err != nil {
			return 0, err
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, name, name, c.width); err != nil {
			return 0, fmt.Errorf("costreport: %s width: %w", sheet, err)
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	if err := b.f.SetCellStyle(sheet, "A1", last, b.style.header); err != nil {
		return 0, fmt.Errorf("costreport: %s header: %w", sheet, err)
	}
	if err := b.freeze(sheet); err != nil {
		return 0, err
	}
	for r, row := range rows {
		for c, v := range row {
			if err := b.set(sheet, c+1, r+2, v); err != nil {
				return 0, err
			}
		}
	}
	end := len(rows) + 1
	if total == nil {
		return end, nil
	}
	return end + 1, b.totalRow(sheet, cols, end+1, total)
}

func (b *book) totalRow(sheet string, cols []column, row int, total []any) error {
	for c, v := range total {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if v == sumCol {
			v = formula(fmt.Sprintf("SUM(%s2:%s%d)", col, col, row-1))
			if row == 2 {
				v = 0 // no data rows: SUM(B2:B1) would reach into the header
			}
		}
		if err := b.set(sheet, c+1, row, v); err != nil {
			return err
		}
		style := b.style.total
		if cols[c].money {
			style = b.style.totalMoney
		}
		cell := fmt.Sprintf("%s%d", col, row)
		if err := b.f.SetCellStyle(sheet, cell, cell, style); err != nil {
			return fmt.Errorf("costreport: %s!%s style: %w", sheet, cell, err)
		}
	}
	return nil
}

// freeze keeps the header row in view while scrolling.
func (b *book) freeze(sheet string) error {
	err := b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
	if err != nil {
		return fmt.Errorf("costreport: %s freeze: %w", sheet, err)
	}
	return nil
}

// moneyRow builds the Lines/Estimated/Actual/Amount tail shared by the
// breakdown sheets.
func moneyCols(first ...column) []column {
	return append(first,
		column{id: "lines", width: 8, sum: true},
		column{id: "estimated", width: 14, money: true},
		column{id: "actual", width: 14, money: true},
		column{id: "amount", width: 18, money: true})
}

func moneyTotal(label string, lead int) []any {
	t := []any{label}
	for range lead - 1 {
		t = append(t, nil)
	}
	return append(t, sumCol, sumCol, sumCol, sumCol)
}
