package web

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// pageToAPI maps every page route that does work (a POST, or a GET of
// records or a file) to the API route doing the same work. The API route
// must allow exactly the page's roles: the API is never a way around a
// page's rules, nor a lesser copy of them.
var pageToAPI = map[string]string{
	"GET /families":                                         "GET /api/v1/families",
	"POST /families":                                        "POST /api/v1/families",
	"POST /families/import":                                 "POST /api/v1/referrals/import",
	"POST /families/import/confirm":                         "POST /api/v1/referrals/import",
	"GET /families/:id":                                     "GET /api/v1/families/:id",
	"POST /families/:id/consent":                            "POST /api/v1/families/:id/consent",
	"POST /families/:id/agreement/:school":                  "POST /api/v1/families/:id/agreement",
	"POST /families/:id/voice/:child":                       "POST /api/v1/families/:id/voice",
	"POST /families/:id/resolve/:child/:teacher/:kind":      "POST /api/v1/families/:id/resolve",
	"POST /families/:id/clearance":                          "POST /api/v1/families/:id/clearance",
	"POST /families/:id/custody":                            "POST /api/v1/families/:id/custody",
	"POST /families/:id/erase":                              "POST /api/v1/families/:id/erase",
	"GET /users":                                            "GET /api/v1/users",
	"POST /users":                                           "POST /api/v1/users",
	"POST /users/:id/scope":                                 "PUT /api/v1/users/:id/scope",
	"GET /users/:id":                                        "GET /api/v1/users/:id",
	"POST /users/:id/disable":                               "POST /api/v1/users/:id/disable",
	"POST /users/:id/enable":                                "POST /api/v1/users/:id/enable",
	"POST /users/:id/unlock":                                "POST /api/v1/users/:id/unlock",
	"POST /users/:id/reset":                                 "POST /api/v1/users/:id/reset",
	"POST /users/:id/sessions/:session/revoke":              "DELETE /api/v1/users/:id/sessions/:session",
	"POST /account/password":                                "PUT /api/v1/account/password",
	"POST /families/:id/access":                             "POST /api/v1/families/:id/subject-access",
	"GET /clearance":                                        "GET /api/v1/clearance",
	"GET /runsheets":                                        "GET /api/v1/runsheets",
	"GET /places":                                           "GET /api/v1/prisons",
	"GET /schools":                                          "GET /api/v1/schools",
	"POST /schools":                                         "POST /api/v1/schools",
	"GET /schools/:id":                                      "GET /api/v1/schools/:id",
	"POST /schools/:id/teachers":                            "POST /api/v1/schools/:id/teachers",
	"POST /schools/:id/teachers/:tid":                       "PUT /api/v1/schools/:id/teachers/:tid",
	"POST /schools/:id/details":                             "PUT /api/v1/schools/:id",
	"POST /schools/:id/sessions":                            "POST /api/v1/schools/:id/sessions",
	"GET /events":                                           "GET /api/v1/events",
	"POST /events":                                          "POST /api/v1/events",
	"GET /events/:id":                                       "GET /api/v1/events/:id",
	"GET /events/:id/readiness":                             "GET /api/v1/events/:id/readiness",
	"POST /events/:id/reminders":                            "POST /api/v1/events/:id/reminders",
	"POST /events/:id/links/:kind/:rid/revoke":              "DELETE /api/v1/events/:id/links/:kind/:rid",
	"POST /events/:id/costs/lines/delete":                   "DELETE /api/v1/events/:id/costs/lines",
	"POST /events/:id/costs/lines/edit":                     "PUT /api/v1/events/:id/costs/lines",
	"POST /costs/rates/:rid/delete":                         "DELETE /api/v1/costs/rates/:rid",
	"POST /events/:id/links/:kind/:rid/letter":              "POST /api/v1/events/:id/links/:kind/:rid/letter",
	"GET /families/import/template.csv":                     "GET /api/v1/referrals/import/template.csv",
	"POST /places/prisons":                                  "POST /api/v1/prisons",
	"POST /prisons/:id/details":                             "PUT /api/v1/prisons/:id",
	"POST /places/authorities/:id":                          "PUT /api/v1/local-authorities/:id",
	"POST /places/authorities":                              "POST /api/v1/local-authorities",
	"GET /events/:id/allocation":                            "GET /api/v1/events/:id/allocation",
	"POST /events/:id/allocate":                             "POST /api/v1/events/:id/allocation",
	"POST /events/:id/allocation/move":                      "POST /api/v1/events/:id/allocation/moves",
	"POST /events/:id/allocation/teacher/:tid/withdraw":     "POST /api/v1/events/:id/allocation/teachers/:tid/withdraw",
	"GET /prisons/:id/hall":                                 "GET /api/v1/prisons/:id/hall",
	"POST /prisons/:id/hall":                                "PUT /api/v1/prisons/:id/hall",
	"GET /keep-apart":                                       "GET /api/v1/keep-apart",
	"POST /keep-apart":                                      "POST /api/v1/keep-apart",
	"POST /keep-apart/remove":                               "POST /api/v1/keep-apart/remove",
	"GET /events/:id/documents":                             "GET /api/v1/events/:id/documents",
	"GET /events/:id/documents/:file":                       "GET /api/v1/events/:id/documents/:file",
	"POST /events/:id/invitations":                          "POST /api/v1/events/:id/invitations",
	"GET /events/:id/runsheet.pdf":                          "GET /api/v1/events/:id/runsheet.pdf",
	"GET /outbox":                                           "GET /api/v1/outbox",
	"GET /outbox/:file":                                     "GET /api/v1/outbox/:file",
	"POST /outbox/:id/retry":                                "POST /api/v1/outbox/:id/retry",
	"POST /teachers/:id/feed":                               "POST /api/v1/teachers/:id/feed",
	"GET /events/:id/costs":                                 "GET /api/v1/events/:id/costs",
	"POST /events/:id/costs/lines":                          "POST /api/v1/events/:id/costs/lines",
	"POST /events/:id/costs/actual":                         "POST /api/v1/events/:id/costs/actuals",
	"POST /events/:id/costs/override":                       "POST /api/v1/events/:id/costs/overrides",
	"POST /events/:id/costs/recalculate":                    "POST /api/v1/events/:id/costs/recalculate",
	"POST /events/:id/costs/settings":                       "PUT /api/v1/events/:id/costs/settings",
	"GET /events/:id/costs.xlsx":                            "GET /api/v1/events/:id/costs.xlsx",
	"GET /events/:id/costs.csv":                             "GET /api/v1/events/:id/costs.csv",
	"GET /costs/rates":                                      "GET /api/v1/costs/rates",
	"POST /costs/rates":                                     "POST /api/v1/costs/rates",
	"POST /costs/travel":                                    "POST /api/v1/costs/travel",
	"GET /figures":                                          "GET /api/v1/figures",
	"GET /figures/costs":                                    "GET /api/v1/figures/costs",
	"GET /figures/costs.xlsx":                               "GET /api/v1/figures/costs.xlsx",
	"GET /figures/costs.csv":                                "GET /api/v1/figures/costs.csv",
	"GET /figures/costs/showcases/:id":                      "GET /api/v1/figures/costs/showcases/:id",
	"GET /figures/costs/showcases/:id/costs.xlsx":           "GET /api/v1/figures/costs/showcases/:id/costs.xlsx",
	"GET /audit":                                            "GET /api/v1/audit",
	"POST /events/:id/allocation/teacher/:tid/reinstate":    "POST /api/v1/events/:id/allocation/teachers/:tid/reinstate",
	"POST /events/:id/allocation/teacher/:tid/availability": "PUT /api/v1/events/:id/allocation/teachers/:tid/availability",
	"POST /events/:id/allocation/teacher/:tid/cover":        "PUT /api/v1/events/:id/allocation/teachers/:tid/cover",
	"POST /families/:id/details":                            "PUT /api/v1/families/:id/details",
	"POST /families/:id/children/:child":                    "PUT /api/v1/families/:id/children/:child",
	"POST /families/:id/carers/:carer":                      "PUT /api/v1/families/:id/carers/:carer",
	"POST /families/:id/carers":                             "POST /api/v1/families/:id/carers",
}

