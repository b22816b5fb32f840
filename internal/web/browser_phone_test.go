package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/demo"
	"schoolzone/internal/testutil"
)

// axeVersion is the axe-core release .ci/run installs from npm.
const axeVersion = "4.10.3"

// demoOnAPhone is a test app holding the demo's data, its logins, and
// axe-core to inject, for the browser tests that walk its pages on a
// phone. It skips them under -short.
func demoOnAPhone(t *testing.T) (*testApp, []demo.Login, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test")
	}
	axe := axeScript(t)
	a := newTestApp(t)
	logins, err := demo.Load(t.Context(), a.store, testNow)
	require.NoError(t, err)
	return a, logins, axe
}

// axeScript is axe-core's browser bundle, which .ci/run installs from npm
// and puts on NODE_PATH (axe-core has no Debian package). Without it the
// test skips naming the npm package, or fails under CI=true.
func axeScript(t *testing.T) string {
	t.Helper()
	for _, dir := range filepath.SplitList(os.Getenv("NODE_PATH")) {
		if b, err := os.ReadFile(filepath.Join(dir, "axe-core", "axe.min.js")); err == nil {
			return string(b)
		}
	}
	testutil.Missing(t, "axe-core is not on NODE_PATH",
		"npm install --prefix DIR axe-core@"+axeVersion+" and NODE_PATH=DIR/node_modules (.ci/run does this)")
	return ""
}

// axeViolation is the part of an axe-core result a failure message needs.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// notAPage are links the walk does not follow: downloads and feeds.
var notAPage = regexp.MustCompile(`\.(pdf|xlsx|csv|eml|ics|zip)$|^/feeds/|^/logout`)

// kindOf names a page by its route, so the walk visits /families/3 and
// not every family too.
func kindOf(path string) string { return regexp.MustCompile(`\d+`).ReplaceAllString(path, ":id") }

// Every role, on a 360 px phone, visits every page in its menu and, from
// those, one page of each kind they link to (a showcase, its allocation, a
// family...), on the demo's data: no page scrolls sideways,
// and axe-core finds no serious or critical problem. The coordinator walks
// in Welsh, whose longer words are the likelier to overflow. One browser
// serves every role, to keep CI time small.
func TestBrowserEveryPageFitsAPhoneAndPassesAxe(t *testing.T) {
	a, logins, axe := demoOnAPhone(t)
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	langs := map[string]string{"coordinator": "cy", "admin": "cy"}

	seen := map[string]bool{}
	for _, l := range logins {
		role := string(l.Role)
		lang := langs[role]
		if lang == "" {
			lang = "en"
		}
		_, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{})
		require.NoError(t, err)
		do(t, ctx, chromedp.Navigate(a.srv.URL+"/login?lang="+lang), chromedp.WaitVisible(chromedp.CSS("#f-email")))
		leave(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-email"), l.Email),
			chromedp.SendKeys(chromedp.CSS("#f-password"), l.Password+"\r"))
		menu := links(t, ctx, "header nav")
		require.NotEmpty(t, menu, "%s has a menu", role)
		menu = append([]string{"/"}, menu...)

		// Breadth first, three links deep: that reaches a showcase's
		// allocation, documents and costs from the menu. A kind of page
		// another role has checked already is skipped to keep it short.
		visited := map[string]bool{}
		level := menu
		for depth := 0; depth < 3 && len(level) > 0; depth++ {
			var next []string
			for _, p := range level {
				k := kindOf(p)
				if visited[k] || (depth > 0 && seen[k]) {
					continue
				}
				visited[k] = true
				checkPhonePage(t, ctx, a.srv.URL, role, lang, p, axe)
				next = append(next, links(t, ctx, "main")...)
			}
			level = next
		}
		for k := range visited {
			seen[k] = true
		}
	}
}

// links lists the same-site page links inside the element scope names.
func links(t *testing.T, ctx context.Context, scope string) []string {
	t.Helper()
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('`+scope+` a[href^="/"]')].map(a => a.getAttribute('href'))`))
	require.NoError(t, err)
	var out []string
	for _, h := range hrefs {
		u, err := url.Parse(h)
		if err != nil || u.Path == "" || notAPage.MatchString(u.Path) {
			continue
		}
		out = append(out, u.Path)
	}
	return out
}

func checkPhonePage(t *testing.T, ctx context.Context, base, role, lang, path, axe string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS("footer")))
	name := role + " " + path
	t.Log("phone page:", name)
	shot(t, ctx, "phone"+strings.NewReplacer("/", "-", " ", "").Replace(name))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.documentElement.lang"))
	require.NoError(t, err)
	assert.Equal(t, lang, got, "%s is in the walk's language", name)
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.scrollingElement.scrollWidth"))
	require.NoError(t, err)
	assert.LessOrEqual(t, width, 360, "%s scrolls sideways on a 360 px phone", name)

	tctx, cancel := context.WithTimeout(ctx, 90*time.Second) // axe takes seconds on a busy machine
	defer cancel()
	loaded, err := chromedp.Run(tctx, chromedp.Evaluate[bool]("typeof axe === 'object'"))
	require.NoError(t, err)
	if !loaded {
		_, err = chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void](axe))
		require.NoError(t, err)
	}
	raw, err := chromedp.Run(tctx, chromedp.Evaluate[string](
		`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	var violations []axeViolation
	require.NoError(t, json.Unmarshal([]byte(raw), &violations))
	for _, v := range violations {
		if v.Impact != "serious" && v.Impact != "critical" {
			continue
		}
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("%s: axe %s (%s): %s at %s", name, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
	}
}
