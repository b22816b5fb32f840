// Package packs draws the printed documents of a showcase: the teacher
// preparation pack, the carer letter, the prison run sheet and certificates.
//
// Every writer takes a plain view-model struct that the caller fills from the
// database, so what a document may show is decided by what its struct can
// hold: the teacher pack has no field for an offence, a sentence or a prison
// number, and the carer letter holds one family only. Words come from the
// i18n catalogue (locales/packs.*.json); only people's names, places and
// free text the caller supplies are printed as given.
package packs

import (
	"time"

	"schoolzone/internal/i18n"
)

// Mode is the language layout of a document.
type Mode int

const (
	// English and Welsh print one language only.
	English Mode = iota
	Welsh
	// Bilingual prints Welsh and English side by side, Welsh on the left, so
	// that it is read first as the Welsh Language Standards expect.
	Bilingual
	// BilingualStacked prints the whole document in Welsh, then again in
	// English from a new page: easier to read for long letters.
	BilingualStacked
)

// String names the mode as in file names and test names.
func (m Mode) String() string {
	switch m {
	case English:
		return "en"
	case Welsh:
		return "cy"
	case Bilingual:
		return "bilingual"
	case BilingualStacked:
		return "stacked"
	}
	return "unknown"
}

// ModeFor maps a person's recorded language to a single-language mode.
func ModeFor(l i18n.Lang) Mode {
	if l == i18n.Welsh {
		return Welsh
	}
	return English
}

// langs lists the languages a mode prints, Welsh first when there are two.
func (m Mode) langs() []i18n.Lang {
	switch m {
	case Welsh:
		return []i18n.Lang{i18n.Welsh}
	case Bilingual, BilingualStacked:
		return []i18n.Lang{i18n.Welsh, i18n.English}
	}
	return []i18n.Lang{i18n.English}
}

// Options are the settings shared by every writer.
type Options struct {
	// Now is the issue date printed on letters and stored as the PDF's
	// creation date; writers never read the clock, so output is repeatable.
	// (Left zero, gofpdf stamps the current time instead.)
	Now  time.Time
	Lang Mode
	// Uncompressed leaves page streams readable, for tests and debugging.
	Uncompressed bool
}

// Text is a piece of free text the caller holds in both languages, such as
// directions to a prison. An empty translation falls back to the other one,
// because printing something beats printing nothing.
type Text struct {
	EN, CY string
}

// In returns the text in l, or in the other language if l's is empty.
func (t Text) In(l i18n.Lang) string {
	if l == i18n.Welsh && t.CY != "" || t.EN == "" {
		return t.CY
	}
	return t.EN
}

// Event is what every document says about the showcase itself.
type Event struct {
	Ref string // e.g. "EV-0003"; printed on the run sheet and used in file names
	// Prison is the prison's name as recorded, e.g. "HMP Parc"; a Welsh
	// page prints its Welsh form ("CEF Parc", i18n.Prison).
	Prison string
	Venue  Text // where inside the prison, e.g. "Visits hall"
	// Address is the postal address of the visitors' centre, one line each.
	Address []string
	// Directions tell families and teachers how to get there.
	Directions []Text
	Start, End time.Time
	// ArriveBy is when visitors must be at the visitors' centre; security
	// checks make it well before Start.
	ArriveBy time.Time
	// VisitorRules are the prison's own rules on top of the generic ones in
	// the catalogue (which must be confirmed with each prison).
	VisitorRules []Text
	Coordinator  Contact
}

// Contact is a person documents tell readers to get in touch with.
type Contact struct {
	Name  string
	Role  Text
	Phone string
	Email string
}
