package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// Wherever an email address is typed, on a page or through the API, one
// that is more than a bare address is refused with a message on its field
// and nothing is saved: it would only fail later, when invitations go out.
func TestEmailFieldsOnPagesAndAPI(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	admin := a.user(domain.RoleAdmin)
	coord := a.user(domain.RoleCoordinator)
	api := a.apiAs(domain.RoleCoordinator)
	ctx := context.Background()
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	count := map[string]func() int{
		"families": func() int {
			x, err := a.store.Cases(ctx, domain.Unrestricted, 0)
			require.NoError(t, err)
			return len(x)
		},
		"schools":  func() int { x, err := a.store.Schools(ctx); require.NoError(t, err); return len(x) },
		"teachers": func() int { x, err := a.store.Teachers(ctx, 0); require.NoError(t, err); return len(x) },
		"prisons": func() int {
			x, err := a.store.Prisons(ctx, domain.Unrestricted)
			require.NoError(t, err)
			return len(x)
		},
		"users": func() int { x, err := a.store.Users(ctx); require.NoError(t, err); return len(x) },
	}
	page := func(c *client, path, field string, form url.Values) func(email string) (int, string) {
		return func(email string) (int, string) {
			f := url.Values{field: {email}}
			for k, v := range form {
				f[k] = v
			}
			r := c.post(path, f)
			return r.code, r.body
		}
	}
	apiCall := func(path string, body func(email string) map[string]any) func(email string) (int, string) {
		return func(email string) (int, string) {
			r := api.call(http.MethodPost, path, body(email))
			return r.code, r.body
		}
	}
	cases := []struct {
		name, records, field string
		submit               func(email string) (int, string)
	}{
		{"referral page", "families", "carer_email", page(coord, "/families", "carer_email", url.Values{
			"prison_id": {id(w.prison)}, "parent_name": {"Rhodri Example"}, "referral_source": {"parent"}, "referred_on": {"2026-11-20"},
			"carer_name": {"Seren Example"}, "carer_relationship": {"parent"}, "carer_lang": {"cy"}, "child_first_name_0": {"Cai"},
			"child_school_0": {id(w.school)}})},
		{"referral API", "families", "carer.email", apiCall("/api/v1/families", func(e string) map[string]any {
			b := w.referral()
			b["carer"].(map[string]any)["email"] = e
			return b
		})},
		{"school page", "schools", "head_email", page(coord, "/schools", "head_email", url.Values{"name": {"Ysgol Newydd"},
			"type": {"primary"}, "language_medium": {"welsh"}, "local_authority_id": {id(w.la)}, "head_name": {"Mr Hughes"}, "lang": {"cy"}})},
		{"school API", "schools", "head_email", apiCall("/api/v1/schools", func(e string) map[string]any {
			return map[string]any{"name": "Ysgol Newydd", "type": "primary", "language_medium": "welsh", "local_authority_id": w.la,
				"head_name": "Mr Hughes", "head_email": e, "lang": "cy"}
		})},
		{"teacher page", "teachers", "email", page(coord, fmt.Sprintf("/schools/%d/teachers", w.school), "email", url.Values{
			"name": {"Mr Price"}, "role": {"senco"}, "lang": {"en"}})},
		{"teacher API", "teachers", "email", apiCall(w.schoolPath()+"/teachers", func(e string) map[string]any {
			return map[string]any{"name": "Mr Price", "email": e, "role": "senco", "lang": "en"}
		})},
		{"prison page", "prisons", "email", page(coord, "/places/prisons", "email", url.Values{"name": {"HMP Newydd"}})},
		{"account page", "users", "email", page(admin, "/users", "email", url.Values{"name": {"New Person"},
			"password": {testPassword}, "confirm": {testPassword}, "role": {"coordinator"}, "lang": {"en"}})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, bad := range []string{"carer2@x.example (note)", "Name <a@b.example>"} {
				before := count[tc.records]()
				code, body := tc.submit(bad)
				assert.Equal(t, http.StatusBadRequest, code, "%q: %s", bad, body)
				assert.Contains(t, body, "Enter an email address in the correct format", bad)
				if strings.HasSuffix(tc.name, "API") {
					assert.Contains(t, body, `"field":"`+tc.field+`"`, bad)
				} else {
					assert.Contains(t, body, `href="#f-`+tc.field+`"`, "%q: the summary links to the field", bad)
				}
				assert.Equal(t, before, count[tc.records](), "%q: nothing saved", bad)
			}
		})
	}
}
