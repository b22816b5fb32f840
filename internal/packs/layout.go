package packs

import (
	"fmt"
	"io"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"schoolzone/internal/i18n"
	"schoolzone/internal/packs/internal/gofpdf"
)

// Sizes are in millimetres and points. Body text is 11.5pt with generous
// leading: the readers include anxious carers and people with low literacy.
const (
	margin     = 20.0
	gutter     = 8.0
	footerRoom = 24.0
	bodySize   = 11.5
	bodyLine   = 6.0
	tableSize  = 10.0
	tableLine  = 5.0
	cellPad    = 1.6
)

type rgb struct{ r, g, b int }

// A plain GOV.UK-like palette: near-black text, one blue, light greys.
var (
	ink    = rgb{11, 12, 12}
	muted  = rgb{80, 90, 95}
	accent = rgb{29, 112, 184}
	rule   = rgb{177, 180, 182}
	tint   = rgb{243, 242, 241}
)

const family = "go" // the Go fonts cover Welsh ŵ ŷ and the accents in names

type style struct {
	size   float64
	line   float64
	bold   bool
	color  rgb
	indent float64
}

var (
	body     = style{size: bodySize, line: bodyLine, color: ink}
	bodyBold = style{size: bodySize, line: bodyLine, color: ink, bold: true}
	caption  = style{size: 12, line: 6, color: muted}
	title    = style{size: 24, line: 10.5, color: ink, bold: true}
	heading  = style{size: 16, line: 7.5, color: ink, bold: true}
	subhead  = style{size: 12.5, line: 6.5, color: ink, bold: true}
	small    = style{size: 8.5, line: 4, color: muted}
)

// doc draws one document. Content is described as msgs, so the same
// drawing code serves every language mode.
type doc struct {
	words
	pdf  *gofpdf.Fpdf
	mode Mode
	// langs are the languages drawn together in the current pass: one, or
	// Welsh and English side by side.
	langs []i18n.Lang
	pageW float64
	pageH float64
}

// docSpec is what differs between documents in the page furniture.
type docSpec struct {
	orientation string // "P" or "L"
	title       string // catalogue ID of the PDF's title; never a person's name
	footer      string // catalogue ID of the text beside the page number; "" for none
	marking     string // catalogue ID of a security marking for every page, or ""
	data        map[string]any
}

func newDoc(opt Options, spec docSpec) (*doc, error) {
	if opt.Lang < English || opt.Lang > BilingualStacked {
		return nil, fmt.Errorf("packs: unknown language mode %d", opt.Lang)
	}
	cat, err := catalogue()
	if err != nil {
		return nil, fmt.Errorf("packs: load catalogue: %w", err)
	}
	pdf := gofpdf.New(spec.orientation, "mm", "A4", "")
	d := &doc{words: words{cat}, pdf: pdf, mode: opt.Lang, langs: opt.Lang.langs()}
	d.pageW, d.pageH = pdf.GetPageSize()
	// Fixed dates and sorted catalogue make the bytes repeatable.
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opt.Now)
	pdf.SetModificationDate(opt.Now)
	pdf.SetCompression(!opt.Uncompressed)
	pdf.SetTitle(join(d.m(spec.title, spec.data), opt.Lang.langs()), true)
	pdf.SetCreator(cat.T(i18n.English, "app.name"), true)
	// Each font costs several milliseconds to embed, so only the two
	// weights the layout uses are loaded.
	pdf.AddUTF8FontFromBytes(family, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(family, "B", gobold.TTF)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetCellMargin(0)
	pdf.SetAutoPageBreak(true, footerRoom)
	pdf.AliasNbPages("{nb}")
	if spec.marking != "" {
		pdf.SetHeaderFunc(func() { d.marking(d.m(spec.marking), 9) })
	}
	if spec.footer != "" {
		pdf.SetFooterFunc(func() { d.footer(spec) })
	}
	return d, nil
}

// finish writes the PDF, reporting any error gofpdf collected on the way.
func (d *doc) finish(w io.Writer, what string) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("packs: write %s: %w", what, err)
	}
	return nil
}

// passes draws body once per pass: once for a single language or side by
// side, or Welsh then English for the stacked mode.
func (d *doc) passes(body func()) {
	if d.mode == BilingualStacked {
		for _, l := range d.mode.langs() {
			d.langs = []i18n.Lang{l}
			d.pdf.AddPage()
			body()
		}
		return
	}
	d.langs = d.mode.langs()
	d.pdf.AddPage()
	body()
}

func (d *doc) marking(m msg, y float64) {
	d.font(style{size: 9, bold: true, color: ink})
	d.pdf.SetXY(margin, y)
	d.pdf.CellFormat(d.pageW-2*margin, 4, join(m, d.mode.langs()), "", 0, "C", false, 0, "")
	d.pdf.SetXY(margin, margin)
}

// footer lists the document name and page once per language of the mode,
// so a loose page is still recognisable in either language.
func (d *doc) footer(spec docSpec) {
	langs := d.mode.langs()
	y := d.pageH - 8 - float64(len(langs))*small.line
	if spec.marking != "" {
		d.marking(d.m(spec.marking), y-7)
	}
	d.setColor(rule, true)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(margin, y-2, d.pageW-margin, y-2)
	d.font(small)
	page := d.m("packs.page", map[string]any{"Page": d.pdf.PageNo(), "Pages": "{nb}"})
	footer := d.m(spec.footer, spec.data)
	for i, l := range langs {
		d.pdf.SetXY(margin, y+float64(i)*small.line)
		d.pdf.CellFormat(0, small.line, footer(l)+"  ·  "+page(l), "", 0, "L", false, 0, "")
	}
}

