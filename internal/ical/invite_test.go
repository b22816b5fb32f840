package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests must not depend on the machine's zoneinfo

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

var london = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// teacherInvite is a meeting in British Summer Time, so the UTC conversion
// shows in the golden file (14:20 BST is 13:20Z).
func teacherInvite() Invite {
	return Invite{
		UID:       "event-7-teacher-12@schoolzone.example",
		Sequence:  0,
		Method:    Request,
		Organizer: Person{Name: "School Zone coordinator", Email: "coordinator@prison.example"},
		Attendees: []Person{{Name: "Ms Rhian Davies", Email: "r.davies@school.example"}},
		Summary:   "School Zone meeting, HMP Parc",
		Description: "Where: HMP Parc visits hall\nArrive by: 13:30\nTable: 4\n" +
			"Preparation pack: https://schoolzone.example/packs/7/teacher/12",
		Location: "HMP Parc, Heol Hopcyn John, Bridgend CF35 6AP",
		URL:      "https://schoolzone.example/packs/7/teacher/12",
		Start:    time.Date(2026, 6, 16, 14, 20, 0, 0, london),
		End:      time.Date(2026, 6, 16, 14, 40, 0, 0, london),
		Stamp:    time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC),
	}
}

func encode(t *testing.T, inv Invite) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Encode(&b, inv))
	return b.Bytes()
}

func decode(t *testing.T, b []byte) (*goical.Calendar, *goical.Component) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	require.NoError(t, err)
	var events []*goical.Component
	for _, c := range cal.Children {
		if c.Name == goical.CompEvent {
			events = append(events, c)
		}
	}
	require.Len(t, events, 1, "an invite must hold exactly one VEVENT")
	return cal, events[0]
}

func text(t *testing.T, props goical.Props, name string) string {
	t.Helper()
	p := props.Get(name)
	require.NotNil(t, p, "missing %s", name)
	return p.Value
}

func TestEncodeTeacherRequest(t *testing.T) {
	b := encode(t, teacherInvite())
	testutil.Golden(t, "ics/teacher_request.ics", b)

	// Compare unfolded lines: where a fold falls is the fold test's business.
	s := strings.ReplaceAll(string(b), "\r\n ", "")
	for _, want := range []string{
		"METHOD:REQUEST\r\n",
		"VERSION:2.0\r\n",
		"PRODID:" + ProdID + "\r\n",
		"UID:event-7-teacher-12@schoolzone.example\r\n",
		"SEQUENCE:0\r\n",
		"DTSTAMP:20260501T090000Z\r\n",
		"DTSTART:20260616T132000Z\r\n",
		"DTEND:20260616T134000Z\r\n",
		"ORGANIZER;CN=School Zone coordinator:mailto:coordinator@prison.example\r\n",
		"ATTENDEE;CN=Ms Rhian Davies;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:r.davies@school.example\r\n",
		"STATUS:CONFIRMED\r\n",
		"CLASS:PRIVATE\r\n",
		"TRANSP:OPAQUE\r\n",
	} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, "X-WR-CALNAME", "a single invite with a calendar name makes Outlook create a new calendar")
	assert.NotContains(t, s, "TZID", "times must be UTC, not zone-relative")
	assert.Equal(t, 1, strings.Count(s, "BEGIN:VEVENT"))
	assert.NotContains(t, strings.ReplaceAll(string(b), "\r\n", ""), "\n", "every line must end in CRLF")
	assert.NotContains(t, strings.ReplaceAll(string(b), "\r\n", ""), "\r", "every line must end in CRLF")
}