// pageOnly are page routes with no API twin, each with the reason. A form
// page only shows the form whose POST is mapped above; the personal links
// and feeds are for carers and teachers, who have no account to call the
// API with.
var pageOnly = map[string]string{
	"GET /healthz":                        "not a page: the same for both",
	"GET /login":                          "form; the API signs in with POST /api/v1/session",
	"POST /login":                         "the API signs in with POST /api/v1/session",
	"POST /logout":                        "the API signs out with DELETE /api/v1/session",
	"GET /setup":                          "first-run form, before any account exists",
	"POST /setup":                         "first-run only, before any account exists",
	"GET /":                               "menu; its lists are GET /api/v1/families and /api/v1/clearance",
	"GET /families/new":                   "form",
	"GET /places/authorities/:id":         "form; PUT /api/v1/local-authorities/{id} saves it",
	"GET /prisons/:id/details":            "form; PUT /api/v1/prisons/{id} saves it",
	"GET /schools/:id/details":            "form; PUT /api/v1/schools/{id} saves it",
	"GET /families/import":                "upload form",
	"GET /families/:id/consent":           "form",
	"GET /families/:id/agreement/:school": "form",
	"GET /families/:id/voice/:child":      "form",
	"GET /families/:id/resolve/:child/:teacher/:kind":  "form",
	"GET /families/:id/clearance":                      "form; the family's clearance view is in GET /api/v1/clearance",
	"GET /families/:id/custody":                        "form; the family's custody is in GET /api/v1/clearance",
	"GET /families/:id/erase":                          "confirm form",
	"GET /users/new":                                   "form",
	"GET /users/:id/scope":                             "form; PUT /api/v1/users/{id}/scope saves it",
	"GET /users/:id/disable":                           "confirm page; the API takes confirm in the request",
	"GET /users/:id/sessions/:session/revoke":          "confirm page; the API takes confirm in the request",
	"GET /account/password":                            "form",
	"GET /events/:id/links/:kind/:rid/revoke":          "confirm page; the API takes confirm in the request",
	"GET /reset/:token":                                "the one-time link of a reset email, opened in a browser",
	"POST /reset/:token":                               "the one-time link of a reset email, opened in a browser",
	"GET /families/:id/access":                         "the form the download is posted from",
	"GET /feeds/:file":                                 "a teacher's calendar feed, by its secret name, with no account",
	"GET /l/:token":                                    "a carer's or teacher's personal link, with no account",
	"POST /l/:token":                                   "a carer's or teacher's personal link, with no account",
	"GET /l/:token/pack.pdf":                           "a carer's or teacher's personal link, with no account",
	"GET /l/:token/invite.ics":                         "a carer's or teacher's personal link, with no account",
	"POST /l/:token/feed":                              "a carer's or teacher's personal link, with no account",
	"GET /l/:token/withdraw":                           "a carer's or teacher's personal link, with no account",
	"POST /l/:token/withdraw":                          "a carer's or teacher's personal link, with no account",
	"GET /l/:token/child/:child":                       "a carer's or teacher's personal link, with no account",
	"POST /l/:token/child/:child":                      "a carer's or teacher's personal link, with no account",
	"GET /l/:token/travel":                             "a carer's or teacher's personal link, with no account",
	"POST /l/:token/travel":                            "a carer's or teacher's personal link, with no account",
	"GET /events/:id/links/:kind/:rid/letter":          "confirm page; the API takes confirm in the request",
	"GET /keep-apart/remove":                           "confirm page for the POST",
	"GET /teachers/:id/feed":                           "confirm page for the POST",
	"GET /events/:id/costs/lines/delete":               "confirm page for the POST",
	"GET /events/:id/costs/lines/edit":                 "form",
	"GET /costs/rates/:rid/delete":                     "confirm page for the POST",
	"GET /families/:id/details":                        "form",
	"GET /families/:id/children/:child":                "form",
	"GET /families/:id/carers/:carer":                  "form",
	"GET /families/:id/carers":                         "form",
	"GET /schools/:id/teachers/:tid":                   "form",
	"GET /events/:id/allocate":                         "confirm page; the API takes confirm in the request",
	"GET /events/:id/allocation/teacher/:tid/withdraw": "confirm page; the API takes confirm in the request",
}

