package mail

import (
	"bytes"
	"encoding/base64"
	"mime"
	"mime/quotedprintable"
	"strings"
)

// part is one node of the MIME tree. Leaves hold a body; multiparts hold
// children separated by boundary.
type part struct {
	contentType string
	disposition string
	encoding    string // quoted-printable or base64; empty for multiparts
	body        []byte
	boundary    string
	children    []*part
}

// textPart is quoted-printable: readable in the raw .eml for short English
// lines, safe for Welsh and for lines longer than SMTP allows.
func textPart(mediaType, text string) *part {
	return &part{
		contentType: mediaType + "; charset=UTF-8",
		encoding:    "quoted-printable",
		body:        []byte(text),
	}
}

// wrap puts children in a multipart, or returns the only child unwrapped. The
// boundary starts with "=_", which neither quoted-printable nor base64
// output can contain, so it can never clash with a body.
func wrap(subtype, key string, children []*part) *part {
	if len(children) == 1 {
		return children[0]
	}
	return &part{
		contentType: mime.FormatMediaType("multipart/"+subtype, map[string]string{"boundary": "=_" + subtype + "_" + key}),
		boundary:    "=_" + subtype + "_" + key,
		children:    children,
	}
}

// write writes the part's headers, a blank line and its body.
func (p *part) write(b *bytes.Buffer) error {
	writeHeader(b, "Content-Type", p.contentType)
	if p.disposition != "" {
		writeHeader(b, "Content-Disposition", p.disposition)
	}
	if p.encoding != "" {
		writeHeader(b, "Content-Transfer-Encoding", p.encoding)
	}
	b.WriteString("\r\n")
	if p.children == nil {
		return p.writeBody(b)
	}
	for _, c := range p.children {
		b.WriteString("--" + p.boundary + "\r\n")
		if err := c.write(b); err != nil {
			return err
		}
		b.WriteString("\r\n")
	}
	b.WriteString("--" + p.boundary + "--\r\n")
	return nil
}

func (p *part) writeBody(b *bytes.Buffer) error {
	switch p.encoding {
	case "base64":
		enc := base64.StdEncoding.EncodeToString(p.body)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		if enc != "" {
			b.WriteString(enc + "\r\n")
		}
		return nil
	default:
		// The writer turns LF and CRLF alike into CRLF line breaks.
		w := quotedprintable.NewWriter(b)
		if _, err := w.Write(p.body); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		// Text ends with a line break, as text files do; the CRLF before
		// the next boundary belongs to the boundary, not to this body.
		if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
			b.WriteString("\r\n")
		}
		return nil
	}
}

// writeHeader writes "Name: value", folding at spaces so lines stay under
// the 78 characters RFC 5322 recommends where the value allows it.
func writeHeader(b *bytes.Buffer, name, value string) {
	line := name + ":"
	for i, word := range strings.Split(value, " ") {
		if i > 0 && len(line)+1+len(word) > 78 {
			b.WriteString(line + "\r\n")
			line = ""
		}
		line += " " + word
	}
	b.WriteString(line + "\r\n")
}
