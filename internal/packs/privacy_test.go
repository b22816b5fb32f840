package packs

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// flat joins the extracted text into one line, so phrases that wrapped at
// the page edge can still be searched for.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func teacherText(t *testing.T, p TeacherPack, mode Mode) string {
	pdf := render(t, func(w io.Writer, o Options) error { return WriteTeacherPack(w, p, o) }, mode)
	return flat(extract(t, "teacher.pdf", pdf))
}

func TestTeacherPackShowsOnlySharedDetails(t *testing.T) {
	en := teacherText(t, fixtureTeacherPack(), English)
	for _, want := range []string{"Gwenllïan", "Year 4", "To show the castle model she made in class", "Seat away from noise", "Siôn"} {
		assert.Contains(t, en, want)
	}
	for _, secret := range []string{"Year 6", "moving schools", "Autistic", "since a bite", "Access to a quiet space", "keep the dogs at a distance"} {
		assert.NotContains(t, en, secret, "a detail the carer did not share reached the teacher pack")
	}
	cy := teacherText(t, fixtureTeacherPack(), Welsh)
	assert.Contains(t, cy, "Sedd i ffwrdd o'r sŵn")
	assert.NotContains(t, cy, "Mynediad i le tawel")
	assert.NotContains(t, cy, "cadw'r cŵn draw")
}

// A pupil whose carer shared nothing is named by reference only.
func TestTeacherPackWithNothingShared(t *testing.T) {
	p := fixtureTeacherPack()
	for i := range p.Pupils {
		p.Pupils[i].FirstName.Shared = false
		p.Pupils[i].YearGroup.Shared = false
		p.Pupils[i].Wishes.Shared = false
		p.Pupils[i].Adjustments = nil
	}
	text := teacherText(t, p, English)
	assert.NotContains(t, text, "Gwenllïan")
	assert.NotContains(t, text, "Siôn")
	assert.NotContains(t, text, "Year 4")
	assert.Contains(t, text, "The family has not shared any further details.")
	assert.Contains(t, text, "FAM-0012")
}

func TestDisclosedHonoursEachConsent(t *testing.T) {
	full := Pupil{FamilyRef: "FAM-1", FirstName: Share("Ann"), YearGroup: Share("Year 3"), Wishes: Share("Sing"),
		Adjustments: []Adjustment{{Kind: AdjustOnline, Shared: true}}}
	cases := map[string]func(*Pupil){
		"first name":  func(p *Pupil) { p.FirstName.Shared = false },
		"year group":  func(p *Pupil) { p.YearGroup.Shared = false },
		"wishes":      func(p *Pupil) { p.Wishes.Shared = false },
		"adjustments": func(p *Pupil) { p.Adjustments[0].Shared = false },
	}
	for name, withhold := range cases {
		t.Run(name, func(t *testing.T) {
			p := full
			p.Adjustments = []Adjustment{full.Adjustments[0]}
			withhold(&p)
			d := p.disclosed()
			got := map[string]bool{
				"first name": d.firstName != "", "year group": d.yearGroup != "",
				"wishes": d.wishes != "", "adjustments": len(d.adjustments) > 0,
			}
			for field, shown := range got {
				assert.Equal(t, field != name, shown, "%s shown=%v after withholding %s", field, shown, name)
			}
		})
	}
}

// Teachers must not learn about the parent's custody: no name, no number,
// no offence or sentence, in any language.
func TestTeacherPackHasNoCustodyDetails(t *testing.T) {
	for _, mode := range []Mode{English, Welsh, Bilingual, BilingualStacked} {
		text := strings.ToLower(teacherText(t, fixtureTeacherPack(), mode))
		for _, banned := range []string{parentName, prisonNumber, otherParent, otherNumber,
			"offence", "sentence", "convict", "crime", "trosedd", "dedfryd", "euog", "prison number", "rhif carchar"} {
			assert.NotContains(t, text, strings.ToLower(banned), "mode %s", mode)
		}
	}
}

