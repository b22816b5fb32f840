package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// hostilePathValues go in place of one path parameter at a time, already
// escaped for the URL: not a number, 2^70, negative, zero, a NUL byte, a
// lone surrogate's bytes, and SQL.
var hostilePathValues = []string{"x", "1180591620717411303424", "-1", "0", "1%00", "%ED%A0%80", "1%20OR%201=1"}

// hostileQueryKeys are every query parameter a page or the API reads
// (filters, cursors, search, return paths, language).
var hostileQueryKeys = []string{"q", "prison", "school", "event", "event_id", "after", "limit", "stage", "attention",
	"entity", "entity_id", "account", "action", "family", "from", "to", "lang", "next", "back", "line", "saved", "commit"}

// hostileQueryValues are sent in every key above at once.
var hostileQueryValues = map[string]string{
	"control character": "1\x00",
	"not UTF-8":         "\xed\xa0\x80",
	"2^70":              "1180591620717411303424",
	"negative":          "-1",
	"over-long":         strings.Repeat("ab ", 2000),
}

// refusedAtQuery are the kinds of query value that are refused, whatever the
// route: the others (numbers out of range) may filter nothing instead, as a
// list is never a dead end, but never give a 5xx.
var refusedAtQuery = map[string]bool{"control character": true, "not UTF-8": true, "over-long": true}

// Every route, page and API, any method, answers a malformed ID in its path
// with a 400 or 404 and a message, never a 5xx; and every GET route refuses
// a query value that is not UTF-8, holds a control character or is far too
// long with a 400 naming the parameter. Nothing is saved. The routes come
// from the route table, so a route added later is covered without an entry.
func TestEveryPathAndQueryRefusesMalformedValues(t *testing.T) {
	a, db := newDemoApp(t)
	page := a.user(domain.RoleAdmin)
	api := a.apiAs(domain.RoleAdmin)
	before := rowCounts(t, db)

	send := func(method, path string) (int, string) {
		t.Helper()
		if strings.HasPrefix(path, "/api/") {
			var body any
			if method != http.MethodGet {
				body = map[string]any{}
			}
			r := api.call(method, path, body)
			return r.code, r.body
		}
		if method == http.MethodGet {
			r := page.get(path)
			return r.code, r.body
		}
		r := page.post(path, url.Values{})
		return r.code, r.body
	}
	param := regexp.MustCompile(`:[a-z]+`)
	var paths, queries int
	for _, r := range append((&Server{}).routes(), (&Server{}).apiRoutes()...) {
		for _, p := range param.FindAllString(r.Path, -1) {
			for _, v := range hostilePathValues {
				path := param.ReplaceAllString(strings.Replace(r.Path, p, v, 1), "1")
				code, body := send(r.Method, path)
				want := []int{http.StatusBadRequest, http.StatusNotFound}
				if strings.Contains(r.Path, ":token") {
					// Guessing links is throttled: the run's many bad tokens
					// from one address soon get a 429 instead, whichever
					// parameter of a link's path is malformed.
					want = append(want, http.StatusTooManyRequests)
				}
				if assert.Contains(t, want, code, "%s %s: %.300s", r.Method, path, body) {
					paths++
				}
				assert.NotEmpty(t, strings.TrimSpace(body), "%s %s says why", r.Method, path)
			}
		}
		if r.Method != http.MethodGet {
			continue
		}
		path := param.ReplaceAllString(r.Path, "1")
		for kind, v := range hostileQueryValues {
			q := url.Values{}
			for _, k := range hostileQueryKeys {
				q.Set(k, v)
			}
			code, body := send(r.Method, path+"?"+q.Encode())
			require.Less(t, code, 500, "%s %s: %.300s", path, kind, body)
			if !refusedAtQuery[kind] {
				continue
			}
			if assert.Equal(t, http.StatusBadRequest, code, "%s with a query value %s: %.300s", path, kind, body) {
				queries++
				// Every parameter is named; the search box by its label.
				named := "Search contains"
				if kind == "over-long" {
					named = "Search must be 200 characters or fewer"
				}
				if strings.HasPrefix(path, "/api/") {
					named = `"field":"q"`
				}
				assert.Contains(t, html.UnescapeString(body), named, "%s %s", path, kind)
			}
		}
	}
	assert.Equal(t, before, rowCounts(t, db), "nothing was saved")
	t.Logf("%d malformed path IDs refused, %d hostile queries refused", paths, queries)
	require.Greater(t, paths, 300, "the route table has IDs in its paths")
	require.Greater(t, queries, 150, "the route table has GET routes")
}
