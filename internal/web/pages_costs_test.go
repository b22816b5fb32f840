package web

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// costsApp is a test app whose database file the test may also write to
// directly, to store an allocation as the allocation feature would.
type costsApp struct {
	*testApp
	db     *sql.DB
	event  int64
	prison int64
}

// secretsInFixture is every name, prison number, note, school name and
// title the fixture stores; none may reach a commissioner.
var secretsInFixture = []string{
	"Rhodri Prydderch", "Gethin Bowen", "Alun Tudur", "A1234BC", "B2345CD", "C3456DE",
	"Seren Prydderch", "Nia Bowen", "Mari Tudur", "Cai", "Elin", "Dad on D wing", "Kayleigh's mum lost a shift",
	"Ysgol y Bryn", "Ysgol Glan Môr", "Ms Rees", "Mr Pugh", "Showcase for the Prydderch family", "INV-SECRET",
}

func newCostsApp(t *testing.T) *costsApp {
	t.Helper()
	path := filepath.Join(t.TempDir(), "costs.db")
	st, err := store.Open(context.Background(), path, store.WithClock(func() time.Time { return testNow }))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	e, err := New(Config{BaseURL: "http://localhost", Now: func() time.Time { return testNow }}, st, i18n.MustLoad(), slog.New(slog.NewTextHandler(testWriter{t}, nil)))
	require.NoError(t, err)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(ON)")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	a := &costsApp{testApp: &testApp{t: t, srv: srv, store: st}, db: db}
	a.seedCosts()
	return a
}

// seedCosts stores three families at one showcase with two teachers from
// two schools in two local authorities, and the prison's rates.
func (a *costsApp) seedCosts() {
	t, ctx := a.t, context.Background()
	must := func(id int64, err error) int64 { t.Helper(); require.NoError(t, err); return id }
	a.prison = must(a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Glanfa"}))
	la1 := must(a.store.CreateLocalAuthority(ctx, domain.System, "Bridgend"))
	la2 := must(a.store.CreateLocalAuthority(ctx, domain.System, "Cardiff"))
	s1 := must(a.store.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol y Bryn", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: la1, Lang: "cy", DistanceMiles: 20}))
	s2 := must(a.store.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol Glan Môr", Type: "secondary", LanguageMedium: "welsh", LocalAuthorityID: la2, Lang: "cy", DistanceMiles: 12}))
	t1 := must(a.store.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: s1, Name: "Ms Rees", Role: "class_teacher", Lang: "cy"}))
	t2 := must(a.store.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: s2, Name: "Mr Pugh", Role: "class_teacher", Lang: "cy"}))
	a.event = must(a.store.CreateEvent(ctx, domain.System, domain.Event{PrisonID: a.prison, Title: "Showcase for the Prydderch family",
		StartsAt: time.Date(2026, 12, 10, 14, 0, 0, 0, london), SlotMinutes: 10, Slots: 12, ArrivalMinutes: 45}))
	for i, f := range []struct {
		parent, number, carer, child string
		school, teacher              int64
		miles                        int
	}{
		{"Rhodri Prydderch", "A1234BC", "Seren Prydderch", "Cai", s1, t1, 8},
		{"Gethin Bowen", "B2345CD", "Nia Bowen", "Elin", s1, t1, 15},
		{"Alun Tudur", "C3456DE", "Mari Tudur", "Cai", s2, t2, 4},
	} {
		id := must(a.store.CreateReferral(ctx, domain.System, domain.ReferralInput{PrisonID: a.prison, ParentName: f.parent, PrisonNumber: f.number,
			ReferralSource: "parent", ReferredOn: "2026-11-01", Notes: "Dad on D wing",
			Carer:    domain.Carer{Name: f.carer, Relationship: "parent", Lang: "cy", DistanceMiles: f.miles},
			Children: []domain.Child{{FirstName: f.child, SchoolID: f.school, Lang: "cy", WantsToAttend: domain.WishYes}}}))
		_, err := a.db.Exec(`INSERT INTO event_families (event_id, family_id, status) VALUES (?, ?, 'confirmed')`, a.event, id)
		require.NoError(t, err)
		_, err = a.db.Exec(`INSERT INTO meetings (event_id, family_id, teacher_id, slot) VALUES (?, ?, ?, ?)`, a.event, id, f.teacher, i)
		require.NoError(t, err)
	}
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	prison := costs.Scope{Kind: costs.PrisonScope, ID: a.prison}
	for key, amount := range map[costs.RateKey]costs.Pence{costs.SupplyHalfDay: 11000, costs.SupplyDay: 20000, costs.MileagePerMile: 45,
		costs.RefreshmentsPerHead: 350, costs.StaffHourly("officer"): 2400} {
		must(a.store.AddRate(ctx, domain.System, costs.Rate{Scope: prison, Key: key, EffectiveFrom: from, Amount: amount}))
	}
	require.NoError(t, a.store.SetCostSettings(ctx, domain.System, a.event, store.CostSettings{SetupMinutes: 60, HalfDayThresholdMinutes: 210,
		Staff: []costs.StaffCount{{Role: "officer", Count: 2}}}))
}

