package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	plinks "schoolzone/internal/links"
	"schoolzone/internal/mail"
	"schoolzone/internal/store"
)

var linkInMail = regexp.MustCompile(`/l/([A-Za-z0-9_-]{43})`)

// tokensSent reads the personal links out of the invitation emails of a
// showcase, by recipient kind, as the recipients would.
func (a *testApp) tokensSent(event int64) map[string]string {
	a.t.Helper()
	ctx := context.Background()
	msgs, err := a.store.Outbox(ctx, store.OutboxFilter{Scope: domain.Unrestricted, EventID: event})
	require.NoError(a.t, err)
	out := map[string]string{}
	for _, m := range msgs {
		if m.EventID != event || m.Kind != "invite" {
			continue
		}
		eml, err := a.store.OutboxEML(ctx, domain.Unrestricted, m.ID)
		require.NoError(a.t, err)
		texts, err := mail.TextParts(eml)
		require.NoError(a.t, err)
		for _, text := range texts {
			if found := linkInMail.FindStringSubmatch(string(text)); found != nil {
				out[m.RecipientKind] = found[1]
			}
		}
	}
	return out
}

// A carer and a teacher each reach only their own page through the link
// in their email; every wrong, revoked or expired token is the same plain
// 404, and the pages are never cached or passed on as a referrer.
func TestPersonalLinks(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	tokens := a.tokensSent(w.A.event)
	require.Len(t, tokens, 2, "the carer's and the teacher's emails each carry a link")
	browser := a.client()

	carer := browser.get("/l/" + tokens["carer"])
	require.Equal(t, http.StatusOK, carer.code)
	assert.Equal(t, "no-referrer", carer.header.Get("Referrer-Policy"))
	assert.Equal(t, "no-store", carer.header.Get("Cache-Control"))
	assert.Contains(t, carer.body, "Is Carer Alphaready coming?")
	assert.Contains(t, carer.body, "Is Alphachild coming?")
	assert.NotContains(t, carer.body, `checked`, "no answer is chosen for the carer")
	for _, other := range []string{"Alphanew", "Alphababy", "Beta", "Sign out", "/families"} {
		assert.NotContains(t, carer.body, other, "a carer's page shows their own family only, and no staff menu")
	}
	teacher := browser.get("/l/" + tokens["teacher"])
	require.Equal(t, http.StatusOK, teacher.code)
	assert.Contains(t, teacher.body, "Alphachild", "the child's register names this teacher")
	assert.Contains(t, teacher.body, "/l/"+tokens["teacher"]+"/pack.pdf")

	// Wrong, another family's (prison B's link opens B's page, never A's),
	// revoked and expired tokens: the same 404, saying nothing.
	other := a.tokensSent(w.B.event)["carer"]
	assert.NotContains(t, browser.get("/l/"+other).body, "Alphachild")
	fresh, _, err := plinks.New()
	require.NoError(t, err)
	notFound := browser.get("/l/" + fresh)
	require.Equal(t, http.StatusNotFound, notFound.code)
	for _, bad := range []string{"nonsense", tokens["carer"] + "x", strings.ToUpper(tokens["carer"]), "../../etc/passwd"} {
		r := browser.get("/l/" + url.PathEscape(bad))
		assert.Equal(t, http.StatusNotFound, r.code, bad)
	}
	require.NoError(t, a.store.RevokeLink(context.Background(), domain.System, w.A.event, "teacher", w.A.teacher))
	revoked := browser.get("/l/" + tokens["teacher"])
	assert.Equal(t, http.StatusNotFound, revoked.code)
	requestID := regexp.MustCompile(`[A-Za-z]{32}`)
	assert.Equal(t, requestID.ReplaceAllString(notFound.body, "ID"), requestID.ReplaceAllString(revoked.body, "ID"),
		"a revoked link reads exactly as one that never was, but for the request's ID")
	assert.Equal(t, http.StatusNotFound, browser.get("/l/"+tokens["teacher"]+"/pack.pdf").code)

	// The carer answers: a choice missing is named, then the answer is saved
	// and the family's invite reads as confirmed.
	form := url.Values{}
	r := browser.post("/l/"+tokens["carer"], form)
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Say whether Carer Alphaready is coming")
	assert.Contains(t, r.body, "Say whether Alphachild is coming")
	cs, err := a.store.Case(context.Background(), domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	form.Set("carer_"+itoa(cs.Carers[0].ID), "yes")
	form.Set("child_"+itoa(w.A.child), "yes")
	form.Set("needs", "Step-free access, please")
	r = browser.post("/l/"+tokens["carer"], form)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Your answer has been saved")
	assert.Contains(t, r.body, "Step-free access, please")
	resp, err := a.store.InviteResponse(context.Background(), w.A.event, "carer", cs.Carers[0].ID)
	require.NoError(t, err)
	assert.Equal(t, store.ResponseConfirmed, resp)
	// Another family's child cannot be answered for through this link.
	form.Set("child_"+itoa(w.B.child), "no")
	assert.NoError(t, a.store.RecordCarerAnswer(context.Background(), plinks.Hash(tokens["carer"]), store.CarerAnswer{
		People: []store.Attendance{{Kind: "child", ID: w.A.child, Coming: true}}}))
	err = a.store.RecordCarerAnswer(context.Background(), plinks.Hash(tokens["carer"]), store.CarerAnswer{
		People: []store.Attendance{{Kind: "child", ID: w.B.child, Coming: false}}})
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

// A teacher says through their link whether they are coming and whether
// their school needs cover, and the cost estimate uses the new answer.
func TestTeacherAnswersThroughTheirLink(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	token := a.tokensSent(w.A.event)["teacher"]
	browser := a.client()
	page := browser.get("/l/" + token)
	require.Equal(t, http.StatusOK, page.code)
	assert.Regexp(t, `name="needs_cover" value="yes" checked`, page.body, "a class teacher needs cover unless told otherwise")
	ctx := context.Background()
	needsCover := func() bool {
		in, err := a.store.EstimateInput(ctx, w.A.event)
		require.NoError(t, err)
		require.Len(t, in.Teachers, 1)
		return in.Teachers[0].NeedsCover
	}
	require.True(t, needsCover())
	r := browser.post("/l/"+token, url.Values{"coming": {"yes"}, "needs_cover": {"no"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Your answer has been saved")
	assert.False(t, needsCover(), "the estimate leaves out cover the school does not need")
	cover, err := a.store.TeacherCover(ctx, w.A.teacher)
	require.NoError(t, err)
	assert.False(t, cover)
	resp, err := a.store.InviteResponse(ctx, w.A.event, "teacher", w.A.teacher)
	require.NoError(t, err)
	assert.Equal(t, store.ResponseConfirmed, resp)
}

// Guessing at links is slowed per address: a burst, then 429.
func TestLinkPagesAreRateLimited(t *testing.T) {
	a := newTestApp(t)
	browser := a.client()
	codes := map[int]int{}
	for i := 0; i < 40; i++ {
		tok, _, err := plinks.New()
		require.NoError(t, err)
		codes[browser.get("/l/"+tok).code]++
	}
	assert.Positive(t, codes[http.StatusNotFound])
	assert.Positive(t, codes[http.StatusTooManyRequests], "%v", codes)
}

// The letter attached to the carer's invitation prints their own link, so a
// carer who prints it or reads it on paper can still reply.
func TestCarerLetterInTheEmailPrintsTheLink(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	token := a.tokensSent(w.A.event)["carer"]
	msgs, err := a.store.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted, EventID: w.A.event})
	require.NoError(t, err)
	for _, m := range msgs {
		if m.Kind != "invite" || m.RecipientKind != "carer" {
			continue
		}
		eml, err := a.store.OutboxEML(context.Background(), domain.Unrestricted, m.ID)
		require.NoError(t, err)
		pdfs, err := mail.Parts(eml, func(mt string, _ map[string]string, _ string) bool { return mt == "application/pdf" })
		require.NoError(t, err)
		if len(pdfs) == 0 {
			continue // the world's stand-in message, with no letter
		}
		text := strings.Join(strings.Fields(extractPDF(t, pdfs[0])), "")
		assert.Contains(t, text, "/l/"+token)
		return
	}
	t.Fatal("no carer invitation in the outbox")
}

// A teacher subscribes to their own calendar feed from their page; the
// address is shown once and serves their meetings.
func TestTeacherSubscribesFromTheirLink(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	token := a.tokensSent(w.A.event)["teacher"]
	browser := a.client()
	browser.get("/l/" + token)
	r := browser.post("/l/"+token+"/feed", url.Values{})
	require.Equal(t, http.StatusOK, r.code)
	m := regexp.MustCompile(`webcal://[^/]+(/feeds/[^"]+\.ics)`).FindStringSubmatch(r.body)
	require.NotNil(t, m, "the page shows the subscription address")
	feed := browser.get(m[1])
	require.Equal(t, http.StatusOK, feed.code)
	assert.Contains(t, feed.body, "BEGIN:VCALENDAR")
	assert.Contains(t, feed.body, "BEGIN:VEVENT")
	// A carer's link has no feed.
	carer := a.tokensSent(w.A.event)["carer"]
	browser.get("/l/" + carer)
	assert.Equal(t, http.StatusNotFound, browser.post("/l/"+carer+"/feed", url.Values{}).code)
}

// A carer withdraws consent through their link, after a confirm step: the
// family leaves the showcase in the same transaction, the teacher is sent a
// cancellation, and the link stops working.
func TestCarerWithdrawsThroughTheirLink(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	token := a.tokensSent(w.A.event)["carer"]
	browser := a.client()
	page := browser.get("/l/" + token)
	require.Contains(t, page.body, "/l/"+token+"/withdraw")
	confirm := browser.get("/l/" + token + "/withdraw")
	require.Equal(t, http.StatusOK, confirm.code)
	assert.Contains(t, confirm.body, "Yes, withdraw my consent")
	cs, err := a.store.Case(context.Background(), domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	require.True(t, cs.ConsentGiven(), "nothing happens before the confirm")

	done := browser.post("/l/"+token+"/withdraw", url.Values{})
	require.Equal(t, http.StatusOK, done.code)
	assert.Contains(t, done.body, "Your consent has been withdrawn.")
	cs, err = a.store.Case(context.Background(), domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	assert.False(t, cs.ConsentGiven())
	assert.Equal(t, "online", string(cs.Consent().Route))
	ready, err := a.showcaseReadiness(w.A.event)
	require.NoError(t, err)
	assert.Empty(t, ready, "the family no longer has a table")
	msgs, err := a.store.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted, EventID: w.A.event})
	require.NoError(t, err)
	cancels := map[string]int{}
	for _, m := range msgs {
		if m.Kind == "cancel" {
			cancels[m.RecipientKind]++
		}
	}
	assert.Equal(t, map[string]int{"teacher": 1, "carer": 1}, cancels, "the teacher and the carer are told at once")
	assert.Equal(t, http.StatusNotFound, browser.get("/l/"+token).code, "the link stops with the family's place")
}

// A carer changes a child's views from their link with the staff page's
// rules: a missing answer is named, a narrower register withdraws the
// meeting of the teacher taken off it, the change is audited as the
// carer's, and another family's child is a plain 404 with nothing saved.
func TestCarerChangesTheChildsViewsThroughTheirLink(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	tokens := a.tokensSent(w.A.event)
	browser := a.client()
	page := browser.get("/l/" + tokens["carer"])
	require.Contains(t, page.body, "/l/"+tokens["carer"]+"/child/"+itoa(w.A.child))
	otherBefore, err := a.store.Case(ctx, domain.Unrestricted, w.B.ready)
	require.NoError(t, err)

	for _, tc := range []struct{ name, path string }{
		{"another family's child", "/l/" + tokens["carer"] + "/child/" + itoa(w.B.child)},
		{"a teacher's link", "/l/" + tokens["teacher"] + "/child/" + itoa(w.A.child)},
		{"no such child", "/l/" + tokens["carer"] + "/child/x"},
	} {
		assert.Equal(t, http.StatusNotFound, browser.get(tc.path).code, tc.name)
		r := browser.post(tc.path, url.Values{"wants_to_attend": {"no"}, "obtained_how": {"asked"}})
		assert.Equal(t, http.StatusNotFound, r.code, tc.name)
	}
	otherAfter, err := a.store.Case(ctx, domain.Unrestricted, w.B.ready)
	require.NoError(t, err)
	assert.Equal(t, otherBefore.Children, otherAfter.Children, "nothing saved for another family")

	path := "/l/" + tokens["carer"] + "/child/" + itoa(w.A.child)
	form := browser.get(path)
	require.Equal(t, http.StatusOK, form.code)
	assert.Contains(t, form.body, "Does Alphachild want to come?")
	assert.NotContains(t, form.body, "Sign out")

	bad := browser.post(path, url.Values{"wants_to_attend": {"yes"}})
	require.Equal(t, http.StatusBadRequest, bad.code)
	assert.Contains(t, bad.body, "<title>Error:")
	assert.Contains(t, bad.body, "Say how the child")

	before, err := a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	require.True(t, before.Children[0].MayKnowTeacher(w.A.teacher))
	ok := browser.post(path, url.Values{"wants_to_attend": {"yes"}, "obtained_how": {"we talked at home"}})
	require.Equal(t, http.StatusOK, ok.code, ok.body)
	assert.Contains(t, ok.body, "Your answer has been saved")
	after, err := a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	assert.False(t, after.Children[0].MayKnowTeacher(w.A.teacher), "the teacher is off the register")
	assert.Equal(t, domain.StageConflict, after.Progress().Stage, "the school's decision is open again")
	log, err := a.store.AuditLog(ctx, store.AuditFilter{Action: "record_voice", Entity: "child", EntityID: w.A.child})
	require.NoError(t, err)
	require.NotEmpty(t, log)
	assert.Equal(t, "carer link", log[0].Actor)
	assert.Contains(t, browser.get(path+"?lang=cy").body, "A yw Alphachild eisiau dod?", "in Welsh with the switch")
}
