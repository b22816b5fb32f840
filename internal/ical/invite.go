// Package ical writes the calendar files School Zone sends: one meeting
// invite (or cancellation) per recipient, and a read-only subscription feed
// per teacher.
//
// Calendar clients differ in what they accept, so the rules here follow what
// Outlook, Google and Apple actually do (see shared/anchors.md, "Known
// pitfalls"): one VEVENT per REQUEST, times in UTC, a stable UID with a
// rising SEQUENCE, METHOD:CANCEL for withdrawals, a real ORGANIZER with
// RSVP attendees, no X-WR-CALNAME on invites, CRLF and 75-octet folding.
package ical

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"
)

// Method is the iTIP method of an invite: what the recipient's calendar
// should do with it.
type Method string

const (
	// Request adds or updates the meeting in the recipient's calendar.
	Request Method = "REQUEST"
	// Cancel removes it. A REQUEST with STATUS:CANCELLED would leave the
	// event in place in Outlook and Google, so withdrawal needs this.
	Cancel Method = "CANCEL"
	// publish is only used by feeds: calendars import it without replies.
	publish Method = "PUBLISH"
)

// ProdID names the software that wrote the file, as RFC 5545 requires.
const ProdID = "-//School Zone//School Zone showcase events//EN"

// Person is an organizer or attendee. Only the address is needed by
// calendars; the name is shown next to it.
type Person struct {
	Name, Email string
}

// Invite is one meeting as one recipient sees it. UID must stay the same
// for the life of the meeting and Sequence must rise on every change of
// time or place, or calendars show duplicates or ignore the update.
type Invite struct {
	UID       string
	Sequence  int
	Method    Method
	Organizer Person
	Attendees []Person
	// Summary, Description and Location are shown in shared calendars:
	// build them from neutral parts (see Summary and Description), never
	// with names of people in custody or children.
	Summary, Description, Location string
	URL                            string
	Start, End                     time.Time
	// Stamp is when this version of the invite was made (DTSTAMP).
	Stamp time.Time
}

// Validation errors. They are sentinels so callers can tell a data problem
// from an I/O failure; the returned error wraps them with the UID.
var (
	ErrNoUID                 = errors.New("UID is empty")
	ErrBadSequence           = errors.New("SEQUENCE is negative")
	ErrBadMethod             = errors.New("method must be REQUEST or CANCEL")
	ErrNoStamp               = errors.New("DTSTAMP is not set")
	ErrNoTimes               = errors.New("start or end time is not set")
	ErrEndBeforeStart        = errors.New("end is not after start")
	ErrNoOrganizer           = errors.New("organizer has no email address")
	ErrNoAttendees           = errors.New("no attendees")
	ErrOrganizerOnlyAttendee = errors.New("the organizer is the only attendee (Exchange rejects this)")
	ErrBadAddress            = errors.New("invalid email address")
	ErrDuplicateAttendee     = errors.New("attendee listed twice")
	ErrBadURL                = errors.New("URL must be an absolute http or https URL")
)

// Validate reports the first reason the invite cannot be sent.
func (inv Invite) Validate() error {
	if err := inv.validateEvent(); err != nil {
		return err
	}
	if inv.Method != Request && inv.Method != Cancel {
		return ErrBadMethod
	}
	if strings.TrimSpace(inv.Organizer.Email) == "" {
		return ErrNoOrganizer
	}
	if err := checkAddress(inv.Organizer.Email); err != nil {
		return fmt.Errorf("organizer: %w", err)
	}
	if len(inv.Attendees) == 0 {
		return ErrNoAttendees
	}
	seen := map[string]bool{}
	onlyOrganizer := true
	for _, a := range inv.Attendees {
		if err := checkAddress(a.Email); err != nil {
			return fmt.Errorf("attendee: %w", err)
		}
		key := strings.ToLower(a.Email)
		if seen[key] {
			return fmt.Errorf("%w: %s", ErrDuplicateAttendee, a.Email)
		}
		seen[key] = true
		if !strings.EqualFold(a.Email, inv.Organizer.Email) {
			onlyOrganizer = false
		}
	}
	if onlyOrganizer {
		return ErrOrganizerOnlyAttendee
	}
	return nil
}

