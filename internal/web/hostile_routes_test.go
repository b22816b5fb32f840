package web

import (
	"database/sql"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
)

// newDemoApp is a test app with the demo's data loaded, so the IDs in
// paths (all 1) are real, and a read-only connection to its database for
// checking that nothing was saved.
func newDemoApp(t *testing.T) (*testApp, *sql.DB) {
	t.Helper()
	a := newTestApp(t)
	_, err := demo.Load(t.Context(), a.store, testNow)
	require.NoError(t, err)
	db, err := sql.Open("sqlite", "file:"+a.dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return a, db
}

// rowCounts is every table's row count and the audit log's last ID, so a
// refused request can be shown to have saved nothing. Sign-in sessions are
// left out: the test's own clients make them.
func rowCounts(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE 'family_search%' AND name NOT IN ('sessions', 'goose_db_version') ORDER BY name`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(t, rows.Close())
	var b strings.Builder
	for _, table := range tables {
		var n int
		require.NoError(t, db.QueryRow(`SELECT count(*) FROM "`+table+`"`).Scan(&n))
		fmt.Fprintf(&b, "%s=%d ", table, n)
	}
	var last sql.NullInt64
	require.NoError(t, db.QueryRow(`SELECT max(id) FROM audit_log`).Scan(&last))
	fmt.Fprintf(&b, "audit<=%d", last.Int64)
	return b.String()
}

// hostileTexts are the values issue 10 sent: over-long text and text
// with a control character or a byte that is not UTF-8.
var hostileTexts = map[string]string{
	"over-long":         strings.Repeat("x", 200_000),
	"control character": "Seren\x00",
	"not UTF-8":         "Seren \xed\xa0\x80",
}

// Every page route that takes a form refuses a hostile value in any field
// with a 400 that names the field and says what to do, before its handler
// runs,
// and saves nothing: the check is one middleware on the route table, so a
// route added later is covered and tested here without a new entry. The
// demo's data is loaded, so the IDs in the paths (all 1) are real.
func TestEveryPageFormRefusesHostileValues(t *testing.T) {
	a, db := newDemoApp(t)
	admin := a.user(domain.RoleAdmin)
	before := rowCounts(t, db)

	n := 0
	for _, r := range (&Server{}).routes() {
		if r.Method != http.MethodPost {
			continue
		}
		path := pathParam.ReplaceAllString(r.Path, "1")
		for kind, v := range hostileTexts {
			r := admin.post(path, url.Values{"notes": {v}})
			body := html.UnescapeString(r.body)
			if !assert.Equal(t, http.StatusBadRequest, r.code, "%s %s: %s", path, kind, firstLine(body)) {
				continue
			}
			// The check runs before the page's own handler, so the message
			// comes on the error page: the field by its label, and what to do.
			if assert.Regexp(t, `<p>Notes (must be|contains) .*(Shorten it|rather than pasting it)</p>`, body, "%s %s", path, kind) {
				n++
			}
		}
	}
	assert.Equal(t, before, rowCounts(t, db), "nothing was saved")
	t.Logf("%d page requests refused with a field message", n)
	require.Greater(t, n, 150, "the route table has page forms to send")
}

// Every API route with a request body refuses, per field of its body as the
// OpenAPI file describes it, a value of the wrong type, over-long text and
// text with a control character, with a 400 naming the field; numbers far
// out of range are refused too; an unknown field is named. No answer is a
// 5xx and nothing is saved. Routes without a body get path IDs that are not
// numbers, too large or negative: a 404, never a 500.
func TestEveryAPIRouteRefusesHostileValues(t *testing.T) {
	a, db := newDemoApp(t)
	api := a.apiAs(domain.RoleAdmin)
	before := rowCounts(t, db)

	var doc struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(openAPI, &doc))
	type schema struct {
		Type       any               `yaml:"type"`
		Properties map[string]schema `yaml:"properties"`
	}
	bodies := map[string]map[string]schema{} // "POST /api/v1/..." -> properties
	for p, item := range doc.Paths {
		for method, node := range item {
			var op struct {
				RequestBody struct {
					Content map[string]struct {
						Schema schema `yaml:"schema"`
					} `yaml:"content"`
				} `yaml:"requestBody"`
			}
			if method == "parameters" || node.Decode(&op) != nil {
				continue
			}
			if c, ok := op.RequestBody.Content["application/json"]; ok {
				bodies[strings.ToUpper(method)+" "+p] = c.Schema.Properties
			}
		}
	}

	var refused, notFound int
	check := func(what string, r apiResp, field string) {
		t.Helper()
		require.Less(t, r.code, 500, "%s: %s", what, r.body)
		if r.code == http.StatusNotFound {
			notFound++
			return
		}
		if assert.Equal(t, http.StatusBadRequest, r.code, "%s: %s", what, r.body) {
			refused++
			if field != "" {
				// The field is among the problems named (a body with one
				// field leaves others missing, which are named too).
				var named []string
				fields, _ := r.json(t)["fields"].([]any)
				for _, f := range fields {
					got, _ := f.(map[string]any)["field"].(string)
					named = append(named, got)
				}
				assert.True(t, slices.ContainsFunc(named, func(got string) bool {
					return got == field || strings.HasPrefix(got, field+".") || strings.HasPrefix(got, field+"[")
				}), "%s: fields %q, want %q", what, named, field)
			}
		}
	}
	for _, r := range (&Server{}).apiRoutes() {
		if r.Method == http.MethodGet || len(r.Roles) == 0 {
			continue // reads, and the public sign-in (its throttle is tested on its own)
		}
		path := pathParam.ReplaceAllString(r.Path, "1")
		key := r.Method + " " + pathParam.ReplaceAllStringFunc(r.Path, func(s string) string { return "{" + s[1:] + "}" })
		for _, id := range []string{"x", "99999999999999999999999", "-1"} {
			bad := strings.Replace(r.Path, ":id", id, 1)
			if bad == r.Path {
				continue
			}
			bad = pathParam.ReplaceAllString(bad, "1")
			res := api.call(r.Method, bad, map[string]any{})
			require.Less(t, res.code, 500, "%s with id %q: %s", key, id, res.body)
			assert.Contains(t, []int{http.StatusNotFound, http.StatusBadRequest}, res.code, "%s with id %q", key, id)
		}
		props, ok := bodies[key]
		if !ok {
			continue
		}
		check(key+" unknown field", api.call(r.Method, path, map[string]any{"zz_unknown": "x"}), "zz_unknown")
		check(key+" not an object", api.call(r.Method, path, "[1, 2]"), "")
		for name, p := range props {
			typ := fmt.Sprint(p.Type)
			switch {
			case strings.Contains(typ, "string"):
				for kind, v := range hostileTexts {
					// JSON escapes a control character (\u0000); bytes that are
					// not UTF-8 go as they are, as a careless client sends them.
					body := any(map[string]any{name: v})
					if kind == "not UTF-8" {
						body = `{"` + name + `": "` + v + `"}`
					}
					check(fmt.Sprintf("%s %s %s", key, name, kind), api.call(r.Method, path, body), name)
				}
				check(key+" "+name+" wrong type", api.call(r.Method, path, map[string]any{name: []int{1}}), name)
			case strings.Contains(typ, "integer") || strings.Contains(typ, "number"):
				check(key+" "+name+" wrong type", api.call(r.Method, path, map[string]any{name: "seven"}), name)
				res := api.call(r.Method, path, fmt.Sprintf(`{%q: 1e30}`, name))
				require.Less(t, res.code, 500, "%s %s out of range: %s", key, name, res.body)
				assert.NotContains(t, []int{200, 201, 202, 204}, res.code, "%s %s out of range is accepted", key, name)
			case strings.Contains(typ, "boolean"):
				check(key+" "+name+" wrong type", api.call(r.Method, path, map[string]any{name: "yes please"}), name)
			case strings.Contains(typ, "array"), strings.Contains(typ, "object"):
				check(key+" "+name+" wrong type", api.call(r.Method, path, map[string]any{name: "not a list"}), name)
			}
		}
	}
	assert.Equal(t, before, rowCounts(t, db), "nothing was saved")
	t.Logf("%d API requests refused with a field, %d not found (an ID in the path)", refused, notFound)
	require.Greater(t, refused, 150, "the API has bodies to send")
	assert.Less(t, notFound, refused/10, "most requests reach the field checks")
}

func firstLine(s string) string {
	if i := strings.Index(s, "<h1>"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
