package mail

import (
	"fmt"
	"strings"

	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
)

// Kind is what a message is for; it decides its wording.
type Kind string

const (
	KindInvite      Kind = "invite"        // first invitation to a meeting
	KindUpdate      Kind = "update"        // new time or place, same meeting
	KindCancel      Kind = "cancel"        // meeting withdrawn
	KindDoNotTravel Kind = "do_not_travel" // same-day cancellation, e.g. a transfer
	KindReminder    Kind = "reminder"      // no answer yet, some days before
)

// Compose returns the subject and plain-text body for kind in lang. The
// body repeats the invite's details because Outlook may copy the email
// body rather than the DESCRIPTION into the calendar entry. Cancellations
// keep only where, when and whom to ask: arrival times and what to bring
// would read as if the visit were still on.
func Compose(cat *i18n.Catalogue, lang i18n.Lang, kind Kind, d ical.Details) (subject, text string, err error) {
	switch kind {
	case KindInvite, KindUpdate, KindReminder:
	case KindCancel, KindDoNotTravel:
		d = ical.Details{Prison: d.Prison, When: d.When, Contact: d.Contact}
	default:
		return "", "", fmt.Errorf("mail: compose: unknown kind %q", kind)
	}
	data := map[string]any{"Prison": d.Prison}
	subject = cat.T(lang, "mail."+string(kind)+".subject", data)
	text = cat.T(lang, "mail."+string(kind)+".intro", data) + "\n\n" +
		ical.Description(cat, lang, d) + "\n\n" +
		cat.T(lang, "mail.footer") + "\n"
	return subject, text, nil
}

// AddLink puts a recipient's personal link into an email composed above,
// just before the footer. It goes in the email only, never in the calendar
// file: calendars are shared with colleagues, and the link opens a page
// about the recipient's own family or pupils.
func AddLink(cat *i18n.Catalogue, lang i18n.Lang, text, link string) string {
	if link == "" {
		return text
	}
	para := cat.T(lang, "mail.link", map[string]any{"URL": link}) + "\n\n"
	footer := cat.T(lang, "mail.footer")
	if i := strings.LastIndex(text, footer); i >= 0 {
		return text[:i] + para + text[i:]
	}
	return text + "\n" + para
}
