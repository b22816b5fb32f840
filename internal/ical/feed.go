package ical

import (
	"fmt"
	"io"

	goical "github.com/emersion/go-ical"
)

// EncodeFeed writes a subscription calendar (METHOD:PUBLISH) holding every
// event, for a teacher's webcal:// URL. Feed events carry no ATTENDEE: a
// subscribed calendar is read-only, and listing attendees would make some
// clients treat entries as invitations awaiting a reply. Events whose
// Method is Cancel stay in the feed as STATUS:CANCELLED so clients that
// cached them drop them.
func EncodeFeed(w io.Writer, name string, events []Invite) error {
	cal := newCalendar(publish)
	// X-WR-CALNAME names the subscribed calendar; it is wrong only on
	// single invites, where Outlook would create a new calendar for it.
	calName := goical.NewProp("X-WR-CALNAME")
	calName.SetText(clean(name))
	calName.Params.Del(goical.ParamValue) // TEXT is the default; keep the line in the form clients expect
	cal.Props.Set(calName)
	for _, inv := range events {
		if err := inv.validateEvent(); err != nil {
			return fmt.Errorf("ical: feed event %q: %w", inv.UID, err)
		}
		ev := event(inv)
		if inv.Organizer.Email != "" {
			if err := checkAddress(inv.Organizer.Email); err != nil {
				return fmt.Errorf("ical: feed event %q: organizer: %w", inv.UID, err)
			}
			ev.Props.Set(person(goical.PropOrganizer, inv.Organizer))
		}
		cal.Children = append(cal.Children, ev.Component)
	}
	if len(cal.Children) == 0 {
		// RFC 5545 needs at least one component and go-ical refuses an
		// empty calendar, but a teacher with no meetings yet must still
		// get a valid feed, or their client reports the subscription as
		// broken. An unused UTC time zone is the one component that shows
		// nothing to the user.
		cal.Children = append(cal.Children, utcZone())
	}
	return write(w, cal)
}

func utcZone() *goical.Component {
	tz := goical.NewComponent(goical.CompTimezone)
	tz.Props.SetText(goical.PropTimezoneID, "Etc/UTC")
	std := goical.NewComponent(goical.CompTimezoneStandard)
	// DTSTART inside STANDARD is local ("floating") time, per RFC 5545.
	for name, value := range map[string]string{
		goical.PropDateTimeStart:      "19700101T000000",
		goical.PropTimezoneOffsetFrom: "+0000",
		goical.PropTimezoneOffsetTo:   "+0000",
	} {
		prop := goical.NewProp(name)
		prop.Value = value
		std.Props.Set(prop)
	}
	std.Props.SetText(goical.PropTimezoneName, "UTC")
	tz.Children = append(tz.Children, std)
	return tz
}
