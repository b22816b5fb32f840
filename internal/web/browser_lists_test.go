package web

import (
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// The parts of the lists that only a large caseload shows: the family
// list's narrowed showcase filter with its hint, the pages of showcases
// (the commissioners' costs, the showcase and run sheet lists) and of
// prisons (the commissioners' costs). Each fits a 360 px phone in Welsh
// and passes axe.
func TestBrowserLongListsFitAPhoneInWelsh(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	axe := axeScript(t)
	a := newTestApp(t)
	w := a.scopeWorld()
	a.pastShowcases(w.A.prison, showcasesPerPage+1, "Arddangosfa hir iawn")
	a.prisonsWithShowcases(showcasesPerPage + 1)
	a.userIn(domain.RoleAdmin, "x")
	a.userIn(domain.RoleCommissioner, "c")
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	for _, x := range []struct {
		email, path, want string
	}{
		{"admin-x@example.org", "/families", "#f-event-hint"},
		{"commissioner-c@example.org", "/figures/costs", "#showcases-range"},
		{"commissioner-c@example.org", "/figures/costs?after=50", `nav.pager[aria-label="Tudalennau o arddangosfeydd"]`},
		{"commissioner-c@example.org", "/figures/costs", "#prisons-range"},
		{"admin-x@example.org", "/events", "nav.pager"},
		{"admin-x@example.org", "/runsheets", "nav.pager"},
	} {
		_, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{})
		require.NoError(t, err)
		do(t, ctx, chromedp.Navigate(a.srv.URL+"/login?lang=cy"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
		leave(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-email"), x.email),
			chromedp.SendKeys(chromedp.CSS("#f-password"), testPassword+"\r"))
		checkPhonePage(t, ctx, a.srv.URL, "long "+x.path, "cy", x.path, axe)
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+x.want+`').length`))
		require.NoError(t, err)
		assert.Equal(t, 1, n, "%s shows %s", x.path, x.want)
	}
}
