package allocate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

func runCLI(args []string, stdin string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := RunCLI(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCLISamplePlan(t *testing.T) {
	path := testutil.RepoPath(t, "testdata/allocate/plan.json")
	code, out, errOut := runCLI([]string{"--in", path}, "")
	require.Equal(t, ExitOK, code, errOut)
	assert.Empty(t, errOut)
	var res Result
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var in Input
	require.NoError(t, json.Unmarshal(raw, &in))
	assert.Empty(t, Check(in, res))
	assert.Equal(t, res.LowerBound, res.SlotsUsed)
	assert.Len(t, res.Tables, len(in.Families))
	assert.Contains(t, out, "\n  \"slots_used\": ", "indented")
	assert.Contains(t, out, `"start": "2026-12-03T13:30:00Z"`)

	code, fromStdin, _ := runCLI([]string{"--in", "-"}, string(raw))
	assert.Equal(t, ExitOK, code)
	assert.Equal(t, out, fromStdin, "stdin gives the same schedule")
}

func TestCLIErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	infeasible := `{"event":{"start":"2026-12-03T13:30:00Z","slot_minutes":10},
"tables":[{"id":"T1"}],"families":[{"id":"F1"},{"id":"F2"}],"teachers":[],"meetings":[]}`
	cases := []struct {
		name  string
		args  []string
		stdin string
		code  int
		msg   string
	}{
		{"no --in", nil, "", ExitUsage, "usage: schoolzone allocate --in plan.json"},
		{"unknown flag", []string{"--out", "x"}, "", ExitUsage, "flag provided but not defined: -out"},
		{"stray argument", []string{"--in", "-", "extra"}, "", ExitUsage, "usage:"},
		{"bad --lang", []string{"--in", "-", "--lang", "fr"}, "", ExitUsage, "usage:"},
		{"missing file", []string{"--in", filepath.Join(dir, "nope.json")}, "", ExitUsage, "read plan"},
		{"empty", []string{"--in", "-"}, "", ExitUsage, "the plan is empty"},
		{"syntax error with line", []string{"--in", "-"}, "{\n\"event\": {\n\"start\": ,\n}}", ExitUsage, "line 3: invalid character ','"},
		{"wrong type with field", []string{"--in", "-"}, "{\"tables\": [\n{\"id\": \"T1\", \"quiet\": \"yes\"}]}", ExitUsage, "line 2: field tables.quiet: expected bool, got JSON string"},
		{"misspelt field", []string{"--in", "-"}, `{"tables": [{"id": "T1", "step-free": true}]}`, ExitUsage, `unknown field "step-free"`},
		{"trailing data", []string{"--in", "-"}, `{} {}`, ExitUsage, "unexpected data after the plan"},
		{"invalid ids", []string{"--in", "-"}, `{"event":{"start":"2026-12-03T13:30:00Z","slot_minutes":10},"meetings":[{"family":"F1","teacher":"X"}]}`, ExitUsage, "meetings[0] names family F1"},
		{"infeasible", []string{"--in", write("small.json", infeasible)}, "", ExitInfeasible, "allocate: 2 families but the hall has 1 table\n"},
		{"infeasible in Welsh", []string{"--in", "-", "--lang", "cy"}, infeasible, ExitInfeasible, "allocate: Mae 2 deulu ond 1 bwrdd sydd yn y neuadd\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(tc.args, tc.stdin)
			assert.Equal(t, tc.code, code, errOut)
			assert.Empty(t, out, "nothing on stdout")
			assert.Contains(t, errOut, tc.msg)
		})
	}
}

func TestCLINilStdin(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, ExitUsage, RunCLI([]string{"--in", "-"}, nil, &out, &errOut))
	assert.Contains(t, errOut.String(), "no input")
}
