package web

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
)

// The account pages, on the demo's data, in Welsh on a 360 px phone: the
// list, the new-account form, an account and the page choosing where it
// works. None scrolls sideways and axe-core finds nothing serious or
// critical. Then the coordinator is left with no prison, to see the scope
// page's error summary take the focus.
func TestBrowserAccountPagesFitAPhoneInWelsh(t *testing.T) {
	a, logins, axe := demoOnAPhone(t)
	var admin, coord demo.Login
	for _, l := range logins {
		switch l.Role {
		case domain.RoleAdmin:
			admin = l
		case domain.RoleCoordinator:
			coord = l
		}
	}
	u, err := a.store.UserByEmail(t.Context(), coord.Email)
	require.NoError(t, err)
	account := "/users/" + itoa(u.ID)

	b := browser(t)
	do(t, b, chromedp.EmulateViewport(360, 800))
	do(t, b, chromedp.Navigate(a.srv.URL+"/login?lang=cy"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
	leave(t, b, chromedp.SendKeys(chromedp.CSS("#f-email"), admin.Email), chromedp.SendKeys(chromedp.CSS("#f-password"), admin.Password+"\r"))
	for _, p := range []string{"/users", "/users/new", account, account + "/scope"} {
		checkPhonePage(t, b, a.srv.URL, "admin", "cy", p, axe)
	}

	_, err = chromedp.Run(b, chromedp.Evaluate[bool](`document.querySelectorAll('input[name=prisons]').forEach(x => x.checked = false), true`))
	require.NoError(t, err)
	submit(t, b)
	noSideways(t, b, "the scope form with an error")
	focused, err := chromedp.Run(b, chromedp.Evaluate[string]("document.activeElement.className"))
	require.NoError(t, err)
	require.Equal(t, "error-summary", focused)
	title, err := chromedp.Run(b, chromedp.Evaluate[string]("document.title"))
	require.NoError(t, err)
	require.Contains(t, title, "Gwall: ")
}
