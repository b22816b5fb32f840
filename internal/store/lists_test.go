package store_test

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

// Lists page, filter and search in SQL; what they return must be what the
// cases worked out in Go say, at every stage and for every scope.
func TestListFamiliesAgreesWithTheCases(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "l.db"))
	require.NoError(t, err)
	defer s.Close()
	_, err = demo.Load(ctx, s, now)
	require.NoError(t, err)
	all, err := s.Cases(ctx, domain.Unrestricted, 0)
	require.NoError(t, err)
	ids := func(cs []domain.Case) (out []int64) {
		for _, c := range cs {
			out = append(out, c.Family.ID)
		}
		return out
	}
	list := func(sc domain.Scope, f store.FamilyFilter) []int64 {
		p, err := s.ListFamilies(ctx, sc, f)
		require.NoError(t, err)
		return ids(p.Cases)
	}

	t.Run("every stage", func(t *testing.T) {
		want := map[domain.Stage][]int64{}
		for _, c := range all {
			want[c.Progress().Stage] = append(want[c.Progress().Stage], c.Family.ID)
		}
		counts, err := s.CountFamilies(ctx, domain.Unrestricted, store.FamilyFilter{})
		require.NoError(t, err)
		for _, st := range domain.Stages {
			assert.Equal(t, want[st], list(domain.Unrestricted, store.FamilyFilter{Stages: []domain.Stage{st}}), "stage %s", st)
			assert.Equal(t, len(want[st]), counts[st], "count at stage %s", st)
		}
	})

	t.Run("pages walk every family once", func(t *testing.T) {
		var got []int64
		f := store.FamilyFilter{Limit: 4}
		for pages := 0; ; pages++ {
			require.Less(t, pages, 10)
			p, err := s.ListFamilies(ctx, domain.Unrestricted, f)
			require.NoError(t, err)
			got = append(got, ids(p.Cases)...)
			if p.Next == 0 {
				break
			}
			f.After = p.Next
		}
		assert.Equal(t, ids(all), got)
	})

	t.Run("prison staff see only families at clearance", func(t *testing.T) {
		officer := domain.Scope{Prisons: []int64{all[0].Family.PrisonID}, FromClearance: true}
		var want []int64
		for _, c := range all {
			if officer.Sees(c) {
				want = append(want, c.Family.ID)
			}
		}
		require.NotEmpty(t, want)
		assert.Equal(t, want, list(officer, store.FamilyFilter{}))
		assert.Empty(t, list(domain.Scope{Prisons: []int64{all[0].Family.PrisonID + 1}}, store.FamilyFilter{}), "another prison's coordinator")
	})

	t.Run("search", func(t *testing.T) {
		byRef := map[string]int64{}
		for _, c := range all {
			byRef[c.Family.Ref] = c.Family.ID
		}
		for _, tc := range []struct {
			q    string
			want []int64
		}{
			{"FAM-0003", []int64{byRef["FAM-0003"]}},
			{"catrin", []int64{byRef["FAM-0001"]}},        // a carer's first name, any case
			{"osian llewell", []int64{byRef["FAM-0003"]}}, // a child, word starts
			{"ty derw", []int64{byRef["FAM-0005"]}},       // a school, without its circumflex
			{`"); DROP TABLE families; --`, nil},          // never FTS5 syntax
			{"nobody-here", nil},
		} {
			assert.Equal(t, tc.want, list(domain.Unrestricted, store.FamilyFilter{Query: tc.q}), tc.q)
		}
	})

	t.Run("the stage follows each change", func(t *testing.T) {
		var referred domain.Case
		for _, c := range all {
			if c.Progress().Stage == domain.StageReferred {
				referred = c
			}
		}
		require.NotZero(t, referred.Family.ID)
		_, err := s.RecordSteps(ctx, domain.System, referred.Family.ID, func(c domain.Case) ([]domain.Step, error) {
			st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentGiven, Route: "phone", OccurredOn: "2026-03-01"}, "2026-03-02")
			return []domain.Step{st}, err
		})
		require.NoError(t, err)
		assert.Contains(t, list(domain.Unrestricted, store.FamilyFilter{Stages: []domain.Stage{domain.StageConsented}}), referred.Family.ID)
		assert.NotContains(t, list(domain.Unrestricted, store.FamilyFilter{Stages: []domain.Stage{domain.StageReferred}}), referred.Family.ID)
	})
}
