package figures

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"schoolzone/internal/domain"
)

// shown renders a breakdown as the page would: a number or "<3".
func shown(groups []Group) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		if g.Count.Hidden {
			out[i] = "<3"
		} else {
			out[i] = strconv.Itoa(g.Count.N)
		}
	}
	return out
}

func TestSuppress(t *testing.T) {
	cases := []struct {
		name string
		in   []int
		want []string
	}{
		{"nothing small", []int{5, 3, 8}, []string{"5", "3", "8"}},
		{"zero is not sensitive", []int{0, 4, 6}, []string{"0", "4", "6"}},
		{"one and two are hidden", []int{1, 2, 9}, []string{"<3", "<3", "9"}},
		{"three is the first number shown", []int{2, 3}, []string{"<3", "3"}},
		{"everything small", []int{1, 1}, []string{"<3", "<3"}},
		{"empty", nil, []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			groups := make([]Group, len(tc.in))
			for i, n := range tc.in {
				groups[i] = Group{Count: Count{N: n}}
			}
			Suppress(groups)
			assert.Equal(t, tc.want, shown(groups))
			for _, g := range groups {
				if g.Count.Hidden {
					assert.Zero(t, g.Count.N, "a hidden count carries no number")
				}
			}
		})
	}
}

func TestCompute(t *testing.T) {
	fam := func(st domain.Stage, las, types []string) Family {
		return Family{Stage: st, LocalAuthorities: las, SchoolTypes: types}
	}
	var fs []Family
	for range 4 {
		fs = append(fs, fam(domain.StageReady, []string{"Glanfa"}, []string{"primary"}))
	}
	for range 3 {
		fs = append(fs, fam(domain.StageReferred, []string{"Afonwy", "Afonwy"}, []string{"secondary", "secondary"}))
	}
	fs = append(fs, fam(domain.StageWithdrawn, []string{"Glanfa", "Afonwy"}, []string{"primary", "pru"}))
	fs = append(fs, fam(domain.StageConsented, []string{""}, []string{""}))

	f := Compute(fs)

	stages := map[string]Count{}
	for _, g := range f.ByStage {
		stages[g.Key] = g.Count
	}
	assert.Len(t, f.ByStage, len(domain.Stages), "every stage is listed")
	assert.Equal(t, Count{N: 4}, stages["ready"])
	assert.Equal(t, Count{N: 3}, stages["referred"])
	assert.True(t, stages["withdrawn"].Hidden)
	assert.True(t, stages["consented"].Hidden)
	assert.Equal(t, Count{}, stages["refused"])

	assert.Equal(t, []Group{
		{Key: "Afonwy", Count: Count{N: 4}},
		{Key: "Glanfa", Count: Count{N: 5}},
		{Key: "", Count: Count{Hidden: true}},
	}, f.ByLocalAuthority, "siblings in two authorities count once in each; not recorded comes last")
	assert.Equal(t, []string{"5", "<3", "3", "<3"}, shown(f.BySchoolType), "primary 5, pru 1, secondary 3, none 1")
}
