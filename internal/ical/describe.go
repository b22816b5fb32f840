package ical

import (
	"strings"

	"schoolzone/internal/i18n"
)

// Details are the only facts an invite's summary and description carry.
// There is deliberately no field for a person: calendars are shared with
// colleagues and synced to phones, so names of people in custody and of
// children must never reach them (pretix and cal.com learnt this the hard
// way). Each field is plain text the caller has already formatted in the
// recipient's language and time zone; empty fields are left out.
type Details struct {
	Prison  string // "HMP Parc"
	When    string // "Tuesday 3 March 2026, 14:20–14:40"
	Arrive  string // "13:30 at the visitors' centre"
	Table   string // "4"
	Bring   string // "Photo ID. Phones stay in the lockers."
	PrepURL string // link to the prep pack, behind sign-in
	Contact string // the coordinator's monitored address or phone
}

// Summary is the neutral event title, "School Zone meeting, HMP Parc".
func Summary(cat *i18n.Catalogue, lang i18n.Lang, prison string) string {
	return cat.T(lang, "mail.ical.summary", map[string]any{"Prison": prison})
}

// Description lays the details out one per line as "Label: value". Outlook
// sometimes copies the email body instead of DESCRIPTION into the event, so
// mail bodies should repeat this text.
func Description(cat *i18n.Catalogue, lang i18n.Lang, d Details) string {
	rows := []struct{ id, value string }{
		{"mail.ical.where", d.Prison},
		{"mail.ical.when", d.When},
		{"mail.ical.arrive", d.Arrive},
		{"mail.ical.table", d.Table},
		{"mail.ical.bring", d.Bring},
		{"mail.ical.prep", d.PrepURL},
		{"mail.ical.contact", d.Contact},
	}
	var lines []string
	for _, r := range rows {
		v := strings.Join(strings.Fields(r.value), " ")
		if v == "" {
			continue
		}
		lines = append(lines, cat.T(lang, r.id)+": "+v)
	}
	return strings.Join(lines, "\n")
}