func TestCarerLetterHoldsOnlyItsFamily(t *testing.T) {
	for _, mode := range []Mode{English, Welsh, Bilingual, BilingualStacked} {
		pdf := render(t, func(w io.Writer, o Options) error { return WriteCarerLetter(w, fixtureCarerLetter(), o) }, mode)
		text := flat(extract(t, "carer.pdf", pdf))
		assert.Contains(t, text, "FAM-0012")
		assert.Contains(t, text, "Eirlys Roberts")
		for _, other := range append(otherFamily, prisonNumber) {
			assert.NotContains(t, text, other, "mode %s", mode)
		}
	}
}

func TestCarerLetterExplainsTravelHelpAndReply(t *testing.T) {
	pdf := render(t, func(w io.Writer, o Options) error { return WriteCarerLetter(w, fixtureCarerLetter(), o) }, English)
	text := flat(extract(t, "carer.pdf", pdf))
	for _, want := range []string{
		"Assisted Prison Visits", "you may be able to claim help with travel costs",
		"Please confirm by Tuesday 31 March 2026", "01632 960 418", "https://schoolzone.example.org/r/k3J9pQ",
		"Please arrive by 12:45pm", "1:45pm to 2:15pm", "This letter is also available in Welsh.",
	} {
		assert.Contains(t, text, want)
	}
	assert.Contains(t, string(pdf), "/URI (https://schoolzone.example.org/r/k3J9pQ)", "the reply link is clickable")
}

func TestWelshLettersSurviveExtraction(t *testing.T) {
	cy := teacherText(t, fixtureTeacherPack(), Welsh)
	for _, want := range []string{"Llŷr", "cŵn", "sŵn", "Gwenllïan", "Siôn", "dydd Mawrth 14 Ebrill 2026", "1:30yh i 4:00yh"} {
		assert.Contains(t, cy, want)
	}
	pdf := render(t, func(w io.Writer, o Options) error { return WriteRunSheet(w, fixtureRunSheet(), o) }, Welsh)
	assert.Contains(t, extract(t, "run.pdf", pdf), "Mererid Ŵyn")
	pdf = render(t, func(w io.Writer, o Options) error {
		c := fixtureCertificate()
		c.Parent = "Dafydd Ŷr"
		return WriteCertificate(w, c, o)
	}, Bilingual)
	assert.Contains(t, extract(t, "cert.pdf", pdf), "Dafydd Ŷr")
}

func TestRunSheetIsMarkedOnEveryPage(t *testing.T) {
	for mode, mark := range map[Mode]string{English: "OFFICIAL-SENSITIVE – prison staff only", Welsh: "SWYDDOGOL-SENSITIF – staff y carchar yn unig"} {
		pdf := render(t, func(w io.Writer, o Options) error { return WriteRunSheet(w, fixtureRunSheet(), o) }, mode)
		pages := strings.Split(strings.TrimRight(extract(t, "run.pdf", pdf), "\f\n"), "\f")
		require.Greater(t, len(pages), 1)
		for i, p := range pages {
			assert.Equal(t, 2, strings.Count(p, mark), "page %d should carry the marking at top and bottom", i+1)
		}
	}
}

func TestRunSheetNamesNoChildren(t *testing.T) {
	pdf := render(t, func(w io.Writer, o Options) error { return WriteRunSheet(w, fixtureRunSheet(), o) }, English)
	text := flat(extract(t, "run.pdf", pdf))
	assert.NotContains(t, text, "Gwenllïan")
	assert.NotContains(t, text, "Siôn")
	assert.Contains(t, text, "Total 4", "children are counted")
	assert.Contains(t, text, "14 meals in total")
}

func TestChildCertificateDoesNotNameThePrison(t *testing.T) {
	pdf := render(t, func(w io.Writer, o Options) error { return WriteCertificate(w, fixtureCertificate(), o) }, English)
	pages := strings.Split(strings.TrimRight(extract(t, "cert.pdf", pdf), "\f\n"), "\f")
	require.Len(t, pages, 2)
	assert.Contains(t, flat(pages[0]), "Rhodri Bevan")
	assert.Contains(t, pages[0], "Parc")
	assert.Contains(t, flat(pages[1]), "Gwenllïan for sharing your work at School Zone")
	assert.NotContains(t, pages[1], "Parc")
	assert.NotContains(t, pages[1], "Rhodri", "a child's certificate does not name the parent")
}
