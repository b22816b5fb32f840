package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCarerInputValidate(t *testing.T) {
	good := CarerInput{Name: " Sian ", Relationship: "grandparent", Phone: "07700 900123", Lang: "cy", DistanceMiles: "12"}
	tests := []struct {
		name   string
		change func(*CarerInput)
		errs   map[string]string
	}{
		{"good", func(*CarerInput) {}, nil},
		{"no name", func(in *CarerInput) { in.Name = "" }, map[string]string{"name": "err.required"}},
		{"no way to reach them", func(in *CarerInput) { in.Phone = "" }, map[string]string{"phone": "err.carer_contact"}},
		{"a relationship not on the list", func(in *CarerInput) { in.Relationship = "neighbour" }, map[string]string{"relationship": "err.choice"}},
		{"an email that is not one", func(in *CarerInput) { in.Email = "sian at home" }, map[string]string{"email": "err.email"}},
		{"miles in words", func(in *CarerInput) { in.DistanceMiles = "twelve" }, map[string]string{"distance_miles": "err.ref.whole_number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good
			tt.change(&in)
			c, err := in.Validate()
			if tt.errs == nil {
				require.NoError(t, err)
				assert.Equal(t, Carer{Name: "Sian", Relationship: "grandparent", Phone: "07700 900123", Lang: "cy", DistanceMiles: 12}, c)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			got := map[string]string{}
			for _, f := range ve.Fields {
				got[f.Field] = f.Key
			}
			assert.Equal(t, tt.errs, got)
		})
	}
}
