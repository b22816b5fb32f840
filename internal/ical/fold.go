package ical

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// maxLine is the longest content line RFC 5545 3.1 allows, in octets,
// not counting the CRLF.
const maxLine = 75

// fold copies CRLF-terminated content lines from src to w, splitting any
// line longer than 75 octets into a first line and continuation lines that
// start with a space. Splits fall between runes, never inside one: a split
// Welsh ŵ is a decoding error in strict clients.
func fold(w io.Writer, src []byte) error {
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/maxLine*3)
	for len(src) > 0 {
		line := src
		rest := []byte(nil)
		if i := bytes.Index(src, []byte("\r\n")); i >= 0 {
			line, rest = src[:i], src[i+2:]
		}
		foldLine(&out, line)
		src = rest
	}
	_, err := w.Write(out.Bytes())
	return err
}

func foldLine(out *bytes.Buffer, line []byte) {
	limit := maxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		out.Write(line[:cut])
		out.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLine - 1 // the leading space counts towards the 75
	}
	out.Write(line)
	out.WriteString("\r\n")
}
