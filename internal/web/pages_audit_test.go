package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// The log reads as words in the reader's language, names records by
// reference, shows no values, and filters by action, account, date and
// record.
func TestAuditLogReadsAsWordsAndFilters(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	admin := a.user(domain.RoleAdmin)
	coord := a.user(domain.RoleCoordinator)
	r := coord.post(fmt.Sprintf("/schools/%d/teachers", w.school), url.Values{"name": {"Mr Price"}, "email": {"price@ysgol.example"}, "role": {"senco"}, "lang": {"en"}})
	require.Equal(t, http.StatusOK, r.code)
	u, err := a.store.UserByEmail(context.Background(), "coordinator@example.org")
	require.NoError(t, err)

	r = admin.get("/audit")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Test coordinator", "who")
	assert.Contains(t, r.body, "23 November 2026 10:00", "when, in UK time")
	assert.Contains(t, r.body, ">Created<", "what, in words")
	assert.Contains(t, r.body, "Member of staff TCH-0002", "which record, by reference")
	assert.NotContains(t, r.body, "Mr Price", "no values from the change")
	assert.NotContains(t, r.body, "{", "no JSON")
	assert.Less(t, strings.Index(r.body, "TCH-0002"), strings.Index(r.body, "SCH-0001"), "newest first")

	r = admin.get(fmt.Sprintf("/audit?action=create&account=%d", u.ID))
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "TCH-0002")
	assert.NotContains(t, r.body, "SCH-0001", "only the coordinator's changes")
	assert.Contains(t, r.body, fmt.Sprintf(`<option value="%d" selected>Test coordinator</option>`, u.ID))

	r = admin.get(fmt.Sprintf("/audit?entity=school&entity_id=%d", w.school))
	assert.Contains(t, r.body, "School SCH-0001")
	assert.NotContains(t, r.body, "TCH-0002")
	assert.Contains(t, admin.get("/audit?from=2026-11-23&to=2026-11-23").body, "TCH-0002", "the 'to' day is included")
	assert.NotContains(t, admin.get("/audit?from=2026-11-24").body, "TCH-0002")

	for _, c := range []struct{ query, message string }{
		{"entity_id=twelve", "Enter a record number, like 12"},
		{"from=2026-13-01", "Enter a real date, for example 2026-11-23"},
		{"from=2026-11-24&to=2026-11-23", "The &#39;to&#39; date must be the same as or after the &#39;from&#39; date"},
		{"family=Smith", "Enter a family reference like FAM-0012"},
		{"account=me", "Choose an account from the list"},
	} {
		r = admin.get("/audit?" + c.query)
		assert.Equal(t, http.StatusBadRequest, r.code, c.query)
		assert.Contains(t, r.body, c.message, c.query)
	}

	cy := admin.get("/audit?lang=cy").body
	assert.Contains(t, cy, "Log archwilio")
	assert.Contains(t, cy, "Wedi&#39;i greu")
	assert.Contains(t, cy, "Aelod o staff TCH-0002")
}

// The log has no cap: a page at a time, following the "older" link, every
// entry is seen once. The API pages the same way by cursor.
func TestAuditLogPagesByCursor(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	for i := range 2*auditPageSize + 3 {
		_, err := a.store.CreateLocalAuthority(ctx, domain.System, fmt.Sprintf("Area %03d", i))
		require.NoError(t, err)
	}
	admin := a.user(domain.RoleAdmin)
	all, err := a.store.AuditLog(ctx, store.AuditFilter{Limit: 1 << 20})
	require.NoError(t, err)

	row := regexp.MustCompile(`<td data-label="Record">`)
	next := regexp.MustCompile(`href="/audit\?([^"]+)" rel="next"`)
	seen, pages := 0, 0
	for path := "/audit"; ; {
		r := admin.get(path)
		require.Equal(t, http.StatusOK, r.code)
		seen += len(row.FindAllString(r.body, -1))
		pages++
		m := next.FindStringSubmatch(r.body)
		if m == nil {
			break
		}
		path = "/audit?" + strings.ReplaceAll(m[1], "&amp;", "&")
		require.Less(t, pages, 5, "the pages end")
	}
	assert.Equal(t, len(all), seen)
	assert.Equal(t, 3, pages)

	api := a.apiAs(domain.RoleAdmin)
	api.lang = "cy"
	var ids []any
	for after := ""; ; {
		r := api.call(http.MethodGet, "/api/v1/audit?limit=40&action=create"+after, nil)
		require.Equal(t, http.StatusOK, r.code, r.body)
		body := r.json(t)
		for _, e := range body["entries"].([]any) {
			entry := e.(map[string]any)
			ids = append(ids, entry["id"])
			assert.Equal(t, "Wedi'i greu", entry["action_text"])
			assert.NotContains(t, entry, "after", "no values")
		}
		if body["next"] == nil {
			break
		}
		after = "&after=" + body["next"].(string)
	}
	assert.Len(t, ids, len(all)+1, "every creation once, the API account's own included")

	r := api.call(http.MethodGet, "/api/v1/audit?limit=9999", nil)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, "limit", r.json(t)["field"])
	assert.Equal(t, http.StatusForbidden, a.apiAs(domain.RoleCoordinator).call(http.MethodGet, "/api/v1/audit", nil).code)
}

// Every action the app writes to the log has words in both languages, so
// the log never shows a raw code. The codes are read from the source,
// where they are written.
func TestEveryAuditActionHasALabel(t *testing.T) {
	cat := i18n.MustLoad()
	literal := regexp.MustCompile(`(?:s\.audit\(tx, \w+(?:\(\w+\))?, |Action: |changeLine\(ctx, actor, eventID, lineID, |Erase\w+ += )"([a-z_]+)"`)
	codes := map[string]bool{}
	for _, dir := range []string{"../store", "../showcase"} {
		files, err := filepath.Glob(dir + "/*.go")
		require.NoError(t, err)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
				if !strings.HasSuffix(m[1], "_") { // "record_"+kind, below
					codes[m[1]] = true
				}
			}
		}
	}
	for _, k := range []domain.StepKind{domain.StepConsent, domain.StepAgreement, domain.StepClearance, domain.StepOverride} {
		codes["record_"+string(k)] = true // steps.go writes "record_"+kind
	}
	require.Greater(t, len(codes), 25, "the pattern still finds the codes")
	for code := range codes {
		for _, lang := range i18n.Langs {
			assert.True(t, cat.Has(lang, "audit.action_"+code), "%s has no %s label", code, lang)
		}
	}
}