// pendingAPI are page routes whose API route is still to be written. Keep
// it short: each entry is work owed, and a new page route must not land
// here without a reason.
var pendingAPI = map[string]string{}

// Everything a coordinator, prison staff or commissioner can do on a page
// can be done through the API (issue 12). A page route added without an
// API twin, a reason it needs none, or an entry in pendingAPI fails here.
func TestEveryPageRouteHasAnAPIRoute(t *testing.T) {
	s := &Server{}
	api := map[string]Route{}
	for _, r := range s.apiRoutes() {
		api[r.Method+" "+r.Path] = r
	}
	pages := map[string]bool{}
	for _, r := range s.routes() {
		key := r.Method + " " + r.Path
		pages[key] = true
		to, mapped := pageToAPI[key]
		_, only := pageOnly[key]
		_, pending := pendingAPI[key]
		switch n := btoi(mapped) + btoi(only) + btoi(pending); {
		case n == 0:
			t.Errorf("%s has no API route: add one and map it in pageToAPI (or, for a form, say so in pageOnly)", key)
			continue
		case n > 1:
			t.Errorf("%s is listed more than once in pageToAPI, pageOnly and pendingAPI", key)
		}
		if only && r.Method == http.MethodPost && len(r.Roles) > 0 && key != "POST /logout" {
			t.Errorf("%s does work for an account: it needs an API route, not a pageOnly entry", key)
		}
		if !mapped {
			continue
		}
		twin, ok := api[to]
		if !assert.True(t, ok, "%s maps to %s, which is not an API route", key, to) {
			continue
		}
		assert.ElementsMatch(t, r.Roles, twin.Roles, "%s and %s must allow the same roles", key, to)
	}
	for _, table := range []map[string]string{pageToAPI, pageOnly, pendingAPI} {
		for key := range table {
			assert.True(t, pages[key], "%s is listed but is no longer a page route", key)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