// validateEvent checks what both invites and feed entries need.
func (inv Invite) validateEvent() error {
	switch {
	case strings.TrimSpace(inv.UID) == "":
		return ErrNoUID
	case inv.Sequence < 0:
		return ErrBadSequence
	case inv.Stamp.IsZero():
		return ErrNoStamp
	case inv.Start.IsZero() || inv.End.IsZero():
		return ErrNoTimes
	case !inv.End.After(inv.Start):
		return ErrEndBeforeStart
	}
	if inv.URL != "" {
		u, err := url.Parse(inv.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return ErrBadURL
		}
	}
	return nil
}

func checkAddress(email string) error {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email {
		return fmt.Errorf("%w: %q", ErrBadAddress, email)
	}
	return nil
}

// Encode writes inv as a calendar with exactly one VEVENT, because Outlook
// and others act only on the first event of a multi-event REQUEST.
func Encode(w io.Writer, inv Invite) error {
	if err := inv.Validate(); err != nil {
		return fmt.Errorf("ical: invite %q: %w", inv.UID, err)
	}
	cal := newCalendar(inv.Method)
	ev := event(inv)
	ev.Props.Set(person(goical.PropOrganizer, inv.Organizer))
	for _, a := range inv.Attendees {
		p := person(goical.PropAttendee, a)
		p.Params.Set(goical.ParamRole, "REQ-PARTICIPANT")
		p.Params.Set(goical.ParamParticipationStatus, "NEEDS-ACTION")
		// A cancellation expects no reply (RFC 5546 3.2.5); asking for
		// one makes some clients offer a pointless Accept button.
		if inv.Method == Request {
			p.Params.Set(goical.ParamRSVP, "TRUE")
		}
		ev.Props.Add(p)
	}
	cal.Children = append(cal.Children, ev.Component)
	return write(w, cal)
}

func newCalendar(m Method) *goical.Calendar {
	cal := goical.NewCalendar()
	cal.Props.SetText(goical.PropVersion, "2.0")
	cal.Props.SetText(goical.PropProductID, ProdID)
	cal.Props.SetText(goical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(goical.PropMethod, string(m))
	return cal
}

// event builds the VEVENT properties shared by invites and feeds.
func event(inv Invite) *goical.Event {
	ev := goical.NewEvent()
	ev.Props.SetText(goical.PropUID, inv.UID)
	seq := goical.NewProp(goical.PropSequence)
	seq.Value = strconv.Itoa(inv.Sequence)
	ev.Props.Set(seq)
	// UTC avoids VTIMEZONE blocks, which Outlook mishandles (an hour out
	// in summer time when one is missing or in RDATE form).
	ev.Props.SetDateTime(goical.PropDateTimeStamp, inv.Stamp.UTC())
	ev.Props.SetDateTime(goical.PropDateTimeStart, inv.Start.UTC())
	ev.Props.SetDateTime(goical.PropDateTimeEnd, inv.End.UTC())
	ev.Props.SetText(goical.PropSummary, clean(inv.Summary))
	if inv.Description != "" {
		ev.Props.SetText(goical.PropDescription, clean(inv.Description))
	}
	if inv.Location != "" {
		ev.Props.SetText(goical.PropLocation, clean(inv.Location))
	}
	if inv.URL != "" {
		u := goical.NewProp(goical.PropURL)
		u.Value = inv.URL
		ev.Props.Set(u)
	}
	status := "CONFIRMED"
	if inv.Method == Cancel {
		status = "CANCELLED"
	}
	ev.Props.SetText(goical.PropStatus, status)
	// Calendars are shared with colleagues and family: PRIVATE asks
	// clients to show only "busy" to anyone else.
	ev.Props.SetText(goical.PropClass, "PRIVATE")
	ev.Props.SetText(goical.PropTransparency, "OPAQUE")
	return ev
}

func person(name string, p Person) *goical.Prop {
	prop := goical.NewProp(name)
	if n := cleanParam(p.Name); n != "" {
		prop.Params.Set(goical.ParamCommonName, n)
	}
	prop.Value = "mailto:" + p.Email
	return prop
}

// clean turns any line-break convention into the LF that go-ical escapes
// as \n; a bare CR would otherwise make the encoder fail.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// cleanParam makes a name safe as a parameter value: RFC 5545 allows no
// double quotes or control characters there, even quoted.
func cleanParam(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// write encodes cal and folds it. go-ical writes CRLF but does not fold.
func write(w io.Writer, cal *goical.Calendar) error {
	var buf bytes.Buffer
	if err := goical.NewEncoder(&buf).Encode(cal); err != nil {
		return fmt.Errorf("ical: encode: %w", err)
	}
	if err := fold(w, buf.Bytes()); err != nil {
		return fmt.Errorf("ical: write: %w", err)
	}
	return nil
}
