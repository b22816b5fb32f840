package mail

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
)

// maxParts bounds the walk of one message, so a crafted message of many
// nested parts cannot keep the reader busy.
const maxParts = 64

// CalendarParts returns the calendar files in a received message: the
// text/calendar parts and any .ics attachment, decoded from base64 or
// quoted-printable. Clients put a REPLY in different places: Outlook as the
// message's calendar alternative, Google as both an alternative and an
// invite.ics attachment, Thunderbird inline. Identical copies are returned
// once.
func CalendarParts(raw []byte) ([][]byte, error) { return Parts(raw, isCalendar) }

// TextParts returns a message's plain-text parts, decoded.
func TextParts(raw []byte) ([][]byte, error) {
	return Parts(raw, func(mt string, _ map[string]string, disposition string) bool {
		return mt == "text/plain" && !strings.HasPrefix(disposition, "attachment")
	})
}

// Parts walks a received message and returns the decoded bodies of the
// leaf parts match accepts, each distinct body once.
func Parts(raw []byte, match func(mediaType string, params map[string]string, disposition string) bool) ([][]byte, error) {
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("mail: read message: %w", err)
	}
	w := &walker{seen: map[string]bool{}, match: match}
	if err := w.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Disposition"),
		msg.Header.Get("Content-Transfer-Encoding"), msg.Body, 0); err != nil {
		return nil, err
	}
	return w.found, nil
}

type walker struct {
	found [][]byte
	seen  map[string]bool
	parts int
	match func(string, map[string]string, string) bool
}

var errTooManyParts = errors.New("mail: message has too many parts")

func (w *walker) walk(contentType, disposition, encoding string, body io.Reader, depth int) error {
	if w.parts++; w.parts > maxParts || depth > 8 {
		return errTooManyParts
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = "text/plain"
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("mail: read part: %w", err)
			}
			if err := w.walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Disposition"),
				p.Header.Get("Content-Transfer-Encoding"), p, depth+1); err != nil {
				return err
			}
		}
	}
	if !w.match(mt, params, disposition) {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(decode(encoding, body), 1<<20))
	if err != nil {
		return fmt.Errorf("mail: read calendar part: %w", err)
	}
	if key := string(bytes.TrimSpace(data)); !w.seen[key] {
		w.seen[key] = true
		w.found = append(w.found, data)
	}
	return nil
}

func isCalendar(mt string, params map[string]string, disposition string) bool {
	if mt == "text/calendar" || mt == "application/ics" {
		return true
	}
	name := params["name"]
	if _, dp, err := mime.ParseMediaType(disposition); err == nil && dp["filename"] != "" {
		name = dp["filename"]
	}
	return strings.HasSuffix(strings.ToLower(name), ".ics")
}

func decode(encoding string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		// The decoder skips the line breaks base64 bodies are wrapped with.
		return base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}
