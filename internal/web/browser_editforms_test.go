package web

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
)

// The edit forms this session added, on the demo's data, in Welsh on a
// 360 px phone: none scrolls sideways and axe-core finds nothing serious
// or critical. Most are two links from a menu page, past the phone walk's
// reach; this opens each directly. Then one is sent empty, to see its
// error summary in Welsh.
func TestBrowserEditFormsFitAPhoneInWelsh(t *testing.T) {
	a, logins, axe := demoOnAPhone(t)
	ctx := context.Background()
	events, err := a.store.Events(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.NotEmpty(t, events)
	event, prison := events[0].ID, events[0].PrisonID
	cases, err := a.store.Cases(ctx, domain.Unrestricted, prison)
	require.NoError(t, err)
	var family, child, carer, school, teacher int64
	for _, cs := range cases {
		if len(cs.Carers) > 0 && len(cs.Children) > 0 && cs.Children[0].SchoolID != 0 {
			family, child, carer = cs.Family.ID, cs.Children[0].ID, cs.Carers[0].ID
			school = cs.Children[0].SchoolID
			break
		}
	}
	require.NotZero(t, family, "the demo has a family with a child at school")
	staff, err := a.store.Teachers(ctx, school)
	require.NoError(t, err)
	require.NotEmpty(t, staff)
	teacher = staff[0].ID
	line, err := a.store.AddCostLine(ctx, domain.System, event, costs.Line{Category: "security", Bearer: "prison", Description: "Swyddog ychwanegol", Estimated: 15000})
	require.NoError(t, err)
	rates, err := a.store.Rates(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.NotEmpty(t, rates)
	las, err := a.store.LocalAuthorities(ctx)
	require.NoError(t, err)

	b := browser(t)
	do(t, b, chromedp.EmulateViewport(360, 800))
	var coord demo.Login
	for _, l := range logins {
		if l.Role == domain.RoleCoordinator {
			coord = l
		}
	}
	_, err = chromedp.Call(b, network.ClearBrowserCookies, cdp.Empty{})
	require.NoError(t, err)
	do(t, b, chromedp.Navigate(a.srv.URL+"/login?lang=cy"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
	leave(t, b, chromedp.SendKeys(chromedp.CSS("#f-email"), coord.Email), chromedp.SendKeys(chromedp.CSS("#f-password"), coord.Password+"\r"))

	for _, p := range []string{
		"/families/" + itoa(family) + "/children/" + itoa(child),
		"/families/" + itoa(family) + "/carers/" + itoa(carer),
		"/families/" + itoa(family) + "/carers",
		"/schools/" + itoa(school) + "/details",
		"/schools/" + itoa(school) + "/teachers/" + itoa(teacher),
		"/prisons/" + itoa(prison) + "/details",
		"/places/authorities/" + itoa(las[0].ID),
		"/events/" + itoa(event) + "/costs/lines/edit?line=" + line,
		"/costs/rates?change=" + itoa(rates[0].ID),
		"/events/" + itoa(event),
	} {
		checkPhonePage(t, b, a.srv.URL, "coordinator", "cy", p, axe)
	}

	// An empty first name: the Welsh error summary takes the focus.
	checkPhonePage(t, b, a.srv.URL, "coordinator", "cy", "/families/"+itoa(family)+"/children/"+itoa(child), axe)
	_, err = chromedp.Run(b, chromedp.Evaluate[bool](`document.getElementById('f-first_name').value = '', true`))
	require.NoError(t, err)
	submit(t, b)
	noSideways(t, b, "the child's form with an error")
	focused, err := chromedp.Run(b, chromedp.Evaluate[string]("document.activeElement.className"))
	require.NoError(t, err)
	require.Equal(t, "error-summary", focused)
	title, err := chromedp.Run(b, chromedp.Evaluate[string]("document.title"))
	require.NoError(t, err)
	require.Contains(t, title, "Gwall: ")
}
