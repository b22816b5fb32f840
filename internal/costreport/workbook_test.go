package costreport

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"schoolzone/internal/costs"
	"schoolzone/internal/i18n"
	"schoolzone/internal/testutil"
)

func opts(lang i18n.Lang) Options { return Options{Lang: lang, Now: fixedNow, Location: london} }

func eventBook(t testing.TB, lang i18n.Lang) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteEventWorkbook(&buf, fixtureEvent(), opts(lang)))
	return buf.Bytes()
}

func commissionerBook(t testing.TB, lang i18n.Lang) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteCommissionerWorkbook(&buf, costs.Aggregate(fixtureEvents()), opts(lang)))
	return buf.Bytes()
}

func showcaseBook(t testing.TB, lang i18n.Lang) []byte {
	t.Helper()
	s, ok := costs.Aggregate(fixtureEvents()).Showcase(43)
	require.True(t, ok)
	var buf bytes.Buffer
	require.NoError(t, WriteShowcaseWorkbook(&buf, s, opts(lang)))
	return buf.Bytes()
}

func TestEventWorkbookGolden(t *testing.T) {
	testutil.Golden(t, "costs/event.txt", []byte(dump(t, eventBook(t, i18n.English))))
	testutil.Golden(t, "costs/event.cy.txt", []byte(dump(t, eventBook(t, i18n.Welsh))))
}

func TestCommissionerWorkbookGolden(t *testing.T) {
	testutil.Golden(t, "costs/commissioner.txt", []byte(dump(t, commissionerBook(t, i18n.English))))
	testutil.Golden(t, "costs/showcase.txt", []byte(dump(t, showcaseBook(t, i18n.English))))
	testutil.Golden(t, "costs/showcase.cy.txt", []byte(dump(t, showcaseBook(t, i18n.Welsh))))
}

// Excelize's own calculator evaluates the SUM formulas; they must give the
// figures costs.Summarise gives. The LibreOffice test repeats this with a
// real spreadsheet engine.
func TestWorkbookFormulasAgreeWithApp(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(eventBook(t, i18n.English)))
	require.NoError(t, err)
	s := fixtureEvent().Summary()
	for cell, want := range map[string]costs.Pence{"B7": s.Total.Estimated, "B8": s.Total.Actual, "B9": s.Total.Amount} {
		got, err := f.CalcCellValue("Summary", cell, excelize.Options{RawCellValue: true})
		require.NoError(t, err, cell)
		assert.Equal(t, want.Decimal(), pounds(t, got), cell)
	}
	got, err := f.CalcCellValue("Lines", "M11", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, s.Total.Estimated.Decimal(), pounds(t, got))
}

func TestWorkbookHasChartOnSummaryAndValidSheets(t *testing.T) {
	for name, data := range map[string][]byte{"event": eventBook(t, i18n.Welsh), "commissioner": commissionerBook(t, i18n.English), "showcase": showcaseBook(t, i18n.Welsh)} {
		files := unzip(t, data)
		assert.Contains(t, files, "xl/charts/chart1.xml", name)
		assert.Contains(t, files["xl/charts/chart1.xml"], `<barChart><barDir val="bar">`, name)
		assert.Contains(t, files["xl/worksheets/_rels/sheet1.xml.rels"], "drawing", name+": chart sits on the first (Summary) sheet")
		f, err := excelize.OpenReader(bytes.NewReader(data))
		require.NoError(t, err)
		for _, s := range f.GetSheetList() {
			assert.Equal(t, SheetName(s), s, "%s: sheet name %q valid", name, s)
		}
	}
}

func TestWorkbookEscapesFormulaInjection(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(eventBook(t, i18n.English)))
	require.NoError(t, err)
	rows, err := f.GetRows("Lines")
	require.NoError(t, err)
	var texts []string
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			typ, err := f.GetCellType("Lines", cell)
			require.NoError(t, err)
			if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				texts = append(texts, v)
				assert.NotContains(t, "=+-@\t\r", v[:1], "%s starts with a formula trigger: %q", cell, v)
			}
		}
	}
	assert.Contains(t, texts, `'=HYPERLINK("http://evil.example","Jo Bloggs A1234BC")`)
	assert.Contains(t, texts, "'+ dog handler (half day)")
	assert.Contains(t, texts, "'@ordered via OSG")
	assert.Contains(t, texts, "'-credit from printer")
	// The credit is still a number, not escaped text.
	v, err := f.GetCellValue("Lines", "N10", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "-5", v)
}

