package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAPIDocumentsAndOutbox(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	ev := "/api/v1/events/" + id(w.A.event)
	retry := "/api/v1/outbox/" + id(w.A.outbox) + "/retry"
	runAPICases(t, clients, []apiCase{
		{"prison staff get no documents list", "staffA", http.MethodGet, ev + "/documents", nil, http.StatusForbidden, ""},
		{"another prison's showcase has no documents", "coordB", http.MethodGet, ev + "/documents", nil, http.StatusNotFound, ""},
		{"nor invitations to send", "coordB", http.MethodPost, ev + "/invitations", map[string]any{}, http.StatusNotFound, ""},
		{"nor a run sheet for its staff", "staffB", http.MethodGet, ev + "/runsheet.pdf", nil, http.StatusNotFound, ""},
		{"commissioners get no run sheet", "comm", http.MethodGet, ev + "/runsheet.pdf", nil, http.StatusForbidden, ""},
		{"another prison's message cannot be retried", "coordB", http.MethodPost, retry, nil, http.StatusNotFound, ""},
		{"nor read", "coordB", http.MethodGet, "/api/v1/outbox/" + id(w.A.outbox) + ".eml", nil, http.StatusNotFound, ""},
		{"an outbox filter that is not a number", "coordA", http.MethodGet, "/api/v1/outbox?event_id=x", nil, http.StatusBadRequest, "event_id"},
		{"a file that is not the showcase's", "coordA", http.MethodGet, ev + "/documents/other.pdf", nil, http.StatusNotFound, ""},
		{"another prison's teacher's feed", "coordB", http.MethodPost, "/api/v1/teachers/" + id(w.A.teacher) + "/feed", nil, http.StatusNotFound, ""},
	})

	r := clients["coordA"].call(http.MethodGet, ev+"/documents", nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	docs := r.json(t)
	assert.NotContains(t, r.body, "Carer Alpha", "recipients by reference")
	var pack string
	for _, d := range docs["documents"].([]any) {
		if u := d.(map[string]any)["url"].(string); strings.HasSuffix(u, ".pdf") && pack == "" {
			pack = u
		}
	}
	require.NotEmpty(t, pack)
	r = clients["coordA"].call(http.MethodGet, pack, nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "application/pdf", r.header.Get("Content-Type"))
	assert.Equal(t, "no-store", r.header.Get("Cache-Control"))

	r = clients["coordA"].call(http.MethodPost, ev+"/invitations", nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, float64(0), r.json(t)["new"], "the world sent them already; nothing changed since")

	r = clients["staffA"].call(http.MethodGet, ev+"/runsheet.pdf", nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "application/pdf", r.header.Get("Content-Type"))

	r = clients["coordB"].call(http.MethodGet, "/api/v1/outbox", nil)
	require.Equal(t, http.StatusOK, r.code)
	assertNoMarkers(t, r.body, w.A, "prison B's outbox")
	r = clients["coordA"].call(http.MethodGet, "/api/v1/outbox?event_id="+id(w.A.event), nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	require.NotEmpty(t, r.list(t))
	r = clients["coordA"].call(http.MethodPost, retry, nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, "queued", r.json(t)["status"])
	r = clients["coordA"].call(http.MethodGet, "/api/v1/outbox/"+id(w.A.outbox)+".eml", nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Subject:")

	r = clients["coordA"].call(http.MethodPost, "/api/v1/teachers/"+id(w.A.teacher)+"/feed", nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.True(t, strings.HasPrefix(r.json(t)["url"].(string), "webcal://"))
}
