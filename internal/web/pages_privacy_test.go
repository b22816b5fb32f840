package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// Erasing on request needs the reference typed again; then the family's
// page keeps its reference and loses its names, and the log says who
// erased it and when.
func TestEraseFamilyOnRequest(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	fam := w.addFamily(t, "Dai Erasable", "Nia Erasable", w.school)
	coord := a.user(domain.RoleCoordinator)
	path := fmt.Sprintf("/families/%d/erase", fam)

	r := coord.get(fmt.Sprintf("/families/%d", fam))
	assert.Contains(t, r.body, `href="`+path+`"`, "the family page links the erasure")
	r = coord.get(path)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "This cannot be undone.")

	r = coord.post(path, url.Values{"confirm": {"FAM-9999"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Type FAM-0001 to confirm the erasure")
	r = coord.get(fmt.Sprintf("/families/%d", fam))
	assert.Contains(t, r.body, "Dai Erasable", "nothing erased without the confirmation")

	r = coord.post(path, url.Values{"confirm": {"fam-0001"}})
	require.Equal(t, http.StatusOK, r.code, "followed to the family page")
	assert.Contains(t, r.body, "The family&#39;s personal data has been erased: FAM-0001")
	assert.NotContains(t, r.body, "Dai Erasable")
	assert.NotContains(t, r.body, "Nia Erasable")
	assert.Contains(t, r.body, "FAM-0001")

	// Nothing personal comes back: a change is refused, saying why, and the
	// family is never seated again.
	r = coord.post(fmt.Sprintf("/families/%d/details", fam), url.Values{"parent_name": {"Dai Again"}, "prison_number": {"A1234BC"},
		"referral_source": {"parent"}, "referred_on": {"2026-11-01"}, "carer_name": {"Nia Again"}, "carer_relationship": {"parent"},
		"carer_phone": {"07700 900123"}, "carer_lang": {"en"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "FAM-0001&#39;s personal data was erased, so the family cannot be changed")
	cs, err := a.store.Case(t.Context(), domain.Unrestricted, fam)
	require.NoError(t, err)
	assert.Empty(t, cs.Family.ParentName)
	assert.Contains(t, coord.get(fmt.Sprintf("/families/%d", fam)).body, "personal data was erased")

	admin := a.user(domain.RoleAdmin)
	r = admin.get("/audit?family=FAM-0001")
	assert.Contains(t, r.body, "Personal data erased on request")
	assert.Contains(t, r.body, "Test coordinator")
}

func TestEraseFamilyThroughTheAPI(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	fam := w.addFamily(t, "Dai Erasable", "Nia Erasable", w.school)
	api := a.apiAs(domain.RoleCoordinator)
	path := fmt.Sprintf("/api/v1/families/%d/erase", fam)

	r := api.call(http.MethodPost, path, map[string]any{"confirm": "FAM-0002"})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, "confirm", r.json(t)["field"])
	r = api.call(http.MethodPost, path, map[string]any{"confirm": "FAM-0001"})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, map[string]any{"ref": "FAM-0001", "erased": true}, r.json(t))
	cs, err := a.store.Case(t.Context(), domain.Unrestricted, fam)
	require.NoError(t, err)
	assert.Empty(t, cs.Family.ParentName)
	assert.Equal(t, http.StatusForbidden, a.apiAs(domain.RoleCommissioner).call(http.MethodPost, path, map[string]any{"confirm": "FAM-0001"}).code)
}

// A coordinator downloads everything held about one carer, as JSON or as a
// PDF in the carer's language: it names that carer only, the file is named
// by reference, no cache keeps it, and the download is audited. A choice
// that is not one of the family's people saves nothing and says why.
func TestSubjectAccessDownload(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	fam := w.addFamily(t, "Dai Accessible", "Nia Accessible", w.school)
	other := w.addFamily(t, "Dai Other", "Nia Other", w.school)
	cs, err := a.store.Case(t.Context(), domain.Unrestricted, fam)
	require.NoError(t, err)
	otherCase, err := a.store.Case(t.Context(), domain.Unrestricted, other)
	require.NoError(t, err)
	carer := fmt.Sprintf("carer:%d", cs.Carers[0].ID)
	coord := a.user(domain.RoleCoordinator)
	path := fmt.Sprintf("/families/%d/access", fam)

	r := coord.get(fmt.Sprintf("/families/%d", fam))
	assert.Contains(t, r.body, `href="`+path+`"`, "the family page links the download")
	r = coord.get(path)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Carer: Carer of Nia Accessible")
	assert.NotContains(t, r.body, " checked", "no answer is chosen for the coordinator")

	audits := func() int {
		all, err := a.store.AuditLog(t.Context(), store.AuditFilter{Limit: 1 << 20})
		require.NoError(t, err)
		n := 0
		for _, e := range all {
			if e.Action == "export_subject_access" {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		name   string
		form   url.Values
		errors []string
	}{
		{"nothing chosen", url.Values{}, []string{"Select whose information to download", "Select PDF or JSON"}},
		{"another family's carer", url.Values{"person": {fmt.Sprintf("carer:%d", otherCase.Carers[0].ID)}, "format": {"json"}}, []string{"Select whose information to download"}},
		{"an unknown language", url.Values{"person": {carer}, "format": {"pdf"}, "lang": {"fr"}}, []string{"Select English or Cymraeg"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := coord.post(path, c.form)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Contains(t, r.body, "<title>Error:")
			for _, e := range c.errors {
				assert.Contains(t, r.body, e)
			}
			assert.NotContains(t, r.body, "Dai Other")
			assert.Equal(t, 0, audits(), "nothing is exported or audited")
		})
	}

	r = coord.post(path, url.Values{"person": {carer}, "format": {"json"}})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
	assert.Contains(t, r.header.Get("Content-Disposition"), fmt.Sprintf("subject-access-FAM-0001-carer-%d.json", cs.Carers[0].ID))
	assert.Contains(t, r.body, "Carer of Nia Accessible")
	assert.Contains(t, r.body, "07700 900123")
	assert.NotContains(t, r.body, "Dai Accessible", "the parent is not named in the carer's export")
	assert.NotContains(t, r.body, "first_name", "nor the child")
	assert.Equal(t, 1, audits())

	r = coord.post(path, url.Values{"person": {"parent"}, "format": {"pdf"}, "lang": {"cy"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "application/pdf", r.header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(r.body, "%PDF-"))
	assert.Contains(t, r.header.Get("Content-Disposition"), "subject-access-FAM-0001-parent.pdf")
	assert.NotContains(t, r.header.Get("Content-Disposition"), "Dai")
	assert.Equal(t, 2, audits())
}

func TestSubjectAccessThroughTheAPI(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	fam := w.addFamily(t, "Dai Accessible", "Nia Accessible", w.school)
	cs, err := a.store.Case(t.Context(), domain.Unrestricted, fam)
	require.NoError(t, err)
	api := a.apiAs(domain.RoleCoordinator)
	path := fmt.Sprintf("/api/v1/families/%d/subject-access", fam)

	r := api.call(http.MethodPost, path, map[string]any{"person": "child", "person_id": cs.Children[0].ID + 1000})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, "person", r.json(t)["field"])
	r = api.call(http.MethodPost, path, map[string]any{"person": "child", "person_id": cs.Children[0].ID})
	require.Equal(t, http.StatusOK, r.code, r.body)
	got := r.json(t)
	assert.Equal(t, "child", got["person"])
	assert.Equal(t, "Nia Accessible", got["record"].(map[string]any)["first_name"])
	assert.NotContains(t, r.body, "Dai Accessible")
	r = api.call(http.MethodPost, path, map[string]any{"person": "parent", "format": "pdf"})
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "application/pdf", r.header.Get("Content-Type"))
	assert.Equal(t, http.StatusForbidden, a.apiAs(domain.RoleCommissioner).call(http.MethodPost, path, map[string]any{"person": "parent"}).code)
}