func (a *costsApp) costsPath(suffix string) string {
	return "/events/" + costsID(a.event) + "/costs" + suffix
}

func costsID(n int64) string { return strconv.FormatInt(n, 10) }

func ddText(t *testing.T, body, id string) string {
	t.Helper()
	m := regexp.MustCompile(`<dd id="` + id + `">([^<(]*)`).FindStringSubmatch(body)
	require.NotNil(t, m, "no #%s on the page", id)
	return strings.TrimSpace(m[1])
}

func TestCostsPageTotalsEqualTheSumOfLines(t *testing.T) {
	a := newCostsApp(t)
	c := a.user(domain.RoleCoordinator)
	r := c.post(a.costsPath("/recalculate"), url.Values{})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Contains(t, r.body, "Estimates recalculated")

	r = c.post(a.costsPath("/lines"), url.Values{"category": {"family_lost_earnings"}, "bearer": {"family"},
		"description": {"Kayleigh's mum lost a shift"}, "estimated": {"£64.00"}, "line_evidence_ref": {"INV-SECRET"}})
	require.Equal(t, a.costsPath(""), r.location, r.body)
	lines, err := a.store.CostLines(context.Background(), a.event)
	require.NoError(t, err)
	r = c.post(a.costsPath("/actual"), url.Values{"line": {lines[0].ID}, "actual": {"123.45"}, "claimed": {"130"}, "approved": {"123.45"}})
	require.Equal(t, a.costsPath(""), r.location, r.body)

	lines, err = a.store.CostLines(context.Background(), a.event)
	require.NoError(t, err)
	var est, amount costs.Pence
	for _, l := range lines {
		est += l.Estimated
		amount += l.Amount()
	}
	r = c.get(a.costsPath(""))
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, est.String(), ddText(t, r.body, "total-estimated"))
	assert.Equal(t, amount.String(), ddText(t, r.body, "total-amount"))
	assert.Equal(t, costs.PerHead(amount, 3).String(), ddText(t, r.body, "per-family"))
	assert.Contains(t, r.body, `<svg xmlns="http://www.w3.org/2000/svg" class="cost-chart" role="img"`)
	assert.Contains(t, r.body, "£123.45")
	assert.Contains(t, r.body, "£130.00", "claimed shown")
	assert.Contains(t, r.body, "Ysgol y Bryn", "the coordinator sees school names")
	assert.Contains(t, r.body, `<span class="caption">EV-`+fmt.Sprintf("%04d", a.event)+` ·`, "the showcase reference as every other page writes it")
	assert.Contains(t, r.body, "Return trip, 40 miles", "generated descriptions in words")
	assert.NotContains(t, r.body, "@costs.desc")

	// The downloads carry the same totals and reference-only file names.
	x := c.get(a.costsPath(".xlsx"))
	require.Equal(t, http.StatusOK, x.code)
	assert.Equal(t, xlsxType, x.header.Get("Content-Type"))
	assert.Equal(t, `attachment; filename="costs-EV-`+fmt.Sprintf("%04d", a.event)+`.xlsx"`, x.header.Get("Content-Disposition"))
	f, err := excelize.OpenReader(strings.NewReader(x.body))
	require.NoError(t, err)
	for cell, want := range map[string]costs.Pence{"B7": est, "B9": amount} {
		got, err := f.CalcCellValue("Summary", cell, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		assert.Equal(t, want.Pounds(), mustFloat(t, got), cell)
	}
	csv := c.get(a.costsPath(".csv"))
	require.Equal(t, http.StatusOK, csv.code)
	assert.Equal(t, "text/csv; charset=utf-8", csv.header.Get("Content-Type"))
	assert.Equal(t, `attachment; filename="costs-EV-`+fmt.Sprintf("%04d", a.event)+`.csv"`, csv.header.Get("Content-Disposition"))
	assert.True(t, strings.HasPrefix(csv.body, "\uFEFF"))
	assert.Equal(t, len(lines)+1, strings.Count(csv.body, "\r\n"))
	assert.Contains(t, csv.body, "Return trip, 40 miles")

	// Last, as it makes Welsh the client's language.
	cy := c.get(a.costsPath("?lang=cy"))
	assert.Contains(t, cy.body, "Taith yno ac yn ôl, 40 milltir", "and in the reader's language")
	assert.NotContains(t, cy.body, "Return trip")
	assert.Contains(t, cy.body, "Kayleigh&#39;s mum lost a shift", "a typed description as typed")
}

