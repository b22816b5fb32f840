package costreport

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/i18n"
	"schoolzone/internal/testutil"
)

func TestLinesCSV(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteLinesCSV(&buf, fixtureEvent(), opts(i18n.English)))
	testutil.Golden(t, "costs/lines.csv", buf.Bytes())

	body := strings.TrimPrefix(buf.String(), "\uFEFF")
	assert.NotEqual(t, buf.String(), body, "starts with a BOM for Excel")
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, len(fixtureEvent().Lines)+1)
	for _, rec := range recs {
		for i, v := range rec {
			if v == "" {
				continue
			}
			if i >= 11 && i <= 15 { // money columns are numbers, "-5.00" included
				continue
			}
			assert.NotContains(t, "=+-@\t\r", v[:1], "field %d %q", i, v)
		}
	}
	assert.Equal(t, `'=HYPERLINK("http://evil.example","Jo Bloggs A1234BC")`, recs[5][8])
	assert.Equal(t, "-5.00", recs[9][12], "a credit stays a number")
	assert.Equal(t, "0.666", recs[4][9])

	buf.Reset()
	require.NoError(t, WriteLinesCSV(&buf, fixtureEvent(), opts(i18n.Welsh)))
	assert.Contains(t, buf.String(), "Talwyd gan")
	assert.Contains(t, buf.String(), "Teithio teuluoedd")
}

// The commissioner's CSV has the workbook's Lines rows, hidden figures as
// [c], and nothing personal.
func TestCommissionerCSV(t *testing.T) {
	rep := costs.Aggregate(fixtureEvents())
	var buf bytes.Buffer
	require.NoError(t, WriteCommissionerCSV(&buf, rep, opts(i18n.English)))
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, len(rep.Lines)+2)
	assert.Equal(t, "Cost (actual, else estimate)", recs[0][6])
	hidden := 0
	for i, l := range rep.Lines {
		if l.Cost.Suppressed {
			hidden++
			assert.Equal(t, "[c]", recs[i+1][6])
		} else {
			assert.Equal(t, l.Cost.Amount.Decimal(), recs[i+1][6])
		}
	}
	assert.Positive(t, hidden)
	assert.Equal(t, []string{"Total", "", "", "", "", "", rep.Total.Cost.Amount.Decimal()}, recs[len(recs)-1])
	for _, s := range secrets {
		assert.NotContains(t, buf.String(), s)
	}
}
