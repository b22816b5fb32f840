package web

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/testutil"
)

// browser starts Debian's headless Chromium for one test (CHROMIUM names
// another build). Without one the test skips, or fails under CI=true.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = testutil.NeedTool(t, "chromium", "chromium")
	}
	// The flags keep Chromium off the network: this machine has none, and
	// background fetches would otherwise slow every start.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true), chromedp.Flag("disable-extensions", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	return ctx
}

// shot saves a screenshot when SHOTS names a directory, so a person can look
// at the pages the test walked through.
func shot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Do(tctx, steps...))
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS(sel)))
	require.NoError(t, err)
	return s
}

// submit clicks the page's main form button (the header has a sign-out form
// too) and waits for the next page. The old page is marked first: its footer
// is visible too, so waiting for a footer alone can read the old page.
func submit(t *testing.T, ctx context.Context) {
	t.Helper()
	leave(t, ctx, chromedp.Click(chromedp.CSS("main form button[type=submit]")))
}

// leave runs steps that load another page and waits until it has.
func leave(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_, err := chromedp.Run(tctx, chromedp.Evaluate[bool]("document.documentElement.dataset.left = '1', true"))
	require.NoError(t, err)
	do(t, ctx, steps...)
	// While the page changes, its script context comes and goes: an error
	// here means "not yet", so ask again until the deadline.
	for {
		ready, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`document.readyState === 'complete' && document.documentElement.dataset.left !== '1' && !!document.querySelector('footer')`))
		if err == nil && ready {
			return
		}
		if tctx.Err() != nil {
			t.Fatalf("the next page did not load: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fill(t *testing.T, ctx context.Context, fields map[string]string) {
	t.Helper()
	var steps []chromedp.Action[chromedp.Void]
	for id, v := range fields {
		steps = append(steps, chromedp.SetValue(chromedp.CSS("#"+id), v))
	}
	do(t, ctx, steps...)
}

func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	do(t, ctx, chromedp.Click(chromedp.CSS(sel)))
}

// A coordinator who has never seen the app takes a new referral to "ready
// for allocation" in a real browser, on a phone-sized screen, following only
// the links and labels on the pages.
func TestBrowserReferralToReady(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	a := newTestApp(t)
	w := a.seed()
	a.user(domain.RoleCoordinator)
	ctx := browser(t)
	base := a.srv.URL
	do(t, ctx, chromedp.EmulateViewport(360, 800))

	do(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
	// Keyboard first: the first Tab reaches the skip link.
	do(t, ctx, chromedp.KeyEvent("\t"))
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.activeElement.className"))
	require.NoError(t, err)
	assert.Equal(t, "skip-link", focused)
	leave(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-email"), "coordinator@example.org"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), testPassword+"\r"))
	assert.Contains(t, text(t, ctx, "h1"), "Families and their next steps")
	shot(t, ctx, "1-dashboard")

	click(t, ctx, "a.button[href='/families/new']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-parent_name")))
	fill(t, ctx, map[string]string{"f-parent_name": "Rhodri Example", "f-prison_number": "A1234BC", "f-carer_name": "Seren Example",
		"f-carer_relationship": "grandparent", "f-carer_phone": "07700 900123", "f-child_first_name_0": "Cai",
		"f-child_school_0": strconv.FormatInt(w.school, 10)})
	click(t, ctx, "#f-referral_source-1")
	click(t, ctx, "#f-carer_lang-1")
	shot(t, ctx, "2-referral")
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".banner"), "Referral saved")
	assert.Contains(t, text(t, ctx, ".panel"), "Ask the carer for consent")

	click(t, ctx, "a[href$='/consent']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-outcome-0")))
	click(t, ctx, "#f-outcome-0")
	fill(t, ctx, map[string]string{"f-route": "phone"})
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".panel"), "Ask the headteacher to agree")

	click(t, ctx, "a[href*='/agreement/']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-outcome-0")))
	click(t, ctx, "#f-outcome-0")
	fill(t, ctx, map[string]string{"f-route": "email"})
	submit(t, ctx)
	// Forgot to tick a teacher: the error summary says what to do.
	assert.Contains(t, text(t, ctx, ".error-summary"), "Choose at least one teacher")
	shot(t, ctx, "3-agreement-error")
	click(t, ctx, "#f-teacher_ids-0")
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".panel"), "Hold the awareness session")

	_, err = a.store.RecordAwareness(ctx, domain.System, w.school, func(ok bool) (domain.AwarenessSession, error) {
		return domain.DecideAwareness(domain.AwarenessInput{SchoolID: w.school, DeliveredOn: "2026-11-20", DeliveredBy: "Coordinator", Attendees: 5, Route: "in_person"}, ok, "2026-11-23")
	})
	require.NoError(t, err)

	do(t, ctx, chromedp.Navigate(base+"/families/1"), chromedp.WaitVisible(chromedp.CSS("footer")))
	click(t, ctx, "a[href*='/voice/']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-wants_to_attend-0")))
	click(t, ctx, "#f-wants_to_attend-0")
	click(t, ctx, "#f-may_know-0")
	click(t, ctx, "#f-approved_by-2")
	fill(t, ctx, map[string]string{"f-obtained_how": "Talked with Cai and his nan at home"})
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".panel"), "Ask the prison for contact clearance")

	click(t, ctx, "a[href$='/clearance']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-outcome-0")))
	click(t, ctx, "#f-outcome-0")
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".panel"), "Ready to allocate to a showcase")
	shot(t, ctx, "4-ready")

	// The page fits a phone: nothing scrolls sideways.
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("document.documentElement.scrollWidth > window.innerWidth + 1"))
	require.NoError(t, err)
	assert.False(t, wide, "page is wider than a 360px screen")

	// And in Welsh.
	do(t, ctx, chromedp.Navigate(base+"/families/1?lang=cy"), chromedp.WaitVisible(chromedp.CSS("footer")))
	assert.Contains(t, text(t, ctx, ".panel"), "Yn barod i'w dyrannu")
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.documentElement.lang"))
	require.NoError(t, err)
	assert.Equal(t, "cy", lang)
	assert.False(t, strings.Contains(text(t, ctx, "main"), "Ready to allocate"))
}

