package web

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// noSideways fails when the page scrolls sideways at the phone's width.
func noSideways(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("document.documentElement.scrollWidth > window.innerWidth + 1"))
	require.NoError(t, err)
	assert.False(t, wide, "%s is wider than a 360px screen", page)
}

// A coordinator on a phone changes a family's details, records the times a
// teacher cannot make, allocates again after confirming, withdraws a
// teacher after confirming and undoes it, following only links and
// buttons. A form with errors puts focus on its error summary without any
// script, and no page scrolls sideways.
func TestBrowserEditsAndConfirms(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	a := newTestApp(t)
	c := a.user(domain.RoleCoordinator)
	w, _ := a.allocated(c)
	ctx := browser(t)
	base := a.srv.URL
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	do(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
	leave(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-email"), "coordinator@example.org"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), testPassword+"\r"))

	// Change the family's details from the "Change" link beside the carer.
	do(t, ctx, chromedp.Navigate(base+"/families/1"), chromedp.WaitVisible(chromedp.CSS("footer")))
	leave(t, ctx, chromedp.Click(chromedp.CSS("a[href$='/details#f-carer_name']")))
	noSideways(t, ctx, "the referral's details form")
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('f-parent_name').value = '', true`))
	require.NoError(t, err)
	fill(t, ctx, map[string]string{"f-carer_distance_miles": "12", "f-carer_phone": "07700 900321"})
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".error-summary"), "Enter the parent's full name")
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.activeElement.className"))
	require.NoError(t, err)
	assert.Equal(t, "error-summary", focused, "focus moves to the error summary")
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.title"))
	require.NoError(t, err)
	assert.Contains(t, title, "Error: ")
	fill(t, ctx, map[string]string{"f-parent_name": "Parent Changed"})
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".banner"), "Referral details saved")
	assert.Contains(t, text(t, ctx, "h1"), "Parent Changed")
	assert.Contains(t, text(t, ctx, ".summary-list"), "12 miles from the prison")

	// Record the times a teacher cannot make: the allocation is then stale.
	tid := strconv.FormatInt(w.teachers[0][0], 10)
	do(t, ctx, chromedp.Navigate(base+w.path+"/allocation"), chromedp.WaitVisible(chromedp.CSS("footer")))
	noSideways(t, ctx, "the allocation page")
	click(t, ctx, "#t"+tid+"-slot-2")
	click(t, ctx, "#t"+tid+"-slot-3")
	leave(t, ctx, chromedp.Click(chromedp.CSS("form[action$='/teacher/"+tid+"/availability'] button")))
	assert.Contains(t, text(t, ctx, ".banner"), "Times saved")
	assert.Contains(t, text(t, ctx, "#allocation-stale"), "allocate again")
	slots, err := a.store.TeacherUnavailable(ctx, w.event, w.teachers[0][0])
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, slots)

	// Allocate again, after the confirm page.
	leave(t, ctx, chromedp.Click(chromedp.CSS("#allocate-again")))
	assert.Contains(t, text(t, ctx, "h1"), "Allocate again?")
	noSideways(t, ctx, "the confirm page")
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".banner"), "Allocation saved")
	saved, err := a.store.Allocation(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	for _, m := range saved.Meetings {
		if m.Teacher == "TCH"+tid {
			assert.NotContains(t, []int{2, 3}, m.Slot, "no meeting at a time the teacher cannot make")
		}
	}

	// Withdraw a teacher after confirming, then undo it.
	gone := strconv.FormatInt(w.teachers[0][1], 10)
	leave(t, ctx, chromedp.Click(chromedp.CSS("a[href$='/teacher/"+gone+"/withdraw']")))
	assert.Contains(t, text(t, ctx, "h1"), "Is this teacher not coming?")
	submit(t, ctx)
	assert.Contains(t, text(t, ctx, ".banner"), "Teacher marked as not coming")
	leave(t, ctx, chromedp.Click(chromedp.CSS("form[action$='/teacher/"+gone+"/reinstate'] button")))
	assert.Contains(t, text(t, ctx, ".banner"), "The teacher is coming after all")
	noSideways(t, ctx, "the allocation page after an undo")
	in, refs, err := a.store.AllocationInput(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Empty(t, refs.Withdrawn)
	assert.NotEmpty(t, in.Teachers)
}