func (d *doc) font(s style) {
	st := ""
	if s.bold {
		st = "B"
	}
	d.pdf.SetFont(family, st, s.size)
	d.setColor(s.color, false)
}

func (d *doc) setColor(c rgb, draw bool) {
	if draw {
		d.pdf.SetDrawColor(c.r, c.g, c.b)
		return
	}
	d.pdf.SetTextColor(c.r, c.g, c.b)
}

func (d *doc) contentW() float64 { return d.pageW - 2*margin }

// colW is the width of one language column.
func (d *doc) colW() float64 {
	n := float64(len(d.langs))
	return (d.contentW() - gutter*(n-1)) / n
}

func (d *doc) colX(i int) float64 { return margin + float64(i)*(d.colW()+gutter) }

// ensure starts a new page unless h millimetres still fit on this one.
func (d *doc) ensure(h float64) {
	if d.pdf.GetY()+h > d.pageH-footerRoom {
		d.pdf.AddPage()
	}
}

func (d *doc) space(h float64) { d.pdf.SetY(d.pdf.GetY() + h) }

// flow draws m wrapped, in one column per language, and moves below the
// taller column. mark, if set, decorates each column (bullets, bars) given
// the column's top-left corner and the block's height; marked blocks are
// short and move to the next page whole, while plain text may break across
// pages so that a long Welsh paragraph does not leave half a page empty.
func (d *doc) flow(s style, m msg, after float64, mark func(x, y, h float64)) {
	d.font(s)
	w := d.colW() - s.indent
	cols := make([][]string, len(d.langs))
	rows := 0
	for i, l := range d.langs {
		cols[i] = d.pdf.SplitText(m(l), w)
		rows = max(rows, len(cols[i]))
	}
	h := float64(rows) * s.line
	if mark != nil || h > d.pageH-footerRoom-margin {
		d.ensure(h)
	} else {
		d.ensure(min(h, 2*s.line)) // no lone line at the foot of a page
	}
	y := d.pdf.GetY()
	if mark != nil {
		for i := range cols {
			mark(d.colX(i), y, h)
		}
		d.font(s)
	}
	for k := 0; k < rows; k++ {
		if y+s.line > d.pageH-footerRoom {
			d.pdf.AddPage()
			d.font(s)
			y = d.pdf.GetY()
		}
		for i, lines := range cols {
			if k < len(lines) {
				d.pdf.SetXY(d.colX(i)+s.indent, y)
				d.pdf.CellFormat(w, s.line, lines[k], "", 0, "L", false, 0, "")
			}
		}
		y += s.line
	}
	d.pdf.SetXY(margin, y+after)
}

func (d *doc) title(kicker, t msg) {
	d.flow(caption, kicker, 1, nil)
	d.flow(title, t, 3, nil)
	d.setColor(accent, true)
	d.pdf.SetLineWidth(1)
	d.pdf.Line(margin, d.pdf.GetY(), margin+d.contentW(), d.pdf.GetY())
	d.space(7)
}

// heading keeps itself with at least a few lines of what follows.
func (d *doc) heading(m msg) {
	d.space(4)
	d.ensure(heading.line*2 + 3*bodyLine)
	d.flow(heading, m, 3, nil)
}

func (d *doc) subheading(m msg) {
	d.ensure(subhead.line + 2*bodyLine)
	d.flow(subhead, m, 1.5, nil)
}

func (d *doc) para(m msg) { d.flow(body, m, 3.5, nil) }

func (d *doc) bullets(items ...msg) {
	s := body
	s.indent = 6
	for _, it := range items {
		d.flow(s, it, 1.5, func(x, y, _ float64) {
			d.font(bodyBold)
			d.pdf.SetXY(x+1, y)
			d.pdf.CellFormat(4, s.line, "•", "", 0, "L", false, 0, "")
		})
	}
	d.space(2)
}

// inset sets text apart with a grey bar, for things to remember.
func (d *doc) inset(m msg) {
	s := body
	s.indent = 7
	d.space(1)
	d.flow(s, m, 5, func(x, y, h float64) {
		d.pdf.SetFillColor(rule.r, rule.g, rule.b)
		d.pdf.Rect(x, y-1, 1.5, h+2, "F")
	})
}

// warning is the one thing readers must not miss, such as photo ID.
func (d *doc) warning(m msg) {
	s := bodyBold
	s.indent = 11
	d.space(1)
	d.flow(s, m, 5, func(x, y, _ float64) {
		d.pdf.SetFillColor(ink.r, ink.g, ink.b)
		d.pdf.Circle(x+3.8, y+3, 3.6, "F")
		d.pdf.SetFont(family, "B", 13)
		d.pdf.SetTextColor(255, 255, 255)
		d.pdf.SetXY(x, y+0.2)
		d.pdf.CellFormat(7.6, 5.6, "!", "", 0, "C", false, 0, "")
	})
}

// link prints a web address once, full width, as a live link.
func (d *doc) link(url string) {
	d.font(bodyBold)
	d.setColor(accent, false)
	d.ensure(bodyLine)
	d.pdf.CellFormat(d.contentW(), bodyLine, url, "", 1, "L", false, 0, url)
	d.space(3.5)
}
