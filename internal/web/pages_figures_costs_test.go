package web

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"schoolzone/internal/costs"
	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// defectWorld is the demo as the testers used it for defect 8 of issue 8:
// HMP Glanfa's showcase with its seven costed families, plus a second
// prison with a showcase in the same term for one family with one £85
// lost-earnings line paid by the family, and an autumn showcase there for
// four families of whom only two claimed travel.
type defectWorld struct {
	*testApp
	db              *sql.DB
	demoEvent, term string
	spring, autumn  int64
	names           []string
}

func newDefectWorld(t *testing.T, withAutumn bool) *defectWorld {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "defect.db")
	st, err := store.Open(ctx, path, store.WithClock(func() time.Time { return testNow }))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = demo.Load(ctx, st, testNow)
	require.NoError(t, err)
	e, err := New(Config{BaseURL: "http://localhost", Now: func() time.Time { return testNow }}, st, i18n.MustLoad(), slog.New(slog.NewTextHandler(testWriter{t}, nil)))
	require.NoError(t, err)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(ON)")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	w := &defectWorld{testApp: &testApp{t: t, srv: srv, store: st}, db: db}

	events, err := st.Events(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.NotEmpty(t, events)
	glanfa := events[0]
	w.demoEvent = strconv.FormatInt(glanfa.ID, 10)
	w.term = costs.AcademicTerm(glanfa.StartsAt.In(london))
	schools, err := st.Schools(ctx)
	require.NoError(t, err)
	must := func(id int64, err error) int64 { t.Helper(); require.NoError(t, err); return id }
	prison := must(st.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Ail"}))
	newEvent := func(title string, at time.Time) int64 {
		return must(st.CreateEvent(ctx, domain.System, domain.Event{PrisonID: prison, Title: title, StartsAt: at, SlotMinutes: 10, Slots: 12, ArrivalMinutes: 45}))
	}
	w.spring = newEvent("Showcase for the Pritchard family", glanfa.StartsAt.AddDate(0, 0, 3))
	autumnStart := glanfa.StartsAt.AddDate(0, -5, 0)
	if glanfa.StartsAt.Month() >= time.September {
		autumnStart = glanfa.StartsAt.AddDate(-1, 0, 0)
	}
	if withAutumn {
		w.autumn = newEvent("Autumn at Ail", autumnStart)
	}
	family := func(event int64, i int) int64 {
		parent, child := fmt.Sprintf("Parent%c Pritchard", 'A'+i), fmt.Sprintf("Child%c", 'A'+i)
		w.names = append(w.names, parent, child)
		id := must(st.CreateReferral(ctx, domain.System, domain.ReferralInput{PrisonID: prison, ParentName: parent, PrisonNumber: fmt.Sprintf("Z%04dZZ", i),
			ReferralSource: "parent", ReferredOn: "2025-09-01", Carer: domain.Carer{Name: "Carer " + parent, Relationship: "parent", Lang: "en", DistanceMiles: 5},
			Children: []domain.Child{{FirstName: child, SchoolID: schools[i%len(schools)].ID, Lang: "en", WantsToAttend: domain.WishYes}}}))
		_, err := db.Exec(`INSERT INTO event_families (event_id, family_id, status) VALUES (?, ?, 'confirmed')`, event, id)
		require.NoError(t, err)
		return id
	}
	line := func(event int64, l costs.Line) {
		l.Description, l.Notes = "Pritchard receipt", "Z0000ZZ"
		must2(t)(st.AddCostLine(ctx, domain.System, event, l))
	}
	lone := family(w.spring, 0)
	line(w.spring, costs.Line{Category: costs.FamilyLostEarnings, Bearer: costs.Family, FamilyID: lone, Estimated: 8500})
	if !withAutumn {
		return w
	}
	for i := 1; i <= 4; i++ {
		id := family(w.autumn, i)
		if i <= 2 {
			line(w.autumn, costs.Line{Category: costs.FamilyTravel, Bearer: costs.Family, FamilyID: id, Estimated: costs.Pence(1260 + 270*i)})
		}
	}
	line(w.autumn, costs.Line{Category: costs.Refreshments, Bearer: costs.Prison, Estimated: 7000})
	return w
}

func must2(t *testing.T) func(string, error) {
	return func(_ string, err error) { t.Helper(); require.NoError(t, err) }
}

// sheetRows reads a workbook sheet as rows of cell text.
func sheetRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	return rows
}

