package packs

import (
	"cmp"
	"fmt"
	"io"
	"strings"
)

// Certificate is one family's set of certificates: one for the parent in
// custody and, if wanted, one for each child.
type Certificate struct {
	FamilyRef string
	Event     Event
	// Parent is the parent's full name. It appears on their certificate
	// only: the certificate is theirs to keep.
	Parent string
	// Children are first names; each gets a certificate. A child's
	// certificate does not name the prison, because children take them to
	// school and decide themselves who knows.
	Children  []string
	Signatory Contact // empty: the event's coordinator signs
}

// WriteCertificate writes a family's certificates as a landscape PDF, one
// per page. Bilingual modes stack Welsh above English on each page.
func WriteCertificate(w io.Writer, c Certificate, opt Options) error {
	if _, err := Filename(KindCertificate, c.FamilyRef, English); err != nil {
		return fmt.Errorf("packs: certificate: %w", err)
	}
	if err := c.Event.validate(); err != nil {
		return fmt.Errorf("packs: certificate: %w", err)
	}
	if strings.TrimSpace(c.Parent) == "" {
		return fmt.Errorf("packs: certificate %s: the parent's name is missing", c.FamilyRef)
	}
	d, err := newDoc(opt, docSpec{orientation: "L", title: "packs.cert.title"})
	if err != nil {
		return err
	}
	sig := c.Signatory
	if sig.Name == "" {
		sig = c.Event.Coordinator
	}
	d.certificatePage(c.Parent, d.m("packs.cert.parent_reason", map[string]any{"App": d.m("app.name")}), c.Event, c.Event.Prison, sig)
	for _, child := range c.Children {
		d.certificatePage(child, d.m("packs.cert.child_reason", map[string]any{"App": d.m("app.name")}), c.Event, "", sig)
	}
	return d.finish(w, "certificate "+c.FamilyRef)
}

func (d *doc) certificatePage(name string, reason msg, ev Event, prison string, sig Contact) {
	d.pdf.SetAutoPageBreak(false, 0)
	d.pdf.AddPage()
	d.langs = d.mode.langs()
	d.setColor(accent, true)
	d.pdf.SetLineWidth(1.2)
	d.pdf.Rect(10, 10, d.pageW-20, d.pageH-20, "D")
	d.pdf.SetLineWidth(0.3)
	d.pdf.Rect(13, 13, d.pageW-26, d.pageH-26, "D")

	// One language leaves room to spare; start lower so the page balances.
	top := 28.0
	if len(d.langs) == 1 {
		top = 46
	}
	d.pdf.SetY(top)
	d.centred(style{size: 34, line: 13, bold: true, color: ink}, d.m("packs.cert.title"), 6)
	d.centred(style{size: 14, line: 7, color: ink}, d.m("packs.cert.presented"), 5)
	d.centred(style{size: 32, line: 14, bold: true, color: accent}, lit(name), 6)
	d.centred(style{size: 16, line: 8, color: ink}, reason, 5)
	if prison != "" {
		d.centred(style{size: 14, line: 7, bold: true, color: ink}, prisonName(prison), 1)
	}
	d.centred(style{size: 14, line: 7, color: ink}, d.date(ev.Start), 0)

	y := d.pageH - 48
	x := d.pageW/2 - 45
	d.setColor(ink, true)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(x, y, x+90, y)
	d.pdf.SetXY(x, y+1.5)
	d.font(style{size: 11, bold: true, color: ink})
	d.pdf.CellFormat(90, 5.5, sig.Name, "", 2, "C", false, 0, "")
	d.font(style{size: 10, color: muted})
	role := cmp.Or(joinWith(text(sig.Role), d.langs, " / "), joinWith(d.m("packs.cert.signed"), d.langs, " / "))
	d.pdf.SetX(x)
	d.pdf.CellFormat(90, 5, role, "", 0, "C", false, 0, "")
}

// centred prints m on its own centred line per language; the second
// language is set in grey, so the two read as one statement, not two.
func (d *doc) centred(s style, m msg, after float64) {
	prev := ""
	for i, l := range d.langs {
		t := m(l)
		if t == prev {
			continue
		}
		prev = t
		st := s
		if i > 0 {
			st.color = muted
		}
		d.font(st)
		d.pdf.SetX(margin)
		d.pdf.CellFormat(d.contentW(), s.line, t, "", 2, "C", false, 0, "")
	}
	d.space(after)
}
