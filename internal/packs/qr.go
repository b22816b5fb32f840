package packs

import (
	"strings"

	qr "github.com/piglig/go-qr"
)

// qrSide is the printed size of a QR code: big enough for any phone camera
// at arm's length, small enough to sit beside the letter's text.
const qrSide = 32.0 // mm

// qrCode draws url as a QR code of vector squares, so it prints sharp at
// any resolution, with the quiet zone of four modules the standard asks
// for. Only web links get one: a mailto: or a bare address is better read
// than scanned.
func (d *doc) qrCode(url string) {
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return
	}
	code, err := qr.EncodeText(url, qr.Medium)
	if err != nil {
		// The document's finish reports it; a URL too long for a QR code
		// is a bug, not the reader's problem.
		d.pdf.SetErrorf("packs: QR code: %v", err)
		return
	}
	n := code.Size()
	module := qrSide / float64(n+8)
	d.ensure(qrSide)
	x0, y0 := margin, d.pdf.GetY()
	d.pdf.SetFillColor(0, 0, 0)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if code.Module(x, y) {
				d.pdf.Rect(x0+float64(x+4)*module, y0+float64(y+4)*module, module, module, "F")
			}
		}
	}
	d.pdf.SetY(y0 + qrSide)
	d.space(2)
}