// money reads "£1,234.56" as pence; ok is false for anything else ("[c]").
func money(s string) (costs.Pence, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "£")
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, false
	}
	p := costs.Pence(math.Round(v * 100))
	if neg {
		p = -p
	}
	return p, true
}

// column finds a sheet's column by its header, so the test reads the
// workbook before and after the disclosure layer changed its columns.
func column(t *testing.T, rows [][]string, header string) int {
	t.Helper()
	for i, h := range rows[0] {
		if h == header {
			return i
		}
	}
	t.Fatalf("no column %q in %v", header, rows[0])
	return -1
}

func cellOf(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// Defect 8 of issue 8, as reported, on the commissioner's workbook. Each
// subtest failed on the code before package disclosure: the £85 and the
// trend row that printed it, the autumn term's total minus the rows shown,
// HMP Glanfa's 7 families labelled "fewer than 3", and the PRU's cover.
func TestCommissionerFiguresDefect8(t *testing.T) {
	for _, tc := range []struct {
		name       string
		withAutumn bool
	}{
		{"a second prison with one family and one £85 lost-earnings line", false},
		{"and an autumn showcase where two of four families claimed travel", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newDefectWorld(t, tc.withAutumn)
			x := w.user(domain.RoleCommissioner).get("/figures/costs.xlsx")
			require.Equal(t, http.StatusOK, x.code)
			f, err := excelize.OpenReader(strings.NewReader(x.body))
			require.NoError(t, err)
			const cost = "Cost (actual, else estimate)"

			// Subtraction: a term's total minus the shown line rows of that
			// term must never leave exactly one hidden row.
			byPeriod, lines := sheetRows(t, f, "By period"), sheetRows(t, f, "Lines")
			pc, lc, lp := column(t, byPeriod, cost), column(t, lines, cost), column(t, lines, "Period")
			checked := 0
			for _, r := range byPeriod[1:] {
				sum, ok := money(cellOf(r, pc))
				if !ok || r[0] == "Total" {
					continue
				}
				var hidden []string
				for _, l := range lines[1:] {
					if cellOf(l, lp) != r[0] {
						continue
					}
					if v, ok := money(cellOf(l, lc)); ok {
						sum -= v
					} else {
						hidden = append(hidden, strings.Join(l[:min(lc, len(l))], " / "))
					}
				}
				checked++
				assert.NotEqual(t, 1, len(hidden), "%s: its total minus the rows shown gives %s = %s", r[0], hidden, sum)
			}
			assert.Positive(t, checked, "at least one term's total is shown")
			all := dumpCells(t, f)
			assert.NotContains(t, all, "£85.00", "one family's lost earnings are never printed")

			// Over-suppression: no hidden figure claims "fewer than 3":
			// HMP Glanfa's 7 families are shown as 7, or hidden as [c].
			byPrison := sheetRows(t, f, "By prison")
			fc := column(t, byPrison, "Families")
			for _, r := range byPrison[1:] {
				if r[0] == "HMP Glanfa" {
					assert.Contains(t, []string{"7", "[c]"}, cellOf(r, fc), "HMP Glanfa's families")
				}
			}

			// Inference of a school: the demo has one PRU family, one
			// EOTAS family and one at a special school; no money row by
			// local authority and school type may show their school's cost.
			tc, bc := column(t, lines, "School type"), column(t, lines, "Paid by")
			for _, l := range lines[1:] {
				switch cellOf(l, tc) {
				case "pru", "eotas", "special":
					if cellOf(l, bc) == "School" {
						assert.Equal(t, "[c]", cellOf(l, lc), "%v points at one child's school", l)
					}
				}
			}
		})
	}
}