func TestEncodeCarerRequestInWelshFoldsBetweenRunes(t *testing.T) {
	inv := teacherInvite()
	inv.UID = "event-7-carer-3@schoolzone.example"
	inv.Attendees = []Person{{Name: "Siân Llŷr-Ŵatcyn", Email: "sian@example.org"}}
	inv.Summary = "Cyfarfod School Zone, CEM Parc"
	inv.Description = "Ble: Neuadd ymweld CEM Parc. Cyrraedd erbyn 13:30 yn y ganolfan ymwelwyr; " +
		"dewch â dull adnabod â llun. Bydd ŵyn, ŷd a chŵn chwilio’n rhan o’r diwrnod – peidiwch â phoeni."
	b := encode(t, inv)
	testutil.Golden(t, "ics/carer_request_cy.ics", b)

	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	folded := 0
	for _, l := range lines {
		assert.LessOrEqual(t, len(l), maxLine, "line over 75 octets: %q", l)
		assert.True(t, isValidUTF8(l), "fold split a rune: %q", l)
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	assert.Greater(t, folded, 1, "the long Welsh description should have been folded")

	_, ev := decode(t, b)
	desc, err := ev.Props.Text(goical.PropDescription)
	require.NoError(t, err)
	assert.Equal(t, inv.Description, desc, "unfolding must give back the exact text")
	attendee := ev.Props.Get(goical.PropAttendee)
	assert.Equal(t, "Siân Llŷr-Ŵatcyn", attendee.Params.Get(goical.ParamCommonName))
}

// A reschedule keeps the UID and raises SEQUENCE; a withdrawal is a CANCEL
// with the same UID, a higher SEQUENCE and STATUS:CANCELLED. Each version
// is pinned by a golden file and parsed back.
func TestRequestRescheduleCancelRoundTrip(t *testing.T) {
	first := teacherInvite()

	moved := first
	moved.Sequence = 1
	moved.Start = first.Start.Add(40 * time.Minute)
	moved.End = first.End.Add(40 * time.Minute)
	moved.Stamp = first.Stamp.Add(24 * time.Hour)

	cancelled := moved
	cancelled.Sequence = 2
	cancelled.Method = Cancel
	cancelled.Stamp = moved.Stamp.Add(24 * time.Hour)

	steps := []struct {
		golden         string
		inv            Invite
		method, status string
	}{
		{"ics/teacher_request.ics", first, "REQUEST", "CONFIRMED"},
		{"ics/teacher_reschedule.ics", moved, "REQUEST", "CONFIRMED"},
		{"ics/teacher_cancel.ics", cancelled, "CANCEL", "CANCELLED"},
	}
	lastSeq := -1
	for _, st := range steps {
		b := encode(t, st.inv)
		testutil.Golden(t, st.golden, b)

		cal, ev := decode(t, b)
		assert.Equal(t, st.method, text(t, cal.Props, goical.PropMethod), st.golden)
		assert.Equal(t, first.UID, text(t, ev.Props, goical.PropUID), st.golden)
		assert.Equal(t, st.status, text(t, ev.Props, goical.PropStatus), st.golden)
		seq, err := ev.Props.Get(goical.PropSequence).Int()
		require.NoError(t, err)
		assert.Greater(t, seq, lastSeq, "%s: SEQUENCE must rise", st.golden)
		lastSeq = seq

		start, err := ev.Props.DateTime(goical.PropDateTimeStart, nil)
		require.NoError(t, err)
		assert.True(t, start.Equal(st.inv.Start), "%s: start %v, want %v", st.golden, start, st.inv.Start)
		stamp, err := ev.Props.DateTime(goical.PropDateTimeStamp, nil)
		require.NoError(t, err)
		assert.True(t, stamp.Equal(st.inv.Stamp), st.golden)

		rsvp := ev.Props.Get(goical.PropAttendee).Params.Get(goical.ParamRSVP)
		if st.method == "REQUEST" {
			assert.Equal(t, "TRUE", rsvp)
		} else {
			assert.Empty(t, rsvp, "a CANCEL expects no reply")
		}
	}
}

func TestEncodeRejectsBadInvites(t *testing.T) {
	org := Person{Name: "Coordinator", Email: "coordinator@prison.example"}
	tests := []struct {
		name   string
		change func(*Invite)
		want   error
	}{
		{"empty UID", func(i *Invite) { i.UID = " " }, ErrNoUID},
		{"negative sequence", func(i *Invite) { i.Sequence = -1 }, ErrBadSequence},
		{"no stamp", func(i *Invite) { i.Stamp = time.Time{} }, ErrNoStamp},
		{"no start", func(i *Invite) { i.Start = time.Time{} }, ErrNoTimes},
		{"end equals start", func(i *Invite) { i.End = i.Start }, ErrEndBeforeStart},
		{"end before start", func(i *Invite) { i.End = i.Start.Add(-time.Minute) }, ErrEndBeforeStart},
		{"publish method", func(i *Invite) { i.Method = "PUBLISH" }, ErrBadMethod},
		{"empty method", func(i *Invite) { i.Method = "" }, ErrBadMethod},
		{"missing organizer", func(i *Invite) { i.Organizer = Person{Name: "Coordinator"} }, ErrNoOrganizer},
		{"bad organizer address", func(i *Invite) { i.Organizer.Email = "coordinator" }, ErrBadAddress},
		{"no attendees", func(i *Invite) { i.Attendees = nil }, ErrNoAttendees},
		{"organizer only attendee", func(i *Invite) { i.Attendees = []Person{{Email: "Coordinator@Prison.example"}} }, ErrOrganizerOnlyAttendee},
		{"bad attendee address", func(i *Invite) { i.Attendees = append(i.Attendees, Person{Email: "a@b\r\nX: y"}) }, ErrBadAddress},
		{"display-name address", func(i *Invite) { i.Attendees = []Person{{Email: "Rhian <r@school.example>"}} }, ErrBadAddress},
		{"duplicate attendee", func(i *Invite) { i.Attendees = append(i.Attendees, i.Attendees[0]) }, ErrDuplicateAttendee},
		{"relative URL", func(i *Invite) { i.URL = "/packs/7" }, ErrBadURL},
		{"javascript URL", func(i *Invite) { i.URL = "javascript:alert(1)" }, ErrBadURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := teacherInvite()
			inv.Organizer = org
			tt.change(&inv)
			var b bytes.Buffer
			err := Encode(&b, inv)
			require.ErrorIs(t, err, tt.want)
			assert.Zero(t, b.Len(), "nothing may be written for an invalid invite")
		})
	}
}

func TestEncodeAllowsOrganizerAmongOtherAttendees(t *testing.T) {
	inv := teacherInvite()
	inv.Attendees = append(inv.Attendees, inv.Organizer)
	_, ev := decode(t, encode(t, inv))
	assert.Len(t, ev.Props.Values(goical.PropAttendee), 2)
}

// Names come from user input: quotes, line breaks and separators must not
// break the parameter syntax, and CR in text must not make encoding fail.
func TestEncodeSanitisesNamesAndText(t *testing.T) {
	inv := teacherInvite()
	inv.Attendees = []Person{{Name: "Davies, \"Rhian\";\r\nX-EVIL:1", Email: "r.davies@school.example"}}
	inv.Description = "line one\r\nline two\rline three"
	b := encode(t, inv)
	assert.NotContains(t, string(b), "\r\nX-EVIL", "a name must not start a new property")
	_, ev := decode(t, b)
	assert.Equal(t, "Davies, 'Rhian'; X-EVIL:1", ev.Props.Get(goical.PropAttendee).Params.Get(goical.ParamCommonName))
	desc, err := ev.Props.Text(goical.PropDescription)
	require.NoError(t, err)
	assert.Equal(t, "line one\nline two\nline three", desc)
}
