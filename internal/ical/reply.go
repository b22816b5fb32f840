package ical

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"
)

// PartStat is an attendee's answer in a REPLY.
type PartStat string

const (
	Accepted  PartStat = "ACCEPTED"
	Declined  PartStat = "DECLINED"
	Tentative PartStat = "TENTATIVE"
)

// Reply is one attendee's answer to an invite (iTIP METHOD:REPLY), as a
// calendar client sends it back to the organizer.
type Reply struct {
	UID      string
	Sequence int
	// Attendee is the replying address, lower case and without "mailto:".
	Attendee string
	PartStat PartStat
	// Stamp is when the attendee's client made the reply (DTSTAMP); a
	// later reply to the same invite wins.
	Stamp time.Time
}

// Reasons a calendar file is not a usable reply. The caller logs which,
// never the file: it names the attendee.
var (
	ErrNotReply       = errors.New("not an iTIP REPLY")
	ErrReplyShape     = errors.New("a REPLY must hold one event with one UID")
	ErrReplyAttendee  = errors.New("a REPLY must name one attendee with an answer")
	ErrReplyPartStat  = errors.New("the answer is not accepted, declined or tentative")
	ErrReplySequence  = errors.New("SEQUENCE is not a whole number")
	ErrReplyMalformed = errors.New("the calendar file is malformed")
)

// ParseReply reads a REPLY as Outlook, Google Calendar and Thunderbird send
// them. They differ in letter case ("mailto:" or "MAILTO:", "accepted"),
// in whether SEQUENCE is there (Thunderbird leaves out 0) and in the other
// properties they carry; only UID, SEQUENCE, DTSTAMP and the one ATTENDEE
// with its PARTSTAT matter here.
func ParseReply(r io.Reader) (rep Reply, err error) {
	// go-ical's decoder panics on some malformed parameters (found by
	// FuzzParseReply); a mail from outside must never stop the reader.
	defer func() {
		if p := recover(); p != nil {
			rep, err = Reply{}, fmt.Errorf("ical: reply: %w: %v", ErrReplyMalformed, p)
		}
	}()
	cal, err := goical.NewDecoder(r).Decode()
	if err != nil {
		return Reply{}, fmt.Errorf("ical: reply: %w", err)
	}
	if m := cal.Props.Get(goical.PropMethod); m == nil || !strings.EqualFold(strings.TrimSpace(m.Value), "REPLY") {
		return Reply{}, ErrNotReply
	}
	var events []*goical.Component
	for _, c := range cal.Children {
		if c.Name == goical.CompEvent {
			events = append(events, c)
		}
	}
	if len(events) != 1 {
		return Reply{}, ErrReplyShape
	}
	ev := events[0]
	if uid := ev.Props.Get(goical.PropUID); uid != nil {
		rep.UID = strings.TrimSpace(uid.Value)
	}
	if rep.UID == "" {
		return Reply{}, ErrReplyShape
	}
	if seq := ev.Props.Get(goical.PropSequence); seq != nil {
		n, err := strconv.Atoi(strings.TrimSpace(seq.Value))
		if err != nil || n < 0 {
			return Reply{}, ErrReplySequence
		}
		rep.Sequence = n
	}
	if stamp := ev.Props.Get(goical.PropDateTimeStamp); stamp != nil {
		if t, err := stamp.DateTime(time.UTC); err == nil {
			rep.Stamp = t.UTC()
		}
	}
	attendees := ev.Props.Values(goical.PropAttendee)
	if len(attendees) != 1 {
		return Reply{}, ErrReplyAttendee
	}
	a := attendees[0]
	rep.Attendee = Address(a.Value)
	if rep.Attendee == "" {
		return Reply{}, ErrReplyAttendee
	}
	switch ps := PartStat(strings.ToUpper(strings.TrimSpace(a.Params.Get(goical.ParamParticipationStatus)))); ps {
	case Accepted, Declined, Tentative:
		rep.PartStat = ps
	default:
		return Reply{}, ErrReplyPartStat
	}
	return rep, nil
}

// Address reads a calendar user address ("mailto:Name@Example.org", in any
// case) as a plain lower-case email address.
func Address(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	return strings.ToLower(strings.TrimSpace(v))
}