// The order of steps must not decide whether the child is heard. A
// coordinator records the headteacher's agreement nominating Ms Rees; the
// family reaches ready; then Cai says he would like Mr Lloyd, and only Mr
// Lloyd may know. The family leaves ready, and the page names Cai, both
// teachers and what to do; changing the nomination settles it.
func TestBrowserNarrowerViewsAfterAgreementNameTheConflict(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	a := newTestApp(t)
	w := newRefWorld(t, a)
	lloyd, err := a.store.CreateTeacher(context.Background(), domain.System, domain.Teacher{SchoolID: w.school, Name: "Mr Lloyd", Role: "class_teacher", Lang: "en"})
	require.NoError(t, err)
	family := w.addFamily(t, "Rhodri Example", "Cai", w.school)
	w.consent(t, family)
	a.user(domain.RoleCoordinator)
	ctx := browser(t)
	base := a.srv.URL
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	do(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
	leave(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-email"), "coordinator@example.org"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), testPassword+"\r"))
	famURL := base + "/families/" + strconv.FormatInt(family, 10)
	byValue := func(name string, id int64) string {
		return "input[name=" + name + "][value='" + strconv.FormatInt(id, 10) + "']"
	}

	// The headteacher's agreement first, nominating Ms Rees.
	do(t, ctx, chromedp.Navigate(famURL), chromedp.WaitVisible(chromedp.CSS("footer")))
	click(t, ctx, "a[href*='/agreement/']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-outcome-0")))
	click(t, ctx, "#f-outcome-0")
	fill(t, ctx, map[string]string{"f-route": "email"})
	click(t, ctx, byValue("teacher_ids", w.teacher))
	submit(t, ctx)

	// Session, broad views and clearance, recorded elsewhere: ready.
	w.afterAgreement(t, family, []int64{w.teacher, lloyd})
	do(t, ctx, chromedp.Navigate(famURL), chromedp.WaitVisible(chromedp.CSS("footer")))
	assert.Contains(t, text(t, ctx, ".panel"), "Ready to allocate to a showcase")

	// Now Cai's narrower views.
	click(t, ctx, "a[href*='/voice/']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-wants_to_attend-0")))
	click(t, ctx, "#f-wants_to_attend-0")
	do(t, ctx, chromedp.SetValue(chromedp.CSS("#f-preferred_teacher_id"), strconv.FormatInt(lloyd, 10)))
	click(t, ctx, byValue("may_know", w.teacher)) // was ticked: untick Ms Rees
	click(t, ctx, "#f-approved_by-0")
	fill(t, ctx, map[string]string{"f-obtained_how": "Cai asked again with his nan"})
	submit(t, ctx)

	stage := text(t, ctx, ".tag")
	assert.Equal(t, "Child's wishes to settle", stage)
	conflict := text(t, ctx, "#conflicts")
	assert.Contains(t, conflict, "Cai has not agreed that Ms Rees may know")
	assert.Contains(t, conflict, "Cai asked for Mr Lloyd")
	assert.NotContains(t, text(t, ctx, ".panel"), "Ready to allocate")
	shot(t, ctx, "5-conflict")
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("document.documentElement.scrollWidth > window.innerWidth + 1"))
	require.NoError(t, err)
	assert.False(t, wide, "page is wider than a 360px screen")

	// The same in Welsh.
	do(t, ctx, chromedp.Navigate(famURL+"?lang=cy"), chromedp.WaitVisible(chromedp.CSS("footer")))
	assert.Contains(t, text(t, ctx, "#conflicts"), "Nid yw Cai wedi cytuno y caiff Ms Rees wybod")
	shot(t, ctx, "6-conflict-cy")
	do(t, ctx, chromedp.Navigate(famURL+"?lang=en"), chromedp.WaitVisible(chromedp.CSS("footer")))

	// The form to record that the child and carer now agree asks who
	// decided and why; leaving them out names both fields.
	click(t, ctx, "#conflicts a[href*='/resolve/']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-decided_by-0")))
	assert.Contains(t, text(t, ctx, "main"), "Cai has not agreed that Ms Rees may know")
	submit(t, ctx)
	summary := text(t, ctx, ".error-summary")
	assert.Contains(t, summary, "Select who decided")
	assert.Contains(t, summary, "Say why")
	shot(t, ctx, "7-resolve-error")
	wide, err = chromedp.Run(ctx, chromedp.Evaluate[bool]("document.documentElement.scrollWidth > window.innerWidth + 1"))
	require.NoError(t, err)
	assert.False(t, wide, "the resolve form is wider than a 360px screen")
	do(t, ctx, chromedp.Navigate(famURL), chromedp.WaitVisible(chromedp.CSS("footer")))

	// Change the nomination to the child's choice: ready again.
	click(t, ctx, "#conflicts a[href*='/agreement/']")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#f-outcome-0")))
	click(t, ctx, "#f-outcome-0")
	fill(t, ctx, map[string]string{"f-route": "email"})
	click(t, ctx, byValue("teacher_ids", lloyd))
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".panel"), "Ready to allocate to a showcase")
}

