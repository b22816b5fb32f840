package web

import (
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// GOV.UK form patterns, page by page: a page with errors says "Error:" in
// its title (in the reader's language) and focuses its summary without
// JavaScript; no question that needs a choice arrives answered; every
// dropdown choice is a translated label; each message names its field.
func TestFormsFollowTheGOVUKPatterns(t *testing.T) {
	a := newTestApp(t)
	w := a.seed()
	c := a.user(domain.RoleCoordinator)
	require.Equal(t, 200, c.post("/families", referralForm(w)).code)

	t.Run("error title and focus", func(t *testing.T) {
		for _, tc := range []struct{ lang, title string }{
			{"en", "<title>Error: Showcases"},
			{"cy", "<title>Gwall: "},
		} {
			c.get("/events?lang=" + tc.lang)
			r := c.post("/events", url.Values{"title": {""}})
			assert.Equal(t, 400, r.code)
			assert.Contains(t, r.body, tc.title)
			assert.Regexp(t, `class="error-summary"[^>]*tabindex="-1"[^>]*autofocus`, r.body)
		}
		c.get("/events?lang=en")
		assert.NotContains(t, c.get("/events").body, "<title>Error:", "a page without errors says none")
	})

	t.Run("nothing chosen for the user", func(t *testing.T) {
		for _, path := range []string{"/families/1/consent", "/families/new"} {
			body := c.get(path).body
			for _, sel := range []string{"route", "carer_relationship"} {
				m := regexp.MustCompile(`(?s)<select id="f-` + sel + `".*?</select>`).FindString(body)
				if m == "" {
					continue
				}
				assert.Regexp(t, `^[^>]*>\s*<option value="" selected>Choose…`, m[len(`<select id="f-`+sel+`"`):], path+" "+sel)
			}
		}
		agreement := c.get("/families/1/agreement/" + strconv.FormatInt(w.school, 10)).body
		assert.Contains(t, agreement, `<option value="" selected>Choose…</option>`)
		school := c.get("/schools/" + strconv.FormatInt(w.school, 10)).body
		assert.NotRegexp(t, `name="route" value="[a-z_]+" checked`, school, "how the session was delivered is not preselected")
	})

	t.Run("every dropdown label translated", func(t *testing.T) {
		for _, lang := range []string{"en", "cy"} {
			body := c.get("/families/1/clearance?lang=" + lang).body
			assert.NotRegexp(t, `<option value="[^"]*">[a-z_]+\.[a-z_]*</option>`, body, "a raw catalogue key in a dropdown")
			assert.Contains(t, body, `<option value="" selected>`+map[string]string{"en": "Choose…", "cy": "Dewiswch…"}[lang])
		}
		c.get("/events?lang=en")
	})

	t.Run("each field names itself", func(t *testing.T) {
		r := c.post("/events", url.Values{})
		for _, msg := range []string{"Select the prison", "Enter the showcase&#39;s title", "Enter the showcase&#39;s date",
			"Enter the time the first meeting starts", "Enter how many minutes each meeting lasts",
			"Enter the number of meeting slots", "Enter how many minutes before the first meeting families arrive"} {
			assert.Contains(t, r.body, msg)
		}
		assert.NotContains(t, r.body, "Enter this information")
		r = c.post("/families/1/consent", url.Values{})
		for _, msg := range []string{"Select the outcome", "Select how this was done", "Enter the date this happened"} {
			assert.Contains(t, r.body, msg)
		}
	})
}
