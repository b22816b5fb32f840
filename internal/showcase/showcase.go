// Package showcase turns a showcase's allocation into what people receive:
// calendar invites, preparation packs, carer letters, the prison's run
// sheet, certificates and the emails that carry them. It holds the rules
// (who gets which invite, when a change needs a new SEQUENCE, what a
// stand-down cancels) and leaves drawing to packs and ical, storage to the
// store, and HTTP to web.
package showcase

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London must not depend on the host's zoneinfo

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/store"
)

// London is the time zone every document and email is written in.
var London = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return l
}()

// Service builds and sends a showcase's documents. Organizer is the
// coordinator's monitored mailbox that replies go to; invites already sent
// keep the organizer they were sent with, because calendars match an
// update or cancellation to the original by UID and organizer.
//
// Scope is whose request it is: a showcase outside it is not found. The
// zero Scope finds nothing; the command line and the teacher's feed (whose
// token is the key) use domain.Unrestricted.
type Service struct {
	Scope     domain.Scope
	Store     *store.Store
	Cat       *i18n.Catalogue
	BaseURL   string
	Now       func() time.Time
	Organizer ical.Person
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC().Truncate(time.Second)
	}
	return s.Now().UTC()
}

// host is the right-hand side of UIDs and Message-IDs.
func (s *Service) host() string {
	if u, err := url.Parse(s.BaseURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "schoolzone.invalid"
}

// References. Documents, file names and calendar entries carry these,
// never names of people in custody or children.
func TeacherRef(id int64) string { return fmt.Sprintf("TCH-%04d", id) }

// CarerRef names a carer other than a family's main carer in file names.
func CarerRef(id int64) string { return fmt.Sprintf("CAR-%04d", id) }
func EventRef(id int64) string { return fmt.Sprintf("EV-%04d", id) }

// Recipient kinds.
const (
	KindTeacher = "teacher"
	KindCarer   = "carer"
)

// uid is stable for the life of an invite: built from IDs only, never
// regenerated. feed entries get their own so a teacher who subscribes and
// is also invited does not see each meeting twice.
func (s *Service) uid(eventID int64, kind string, recipientID int64, feed bool) string {
	suffix := ""
	if feed {
		suffix = "-feed"
	}
	return fmt.Sprintf("sz-ev%d-%s%d%s@%s", eventID, kind, recipientID, suffix, s.host())
}

// view is a showcase's allocation worked out once: which families and
// teachers are still coming, at which table and when.
type view struct {
	d        store.ShowcaseData
	number   map[int64]int // hall table ID → number on the floor plan
	families map[int64]*store.ShowcaseFamily
	byFamily map[int64][]store.ShowcaseMeeting // active families only
	byTeach  map[int64][]store.ShowcaseMeeting
}

func newView(d store.ShowcaseData) *view {
	v := &view{d: d, number: tableNumbers(d), families: map[int64]*store.ShowcaseFamily{},
		byFamily: map[int64][]store.ShowcaseMeeting{}, byTeach: map[int64][]store.ShowcaseMeeting{}}
	for i := range v.d.Families {
		f := &v.d.Families[i]
		v.families[f.Family.ID] = f
	}
	for _, m := range d.Meetings {
		f := v.families[m.FamilyID]
		if f == nil || !f.Active() {
			continue
		}
		v.byFamily[m.FamilyID] = append(v.byFamily[m.FamilyID], m)
		v.byTeach[m.TeacherID] = append(v.byTeach[m.TeacherID], m)
	}
	return v
}

// tableNumbers numbers the hall's tables 1, 2, 3 … in row and column
// order, unless every label is already a number. Documents need one number
// per table that staff can put on a card.
func tableNumbers(d store.ShowcaseData) map[int64]int {
	out := map[int64]int{}
	numeric := true
	for _, t := range d.Tables {
		if n, err := strconv.Atoi(strings.TrimSpace(t.Label)); err != nil || n <= 0 {
			numeric = false
		}
	}
	for i, t := range d.Tables {
		if numeric {
			out[t.ID], _ = strconv.Atoi(strings.TrimSpace(t.Label))
		} else {
			out[t.ID] = i + 1
		}
	}
	return out
}

// activeFamilies lists the families still coming, by ID.
func (v *view) activeFamilies() []*store.ShowcaseFamily {
	var out []*store.ShowcaseFamily
	for i := range v.d.Families {
		if v.d.Families[i].Active() {
			out = append(out, &v.d.Families[i])
		}
	}
	return out
}

// activeTeachers lists the teachers with at least one meeting with a
// family still coming, by ID.
func (v *view) activeTeachers() []int64 {
	var out []int64
	for id := range v.byTeach {
		if _, ok := v.d.Teachers[id]; ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func (v *view) slotStart(slot int) time.Time {
	return v.d.Event.StartsAt.Add(time.Duration(slot*v.d.Event.SlotMinutes) * time.Minute)
}

func (v *view) slotEnd(slot int) time.Time { return v.slotStart(slot + 1) }

func (v *view) arriveBy() time.Time {
	return v.d.Event.StartsAt.Add(-time.Duration(v.d.Event.ArrivalMinutes) * time.Minute)
}

func (v *view) tableOf(familyID int64) int {
	if f := v.families[familyID]; f != nil {
		return v.number[f.TableID]
	}
	return 0
}

// location is the prison and its address on one line: no person in it.
// It is what an invite's fingerprint holds, the same in either language,
// so naming the prison in Welsh sends nobody an update.
func (v *view) location() string { return v.locationIn(i18n.English) }

// locationIn is location as a reader of lang sees it: "CEF Parc, ..." in
// Welsh.
func (v *view) locationIn(lang i18n.Lang) string {
	addr := strings.Join(strings.Fields(strings.ReplaceAll(v.d.Prison.Address, "\n", ", ")), " ")
	return strings.Trim(strings.Join([]string{i18n.Prison(lang, v.d.Prison.Name), addr}, ", "), ", ")
}

// words formats dates and times in a language.
type words struct {
	cat  *i18n.Catalogue
	lang i18n.Lang
}

func (w words) t(id string, data ...map[string]any) string { return w.cat.T(w.lang, id, data...) }

func (w words) date(t time.Time) string {
	t = t.In(London)
	return w.t("documents.date", map[string]any{"Weekday": w.t("documents.weekday." + strconv.Itoa(int(t.Weekday()))),
		"Day": t.Day(), "Month": w.t("documents.month." + strconv.Itoa(int(t.Month()))), "Year": t.Year()})
}

func clock(t time.Time) string { return t.In(London).Format("15:04") }

func (w words) span(from, to time.Time) string {
	return w.t("documents.when", map[string]any{"Date": w.date(from), "From": clock(from), "To": clock(to)})
}

func lang(s string) i18n.Lang { return i18n.Parse(cmp.Or(s, "en")) }
