package floorplan

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

// demo is the demo showcase's hall (testdata/allocate/plan.json): two rows
// of six, seated as the allocation engine seats it.
func demo() Plan {
	seated := map[string]string{"T1": "F4", "T2": "F1", "T3": "F5", "T4": "F3", "T5": "F6",
		"T6": "F2", "T8": "F8", "T9": "F9", "T10": "F10", "T12": "F7"}
	p := Plan{
		Title:       "Visits hall floor plan, showcase of 3 December 2026",
		Description: "12 tables in two rows of six; 10 families seated. Quiet and step-free tables carry a badge.",
		Labels:      Labels{Legend: "Key", Quiet: "Quiet table", StepFree: "Step-free table", Free: "free"},
	}
	for i := range 12 {
		id := fmt.Sprintf("T%d", i+1)
		p.Tables = append(p.Tables, Table{ID: id, Row: i / 6, Col: i % 6,
			Quiet: id == "T6" || id == "T12", StepFree: id == "T1" || id == "T7" || id == "T12",
			Occupant: seated[id]})
	}
	return p
}

func render(t *testing.T, p Plan) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, SVG(&buf, p))
	return buf.Bytes()
}

func TestDemoGolden(t *testing.T) {
	got := render(t, demo())
	testutil.Golden(t, "floorplan/demo.svg", got)
	assert.Equal(t, got, render(t, demo()), "deterministic")
}

// The output is well-formed XML with an accessible root.
func TestOutputIsAccessibleXML(t *testing.T) {
	p := demo()
	p.Title = `Hall <A> & "B"`
	p.Tables[0].Occupant = "J&K"
	p.Tables[1].Label = "<T2>"
	out := render(t, p)
	dec := xml.NewDecoder(bytes.NewReader(out))
	var root *xml.StartElement
	texts := map[string]int{}
	var current string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == nil {
				el := tok.Copy()
				root = &el
			}
			current = tok.Name.Local
		case xml.CharData:
			texts[current+":"+strings.TrimSpace(string(tok))]++
		}
	}
	require.NotNil(t, root)
	assert.Equal(t, "svg", root.Name.Local)
	assert.Contains(t, root.Attr, xml.Attr{Name: xml.Name{Local: "role"}, Value: "img"})
	assert.Equal(t, 1, texts[`title:Hall <A> & "B"`])
	assert.Equal(t, 1, texts["text:J&K"])
	assert.Equal(t, 1, texts["text:<T2>"])
	// Marks are words, not just colour: a badge per quiet/step-free table
	// plus one each in the key, and the key spells them out.
	assert.Equal(t, 2+1, texts["text:Q"])
	assert.Equal(t, 3+1, texts["text:SF"])
	assert.Equal(t, 1, texts["text:Quiet table"])
	assert.Equal(t, 1, texts["text:Step-free table"])
	assert.Equal(t, 2, texts["text:free"])
	assert.Equal(t, 1, texts["title:T12, F7, Quiet table, Step-free table"], "table titles say what the badges mean")
}

func TestLabelsAndPositions(t *testing.T) {
	p := Plan{Title: "Neuadd", Tables: []Table{
		{ID: "A", Label: "Bwrdd 1", At: &Point{X: 2.5, Y: 0}, Quiet: true, Occupant: "JD", Title: "Bwrdd 1, teulu JD, tawel"},
	}, Labels: Labels{Legend: "Allwedd", Quiet: "Bwrdd tawel", StepFree: "Bwrdd heb risiau", QuietBadge: "T", StepFreeBadge: "HR"}}
	out := string(render(t, p))
	assert.Contains(t, out, "<title>Bwrdd 1, teulu JD, tawel</title>")
	assert.Contains(t, out, `<rect class="table quiet" x="380"`, "At is in grid units: 20 + 2.5*140 + (140-120)/2")
	assert.Contains(t, out, ">Allwedd<")
	assert.Contains(t, out, ">HR<")
	assert.NotContains(t, out, ">Q<")
}

func TestSVGRejectsBadPlans(t *testing.T) {
	cases := map[string]struct {
		p    Plan
		want string
	}{
		"no tables":    {Plan{}, "the hall has no tables"},
		"empty id":     {Plan{Tables: []Table{{}}}, "table 0 has no ID"},
		"duplicate":    {Plan{Tables: []Table{{ID: "T1"}, {ID: "T1"}}}, "table T1 is listed twice"},
		"negative row": {Plan{Tables: []Table{{ID: "T1", Row: -1}}}, "negative position"},
		"negative At":  {Plan{Tables: []Table{{ID: "T1", At: &Point{X: -1}}}}, "negative position"},
		"a full name":  {Plan{Tables: []Table{{ID: "T1", Occupant: "Jonathan Davies-Smith"}}}, "never a name"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			err := SVG(&buf, tc.p)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Zero(t, buf.Len(), "nothing written")
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestSVGReportsWriteErrors(t *testing.T) {
	err := SVG(failWriter{}, demo())
	require.ErrorContains(t, err, "disk full")
}
