package packs

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	qr "github.com/piglig/go-qr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

// The QR code on the carer letter scans to the letter's link: poppler
// rasterises the PDF at a phone camera's sort of resolution, and the QR
// library's own decoder reads the page image back.
func TestCarerLetterQRCodeScansToTheLink(t *testing.T) {
	pdftoppm := testutil.NeedTool(t, "pdftoppm", "poppler-utils")
	c := fixtureCarerLetter()
	var pdf bytes.Buffer
	require.NoError(t, WriteCarerLetter(&pdf, c, Options{Now: fixedNow, Lang: English, Uncompressed: true}))
	dir := t.TempDir()
	in := filepath.Join(dir, "letter.pdf")
	require.NoError(t, os.WriteFile(in, pdf.Bytes(), 0o644))
	out, err := exec.Command(pdftoppm, "-r", "150", "-png", in, filepath.Join(dir, "page")).CombinedOutput()
	require.NoError(t, err, string(out))
	pages, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	require.NoError(t, err)
	var found []string
	for _, p := range pages {
		f, err := os.Open(p)
		require.NoError(t, err)
		img, err := png.Decode(f)
		f.Close()
		require.NoError(t, err)
		if text, err := qr.Decode(img); err == nil {
			found = append(found, text)
		}
	}
	assert.Equal(t, []string{c.ConfirmURL}, found, "one QR code, on one page, holding the link")

	// A mailto: link is read, not scanned: none of the QR code's hundreds
	// of filled squares are drawn.
	squares := strings.Count(pdf.String(), " re f")
	c.ConfirmURL = "mailto:schoolzone@example.org"
	var plain bytes.Buffer
	require.NoError(t, WriteCarerLetter(&plain, c, Options{Now: fixedNow, Lang: English, Uncompressed: true}))
	assert.Greater(t, squares-strings.Count(plain.String(), " re f"), 200)
}
