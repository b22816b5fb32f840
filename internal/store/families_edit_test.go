package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// Changing a referral's details goes through the safeguards transaction:
// the carer's distance is a costs input, so the family's showcase says its
// costs are out of date; and any edit settles the family, so one seated
// without passing every gate (as costWorld's are) is taken out. A family
// out of the actor's prisons is not found; each change is audited.
func TestUpdateReferral(t *testing.T) {
	for _, tc := range []struct {
		name       string
		change     func(*domain.ReferralDetails)
		costsStale bool
	}{
		{"carer's distance", func(d *domain.ReferralDetails) { d.CarerDistance = "42" }, true},
		{"parent's name", func(d *domain.ReferralDetails) { d.ParentName = "Dai Changed" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newCostWorld(t)
			ctx := context.Background()
			w.rates(t)
			require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
			cs, err := w.s.Case(ctx, domain.Unrestricted, w.f1)
			require.NoError(t, err)
			c := cs.Carers[0]
			c.Phone = "07700 900123"
			in := domain.ReferralDetails{ParentName: cs.Family.ParentName, PrisonNumber: cs.Family.PrisonNumber, ReferralSource: cs.Family.ReferralSource,
				ReferredOn: cs.Family.ReferredOn, Carer: c, CarerDistance: "5"}
			tc.change(&in)
			require.NoError(t, in.Validate(today))
			require.NoError(t, w.s.UpdateReferral(ctx, domain.System, w.f1, in))

			after, err := w.s.Case(ctx, domain.Unrestricted, w.f1)
			require.NoError(t, err)
			assert.Equal(t, in.ParentName, after.Family.ParentName)
			assert.Equal(t, in.Carer.DistanceMiles, after.Carers[0].DistanceMiles)
			ev, err := w.s.Event(ctx, domain.Unrestricted, w.event)
			require.NoError(t, err)
			assert.Equal(t, tc.costsStale, ev.CostsStale)
			var status string
			require.NoError(t, w.s.write.QueryRow(`SELECT status FROM event_families WHERE event_id = ? AND family_id = ?`, w.event, w.f1).Scan(&status))
			assert.Equal(t, "cancelled", status, "the edit settled the family")
			var n int
			require.NoError(t, w.s.write.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'family' AND entity_id = ?`, w.f1).Scan(&n))
			assert.Equal(t, 1, n)
		})
	}
	t.Run("outside the actor's prisons", func(t *testing.T) {
		w := newCostWorld(t)
		other, err := w.s.CreatePrison(context.Background(), domain.System, domain.Prison{Name: "HMP Arall"})
		require.NoError(t, err)
		actor := domain.System
		actor.Scope = domain.Scope{Prisons: []int64{other}}
		err = w.s.UpdateReferral(context.Background(), actor, w.f1, domain.ReferralDetails{ParentName: "X"})
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}
