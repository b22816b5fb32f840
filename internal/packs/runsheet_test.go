package packs

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

func TestRunSheetGolden(t *testing.T) {
	for _, mode := range []Mode{English, Welsh, Bilingual} {
		t.Run(mode.String(), func(t *testing.T) {
			pdf := render(t, func(w io.Writer, o Options) error { return WriteRunSheet(w, fixtureRunSheet(), o) }, mode)
			name := fmt.Sprintf("run_sheet_%s", mode)
			qpdfCheck(t, name+".pdf", pdf)
			testutil.Golden(t, "packs/"+name+".txt", []byte(extract(t, name+".pdf", pdf)))
		})
	}
}

// A full afternoon of twelve ten-minute slots, as at the demo's showcase,
// once printed "2:00p m" and "FAM -000 4": the timetable then had thirteen
// columns on a portrait page. Words now wrap whole, the slots run on into a
// second table, and the floor plan shows who sits where.
func TestRunSheetWrapsByWord(t *testing.T) {
	rs := fixtureRunSheet()
	rs.Slots = nil
	start := day(14, 0)
	for i := range 12 {
		rs.Slots = append(rs.Slots, Slot{Start: start.Add(time.Duration(i*10) * time.Minute), End: start.Add(time.Duration(i*10+10) * time.Minute)})
	}
	for i := range rs.Bookings {
		rs.Bookings[i].Slot = 11 - i
	}
	rs.Staff = append(rs.Staff, Staff{Name: "Rhian Lloyd", Post: "Primary school liaison coordinator", Duty: "Welcome, timetable and certificates", From: day(13, 15), To: day(16, 0)})
	for _, mode := range []Mode{English, Bilingual} {
		t.Run(mode.String(), func(t *testing.T) {
			pdf := render(t, func(w io.Writer, o Options) error { return WriteRunSheet(w, rs, o) }, mode)
			qpdfCheck(t, "run_sheet_wrap.pdf", pdf)
			text := extract(t, "run_sheet_wrap.pdf", pdf)
			for _, broken := range []string{`\d:\d\d[ap]\s`, `(?m)^\s*m\b`, `FAM\s`, `-00\d\s`, `Prima\s`, `liais\s`} {
				assert.NotRegexp(t, regexp.MustCompile(broken), text, "a word broke in the middle")
			}
			uk, err := time.LoadLocation("Europe/London")
			require.NoError(t, err)
			for _, slot := range rs.Slots {
				assert.Contains(t, text, slot.Start.In(uk).Format("3:04pm"))
			}
			words := strings.Fields(text)
			for _, ref := range []string{"FAM-0012", "FAM-0015", "FAM-0019"} {
				// In the floor plan and the timetable.
				assert.GreaterOrEqual(t, strings.Count(strings.Join(words, " "), ref), 2, ref)
			}
		})
	}
}

// The coordinator's row comes from the catalogue, so a Welsh sheet gives it
// in Welsh; rows typed by prison staff stay as typed.
func TestRunSheetStaffRowsFollowTheLanguage(t *testing.T) {
	for mode, want := range map[Mode][]string{
		English: {"School Zone coordinator", "Welcome, timetable", "Visits supervisor"},
		Welsh:   {"Cydlynydd", "Croeso, amserlen", "Visits supervisor"},
	} {
		pdf := render(t, func(w io.Writer, o Options) error { return WriteRunSheet(w, fixtureRunSheet(), o) }, mode)
		text := flat(extract(t, "run_sheet_staff.pdf", pdf))
		for _, w := range want {
			assert.Contains(t, text, w, mode.String())
		}
	}
}
