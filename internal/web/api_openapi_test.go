package web

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// openAPIDoc is the part of the OpenAPI document the tests check.
type openAPIDoc struct {
	OpenAPI string                          `yaml:"openapi"`
	Paths   map[string]map[string]yaml.Node `yaml:"paths"`
}

type openAPIOperation struct {
	Security    *[]map[string][]string `yaml:"security"`
	Roles       []string               `yaml:"x-roles"`
	RequestBody *struct{}              `yaml:"requestBody"`
	Responses   map[string]any         `yaml:"responses"`
}

// The document and the route table describe the same API: every route is
// documented with the roles it really allows, and nothing documented is
// missing from the server.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	var doc openAPIDoc
	require.NoError(t, yaml.Unmarshal(openAPI, &doc))
	assert.Equal(t, "3.1.0", doc.OpenAPI)

	documented := map[string]openAPIOperation{}
	for path, item := range doc.Paths {
		for method, node := range item {
			if method == "parameters" {
				continue
			}
			var op openAPIOperation
			require.NoError(t, node.Decode(&op), "%s %s", method, path)
			documented[strings.ToUpper(method)+" "+path] = op
		}
	}
	served := map[string]Route{}
	for _, r := range (&Server{}).apiRoutes() {
		path := r.Path
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, ":") {
				path = strings.Replace(path, seg, "{"+seg[1:]+"}", 1)
			}
		}
		served[r.Method+" "+path] = r
	}
	assert.ElementsMatch(t, keys(served), keys(documented), "routes and OpenAPI paths differ")

	for key, r := range served {
		op, ok := documented[key]
		if !ok {
			continue
		}
		if len(r.Roles) == 0 {
			assert.True(t, op.Security != nil && len(*op.Security) == 0, "%s is public: it needs security: []", key)
			continue
		}
		assert.Nil(t, op.Security, "%s needs the bearer token", key)
		for _, code := range []string{"401", "403"} {
			assert.Contains(t, op.Responses, code, key)
		}
		if slices.Equal(r.Roles, anyone) {
			continue
		}
		var roles []string
		for _, x := range r.Roles {
			roles = append(roles, string(x))
		}
		assert.ElementsMatch(t, roles, op.Roles, "%s: x-roles must match the route table", key)
		if op.RequestBody != nil {
			assert.Contains(t, op.Responses, "400", key)
			assert.Contains(t, op.Responses, "415", key)
		}
		if strings.Contains(key, "{id}") {
			assert.Contains(t, op.Responses, "404", key)
		}
	}
}

func TestOpenAPIIsServed(t *testing.T) {
	a := newTestApp(t)
	r := a.api().call(http.MethodGet, "/api/v1/openapi.yaml", nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "application/yaml", r.header.Get("Content-Type"))
	assert.Equal(t, string(openAPI), r.body)
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
