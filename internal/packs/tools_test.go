package packs

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

// render runs a writer with test options and returns the PDF.
func render(t testing.TB, write func(io.Writer, Options) error, mode Mode) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, write(&buf, Options{Now: fixedNow, Lang: mode, Uncompressed: true}))
	return buf.Bytes()
}

// savePDF writes pdf where the command-line tools can read it. With
// PACKS_KEEP=dir set, the files are kept there for looking at by eye.
func savePDF(t testing.TB, name string, pdf []byte) string {
	t.Helper()
	dir := os.Getenv("PACKS_KEEP")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	return path
}

// extract returns the text a reader would see, laid out as on the page.
func extract(t testing.TB, name string, pdf []byte) string {
	t.Helper()
	bin := testutil.NeedTool(t, "pdftotext", "poppler-utils")
	path := savePDF(t, name, pdf)
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").CombinedOutput()
	require.NoError(t, err, "pdftotext: %s", out)
	return string(out)
}

// qpdfCheck fails unless qpdf finds the file structurally sound, which is
// a fair proxy for "opens in a standard reader".
func qpdfCheck(t testing.TB, name string, pdf []byte) {
	t.Helper()
	bin := testutil.NeedTool(t, "qpdf", "qpdf")
	path := savePDF(t, name, pdf)
	out, err := exec.Command(bin, "--check", path).CombinedOutput()
	require.NoError(t, err, "qpdf --check %s:\n%s", name, out)
}
