package gofpdf

import (
	"bytes"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// write draws text in the Go fonts and returns the PDF.
func write(t *testing.T, text string) []byte {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetCatalogSort(true)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.AliasNbPages("{nb}")
	pdf.AddPage()
	pdf.SetFont("go", "", 12)
	pdf.Cell(0, 10, text)
	pdf.SetFont("go", "B", 12)
	pdf.Cell(0, 10, text+" {nb}")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func resetCaches() {
	utf8Fonts.Clear()
	utf8Cuts.Lock()
	utf8Cuts.m = nil
	utf8Cuts.Unlock()
}

// The caches (parsed fonts, subsets) must never change a document: each
// text is written with empty caches, then again after all the others, and
// the bytes must be the same. "abc" and "abc 5" differ only in a rune below
// 57, which the subset's key once missed.
func TestCachesDoNotChangeDocuments(t *testing.T) {
	texts := []string{"abc 5", "abc", "abc !", "Llŷr a'r cŵn", "abc 5", "“Siôn” • £12"}
	fresh := map[string][]byte{}
	for _, text := range texts {
		resetCaches()
		fresh[text] = write(t, text)
	}
	resetCaches()
	for range 2 {
		for _, text := range texts {
			if got := write(t, text); !bytes.Equal(got, fresh[text]) {
				t.Errorf("%q: written with warm caches, the PDF differs from one written with empty caches", text)
			}
		}
	}
}

// Subsetting once padded a table by appending to it, and a table is a slice
// of the font's own bytes, which every document now shares: the append
// wrote over the next table's first bytes.
func TestChecksumLeavesTheFontAlone(t *testing.T) {
	font := []byte{1, 2, 3, 4, 5, 6, 0xAA, 0xBB}
	table := font[:6] // a table whose length is not a multiple of 4
	var utf utf8FontFile
	sum := utf.generateChecksum(table)
	if want := []int{0x0102 + 0x0506, 0x0304}; sum[0] != want[0] || sum[1] != want[1] {
		t.Errorf("checksum %x, want %x (padded with zeros)", sum, want)
	}
	if font[6] != 0xAA || font[7] != 0xBB {
		t.Errorf("the bytes after the table were changed: % x", font)
	}
}
