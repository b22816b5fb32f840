package domain

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "want a ValidationError, got %v", err)
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestReferralCheckRecords(t *testing.T) {
	prisons := []Prison{{ID: 1}}
	schools := []School{{ID: 10}, {ID: 11}}
	cases := []struct {
		name string
		in   ReferralInput
		want []string
	}{
		{"all known", ReferralInput{PrisonID: 1, Children: []Child{{FirstName: "Cai", SchoolID: 10}, {FirstName: "Nia"}}}, nil},
		{"missing prison is left to Validate", ReferralInput{Children: []Child{{FirstName: "Cai"}}}, nil},
		{"unknown prison", ReferralInput{PrisonID: 2, Children: []Child{{FirstName: "Cai"}}}, []string{"prison_id"}},
		{"unknown school, by position", ReferralInput{PrisonID: 1, Children: []Child{{FirstName: "Cai", SchoolID: 10}, {FirstName: "Nia", SchoolID: 12}}}, []string{"children[1].school_id"}},
		{"a child sent blank is an error, not a spare row", ReferralInput{PrisonID: 1, Children: []Child{{FirstName: " ", SchoolID: 10}}}, []string{"children[0].first_name"}},
		{"child language", ReferralInput{PrisonID: 1, Children: []Child{{FirstName: "Cai", Lang: "fr"}}}, []string{"children[0].lang"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.in.CheckRecords(prisons, schools)
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tc.want, fieldsOf(t, err))
		})
	}
}

func TestJoinProblems(t *testing.T) {
	var a, b Problems
	a.Add("name", "err.required")
	a.Add("prison_id", "err.required")
	b.Add("prison_id", "api.err.unknown_prison")
	b.Add("children[0].school_id", "api.err.unknown_school")

	assert.NoError(t, JoinProblems(nil, nil))
	err := JoinProblems(a.Err(), nil, b.Err())
	assert.Equal(t, []string{"name", "prison_id", "children[0].school_id"}, fieldsOf(t, err), "one message per field, the first wins")

	other := errors.New("disk full")
	assert.Equal(t, other, JoinProblems(a.Err(), other), "a fault is not a validation problem")
}
