package costreport

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// dump renders a workbook as reviewable text: sheets in order, frozen
// panes, rows as TSV (formatted as Excel would show them, formulas blank
// because nothing has calculated them yet), then every formula and the
// number format of every styled numeric cell.
func dump(t testing.TB, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "=== %s\n", sheet)
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		fmt.Fprintf(&b, "freeze=%v ySplit=%d topLeft=%s\n", panes.Freeze, panes.YSplit, panes.TopLeftCell)
		rows, err := f.GetRows(sheet)
		require.NoError(t, err)
		var formulas, formats []string
		for r, row := range rows {
			b.WriteString(strings.Join(row, "\t") + "\n")
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					v, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
					require.NoError(t, err, "%s!%s", sheet, cell)
					formulas = append(formulas, cell+" ="+fm+" → "+v)
				}
				if nf := numFmt(t, f, sheet, cell); nf != "" {
					formats = append(formats, cell+" "+nf)
				}
			}
		}
		fmt.Fprintf(&b, "--- formulas\n%s\n--- number formats\n%s\n", strings.Join(formulas, "\n"), compress(formats))
	}
	return b.String()
}

func numFmt(t testing.TB, f *excelize.File, sheet, cell string) string {
	id, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	if id == 0 {
		return ""
	}
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return ""
}

// compress folds runs of cells in one column with the same format into
// "C2:C12 fmt" so the golden file stays short.
func compress(cells []string) string {
	type run struct {
		col         string
		first, last int
		fmt         string
	}
	parsed := make([]run, len(cells))
	for i, c := range cells {
		ref, nf, _ := strings.Cut(c, " ")
		col, row, _ := excelize.SplitCellName(ref)
		parsed[i] = run{col, row, row, nf}
	}
	sort.SliceStable(parsed, func(i, j int) bool {
		a, b := parsed[i], parsed[j]
		if len(a.col) != len(b.col) || a.col != b.col {
			return len(a.col) < len(b.col) || len(a.col) == len(b.col) && a.col < b.col
		}
		return a.first < b.first
	})
	var runs []run
	for _, p := range parsed {
		if n := len(runs); n > 0 && runs[n-1].col == p.col && runs[n-1].fmt == p.fmt && runs[n-1].last+1 == p.first {
			runs[n-1].last = p.first
			continue
		}
		runs = append(runs, p)
	}
	var out []string
	for _, r := range runs {
		ref := fmt.Sprintf("%s%d", r.col, r.first)
		if r.last != r.first {
			ref += fmt.Sprintf(":%s%d", r.col, r.last)
		}
		out = append(out, ref+" "+r.fmt)
	}
	return strings.Join(out, "\n")
}
