package store_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
	figs "schoolzone/internal/figures"
	"schoolzone/internal/store"
)

// figuresFromCases is how the commissioner's figures were worked out before
// the store grouped them in SQL: every case loaded, every child's school
// looked up in Go. The SQL must give the same rows, the same counts and the
// same families behind each (the disclosure checks protect by family).
func figuresFromCases(t *testing.T, s *store.Store, sc domain.Scope) figs.Figures {
	ctx := context.Background()
	cases, err := s.Cases(ctx, sc, 0)
	require.NoError(t, err)
	schools, err := s.Schools(ctx)
	require.NoError(t, err)
	bySchool := map[int64]domain.School{}
	for _, x := range schools {
		bySchool[x.ID] = x
	}
	var families []figs.Family
	for _, cs := range cases {
		f := figs.Family{ID: cs.Family.ID, Stage: cs.Progress().Stage}
		for _, ch := range cs.Children {
			school, ok := bySchool[ch.SchoolID]
			f.LocalAuthorities = append(f.LocalAuthorities, school.LocalAuthority)
			if ok {
				f.SchoolTypes = append(f.SchoolTypes, string(school.Type))
			} else {
				f.SchoolTypes = append(f.SchoolTypes, "")
			}
		}
		families = append(families, f)
	}
	return figs.Compute(families)
}

func TestFiguresInSQLAgreeWithTheCases(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	open := func(n int) *store.Store {
		s, err := store.Open(ctx, filepath.Join(t.TempDir(), "f.db"))
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		_, err = demo.LoadScaled(ctx, s, now, n, 11)
		require.NoError(t, err)
		return s
	}
	s := open(60)
	all, err := s.Cases(ctx, domain.Unrestricted, 0)
	require.NoError(t, err)
	prison := all[len(all)-1].Family.PrisonID
	var la int64
	for _, c := range all {
		for _, ch := range c.Children {
			if ch.LocalAuthorityID != 0 {
				la = ch.LocalAuthorityID
			}
		}
	}
	require.NotZero(t, la)

	for _, tc := range []struct {
		name string
		sc   domain.Scope
	}{
		{"every prison", domain.Unrestricted},
		{"one prison", domain.Scope{Prisons: []int64{prison}}},
		{"one local authority", domain.Scope{AllPrisons: true, Authorities: []int64{la}}},
		{"from clearance", domain.Scope{Prisons: []int64{prison}, FromClearance: true}},
		{"nothing", domain.Scope{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := figuresFromCases(t, s, tc.sc)
			got, err := s.Figures(ctx, tc.sc)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			assert.Equal(t, want.Cells(), got.Cells())
		})
	}

	// One statement at any size: the old way read every case.
	reads := func(s *store.Store) int64 {
		var n atomic.Int64
		_, err := s.Figures(store.CountStatements(ctx, &n), domain.Unrestricted)
		require.NoError(t, err)
		return n.Load()
	}
	assert.Equal(t, int64(1), reads(s))
	assert.Equal(t, int64(1), reads(open(12)))
}