// A coordinator on a phone, in Welsh, imports a school's spreadsheet: the
// first upload lists the bad row by row and column with nothing saved, and
// the corrected file is previewed and saved only on confirming. Neither
// page scrolls sideways, and focus goes to the problems.
func TestBrowserImportInWelshOnAPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	a := newTestApp(t)
	a.apiSeed()
	a.user(domain.RoleCoordinator)
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	do(t, ctx, chromedp.Navigate(a.srv.URL+"/login?lang=cy"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
	leave(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-email"), "coordinator@example.org"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), testPassword+"\r"))

	dir := t.TempDir()
	bad := filepath.Join(dir, "atgyfeiriadau.csv")
	require.NoError(t, os.WriteFile(bad, []byte(importHeader+
		"HMP Example,Rhodri Wyn,A1234BC,Ysgol,03/11/2026,Siân,Rhiant,07700 900123,,Cymraeg,Gwenllïan,Ysgol Neb\n"), 0o644))
	good := filepath.Join(dir, "atgyfeiriadau-cywir.csv")
	require.NoError(t, os.WriteFile(good, []byte(importHeader+
		"HMP Example,Rhodri Wyn,A1234BC,Ysgol,03/11/2026,Siân,Rhiant,07700 900123,,Cymraeg,Gwenllïan,Ysgol y Bryn\n"), 0o644))
	wide := func() int {
		w, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
		require.NoError(t, err)
		return w
	}

	leave(t, ctx, chromedp.Navigate(a.srv.URL+"/families/new"))
	leave(t, ctx, chromedp.Click(chromedp.CSS("main a[href='/families/import']")))
	assert.Contains(t, text(t, ctx, "h1"), "Mewnforio atgyfeiriadau")
	assert.LessOrEqual(t, wide(), 360)
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{bad}))
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".error-summary"), "Rhes 2, School: Nid oes ysgol o'r enw “Ysgol Neb”")
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.activeElement.id"))
	require.NoError(t, err)
	assert.Equal(t, "import-problems", focused, "focus moves to the problems")
	assert.LessOrEqual(t, wide(), 360)
	shot(t, ctx, "import-1-problems-cy")
	assert.Equal(t, 0, a.familyCount())

	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{good}))
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, "main"), "Mae 1 teulu yn barod i'w ychwanegu")
	assert.LessOrEqual(t, wide(), 360)
	shot(t, ctx, "import-2-preview-cy")
	assert.Equal(t, 0, a.familyCount(), "the preview saves nothing")
	leave(t, ctx, chromedp.Click(chromedp.CSS("form[action='/families/import/confirm'] button")))
	assert.Contains(t, text(t, ctx, ".banner"), "Atgyfeiriadau wedi'u hychwanegu o'r daenlen: FAM-")
	assert.Equal(t, 1, a.familyCount())
}

