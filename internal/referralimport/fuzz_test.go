package referralimport

import (
	"os"
	"testing"

	"schoolzone/internal/i18n"
)

// FuzzCheck feeds the importer any file: CSV or XLSX, any encoding, any
// shape. It must read or refuse, never panic, and every problem it finds
// must name a row or a column and a message, so the preview can show it.
// The seed corpus (the fixtures and testdata/fuzz) runs with every go test.
func FuzzCheck(f *testing.F) {
	for _, name := range []string{"good.csv", "bad.csv", "unknown_column.csv"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("\xef\xbb\xbfParent's name;Prison\r\nDai;HMP Parc\r"))
	f.Add([]byte("\xff\xfeP\x00\n\x00"))
	f.Add([]byte("PK\x03\x04"))
	im := New(i18n.MustLoad())
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := im.Check(data, dir, today)
		if err != nil {
			return
		}
		for _, p := range res.Problems {
			if p.Key == "" || p.Row < 0 {
				t.Fatalf("problem without a message or with a negative row: %+v", p)
			}
		}
	})
}
