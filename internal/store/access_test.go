package store

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// Each person's export holds their own values and nobody else's, and
// making it is audited without personal data.
func TestSubjectAccessHoldsThePersonAndNobodyElse(t *testing.T) {
	w := newErasureWorld(t)
	ctx := context.Background()
	cs, err := w.s.Case(ctx, domain.Unrestricted, w.f1)
	require.NoError(t, err)
	carer, child := cs.Carers[0].ID, cs.Children[0].ID
	cases := []struct {
		person   string
		id       int64
		has, not []string
	}{
		{"parent", 0, []string{"Dai One", "Q9876ZZ"}, []string{"dai.one@example.test", "Zephyrine", "Carer Dai One"}},
		{"carer", carer, []string{"Carer Dai One", "dai.one@example.test", "07700 955555", "Your place"}, []string{"Q9876ZZ", "Zephyrine", `"Dai One"`}},
		{"child", child, []string{"Zephyrine", "Quillfeather", "Zephyrine needs quiet"}, []string{"Q9876ZZ", "dai.one@example.test", "Carer Dai One", `"Dai One"`}},
	}
	for _, c := range cases {
		t.Run(c.person, func(t *testing.T) {
			x, err := w.s.SubjectAccessExport(ctx, domain.System, w.f1, c.person, c.id)
			require.NoError(t, err)
			b, err := json.Marshal(x)
			require.NoError(t, err)
			for _, s := range c.has {
				assert.Contains(t, string(b), s)
			}
			for _, s := range append(c.not, "Dai Two", "Dai Three", "Referrer Wyn") {
				assert.NotContains(t, string(b), s)
			}
			assert.Equal(t, "FAM-0001", x.FamilyRef)
			assert.NotEmpty(t, x.Showcases)
		})
	}
	_, err = w.s.SubjectAccessExport(ctx, domain.System, w.f1, "child", child+100)
	assert.ErrorIs(t, err, domain.ErrNotFound, "a child of another family")
	log, err := w.s.AuditLog(ctx, AuditFilter{Action: "export_subject_access"})
	require.NoError(t, err)
	require.Len(t, log, 3)
	for _, e := range log {
		assert.Empty(t, e.Before+e.After)
	}
}
