package costreport

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"schoolzone/internal/testutil"
)

// seen is what an outside reader found in one workbook.
type seen struct {
	Sheets  []string `json:"sheets"`
	A1      []string `json:"a1"` // each sheet's first cell, in sheet order
	Creator string   `json:"creator"`
}

// Each script prints a JSON array of seen, one per workbook path given.
const (
	openpyxlScript = `
import json, sys, openpyxl
out = []
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    out.append({"sheets": wb.sheetnames, "a1": [str(ws["A1"].value or "") for ws in wb.worksheets], "creator": wb.properties.creator or ""})
print(json.dumps(out))
`
	exceljsScript = `
const ExcelJS = require('exceljs');
(async () => {
  const out = [];
  for (const path of process.argv.slice(1)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    out.push({sheets: wb.worksheets.map(w => w.name), a1: wb.worksheets.map(w => w.getCell('A1').text), creator: wb.creator || ''});
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e.message); process.exit(1); });
`
)

// Every workbook opens in two readers independent of excelize and of
// LibreOffice, Python's openpyxl and Node's exceljs, and they find the
// sheets, first cells and creator that excelize wrote. exceljs once
// rejected costs.xlsx outright over docProps/core.xml.
func TestWorkbooksOpenInOtherReaders(t *testing.T) {
	books := workbooks(t)
	names := slices.Sorted(maps.Keys(books))
	dir := t.TempDir()
	var paths []string
	var want []seen
	for _, name := range names {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, books[name], 0o644))
		paths = append(paths, path)
		want = append(want, excelizeSees(t, books[name]))
	}
	readers := []struct {
		name string
		cmd  func(t *testing.T) []string // the command line before the paths
	}{
		{"openpyxl", func(t *testing.T) []string { return []string{python(t), "-c", openpyxlScript} }},
		{"exceljs", func(t *testing.T) []string { return []string{node(t), "-e", exceljsScript} }},
	}
	for _, r := range readers {
		t.Run(r.name, func(t *testing.T) {
			argv := append(r.cmd(t), paths...)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			var stderr bytes.Buffer
			cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			require.NoError(t, err, "%s could not read the workbooks: %s", r.name, stderr.String())
			var got []seen
			require.NoError(t, json.Unmarshal(out, &got), "%s printed %s", r.name, out)
			assert.Equal(t, want, got)
		})
	}
}

func excelizeSees(t *testing.T, data []byte) seen {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	props, err := f.GetDocProps()
	require.NoError(t, err)
	s := seen{Sheets: f.GetSheetList(), Creator: props.Creator}
	for _, sheet := range s.Sheets {
		v, err := f.GetCellValue(sheet, "A1")
		require.NoError(t, err)
		s.A1 = append(s.A1, v)
	}
	return s
}

// python is a Python 3 that can import openpyxl. Debian's package installs
// it for the system interpreter, which may not be first on the PATH.
func python(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(name)
		if err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	testutil.Missing(t, "Python's openpyxl is not installed",
		"apt-get install -y --no-install-recommends python3-openpyxl (Debian package python3-openpyxl)")
	return ""
}

// node is a Node.js that can require exceljs, which .ci/run installs from
// npm and puts on NODE_PATH.
func node(t *testing.T) string {
	t.Helper()
	path := testutil.NeedTool(t, "node", "nodejs")
	if exec.Command(path, "-e", "require('exceljs')").Run() != nil {
		testutil.Missing(t, "exceljs is not installed for Node.js",
			"npm install --prefix DIR exceljs@4.4.0 and NODE_PATH=DIR/node_modules (.ci/run does this)")
	}
	return path
}
