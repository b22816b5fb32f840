package testutil

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTB records how a helper stopped the test instead of stopping it.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper()                           {}
func (f *fakeTB) Skipf(format string, args ...any)  { f.skipped = fmt.Sprintf(format, args...) }
func (f *fakeTB) Fatalf(format string, args ...any) { f.failed = fmt.Sprintf(format, args...) }

func TestNeedTool(t *testing.T) {
	bin := t.TempDir()
	present := filepath.Join(bin, "present-tool")
	require.NoError(t, os.WriteFile(present, []byte("#!/bin/sh\n"), 0o755))
	tests := []struct {
		name, ci, tool       string
		wantPath             string
		wantSkip, wantFail   bool
		wantPackageInMessage bool
	}{
		{name: "present", ci: "", tool: "present-tool", wantPath: present},
		{name: "present in CI", ci: "true", tool: "present-tool", wantPath: present},
		{name: "missing skips on a developer's machine", ci: "", tool: "absent-tool", wantSkip: true, wantPackageInMessage: true},
		{name: "missing skips when CI is false", ci: "false", tool: "absent-tool", wantSkip: true, wantPackageInMessage: true},
		{name: "missing fails in CI", ci: "true", tool: "absent-tool", wantFail: true, wantPackageInMessage: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("PATH", bin)
			t.Setenv("CI", tc.ci)
			f := &fakeTB{TB: t}
			got := NeedTool(f, tc.tool, "some-debian-package")
			assert.Equal(t, tc.wantPath, got)
			assert.Equal(t, tc.wantSkip, f.skipped != "", "skipped: %q", f.skipped)
			assert.Equal(t, tc.wantFail, f.failed != "", "failed: %q", f.failed)
			if tc.wantPackageInMessage {
				assert.Contains(t, f.skipped+f.failed, t.Name(), "names the test")
				assert.Contains(t, f.skipped+f.failed, "absent-tool is not on PATH")
				assert.Contains(t, f.skipped+f.failed, "Debian package some-debian-package")
			}
		})
	}
}
