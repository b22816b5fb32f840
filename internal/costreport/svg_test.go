package costreport

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/i18n"
	"schoolzone/internal/testutil"
)

func TestBarChartSVG(t *testing.T) {
	s := fixtureEvent().Summary()
	var buf bytes.Buffer
	require.NoError(t, BarChartSVG(&buf, s.ByCategory, opts(i18n.English)))
	testutil.Golden(t, "costs/chart.svg", buf.Bytes())
	out := buf.String()

	assert.Contains(t, out, `role="img"`)
	assert.Contains(t, out, `aria-labelledby="cost-chart-title cost-chart-desc"`)
	assert.Contains(t, out, "<title id=\"cost-chart-title\">Cost by category</title>")
	assert.Contains(t, out, "8 categories have costs; the total is £864.11.")
	assert.Contains(t, out, ">£295.00</text>", "values are text, not only bar length or colour")
	assert.Contains(t, out, ">-£5.00</text>")
	assert.NotContains(t, out, "Awareness sessions", "empty categories left out")
	assert.Equal(t, 8, strings.Count(out, "<rect"))
	assertWellFormed(t, out)

	buf.Reset()
	require.NoError(t, BarChartSVG(&buf, s.ByCategory[:1], opts(i18n.Welsh)))
	assert.Contains(t, buf.String(), "Mae costau mewn 1 categori; y cyfanswm yw £295.00.")
	buf.Reset()
	require.NoError(t, BarChartSVG(&buf, []costs.Total{{Key: "<script>", Lines: 1, Amount: 1}}, opts(i18n.Welsh)))
	assert.NotContains(t, buf.String(), "<script>")
	assertWellFormed(t, buf.String())
}

func assertWellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		require.NoError(t, err)
	}
}
