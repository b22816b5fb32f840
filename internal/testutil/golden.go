// Package testutil holds helpers shared by tests. Only _test.go files import it.
package testutil

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden with the current output")

// RepoPath returns the absolute path of rel, taken from the repository root
// (the directory holding go.mod), so tests in any package find testdata/.
func RepoPath(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, rel)
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, parent, dir, "go.mod not found above the test's directory")
		dir = parent
	}
}

// Golden compares got with testdata/golden/<name>. Run the test with -update
// to rewrite the file; review the diff like code.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := RepoPath(t, filepath.Join("testdata", "golden", name))
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run the test with -update to create %s", path)
	assert.Equal(t, string(want), string(got), "output differs from %s (run with -update if the change is intended)", path)
}