func TestCostFormsRefuseBadInputAndSaveNothing(t *testing.T) {
	a := newCostsApp(t)
	c := a.user(domain.RoleCoordinator)
	require.NoError(t, a.store.ReestimateCosts(context.Background(), domain.System, a.event))
	before, err := a.store.CostLines(context.Background(), a.event)
	require.NoError(t, err)
	line := before[0].ID
	for _, tc := range []struct {
		name, path string
		form       url.Values
		want       string
	}{
		{"override without a reason", "/override", url.Values{"override_line": {line}, "override_amount": {"10"}, "reason": {"  "}}, "Say why the estimate is being changed"},
		{"override of an unknown line", "/override", url.Values{"override_line": {"auto/nope"}, "override_amount": {"10"}, "reason": {"x"}}, "Choose one of the options"},
		{"money with three decimals", "/override", url.Values{"override_line": {line}, "override_amount": {"10.005"}, "reason": {"x"}}, "Enter an amount in pounds"},
		{"approved over claimed", "/actual", url.Values{"line": {line}, "actual": {"5"}, "claimed": {"5"}, "approved": {"6"}}, "cannot be more than the amount claimed"},
		{"actual missing", "/actual", url.Values{"line": {line}}, "Enter the actual amount, for example 12.50"},
		{"manual line without description", "/lines", url.Values{"category": {"security"}, "bearer": {"prison"}, "estimated": {"150"}}, "Enter a description of the cost"},
		{"manual line with a made-up bearer", "/lines", url.Values{"category": {"security"}, "bearer": {"dragon"}, "description": {"x"}, "estimated": {"150"}}, "Select who pays the cost"},
		{"settings out of range", "/settings", url.Values{"setup_minutes": {"-5"}, "half_day_minutes": {"210"}}, "Enter a whole number from 0 to 600"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(a.costsPath(tc.path), tc.form)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Contains(t, r.body, tc.want)
			after, err := a.store.CostLines(context.Background(), a.event)
			require.NoError(t, err)
			assert.Equal(t, before, after, "nothing saved")
		})
	}
	audit, err := a.store.AuditLog(context.Background(), store.AuditFilter{Entity: "cost_line"})
	require.NoError(t, err)
	assert.Empty(t, audit)

	r := c.post(a.costsPath("/override"), url.Values{"override_line": {line}, "override_amount": {"10"}, "reason": {"head covered"}})
	require.Equal(t, a.costsPath(""), r.location)
	assert.Contains(t, r.body, "head covered")
}

func TestRecalculateWithoutRatesSaysWhatIsMissing(t *testing.T) {
	a := newCostsApp(t)
	_, err := a.db.Exec(`DELETE FROM cost_rates`)
	require.NoError(t, err)
	c := a.user(domain.RoleCoordinator)
	r := c.post(a.costsPath("/recalculate"), url.Values{})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "A rate is missing")
}

func TestRatesPageAddsARateWithoutTouchingActuals(t *testing.T) {
	a := newCostsApp(t)
	c := a.user(domain.RoleCoordinator)
	ctx := context.Background()
	require.NoError(t, a.store.ReestimateCosts(ctx, domain.System, a.event))
	lines, err := a.store.CostLines(ctx, a.event)
	require.NoError(t, err)
	require.NoError(t, a.store.RecordOutcome(ctx, domain.System, a.event, lines[0].ID, store.Outcome{Actual: costs.Ptr(9999)}))
	before, err := a.store.CostLines(ctx, a.event)
	require.NoError(t, err)

	scope := "prison:" + costsID(a.prison)
	r := c.post("/costs/rates", url.Values{"scope": {scope}, "key": {"supply_half_day"}, "effective_from": {"2026-09-01"}, "amount": {"150"}})
	require.Equal(t, "/costs/rates", r.location, r.body)
	assert.Contains(t, r.body, "Rate saved")
	assert.Contains(t, r.body, "£150.00")
	after, err := a.store.CostLines(ctx, a.event)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a new rate rewrites nothing")

	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"scope": {scope}, "key": {"supply_half_day"}, "effective_from": {"2026-09-01"}, "amount": {"160"}}, "already has an amount from this date"},
		{url.Values{"scope": {"prison:999"}, "key": {"supply_half_day"}, "effective_from": {"2026-09-02"}, "amount": {"160"}}, "Choose one of the options"},
		{url.Values{"scope": {scope}, "key": {"supply_half_day"}, "effective_from": {"1 Sept"}, "amount": {"160"}}, "Enter a real date"},
		{url.Values{"scope": {scope}, "key": {"supply_half_day"}, "effective_from": {"2026-09-02"}, "amount": {"-1"}}, "Enter an amount in pounds"},
	} {
		r := c.post("/costs/rates", tc.form)
		assert.Equal(t, http.StatusBadRequest, r.code, tc.want)
		assert.Contains(t, r.body, tc.want)
	}
	rates, err := a.store.Rates(ctx, domain.Unrestricted)
	require.NoError(t, err)
	assert.Len(t, rates, 6)
}

