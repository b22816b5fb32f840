package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A referral naming a prison or school not on record is refused in the
// store's transaction with a message on the field, whoever the caller, and
// nothing is saved.
func TestCreateReferralChecksReferences(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	referral := func(prison, school int64) domain.ReferralInput {
		in := domain.ReferralInput{PrisonID: prison, ParentName: "Dai Example", ReferralSource: "parent", ReferredOn: today,
			Carer:    domain.Carer{Name: "Sian Example", Relationship: "parent", Phone: "07700 900123", Lang: "cy"},
			Children: []domain.Child{{FirstName: "Cai", SchoolID: w.school}, {FirstName: "Nia", SchoolID: school}}}
		require.NoError(t, in.Validate(today))
		return in
	}
	cases := []struct {
		name           string
		prison, school int64
		fields         []string
	}{
		{"unknown school", w.prison, 999, []string{"children[1].school_id"}},
		{"unknown prison", 999, w.school, []string{"prison_id"}},
		{"both", 999, 998, []string{"prison_id", "children[1].school_id"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.s.CreateReferral(ctx, domain.System, referral(tc.prison, tc.school))
			var ve *domain.ValidationError
			require.True(t, errors.As(err, &ve), "want a field message, got %v", err)
			var fields []string
			for _, f := range ve.Fields {
				fields = append(fields, f.Field)
			}
			assert.Equal(t, tc.fields, fields)
			cases, err := w.s.Cases(ctx, domain.Unrestricted, 0)
			require.NoError(t, err)
			assert.Len(t, cases, 1, "only newWorld's family")
		})
	}
	_, err := w.s.CreateReferral(ctx, domain.System, referral(w.prison, 0))
	assert.NoError(t, err, "a child with no school yet is allowed")
}