// Every commissioner output, the cross-prison page and workbook and each
// showcase's page and workbook, is scanned for the fixture's names,
// prison numbers, school names, titles and notes.
func TestCommissionerOutputsHaveNoPersonalData(t *testing.T) {
	w := newDefectWorld(t, true)
	ctx := context.Background()
	var secrets []string
	cases, err := w.store.Cases(ctx, domain.Unrestricted, 0)
	require.NoError(t, err)
	for _, cs := range cases {
		secrets = append(secrets, cs.Family.ParentName, cs.Family.PrisonNumber, cs.Family.Ref)
		for _, cr := range cs.Carers {
			secrets = append(secrets, cr.Name)
		}
	}
	schools, err := w.store.Schools(ctx)
	require.NoError(t, err)
	for _, s := range schools {
		secrets = append(secrets, s.Name)
	}
	events, err := w.store.Events(ctx, domain.Unrestricted)
	require.NoError(t, err)
	for _, e := range events {
		secrets = append(secrets, e.Title)
	}
	secrets = append(secrets, w.names...)
	secrets = append(secrets, "Pritchard receipt", "Z0000ZZ")

	c := w.user(domain.RoleCommissioner)
	outputs := map[string]string{}
	page := c.get("/figures/costs")
	require.Equal(t, http.StatusOK, page.code)
	outputs["page"] = page.body
	outputs["workbook"] = workbookText(t, c.get("/figures/costs.xlsx"))
	csvOut := c.get("/figures/costs.csv")
	require.Equal(t, http.StatusOK, csvOut.code)
	assert.Contains(t, csvOut.body, "[c]")
	outputs["csv"] = csvOut.body
	links := 0
	for _, e := range events {
		path := "/figures/costs/showcases/" + strconv.FormatInt(e.ID, 10)
		if !strings.Contains(page.body, `href="`+path+`"`) {
			continue
		}
		links++
		r := c.get(path)
		require.Equal(t, http.StatusOK, r.code, path)
		assert.Contains(t, r.body, "By category")
		outputs[path] = r.body
		x := c.get(path + "/costs.xlsx")
		require.Equal(t, http.StatusOK, x.code)
		assert.Equal(t, fmt.Sprintf(`attachment; filename="showcase-costs-EV-%04d.xlsx"`, e.ID), x.header.Get("Content-Disposition"))
		outputs[path+".xlsx"] = workbookText(t, x)
	}
	assert.Equal(t, len(events), links, "every showcase can be chosen")
	for name, out := range outputs {
		assert.Contains(t, out, "HMP ", "%s: the scan reads the output", name)
		for _, s := range secrets {
			if len(s) < 4 {
				continue
			}
			assert.NotContains(t, out, s, name)
			assert.NotContains(t, out, strings.ReplaceAll(s, "'", "&#39;"), name)
		}
	}
	cy := c.get("/figures/costs/showcases/" + w.demoEvent + "?lang=cy")
	assert.Contains(t, cy.body, "Mae [c] yn golygu")
	assert.Equal(t, http.StatusNotFound, c.get("/figures/costs/showcases/999999").code)
	assert.Equal(t, http.StatusForbidden, w.user(domain.RoleCoordinator).get("/figures/costs/showcases/"+w.demoEvent).code)
}

func workbookText(t *testing.T, r response) string {
	t.Helper()
	require.Equal(t, http.StatusOK, r.code)
	f, err := excelize.OpenReader(strings.NewReader(r.body))
	require.NoError(t, err)
	return dumpCells(t, f)
}

func dumpCells(t *testing.T, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		for _, row := range sheetRows(t, f, sheet) {
			b.WriteString(strings.Join(row, "\n") + "\n")
		}
	}
	return b.String()
}

// The commissioner's pages fit a 360px phone in both languages: the wide
// tables scroll inside their own box, never the page.
func TestBrowserCommissionerPagesFitAPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	w := newDefectWorld(t, true)
	w.user(domain.RoleCommissioner)
	ctx := browser(t)
	base := w.srv.URL
	do(t, ctx, chromedp.EmulateViewport(360, 800))
	do(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
	leave(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-email"), "commissioner@example.org"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), testPassword+"\r"))
	for _, path := range []string{"/figures", "/figures/costs", "/figures/costs/showcases/" + w.demoEvent} {
		for _, lang := range []string{"en", "cy"} {
			do(t, ctx, chromedp.Navigate(base+path+"?lang="+lang), chromedp.WaitVisible(chromedp.CSS("footer")))
			assert.NotEmpty(t, text(t, ctx, "h1"), path)
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("document.documentElement.scrollWidth > window.innerWidth + 1"))
			require.NoError(t, err)
			assert.False(t, wide, "%s?lang=%s is wider than a 360px screen", path, lang)
			shot(t, ctx, "figures"+strings.ReplaceAll(path, "/", "-")+"-"+lang)
		}
	}
	do(t, ctx, chromedp.Navigate(base+"/figures/costs?lang=en"), chromedp.WaitVisible(chromedp.CSS("footer")))
	click(t, ctx, "#showcases a")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#by-category")))
	assert.Contains(t, text(t, ctx, "h1"), "Costs of showcase")
}
