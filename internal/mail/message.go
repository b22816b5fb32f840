// Package mail builds School Zone's emails as complete RFC 5322 messages and
// delivers them over SMTP from a persistent outbox.
//
// A message is built once, stored as .eml bytes, and those exact bytes are
// what the sender delivers and what coordinators download: what was sent is
// never reconstructed later from data that may since have changed.
package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	netmail "net/mail"
	"path"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"schoolzone/internal/i18n"
)

// Address is a mailbox with an optional display name.
type Address struct {
	Name, Email string
}

// String formats the address for a header, RFC 2047-encoding the name.
func (a Address) String() string {
	return (&netmail.Address{Name: a.Name, Address: a.Email}).String()
}

// Calendar is an iCalendar object sent as the invite part of a message.
// Method must be the METHOD inside Data: Outlook rejects an invite whose
// MIME method and iCalendar method differ.
type Calendar struct {
	Method string
	Data   []byte
}

// Attachment is a file sent with the message, such as a PDF prep pack.
type Attachment struct {
	Filename, ContentType string
	Data                  []byte
}

// Message is an email before it is built.
type Message struct {
	From, To Address
	// ReplyTo is optional; invites leave it empty so replies go to From,
	// the coordinator's monitored mailbox.
	ReplyTo     Address
	Subject     string
	Text        string // required: the plain-text body every client can show
	HTML        string // optional alternative body
	Calendar    *Calendar
	Attachments []Attachment
	Lang        i18n.Lang // becomes Content-Language
	// Domain is the right-hand side of the Message-ID; empty means the
	// domain of From.
	Domain string
}

// Build errors.
var (
	ErrBadAddress     = errors.New("invalid email address")
	ErrNoText         = errors.New("plain-text body is empty")
	ErrBadCalendar    = errors.New("calendar data is not a valid iCalendar object")
	ErrMethodMismatch = errors.New("calendar MIME method differs from the METHOD inside the calendar")
	ErrBadAttachment  = errors.New("invalid attachment")
)

// InviteFilename is the name the calendar is attached under, so clients that
// ignore the inline text/calendar part still offer the file.
const InviteFilename = "invite.ics"

// Build renders m as a complete message. The output depends only on m and
// now, so the same input always gives the same bytes, boundaries and
// Message-ID: golden tests can pin it and a rebuild is recognisably the
// same message.
func Build(m Message, now time.Time) ([]byte, error) {
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("mail: build %q: %w", m.Subject, err)
	}
	key := m.fingerprint(now)
	domain := m.Domain
	if domain == "" {
		domain = m.From.Email[strings.LastIndexByte(m.From.Email, '@')+1:]
	}

	var b bytes.Buffer
	writeHeader(&b, "Date", now.UTC().Format(time.RFC1123Z))
	writeHeader(&b, "Message-ID", "<"+key[:32]+"@"+domain+">")
	writeHeader(&b, "From", m.From.String())
	writeHeader(&b, "To", m.To.String())
	if m.ReplyTo.Email != "" {
		writeHeader(&b, "Reply-To", m.ReplyTo.String())
	}
	writeHeader(&b, "Subject", mime.QEncoding.Encode("UTF-8", oneLine(m.Subject)))
	if m.Lang != "" {
		writeHeader(&b, "Content-Language", string(m.Lang))
	}
	// RFC 3834: tells autoresponders not to answer a machine.
	writeHeader(&b, "Auto-Submitted", "auto-generated")
	writeHeader(&b, "MIME-Version", "1.0")
	if err := m.body(key).write(&b); err != nil {
		return nil, fmt.Errorf("mail: build %q: %w", m.Subject, err)
	}
	return b.Bytes(), nil
}

