package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// upload sends a file as the import form does: multipart, with the CSRF
// token as a form field.
func (c *client) upload(path, name string, data []byte) response {
	c.t.Helper()
	if c.csrf() == "" {
		c.get("/login")
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	require.NoError(c.t, w.WriteField("_csrf", c.csrf()))
	f, err := w.CreateFormFile("file", name)
	require.NoError(c.t, err)
	_, err = f.Write(data)
	require.NoError(c.t, err)
	require.NoError(c.t, w.Close())
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

var problemList = regexp.MustCompile(`(?s)<ul class="import-problems">.*?</ul>`)

var confirmData = regexp.MustCompile(`name="data" value="([^"]+)"`)

func (a *testApp) familyCount() int {
	a.t.Helper()
	cases, err := a.store.Cases(context.Background(), domain.Unrestricted, 0)
	require.NoError(a.t, err)
	return len(cases)
}

const importHeader = "Prison,Parent name,Prison number,Referral source,Referred on,Carer name,Carer relationship,Carer phone,Carer email,Carer language,Child first name,School\n"

// A coordinator uploads a spreadsheet with a bad row and sees each problem
// by row and column with nothing saved; the corrected file shows the
// families, and only the confirm step saves them, all at once.
func TestImportPreviewsThenSavesAllOrNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	c := a.user(domain.RoleCoordinator)

	r := c.get("/families/import")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Child first name")
	assert.Contains(t, c.get("/families/import?lang=cy").body, "Enw cyntaf y plentyn")
	c.get("/families/import?lang=en")

	bad := importHeader +
		"HMP Example,Rhodri Wyn,A1234BC,school,03/11/2026,Siân,parent,07700 900123,,cy,Cai,Ysgol y Bryn\n" +
		"HMP Example,Tom Evans,,school,03/11/2026,Kerry,parent,,kerry@,en,Ella,Ysgol Neb\n"
	r = c.upload("/families/import", "referrals.csv", []byte(bad))
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "2 problems in referrals.csv")
	assert.Contains(t, r.body, "<strong>Row 3, Carer email:</strong> Enter an email address in the correct format")
	assert.Contains(t, r.body, "<strong>Row 3, School:</strong> There is no school called “Ysgol Neb”")
	assert.NotContains(t, r.body, `name="data"`, "a file with problems cannot be confirmed")
	assert.Equal(t, 0, a.familyCount())

	good := strings.Replace(strings.Replace(bad, "kerry@", "kerry@example.org", 1), "Ysgol Neb", "Ysgol y Bryn", 1)
	r = c.upload("/families/import", "referrals.csv", []byte(good))
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Contains(t, r.body, "2 families are ready to add")
	assert.Contains(t, r.body, "Rhodri Wyn")
	m := confirmData.FindStringSubmatch(r.body)
	require.NotNil(t, m)
	assert.Equal(t, 0, a.familyCount(), "checking saves nothing")

	// The confirm step checks again: a file changed on the way is refused whole.
	tampered := c.post("/families/import/confirm", url.Values{"name": {"referrals.csv"}, "data": {base64URL(bad)}})
	require.Equal(t, http.StatusBadRequest, tampered.code)
	assert.Contains(t, tampered.body, "Row 3, Carer email")
	assert.Equal(t, 0, a.familyCount())

	done := c.post("/families/import/confirm", url.Values{"name": {"referrals.csv"}, "data": {m[1]}})
	require.Equal(t, http.StatusOK, done.code)
	assert.Equal(t, "/", done.location)
	assert.Regexp(t, `Referrals added from the spreadsheet: FAM-\d{4}, FAM-\d{4}`, done.body)
	assert.Equal(t, 2, a.familyCount())
	_ = w
}

// The template's headers are in the reader's language, and a Welsh
// template filled in with Welsh answers imports as it is.
func TestImportTemplateRoundTripsInWelsh(t *testing.T) {
	a := newTestApp(t)
	a.apiSeed()
	c := a.user(domain.RoleCoordinator)
	r := c.get("/families/import/template.csv?lang=cy")
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "text/csv; charset=utf-8", r.header.Get("Content-Type"))
	require.True(t, strings.HasPrefix(r.body, "\uFEFFTeulu,Carchar,Enw'r rhiant,"), r.body)
	filled := r.body + "1,CEF Example,Rhodri Wyn,,Ysgol,Mrs Ifans,5 Tachwedd 2026,Siân,Rhiant,07700 900123,,Cymraeg,,Cai,Wyn,Blwyddyn 4,Ysgol y Bryn,ie,\n"
	res := c.upload("/families/import", "atgyfeiriadau.csv", []byte(filled))
	require.Equal(t, http.StatusOK, res.code, problemList.FindString(res.body))
	assert.Contains(t, res.body, "Mae 1 teulu yn barod i&#39;w ychwanegu")
}

func base64URL(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// The API does what the page does: a check that saves nothing, then a
// commit that saves every family or none.
func TestImportThroughTheAPI(t *testing.T) {
	a := newTestApp(t)
	a.apiSeed()
	api := a.apiAs(domain.RoleCoordinator)
	send := func(query, contentType, body string) apiResp {
		req, _ := http.NewRequest(http.MethodPost, api.base+"/api/v1/referrals/import"+query, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		return api.send(req)
	}
	bad := importHeader + "HMP Example,Tom Evans,,school,03/11/2026,Kerry,parent,,kerry@,en,Ella,\n"
	good := strings.Replace(bad, "kerry@", "kerry@example.org", 1)

	r := send("", "application/json", `{"file": "x"}`)
	assert.Equal(t, http.StatusUnsupportedMediaType, r.code)
	assert.Contains(t, r.body, "Content-Type: text/csv")

	r = send("", "text/csv", bad)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.JSONEq(t, `{"ok": false, "rows": 1, "families": 1, "children": 1, "problems": [
		{"row": 2, "column": "carer_email", "header": "Carer email", "message": "Enter an email address in the correct format, like name@example.org"}]}`, r.body)

	r = send("?commit=true", "text/csv", bad)
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, `rows[2].carer_email`)
	assert.Equal(t, 0, a.familyCount())

	r = send("?commit=true", "text/csv; charset=utf-8", good)
	require.Equal(t, http.StatusCreated, r.code, r.body)
	assert.Regexp(t, `^\{"created":\[\{"id":\d+,"ref":"FAM-\d{4}"\}\]\}`, r.body)
	assert.Equal(t, 1, a.familyCount())
}
