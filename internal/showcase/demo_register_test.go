package showcase

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// Defect 1 on the demo: TCH-0018's pack named Ffion, her year and "uses a
// wheelchair", though her register then allowed only TCH-0017. Every
// teacher pack of the demo showcase lists only children whose register
// names that teacher.
func TestDemoPacksFollowTheRegister(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	defer st.Close()
	_, err = demo.Load(ctx, st, now)
	require.NoError(t, err)
	events, err := st.Events(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.NotEmpty(t, events)
	svc := &Service{Store: st, Cat: propCat, Now: func() time.Time { return now }, Organizer: demo.Organizer(), Scope: domain.Unrestricted}
	p, err := svc.Plan(ctx, events[0].ID)
	require.NoError(t, err)
	packs := 0
	for _, it := range p.Items {
		if it.Kind != KindTeacher {
			continue
		}
		pack := svc.teacherPack(p.view, it)
		for _, pu := range pack.Pupils {
			f := familyByRef(p.view, pu.FamilyRef)
			require.NotNil(t, f)
			named := false
			for _, ch := range f.Children {
				if ch.FirstName == pu.FirstName.Text {
					named = ch.MayKnowTeacher(it.RecipientID)
				}
			}
			assert.True(t, named, "%s's pack lists %s of %s, whose register does not name them", it.Ref, pu.FirstName.Text, pu.FamilyRef)
			packs++
		}
	}
	assert.Positive(t, packs, "the demo's packs list pupils")
	vs, err := st.CheckSafeguards(ctx)
	require.NoError(t, err)
	assert.Empty(t, vs, "the demo keeps every safeguard")
}

func familyByRef(v *view, ref string) *store.ShowcaseFamily {
	for i := range v.d.Families {
		if v.d.Families[i].Family.Ref == ref {
			return &v.d.Families[i]
		}
	}
	return nil
}
