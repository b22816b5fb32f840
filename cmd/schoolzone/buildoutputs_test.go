package main

import (
	"bytes"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

// buildOutputs are names that a build, a test run or the quick start
// leaves behind: none belongs in git or in the image's build context.
var buildOutputs = []string{"*.test", "*.exe", "*.prof", "*.db", "*.db-wal", "*.db-shm", "*.db-journal", "schoolzone"}

// A committed test binary once made every clone 11.5 MB heavier; this
// keeps any build output from being committed again.
func TestNoBuildOutputsInGit(t *testing.T) {
	git := testutil.NeedTool(t, "git", "git")
	cmd := exec.Command(git, "ls-files", "-z")
	cmd.Dir = testutil.RepoPath(t, ".")
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): nothing to check", err)
	}
	files := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	require.NotEmpty(t, files)
	for _, f := range files {
		for _, pattern := range buildOutputs {
			matched, err := path.Match(pattern, path.Base(f))
			require.NoError(t, err)
			assert.False(t, matched, "%s is a build output (%s): git rm --cached it", f, pattern)
		}
	}
}

// The Dockerfile copies the whole context, so .dockerignore is all that
// keeps local databases and binaries out of the image.
func TestDockerignoreKeepsBuildOutputsOut(t *testing.T) {
	data, err := os.ReadFile(testutil.RepoPath(t, ".dockerignore"))
	require.NoError(t, err)
	lines := map[string]bool{}
	for _, l := range bytes.Split(data, []byte("\n")) {
		lines[strings.TrimSpace(string(l))] = true
	}
	for _, pattern := range buildOutputs {
		want := "**/" + pattern
		if pattern == "schoolzone" {
			want = pattern // the binary `go build` leaves at the root
		}
		assert.True(t, lines[want], ".dockerignore lacks %q", want)
	}
}
