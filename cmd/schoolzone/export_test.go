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

// Exporting the demo showcase writes every document, named by reference
// only, and a cost workbook.
func TestExportDemoShowcase(t *testing.T) {
	db := tempDB(t)
	require.Equal(t, exitOK, runWith(t, nil, "", "demo", "--db", db).code)
	out := t.TempDir()
	r := runWith(t, nil, "", "export", "--db", db, "--event", "1", "--out", out, "--organizer", "Coordinator <schoolzone@example.org>")
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
