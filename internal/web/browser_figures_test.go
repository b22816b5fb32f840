package web

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The figures for the note on carers' links: how many clicks and page
// loads a carer takes from opening the link to having confirmed, and the
// carer page's weight as transferred. It only measures, so it runs when
// LINK_FIGURES=1 (with CI=true and NODE_PATH like the other browser tests).
func TestBrowserCarerLinkFigures(t *testing.T) {
	if os.Getenv("LINK_FIGURES") == "" {
		t.Skip("set LINK_FIGURES=1 to measure the carer link's figures")
	}
	a := newTestApp(t)
	w := a.scopeWorld()
	token := a.tokensSent(w.A.event)["carer"]
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	loads, clicks := 0, 0
	leave(t, ctx, chromedp.Navigate(a.srv.URL+"/l/"+token))
	loads++
	weigh := `(() => { const n = performance.getEntriesByType('navigation')[0];
		const css = performance.getEntriesByType('resource').filter(r => r.initiatorType === 'link');
		return [n.transferSize, n.encodedBodySize, css.reduce((s, r) => s + r.transferSize, 0), css.reduce((s, r) => s + r.encodedBodySize, 0), css.length]; })()`
	sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](weigh))
	require.NoError(t, err)
	people, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("main form fieldset").length`))
	require.NoError(t, err)
	clicks += people // one "yes" each
	click(t, ctx, "fieldset[id^='f-carer_'] input[value=yes]")
	click(t, ctx, "fieldset[id^='f-child_'] input[value=yes]")
	submit(t, ctx)
	clicks++ // "Send my answer"
	loads++  // the answer is posted and the page shown again, saved
	assert.Contains(t, text(t, ctx, ".banner"), "Your answer has been saved")
	t.Logf("carer link, %d people to answer for: %d clicks, %d page loads from opening the link to confirmed", people, clicks, loads)
	t.Logf("carer page weight: HTML %d bytes transferred (%d body), CSS %d bytes transferred (%d body) in %d files, total %d bytes transferred",
		sizes[0], sizes[1], sizes[2], sizes[3], sizes[4], sizes[0]+sizes[2])
}
