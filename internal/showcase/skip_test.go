package showcase_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
)

// An address saved before addresses were checked ("carer2@x.example
// (note)") cannot be sent to. Sending skips that recipient, lists them,
// and queues everyone else's invitation; the skipped one stays due and
// goes once the address is put right.
func TestSendSkipsAnAddressThatCannotBeUsed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.exec(`UPDATE carers SET email = 'angharad@example.org (evenings)' WHERE id = 31`)

	res, err := f.svc.SendInvitations(ctx, domain.System, eventID)
	require.NoError(t, err)
	require.Len(t, res.Skipped, 1)
	assert.Equal(t, "FAM-0012", res.Skipped[0].Ref)
	var to []string
	for _, m := range f.outbox() {
		to = append(to, m.To)
	}
	assert.ElementsMatch(t, []string{"llyr@ywern.example", "sjones@bridgend.example", "kelly@example.org"}, to, "everyone else's is queued")

	p, err := f.svc.Plan(ctx, eventID)
	require.NoError(t, err)
	require.Len(t, p.BadEmail(), 1, "the page lists the skipped recipient")
	assert.Equal(t, "FAM-0012", p.BadEmail()[0].Ref)
	assert.Equal(t, showcase.ActionNew, p.BadEmail()[0].Action, "and their invitation is still due")
	assert.Equal(t, showcase.EmailInvalid, p.BadEmail()[0].EmailState())

	f.exec(`UPDATE carers SET email = 'angharad@example.org' WHERE id = 31`)
	res, err = f.svc.SendInvitations(ctx, domain.System, eventID)
	require.NoError(t, err)
	assert.Empty(t, res.Skipped)
	assert.Equal(t, 1, res.New, "once corrected, only the skipped invitation goes")
	assert.Equal(t, "angharad@example.org", f.outbox()[0].To)
}

// A stand-down goes ahead whatever the addresses on record: a recipient
// whose address cannot be used is listed to phone, and the others are
// told not to travel.
func TestStandDownSkipsAnAddressThatCannotBeUsed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.SendInvitations(ctx, domain.System, eventID)
	require.NoError(t, err)
	f.exec(`UPDATE schools SET head_email = 'Elin Rhys <pennaeth@ywern.example>' WHERE id = 1`)

	res, err := f.svc.StandDown(ctx, domain.System, 12, "released")
	require.NoError(t, err)
	require.Len(t, res.Skipped, 1)
	assert.Equal(t, "SCH-0001", res.Skipped[0].Ref)
	assert.Equal(t, 1, res.DoNotTravel, "the carer is still told")
	d, err := f.store.ShowcaseData(ctx, domain.Unrestricted, eventID)
	require.NoError(t, err)
	for _, fam := range d.Families {
		if fam.Family.ID == 12 {
			assert.Equal(t, "cancelled", fam.Status, "the family is stood down")
		}
	}
}
