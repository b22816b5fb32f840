package packs

import (
	"fmt"
	"io"
)

// SubjectAccess is everything held about one person, for a subject-access
// request, laid out to read. Labels come from the catalogue; values are
// printed as held.
type SubjectAccess struct {
	FamilyRef string
	Person    string   // parent, carer or child
	Record    []Field  // the person's own record
	Sections  []Listed // showcases, steps, messages, audit entries
}

// Field is one value of the person's record; Key names it in the
// catalogue as packs.access.field_<Key>.
type Field struct{ Key, Value string }

// Listed is a section of lines under a catalogue heading
// (packs.access.section_<Key>).
type Listed struct {
	Key   string
	Lines []string
}

// WriteSubjectAccess writes a person's subject-access export as a PDF.
func WriteSubjectAccess(w io.Writer, x SubjectAccess, opt Options) error {
	if x.FamilyRef == "" || x.Person == "" {
		return fmt.Errorf("packs: subject access: the family and person are required")
	}
	d, err := newDoc(opt, docSpec{orientation: "P", title: "packs.access.title", footer: "packs.access.footer"})
	if err != nil {
		return err
	}
	d.passes(func() {
		d.title(lit(x.FamilyRef), d.m("packs.access.title"))
		d.para(d.m("packs.access.intro_" + x.Person))
		d.heading(d.m("packs.access.record"))
		rows := make([]row, 0, len(x.Record))
		for _, f := range x.Record {
			rows = append(rows, row{d.m("packs.access.field_" + f.Key), lit(f.Value)})
		}
		d.summary(rows...)
		for _, s := range x.Sections {
			d.heading(d.m("packs.access.section_" + s.Key))
			if len(s.Lines) == 0 {
				d.para(d.m("packs.access.none"))
				continue
			}
			items := make([]msg, len(s.Lines))
			for i, l := range s.Lines {
				items[i] = lit(l)
			}
			d.bullets(items...)
		}
	})
	return d.finish(w, "subject access "+x.FamilyRef)
}