func TestCommissionerWorkbooksHaveNoPersonalData(t *testing.T) {
	for name, data := range map[string][]byte{"commissioner": commissionerBook(t, i18n.English), "showcase": showcaseBook(t, i18n.English)} {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		require.NoError(t, err)
		var cells []string
		for _, sheet := range f.GetSheetList() {
			cells = append(cells, sheet)
			rows, err := f.GetRows(sheet)
			require.NoError(t, err)
			for _, row := range rows {
				cells = append(cells, row...)
			}
		}
		all := strings.Join(cells, "\n")
		assert.Contains(t, all, "HMP ", "%s: the scan sees cell text", name)
		// Also scan every part of the zip: shared strings, doc props, charts.
		raw := strings.Join(mapValues(unzip(t, data)), "\n")
		for _, s := range append(secrets, "note") {
			assert.NotContains(t, all, s, name)
			assert.NotContains(t, raw, s, name)
			assert.NotContains(t, raw, strings.ReplaceAll(s, "'", "&apos;"), name)
		}
	}
	// The event workbook, by contrast, is the coordinator's and has them.
	ev := dump(t, eventBook(t, i18n.English))
	assert.Contains(t, ev, "Kayleigh")
}

func TestCommissionerWorkbookShowsSuppression(t *testing.T) {
	got := dump(t, commissionerBook(t, i18n.English))
	assert.Contains(t, got, "[c]")
	assert.Contains(t, got, "[c] means the figure is hidden")
	assert.NotContains(t, got, "fewer than 3\t", "no hidden cell claims a count it may not have")
	cy := dump(t, commissionerBook(t, i18n.Welsh))
	assert.Contains(t, cy, "Mae [c] yn golygu")
}

func unzip(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		out[zf.Name] = string(b)
	}
	return out
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// A council's recorded Welsh name wins over the statutory one in a Welsh
// event workbook, in the breakdown, the schools and the lines; English
// keeps the name as recorded.
func TestEventWorkbookUsesRecordedWelshCouncilNames(t *testing.T) {
	ev := fixtureEvent()
	ev.LocalAuthorities[1].NameCy = "Cyngor Castell-nedd Port Talbot"
	for lang, want := range map[i18n.Lang]string{i18n.Welsh: "Cyngor Castell-nedd Port Talbot", i18n.English: "Neath Port Talbot"} {
		var buf bytes.Buffer
		require.NoError(t, WriteEventWorkbook(&buf, ev, opts(lang)))
		text := dump(t, buf.Bytes())
		assert.GreaterOrEqual(t, strings.Count(text, want), 3, "%s: breakdown, school and line rows", lang)
		if lang == i18n.Welsh {
			assert.Contains(t, text, "Abertawe", "no name recorded: the statutory Welsh name")
			assert.NotContains(t, text, "Neath Port Talbot")
		}
	}
}

// A commissioner report names councils only by name: the Welsh names
// recorded for them come with the options, and the statutory ones fill in.
func TestCommissionerReportsUseRecordedWelshCouncilNames(t *testing.T) {
	o := opts(i18n.Welsh)
	o.CouncilsCy = map[string]string{"Neath Port Talbot": "Cyngor Castell-nedd Port Talbot"}
	var xlsx, csv bytes.Buffer
	rep := costs.Aggregate(fixtureEvents())
	require.NoError(t, WriteCommissionerWorkbook(&xlsx, rep, o))
	require.NoError(t, WriteCommissionerCSV(&csv, rep, o))
	for name, text := range map[string]string{"workbook": dump(t, xlsx.Bytes()), "csv": csv.String()} {
		assert.Contains(t, text, "Cyngor Castell-nedd Port Talbot", name)
		assert.Contains(t, text, "Abertawe", name)
		assert.NotContains(t, text, "Neath Port Talbot", name)
	}
}