// A carer opens the link from their email on a phone, switches to Welsh,
// and confirms who is coming without any account, menu or script.
func TestBrowserCarerConfirmsInWelshOnAPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	a := newTestApp(t)
	w := a.scopeWorld()
	token := a.tokensSent(w.A.event)["carer"]
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	leave(t, ctx, chromedp.Navigate(a.srv.URL+"/l/"+token))
	assert.Contains(t, text(t, ctx, "h1"), "Your invitation")
	leave(t, ctx, chromedp.Click(chromedp.CSS("a[hreflang=cy]")))
	assert.Contains(t, text(t, ctx, "h1"), "Eich gwahoddiad")
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
	require.NoError(t, err)
	assert.LessOrEqual(t, wide, 360)
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".error-summary"), "Dywedwch a yw Alphachild yn dod")
	shot(t, ctx, "link-1-carer-error-cy")
	click(t, ctx, "fieldset[id^='f-carer_'] input[value=yes]")
	click(t, ctx, "fieldset[id^='f-child_'] input[value=yes]")
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".banner"), "Mae eich ateb wedi'i gadw")
	shot(t, ctx, "link-2-carer-saved-cy")
	cs, err := a.store.Case(context.Background(), domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	resp, err := a.store.InviteResponse(context.Background(), w.A.event, "carer", cs.Carers[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "confirmed", resp)
}

// The carer's and the teacher's pages fit a phone and pass axe-core, and a
// teacher accepts and says their school needs no cover: the cost estimate
// then leaves the cover out.
func TestBrowserTeacherAcceptsAndLinkPagesPassAxe(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	axe := axeScript(t)
	a := newTestApp(t)
	w := a.scopeWorld()
	tokens := a.tokensSent(w.A.event)
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	checkPhonePage(t, ctx, a.srv.URL, "carer", "en", "/l/"+tokens["carer"], axe)
	checkPhonePage(t, ctx, a.srv.URL, "teacher", "en", "/l/"+tokens["teacher"], axe)

	in, err := a.store.EstimateInput(context.Background(), w.A.event)
	require.NoError(t, err)
	require.True(t, in.Teachers[0].NeedsCover)
	click(t, ctx, "#f-coming-0")
	click(t, ctx, "#f-needs_cover-1")
	// The page has a second form (subscribe to the feed) above the answer.
	leave(t, ctx, chromedp.Click(chromedp.CSS("form[action='/l/"+tokens["teacher"]+"'] button[type=submit]")))
	assert.Contains(t, text(t, ctx, ".banner"), "Your answer has been saved")
	shot(t, ctx, "link-3-teacher-saved")
	in, err = a.store.EstimateInput(context.Background(), w.A.event)
	require.NoError(t, err)
	assert.False(t, in.Teachers[0].NeedsCover)
	checkPhonePage(t, ctx, a.srv.URL, "carer", "cy", "/l/"+tokens["carer"]+"?lang=cy", axe)
	// The form for a child's views, which names the school's staff.
	checkPhonePage(t, ctx, a.srv.URL, "carer", "cy", "/l/"+tokens["carer"]+"/child/"+id(w.A.child)+"?lang=cy", axe)
	checkPhonePage(t, ctx, a.srv.URL, "carer", "en", "/l/"+tokens["carer"]+"/child/"+id(w.A.child)+"?lang=en", axe)
	// Help with travel, in Welsh on a phone: the miles reach the estimate.
	checkPhonePage(t, ctx, a.srv.URL, "carer", "cy", "/l/"+tokens["carer"]+"/travel?lang=cy", axe)
	click(t, ctx, "#f-wants_help-0")
	do(t, ctx, chromedp.SendKeys("#f-distance_miles", "23"))
	leave(t, ctx, chromedp.Click(chromedp.CSS("form[action='/l/"+tokens["carer"]+"/travel'] button[type=submit]")))
	assert.Contains(t, text(t, ctx, ".banner"), "Diolch")
	assert.Contains(t, text(t, ctx, "main"), "tua 23 milltir bob ffordd")
	in, err = a.store.EstimateInput(context.Background(), w.A.event)
	require.NoError(t, err)
	require.Len(t, in.Families, 1)
	assert.EqualValues(t, 23000, in.Families[0].MilesEachWay, "23 miles, in thousandths")
	checkPhonePage(t, ctx, a.srv.URL, "carer", "en", "/l/"+tokens["carer"]+"/travel?lang=en", axe)
}
