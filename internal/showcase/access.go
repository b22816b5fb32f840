package showcase

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"schoolzone/internal/i18n"
	"schoolzone/internal/packs"
	"schoolzone/internal/store"
)

// SubjectAccessPDF lays out a subject-access export to read, in lang: the
// record's fields in a fixed order, yes and no for flags, then each list
// with its codes (steps, statuses, audit actions) in words from the
// catalogue. The export itself is made (and audited) by
// store.SubjectAccessExport.
func (s *Service) SubjectAccessPDF(x store.SubjectAccess, lang i18n.Lang) ([]byte, error) {
	var b bytes.Buffer
	err := packs.WriteSubjectAccess(&b, AccessDocument(s.Cat, lang, x), packs.Options{Now: s.now(), Lang: packs.ModeFor(lang)})
	return b.Bytes(), err
}

// SubjectAccessFilename names an export by reference and role only, so a
// downloads folder or an email attachment names nobody.
func SubjectAccessFilename(x store.SubjectAccess, personID int64, ext string) string {
	name := "subject-access-" + x.FamilyRef + "-" + x.Person
	if personID > 0 {
		name += fmt.Sprintf("-%d", personID)
	}
	return name + "." + ext
}

// AccessDocument turns an export into the PDF's sections.
func AccessDocument(cat *i18n.Catalogue, lang i18n.Lang, x store.SubjectAccess) packs.SubjectAccess {
	word := func(id, fallback string) string {
		if cat.Has(lang, id) {
			return cat.T(lang, id)
		}
		return fallback
	}
	d := packs.SubjectAccess{FamilyRef: x.FamilyRef, Person: x.Person}
	keys := make([]string, 0, len(x.Record))
	for k := range x.Record {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := fmt.Sprint(x.Record[k])
		if b, ok := x.Record[k].(bool); ok {
			v = cat.T(lang, map[bool]string{true: "packs.access.yes", false: "packs.access.no"}[b])
		}
		if k == "language" {
			v = word("langname."+v, v)
		}
		d.Record = append(d.Record, packs.Field{Key: k, Value: v})
	}
	var places, steps, msgs, audit []string
	for _, p := range x.Showcases {
		places = append(places, join(p.Showcase, day(p.StartsAt), word("packs.access.place_"+p.Status, p.Status)))
	}
	for _, st := range x.Steps {
		how := ""
		if st.Route != "" {
			how = "(" + word("route."+st.Route, st.Route) + ")"
		}
		steps = append(steps, join(st.OccurredOn, word("history."+st.Kind+"_"+st.Outcome, st.Kind+" "+st.Outcome), how))
	}
	for _, m := range x.Messages {
		msgs = append(msgs, join(day(m.CreatedAt), m.Subject, "("+word("packs.access.message_"+m.Status, m.Status)+")"))
	}
	for _, a := range x.Audit {
		audit = append(audit, join(day(a.At), word("audit.action_"+a.Action, cat.T(lang, "audit.action_other")), "–", a.Actor))
	}
	d.Sections = []packs.Listed{{Key: "showcases", Lines: places}, {Key: "steps", Lines: steps}, {Key: "messages", Lines: msgs}, {Key: "audit", Lines: audit}}
	return d
}

// day keeps the date of a stored timestamp (2026-12-10T17:00:00Z).
func day(ts string) string {
	d, _, _ := strings.Cut(ts, "T")
	return d
}

func join(parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