func TestCostRoutesByRole(t *testing.T) {
	a := newCostsApp(t)
	for _, tc := range []struct {
		role domain.Role
		path string
		want int
	}{
		{domain.RoleCommissioner, "/events/1/costs", http.StatusForbidden},
		{domain.RoleCommissioner, "/events/1/costs.xlsx", http.StatusForbidden},
		{domain.RoleCommissioner, "/costs/rates", http.StatusForbidden},
		{domain.RolePrisonStaff, "/events/1/costs", http.StatusForbidden},
		{domain.RoleCoordinator, "/figures/costs", http.StatusForbidden},
		{domain.RoleCoordinator, "/figures/costs.xlsx", http.StatusForbidden},
		{domain.RoleCommissioner, "/figures/costs", http.StatusOK},
		{domain.RoleAdmin, "/figures/costs", http.StatusOK},
		{domain.RoleAdmin, "/events/1/costs", http.StatusOK},
		{domain.RoleCoordinator, "/costs/rates", http.StatusOK},
	} {
		c := a.userOnce(tc.role)
		r := c.get(tc.path)
		assert.Equal(t, tc.want, r.code, "%s %s", tc.role, tc.path)
	}
}

// userOnce signs in as role, creating the account the first time.
func (a *costsApp) userOnce(role domain.Role) *client {
	if _, err := a.store.UserByEmail(context.Background(), string(role)+"@example.org"); err != nil {
		return a.user(role)
	}
	c := a.client()
	c.post("/login", url.Values{"email": {string(role) + "@example.org"}, "password": {testPassword}})
	return c
}

// The commissioner's page and workbook carry no name, prison number, note,
// school name or title from the fixture, and show suppression.
func TestCommissionerCostsHaveNoPersonalData(t *testing.T) {
	a := newCostsApp(t)
	ctx := context.Background()
	require.NoError(t, a.store.ReestimateCosts(ctx, domain.System, a.event))
	_, err := a.store.AddCostLine(ctx, domain.System, a.event, costs.Line{Category: costs.FamilyLostEarnings, Bearer: costs.Family, FamilyID: 1,
		Description: "Rhodri Prydderch A1234BC", Notes: "Kayleigh's mum lost a shift", EvidenceRef: "INV-SECRET", Estimated: 6400})
	require.NoError(t, err)
	c := a.user(domain.RoleCommissioner)

	r := c.get("/figures/costs")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "HMP Glanfa")
	assert.Contains(t, r.body, "fewer than 3")
	ev, err := a.store.EventCosts(ctx, domain.Unrestricted, a.event)
	require.NoError(t, err)
	assert.Equal(t, ev.Summary().Total.Amount.String(), ddText(t, r.body, "total-amount"))

	x := c.get("/figures/costs.xlsx")
	require.Equal(t, http.StatusOK, x.code)
	assert.Equal(t, `attachment; filename="showcase-costs-2026-11-23.xlsx"`, x.header.Get("Content-Disposition"))
	f, err := excelize.OpenReader(strings.NewReader(x.body))
	require.NoError(t, err)
	var cells []string
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		require.NoError(t, err)
		for _, row := range rows {
			cells = append(cells, row...)
		}
	}
	book := strings.Join(cells, "\n")
	assert.Contains(t, book, "HMP Glanfa", "the scan reads cells")
	for _, secret := range secretsInFixture {
		assert.NotContains(t, r.body, secret, "page")
		assert.NotContains(t, book, secret, "workbook")
		assert.NotContains(t, r.body, strings.ReplaceAll(secret, "'", "&#39;"), "page, escaped")
	}
	// The lost earnings of one family are withheld, not printed.
	assert.NotContains(t, book, "64.00")
	assert.NotContains(t, book, "£64.00")

	cy := c.get("/figures/costs?lang=cy")
	assert.Contains(t, cy.body, "llai na 3")
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return v
}
