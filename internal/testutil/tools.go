package testutil

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// CI reports whether the tests run in CI (CI=true), where every outside
// tool is installed by .ci/run and a missing one is a failure.
func CI() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// NeedTool returns the path of the command name, which the Debian package
// debianPackage provides. Without it the test is skipped, naming the
// package, so `go test ./...` passes on a machine with only Go; under
// CI=true it fails instead, so CI can never go green by skipping.
func NeedTool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	Missing(t, fmt.Sprintf("%s is not on PATH", name),
		"apt-get install -y --no-install-recommends "+debianPackage+" (Debian package "+debianPackage+")")
	return ""
}

// Missing stops a test that needs something this machine lacks: a skip
// that names the test and says how to install what it needs (go test -v
// ./... | grep ' skipped: ' lists them all), or a failure under CI=true.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if CI() {
		t.Fatalf("%s failed: %s; install it with %s (CI=true, so a missing tool fails rather than skips)", t.Name(), what, install)
		return
	}
	t.Skipf("%s skipped: %s; install it with %s, or run .ci/run for every test", t.Name(), what, install)
}
