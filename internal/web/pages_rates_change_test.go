package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// A rate is changed from a date: its Change link fills the add form from
// it with today's date, and saving adds the new rate while showcases
// before today keep the old one. Another prison's rate cannot be opened.
func TestChangeARateFromADate(t *testing.T) {
	a := newCostsApp(t)
	c := a.user(domain.RoleCoordinator)
	ctx := context.Background()
	other, err := a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Arall"})
	require.NoError(t, err)
	otherRate, err := a.store.AddRate(ctx, domain.System, costs.Rate{Scope: costs.Scope{Kind: costs.PrisonScope, ID: other}, Key: "supply_day",
		EffectiveFrom: testNow, Amount: 21000})
	require.NoError(t, err)
	rates, err := a.store.Rates(ctx, domain.Scope{Prisons: []int64{a.prison}})
	require.NoError(t, err)
	require.NotEmpty(t, rates)
	r0 := rates[0]
	id := strconv.FormatInt(r0.ID, 10)

	list := c.get("/costs/rates")
	assert.Contains(t, list.body, `href="/costs/rates?change=`+id+`#add-rate"`)
	form := c.get("/costs/rates?change=" + id)
	require.Equal(t, http.StatusOK, form.code)
	assert.Contains(t, form.body, `value="`+r0.Amount.Decimal()+`"`)
	assert.Contains(t, form.body, `value="`+testNow.Format("2006-01-02")+`"`, "from today")
	assert.Contains(t, form.body, `value="`+string(r0.Key)+`" selected`)
	assert.Equal(t, http.StatusNotFound, c.get("/costs/rates?change="+strconv.FormatInt(otherRate, 10)).code)

	r := c.post("/costs/rates", url.Values{"scope": {scopeValue(r0.Scope)}, "key": {string(r0.Key)}, "effective_from": {testNow.Format("2006-01-02")}, "amount": {"999.00"}})
	require.Equal(t, http.StatusOK, r.code)
	after, err := a.store.Rates(ctx, domain.Scope{Prisons: []int64{a.prison}})
	require.NoError(t, err)
	assert.Len(t, after, len(rates)+1, "the old rate stays for what came before")
}
