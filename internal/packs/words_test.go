package packs

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"schoolzone/internal/i18n"
)

func TestDatesAndTimesPerLanguage(t *testing.T) {
	w := words{i18n.MustLoad()}
	bst := time.Date(2026, 4, 14, 11, 0, 0, 0, time.UTC) // noon in London
	gmt := time.Date(2026, 12, 6, 0, 5, 0, 0, time.UTC)  // just after midnight
	cases := []struct {
		got  msg
		l    i18n.Lang
		want string
	}{
		{w.date(bst), i18n.English, "Tuesday 14 April 2026"},
		{w.date(bst), i18n.Welsh, "dydd Mawrth 14 Ebrill 2026"},
		{w.date(gmt), i18n.Welsh, "dydd Sul 6 Rhagfyr 2026"},
		{w.clock(bst), i18n.English, "12:00pm"},
		{w.clock(bst), i18n.Welsh, "12:00yh"},
		{w.clock(gmt), i18n.English, "12:05am"},
		{w.clock(gmt), i18n.Welsh, "12:05yb"},
		{w.span(bst, bst.Add(90*time.Minute)), i18n.Welsh, "12:00yh i 1:30yh"},
		// A UTC time late in the day is already the next day in London.
		{w.date(time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC)), i18n.English, "Wednesday 1 July 2026"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.got(tc.l))
	}
	for m := 1; m <= 12; m++ {
		assert.True(t, w.cat.Has(i18n.Welsh, "packs.month."+strconv.Itoa(m)))
	}
}

func TestTextFallsBack(t *testing.T) {
	assert.Equal(t, "Visits hall", Text{EN: "Visits hall"}.In(i18n.Welsh))
	assert.Equal(t, "Neuadd", Text{CY: "Neuadd"}.In(i18n.English))
	assert.Equal(t, "Neuadd", Text{EN: "Hall", CY: "Neuadd"}.In(i18n.Welsh))
}

func TestModeFor(t *testing.T) {
	assert.Equal(t, Welsh, ModeFor(i18n.Welsh))
	assert.Equal(t, English, ModeFor(i18n.English))
	assert.Equal(t, []i18n.Lang{i18n.Welsh, i18n.English}, Bilingual.langs(), "Welsh comes first")
}
