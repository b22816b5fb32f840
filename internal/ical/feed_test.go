package ical

import (
	"bytes"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

func TestEncodeFeed(t *testing.T) {
	first := teacherInvite()
	second := teacherInvite()
	second.UID = "event-7-teacher-12-slot-2@schoolzone.example"
	second.Start = first.Start.Add(time.Hour)
	second.End = first.End.Add(time.Hour)
	withdrawn := teacherInvite()
	withdrawn.UID = "event-9-teacher-12@schoolzone.example"
	withdrawn.Method = Cancel
	withdrawn.Sequence = 3

	var b bytes.Buffer
	require.NoError(t, EncodeFeed(&b, "School Zone – Ms Davies", []Invite{first, second, withdrawn}))
	testutil.Golden(t, "ics/teacher_feed.ics", b.Bytes())

	cal, err := goical.NewDecoder(&b).Decode()
	require.NoError(t, err)
	assert.Equal(t, "PUBLISH", cal.Props.Get(goical.PropMethod).Value)
	name, err := cal.Props.Text("X-WR-CALNAME")
	require.NoError(t, err)
	assert.Equal(t, "School Zone – Ms Davies", name)

	events := cal.Events()
	require.Len(t, events, 3)
	var statuses []string
	for _, ev := range events {
		assert.Empty(t, ev.Props.Values(goical.PropAttendee), "a read-only feed lists no attendees")
		statuses = append(statuses, ev.Props.Get(goical.PropStatus).Value)
	}
	assert.Equal(t, []string{"CONFIRMED", "CONFIRMED", "CANCELLED"}, statuses)
}

// A teacher with no meetings yet still gets a calendar their client
// accepts: go-ical refuses an empty VCALENDAR, so the feed carries an
// unused UTC zone instead of a placeholder event.
func TestEncodeFeedEmpty(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, EncodeFeed(&b, "School Zone", nil))
	testutil.Golden(t, "ics/empty_feed.ics", b.Bytes())

	cal, err := goical.NewDecoder(bytes.NewReader(b.Bytes())).Decode()
	require.NoError(t, err)
	assert.Empty(t, cal.Events())
	assert.Equal(t, "PUBLISH", cal.Props.Get(goical.PropMethod).Value)
	assert.Contains(t, b.String(), "X-WR-CALNAME:School Zone\r\n")
	// go-ical's own checks (which refuse an empty calendar) must pass.
	require.NoError(t, goical.NewEncoder(&bytes.Buffer{}).Encode(cal))
}

func TestEncodeFeedRejectsBadEvent(t *testing.T) {
	bad := teacherInvite()
	bad.End = bad.Start
	var b bytes.Buffer
	err := EncodeFeed(&b, "School Zone", []Invite{teacherInvite(), bad})
	require.ErrorIs(t, err, ErrEndBeforeStart)
	assert.Zero(t, b.Len())
}
