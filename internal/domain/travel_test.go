package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTravelDecide(t *testing.T) {
	tests := []struct {
		name   string
		in     TravelInput
		want   TravelRequest
		errors map[string]string // field: message key
	}{
		{"miles only", TravelInput{WantsHelp: "yes", DistanceMiles: " 23 "}, TravelRequest{WantsHelp: true, Miles: 23}, nil},
		{"area only, lower case", TravelInput{WantsHelp: "yes", PostcodeArea: "cf31"}, TravelRequest{WantsHelp: true, PostcodeArea: "CF31"}, nil},
		{"whole postcode is cut to its area", TravelInput{WantsHelp: "yes", PostcodeArea: "SA1 8PP"}, TravelRequest{WantsHelp: true, PostcodeArea: "SA1"}, nil},
		{"whole postcode without its space", TravelInput{WantsHelp: "yes", PostcodeArea: "np106aa"}, TravelRequest{WantsHelp: true, PostcodeArea: "NP10"}, nil},
		{"London style area", TravelInput{WantsHelp: "yes", PostcodeArea: "EC1V"}, TravelRequest{WantsHelp: true, PostcodeArea: "EC1V"}, nil},
		{"no help, nothing else needed", TravelInput{WantsHelp: "no"}, TravelRequest{}, nil},
		{"no help, distance kept", TravelInput{WantsHelp: "no", DistanceMiles: "4"}, TravelRequest{Miles: 4}, nil},
		{"no answer", TravelInput{}, TravelRequest{}, map[string]string{"wants_help": "travel.err.wants_help"}},
		{"help without distance or area", TravelInput{WantsHelp: "yes"}, TravelRequest{WantsHelp: true},
			map[string]string{"distance_miles": "travel.err.distance_or_area"}},
		{"help with nought miles", TravelInput{WantsHelp: "yes", DistanceMiles: "0"}, TravelRequest{WantsHelp: true},
			map[string]string{"distance_miles": "travel.err.distance_or_area"}},
		{"words for miles", TravelInput{WantsHelp: "yes", DistanceMiles: "about ten"}, TravelRequest{WantsHelp: true},
			map[string]string{"distance_miles": "err.ref.whole_number"}},
		{"too far", TravelInput{WantsHelp: "yes", DistanceMiles: "5000"}, TravelRequest{WantsHelp: true},
			map[string]string{"distance_miles": "err.ref.whole_number"}},
		{"not a postcode", TravelInput{WantsHelp: "yes", PostcodeArea: "Bridgend"}, TravelRequest{WantsHelp: true, PostcodeArea: "BRIDGEND"},
			map[string]string{"postcode_area": "travel.err.postcode_area"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Decide()
			if tt.errors == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			keys := map[string]string{}
			for _, f := range ve.Fields {
				keys[f.Field] = f.Key
			}
			assert.Equal(t, tt.errors, keys)
		})
	}
}