func (m Message) validate() error {
	for _, a := range []struct {
		role, email string
		optional    bool
	}{{"from", m.From.Email, false}, {"to", m.To.Email, false}, {"reply-to", m.ReplyTo.Email, true}} {
		if a.optional && a.email == "" {
			continue
		}
		if p, err := netmail.ParseAddress(a.email); err != nil || p.Address != a.email {
			return fmt.Errorf("%s: %w: %q", a.role, ErrBadAddress, a.email)
		}
	}
	if strings.TrimSpace(m.Text) == "" {
		return ErrNoText
	}
	if strings.ContainsAny(m.Domain, "<>@ \r\n") {
		return fmt.Errorf("message-id domain %q: %w", m.Domain, ErrBadAddress)
	}
	if c := m.Calendar; c != nil {
		cal, err := goical.NewDecoder(bytes.NewReader(c.Data)).Decode()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrBadCalendar, err)
		}
		var inside string
		if p := cal.Props.Get(goical.PropMethod); p != nil {
			inside = p.Value
		}
		if inside == "" || !strings.EqualFold(inside, c.Method) {
			return fmt.Errorf("%w: MIME %q, iCalendar %q", ErrMethodMismatch, c.Method, inside)
		}
	}
	for _, a := range m.Attachments {
		if _, _, err := mime.ParseMediaType(a.ContentType); err != nil {
			return fmt.Errorf("%w: %q: content type %q", ErrBadAttachment, a.Filename, a.ContentType)
		}
		if safeFilename(a.Filename) == "" {
			return fmt.Errorf("%w: empty file name", ErrBadAttachment)
		}
	}
	return nil
}

// fingerprint hashes everything that makes the message what it is, so the
// Message-ID and boundaries are stable yet differ between messages.
func (m Message) fingerprint(now time.Time) string {
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s;", len(s), s) }
	for _, s := range []string{now.UTC().Format(time.RFC3339Nano), m.From.Email, m.To.Email, m.ReplyTo.Email,
		m.Subject, m.Text, m.HTML, string(m.Lang)} {
		field(s)
	}
	if m.Calendar != nil {
		field(m.Calendar.Method)
		field(string(m.Calendar.Data))
	}
	for _, a := range m.Attachments {
		field(a.Filename)
		field(a.ContentType)
		field(string(a.Data))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// body lays out the MIME tree:
//
//	multipart/mixed
//	  multipart/alternative: text/plain, text/html, text/calendar
//	  invite.ics, then the other attachments
//
// Levels with a single child collapse into that child, so a plain message
// is just text/plain.
func (m Message) body(key string) *part {
	alt := []*part{textPart("text/plain", m.Text)}
	if m.HTML != "" {
		alt = append(alt, textPart("text/html", m.HTML))
	}
	var files []*part
	if c := m.Calendar; c != nil {
		method := strings.ToUpper(c.Method)
		alt = append(alt, &part{
			contentType: mime.FormatMediaType("text/calendar", map[string]string{"charset": "UTF-8", "method": method}),
			encoding:    "base64",
			body:        c.Data,
		})
		// application/ics rather than a second text/calendar part, which
		// some clients would show as a second invitation.
		files = append(files, filePart(Attachment{Filename: InviteFilename, ContentType: "application/ics", Data: c.Data}))
	}
	for _, a := range m.Attachments {
		files = append(files, filePart(a))
	}
	root := wrap("alternative", key[32:48], alt)
	if len(files) > 0 {
		root = wrap("mixed", key[48:64], append([]*part{root}, files...))
	}
	return root
}

func filePart(a Attachment) *part {
	name := safeFilename(a.Filename)
	mt, params, _ := mime.ParseMediaType(a.ContentType)
	params["name"] = name
	return &part{
		contentType: mime.FormatMediaType(mt, params),
		disposition: mime.FormatMediaType("attachment", map[string]string{"filename": name}),
		encoding:    "base64",
		body:        a.Data,
	}
}

// safeFilename keeps only the last path element, without control
// characters, so a stored name cannot point outside a download folder.
func safeFilename(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return '_'
		}
		return r
	}, name)
	name = path.Base(strings.TrimSpace(name))
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	return name
}

// oneLine stops a subject from carrying line breaks into the header.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
