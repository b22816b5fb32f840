package ical

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func reply(method, event string) string {
	return strings.ReplaceAll("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nMETHOD:"+method+"\n"+event+"END:VCALENDAR\n", "\n", "\r\n")
}

const goodEvent = "BEGIN:VEVENT\nUID:sz-ev1-teacher3@x\nSEQUENCE:2\nDTSTAMP:20261116T091200Z\nDTSTART:20261203T140000Z\nATTENDEE;PARTSTAT=accepted:MAILTO:Ms.Rees@Example.ORG\nEND:VEVENT\n"

func TestParseReply(t *testing.T) {
	got, err := ParseReply(strings.NewReader(reply("reply", goodEvent)))
	require.NoError(t, err)
	assert.Equal(t, Reply{UID: "sz-ev1-teacher3@x", Sequence: 2, Attendee: "ms.rees@example.org", PartStat: Accepted,
		Stamp: time.Date(2026, 11, 16, 9, 12, 0, 0, time.UTC)}, got, "case does not matter in the method, the answer or mailto:")

	bad := []struct {
		name, file string
		want       error
	}{
		{"an invitation, not a reply", reply("REQUEST", goodEvent), ErrNotReply},
		{"a cancellation", reply("CANCEL", goodEvent), ErrNotReply},
		{"two events", reply("REPLY", goodEvent+goodEvent), ErrReplyShape},
		{"no UID", reply("REPLY", strings.Replace(goodEvent, "UID:sz-ev1-teacher3@x\n", "", 1)), ErrReplyShape},
		{"two attendees", reply("REPLY", strings.Replace(goodEvent, "END:VEVENT", "ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.org\nEND:VEVENT", 1)), ErrReplyAttendee},
		{"no answer yet", reply("REPLY", strings.Replace(goodEvent, "PARTSTAT=accepted", "PARTSTAT=NEEDS-ACTION", 1)), ErrReplyPartStat},
		{"a delegation", reply("REPLY", strings.Replace(goodEvent, "PARTSTAT=accepted", "PARTSTAT=DELEGATED", 1)), ErrReplyPartStat},
		{"a sequence that is not a number", reply("REPLY", strings.Replace(goodEvent, "SEQUENCE:2", "SEQUENCE:two", 1)), ErrReplySequence},
		{"a negative sequence", reply("REPLY", strings.Replace(goodEvent, "SEQUENCE:2", "SEQUENCE:-1", 1)), ErrReplySequence},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseReply(strings.NewReader(tt.file))
			assert.ErrorIs(t, err, tt.want)
		})
	}
	_, err = ParseReply(strings.NewReader("not a calendar"))
	assert.Error(t, err)
}

// FuzzParseReply: whatever a mailbox holds, reading it never panics, and
// anything accepted names one attendee with a known answer.
func FuzzParseReply(f *testing.F) {
	f.Add(reply("REPLY", goodEvent))
	f.Add(reply("REPLY", strings.Replace(goodEvent, "SEQUENCE:2\n", "", 1)))
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseReply(strings.NewReader(s))
		if err != nil {
			return
		}
		if r.UID == "" || r.Attendee == "" || r.Sequence < 0 {
			t.Fatalf("accepted an incomplete reply: %+v", r)
		}
		switch r.PartStat {
		case Accepted, Declined, Tentative:
		default:
			t.Fatalf("accepted answer %q", r.PartStat)
		}
	})
}
