package figures

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"schoolzone/internal/domain"
)

func TestComputeAndHide(t *testing.T) {
	var fs []Family
	add := func(st domain.Stage, las, types []string) {
		fs = append(fs, Family{ID: int64(len(fs) + 1), Stage: st, LocalAuthorities: las, SchoolTypes: types})
	}
	for range 4 {
		add(domain.StageReady, []string{"Glanfa"}, []string{"primary"})
	}
	for range 3 {
		add(domain.StageReferred, []string{"Afonwy", "Afonwy"}, []string{"secondary", "secondary"})
	}
	add(domain.StageWithdrawn, []string{"Glanfa", "Afonwy"}, []string{"primary", "pru"})
	add(domain.StageConsented, []string{""}, []string{""})

	f := Compute(fs)

	stages := map[string]Count{}
	for _, g := range f.ByStage {
		stages[g.Key] = g.Count
	}
	assert.Len(t, f.ByStage, len(domain.Stages), "every stage is listed")
	assert.Equal(t, Count{N: 4}, stages["ready"])
	assert.Equal(t, Count{N: 1}, stages["withdrawn"], "not yet protected")
	assert.Equal(t, Count{}, stages["refused"])
	assert.Equal(t, []string{"Afonwy", "Glanfa", ""}, keys(f.ByLocalAuthority), "not recorded comes last")
	assert.Equal(t, []int{4, 5, 1}, counts(f.ByLocalAuthority), "siblings in two authorities count once in each")

	cells := f.Cells()
	assert.Len(t, cells, len(f.ByStage)+len(f.ByLocalAuthority)+len(f.BySchoolType))
	assert.Equal(t, []int64{1, 2, 3, 4}, cells[indexOf(f.ByStage, "ready")])

	hidden := make([]bool, len(cells))
	hidden[indexOf(f.ByStage, "withdrawn")] = true
	f.Hide(hidden)
	for _, g := range f.ByStage {
		if g.Key == "withdrawn" {
			assert.Equal(t, Count{Hidden: true}, g.Count, "a hidden count carries no number")
		}
	}
}

func keys(gs []Group) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Key
	}
	return out
}

func counts(gs []Group) []int {
	out := make([]int, len(gs))
	for i, g := range gs {
		out[i] = g.Count.N
	}
	return out
}

func indexOf(gs []Group, key string) int {
	for i, g := range gs {
		if g.Key == key {
			return i
		}
	}
	return -1
}
