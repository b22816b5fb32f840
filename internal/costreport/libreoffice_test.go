package costreport

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/i18n"
	"schoolzone/internal/testutil"
)

// The workbooks must open in a real spreadsheet and give the app's totals
// once its formulas are recalculated. LibreOffice does that headless.
func TestWorkbooksInLibreOffice(t *testing.T) {
	soffice := testutil.NeedTool(t, "soffice", "libreoffice-calc-nogui")
	ev := fixtureEvent()
	s := ev.Summary()
	rep := costs.Aggregate(fixtureEvents())

	books := convert(t, soffice, map[string][]byte{
		"event.xlsx":        eventBook(t, i18n.English),
		"commissioner.xlsx": commissionerBook(t, i18n.Welsh),
		"showcase.xlsx":     showcaseBook(t, i18n.English),
	})
	sheets := books["event"]
	summary := sheets["Summary"]
	assert.Equal(t, s.Total.Estimated.Decimal(), pounds(t, cellAt(t, summary, "Total estimated")))
	assert.Equal(t, s.Total.Actual.Decimal(), pounds(t, cellAt(t, summary, "Total actual recorded")))
	assert.Equal(t, s.Total.Amount.Decimal(), pounds(t, cellAt(t, summary, "Total cost (actual where recorded, else estimate)")))
	for _, sheet := range []string{"By category", "By bearer", "By local authority", "By school"} {
		total := lastRow(t, sheets[sheet])
		n := len(total)
		assert.Equal(t, []string{s.Total.Estimated.Decimal(), s.Total.Actual.Decimal(), s.Total.Amount.Decimal()},
			[]string{pounds(t, total[n-3]), pounds(t, total[n-2]), pounds(t, total[n-1])}, sheet)
	}
	lines := lastRow(t, sheets["Lines"])
	assert.Equal(t, s.Total.Estimated.Decimal(), pounds(t, lines[12]))
	assert.Equal(t, s.Total.Actual.Decimal(), pounds(t, lines[13]))

	sheets = books["commissioner"]
	require.False(t, rep.Total.Cost.Suppressed, "the fixture's total is about enough families to show")
	total := rep.Total.Cost.Amount.Decimal()
	assert.Equal(t, total, pounds(t, cellAt(t, sheets["Crynodeb"], "Cyfanswm y gost (gwirioneddol lle cofnodwyd, neu amcangyfrif)")))
	for _, sheet := range []string{"Yn ôl carchar", "Yn ôl awdurdod lleol", "Yn ôl math o ysgol", "Yn ôl cyfnod"} {
		assert.Equal(t, total, pounds(t, lastRow(t, sheets[sheet])[4]), sheet)
	}
	assert.Equal(t, total, pounds(t, lastRow(t, sheets["Tuedd"])[6]))
	assert.Equal(t, total, pounds(t, lastRow(t, sheets["Llinellau"])[6]))

	showcase := books["showcase"]
	s0, _ := rep.Showcase(43)
	require.False(t, s0.Total.Cost.Suppressed)
	assert.Equal(t, s0.Total.Cost.Amount.Decimal(), pounds(t, cellAt(t, showcase["Summary"], "Total cost (actual where recorded, else estimate)")))
	assert.Equal(t, s0.Total.Cost.Amount.Decimal(), pounds(t, lastRow(t, showcase["By category"])[1]))
}

// convert runs LibreOffice once over every workbook (start-up dominates
// the cost) and returns each workbook's sheets as CSV records, keyed by
// workbook base name and sheet name. Each run gets its own profile so
// parallel runs and a developer's own LibreOffice never share a lock.
func convert(t *testing.T, soffice string, books map[string][]byte) map[string]map[string][][]string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	// 44,34,76: comma, double quote, UTF-8; 1: from line 1; token 9 false:
	// raw values, not as shown; -1: every sheet to its own file.
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, "--outdir", out}
	for name, data := range books {
		src := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(src, data, 0o644))
		args = append(args, src)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "soffice: %s", msg)
	result := map[string]map[string][][]string{}
	for name := range books {
		base := strings.TrimSuffix(name, ".xlsx")
		matches, err := filepath.Glob(filepath.Join(out, base+"-*.csv"))
		require.NoError(t, err)
		require.NotEmpty(t, matches, "soffice wrote no CSV for %s: %s", name, msg)
		result[base] = map[string][][]string{}
		for _, m := range matches {
			result[base][strings.TrimPrefix(strings.TrimSuffix(filepath.Base(m), ".csv"), base+"-")] = readCSV(t, m)
		}
	}
	return result
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	require.NoError(t, err, path)
	return recs
}

func cellAt(t *testing.T, recs [][]string, label string) string {
	t.Helper()
	for _, r := range recs {
		if len(r) > 1 && r[0] == label {
			return r[1]
		}
	}
	t.Fatalf("no row %q in %v", label, recs)
	return ""
}

func lastRow(t *testing.T, recs [][]string) []string {
	t.Helper()
	require.NotEmpty(t, recs)
	return recs[len(recs)-1]
}

// pounds reads a spreadsheet's computed number and returns it as the exact
// pence decimal it rounds to, so float noise in SUM never fails the test
// but a one-penny difference does.
func pounds(t testing.TB, s string) string {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	require.NoError(t, err, "number %q", s)
	return costs.Pence(math.Round(v * 100)).Decimal()
}
