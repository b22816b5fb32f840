package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// The data version stays put while nothing is committed, and moves on a
// commit from this store or from another process's connection (here a
// second Store on the same file, as the CLI would be).
func TestDataVersionMovesOnEveryCommit(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	v1, err := s.DataVersion(ctx)
	require.NoError(t, err)
	_, err = s.LocalAuthorities(ctx)
	require.NoError(t, err)
	v2, err := s.DataVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, v1, v2, "a read changes nothing")

	_, err = s.CreateLocalAuthority(ctx, domain.System, "Bridgend")
	require.NoError(t, err)
	v3, err := s.DataVersion(ctx)
	require.NoError(t, err)
	assert.NotEqual(t, v2, v3, "this process's commit")

	other, err := Open(ctx, path)
	require.NoError(t, err)
	defer other.Close()
	_, err = other.CreateLocalAuthority(ctx, domain.System, "Swansea")
	require.NoError(t, err)
	v4, err := s.DataVersion(ctx)
	require.NoError(t, err)
	assert.NotEqual(t, v3, v4, "another connection's commit")
}
