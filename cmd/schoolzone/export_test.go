package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// Exporting the demo showcase, with the README's command exactly, writes
// every document, named by reference only, and a cost workbook.
func TestExportDemoShowcase(t *testing.T) {
	db := tempDB(t)
	require.Equal(t, exitOK, runWith(t, nil, "", "demo", "--db", db).code)
	out := t.TempDir()
	r := runWith(t, nil, "", "export", "--db", db, "--event", "1", "--out", out)
	require.Equal(t, exitOK, r.code, r.stderr)

	ics, _ := filepath.Glob(filepath.Join(out, "invites", "*.ics"))
	pdfs, _ := filepath.Glob(filepath.Join(out, "packs", "*.pdf"))
	assert.NotEmpty(t, ics)
	assert.NotEmpty(t, pdfs)
	var names []string
	for _, f := range append(ics, pdfs...) {
		names = append(names, filepath.Base(f))
	}
	joined := strings.Join(names, " ")
	assert.Contains(t, joined, "run-sheet")
	assert.Contains(t, joined, "certificate-FAM-")
	// File names carry references only: no letters beyond the kind words,
	// the reference and the language suffix.
	for _, n := range names {
		assert.Regexp(t, `^(invite|teacher-pack|carer-letter|run-sheet|certificate)-[A-Z]{2,5}-\d+(-(en|cy))?\.(ics|pdf)$`, n)
	}

	x, err := excelize.OpenFile(filepath.Join(out, "costs.xlsx"))
	require.NoError(t, err)
	defer x.Close()
	assert.Contains(t, x.GetSheetList(), "Summary")
	info, err := os.Stat(filepath.Join(out, "costs.xlsx"))
	require.NoError(t, err)
	assert.Positive(t, info.Size())
}

// The organizer comes from --organizer, else SCHOOLZONE_ORGANIZER, else on
// the demo's database the demo's coordinator.
func TestExportOrganizer(t *testing.T) {
	db := tempDB(t)
	require.Equal(t, exitOK, runWith(t, nil, "", "demo", "--db", db).code)
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"the demo's own", nil, nil, "ORGANIZER;CN=Rhian Lloyd:mailto:coordinator@schoolzone.example"},
		{"from the environment", map[string]string{"SCHOOLZONE_ORGANIZER": "Team <team@sz.example>"}, nil, "ORGANIZER;CN=Team:mailto:team@sz.example"},
		{"the flag wins", map[string]string{"SCHOOLZONE_ORGANIZER": "Team <team@sz.example>"}, []string{"--organizer", "flag@sz.example"},
			"ORGANIZER:mailto:flag@sz.example"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			r := runWith(t, tc.env, "", append([]string{"export", "--db", db, "--event", "1", "--out", out}, tc.args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			ics, err := filepath.Glob(filepath.Join(out, "invites", "*.ics"))
			require.NoError(t, err)
			require.NotEmpty(t, ics)
			for _, f := range ics {
				data, err := os.ReadFile(f)
				require.NoError(t, err)
				assert.Contains(t, string(data), tc.want+"\r\n", f)
			}
		})
	}
}

// Without an organizer, export says how to set one rather than failing
// half way with a bare "organizer has no email address".
func TestExportExplainsAMissingOrganizer(t *testing.T) {
	db := tempDB(t)
	require.Equal(t, exitOK, runWith(t, nil, "", "migrate", "--db", db).code)
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		stderr []string
	}{
		{"none set", nil, nil, []string{"no organizer address", "--organizer", "SCHOOLZONE_ORGANIZER"}},
		{"not an address", nil, []string{"--organizer", "Rhian at the office"}, []string{`--organizer (or SCHOOLZONE_ORGANIZER) "Rhian at the office" is not an address`}},
		{"env not an address", map[string]string{"SCHOOLZONE_ORGANIZER": "nobody"}, nil, []string{`"nobody" is not an address`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			r := runWith(t, tc.env, "", append([]string{"export", "--db", db, "--event", "1", "--out", out}, tc.args...)...)
			assert.Equal(t, exitError, r.code)
			for _, want := range tc.stderr {
				assert.Contains(t, r.stderr, want)
			}
			assert.NotContains(t, r.stderr, "organizer has no email address")
			written, err := os.ReadDir(out)
			require.NoError(t, err)
			assert.Empty(t, written, "nothing written before the organizer is known")
		})
	}
}
