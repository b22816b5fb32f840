package packs

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bad input gets a clear error and writes nothing, rather than a PDF with
// holes in it.
func TestWritersRejectBadInput(t *testing.T) {
	cases := map[string]struct {
		write func(io.Writer, Options) error
		want  string
	}{
		"teacher ref is a name": {func(w io.Writer, o Options) error {
			p := fixtureTeacherPack()
			p.TeacherRef = "Llŷr Huws"
			return WriteTeacherPack(w, p, o)
		}, "not a reference"},
		"unknown adjustment": {func(w io.Writer, o Options) error {
			p := fixtureTeacherPack()
			p.Pupils[0].Adjustments = append(p.Pupils[0].Adjustments, Adjustment{Kind: "hovercraft", Shared: true})
			return WriteTeacherPack(w, p, o)
		}, "unknown adjustment"},
		"event without times": {func(w io.Writer, o Options) error {
			p := fixtureTeacherPack()
			p.Event.Start = p.Event.Start.AddDate(0, 0, 1) // after End
			return WriteTeacherPack(w, p, o)
		}, "out of order"},
		"letter without reply link": {func(w io.Writer, o Options) error {
			c := fixtureCarerLetter()
			c.ConfirmURL = ""
			return WriteCarerLetter(w, c, o)
		}, "confirm or cancel"},
		"letter without adults": {func(w io.Writer, o Options) error {
			c := fixtureCarerLetter()
			c.Adults = nil
			return WriteCarerLetter(w, c, o)
		}, "ID check"},
		"certificate without parent": {func(w io.Writer, o Options) error {
			c := fixtureCertificate()
			c.Parent = " "
			return WriteCertificate(w, c, o)
		}, "parent's name"},
		"booking in a missing slot":  {runSheetWith(func(rs *RunSheet) { rs.Bookings[0].Slot = 3 }), "slot 3 does not exist"},
		"booking at a missing table": {runSheetWith(func(rs *RunSheet) { rs.Bookings[0].Table = 99 }), "table 99 is not on the floor plan"},
		"double booking": {runSheetWith(func(rs *RunSheet) {
			rs.Bookings = append(rs.Bookings, Booking{Slot: 0, Table: 4, FamilyRef: "FAM-0099"})
		}), "booked for both FAM-0012 and FAM-0099"},
		"table listed twice": {runSheetWith(func(rs *RunSheet) { rs.Tables = append(rs.Tables, rs.Tables[0]) }), "listed twice"},
		"unknown role":       {runSheetWith(func(rs *RunSheet) { rs.Visitors[0].Role = "warder" }), "unknown role"},
		"unknown mode": {func(w io.Writer, o Options) error {
			o.Lang = Mode(7)
			return WriteCertificate(w, fixtureCertificate(), o)
		}, "unknown language mode"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			err := tc.write(&buf, Options{Now: fixedNow})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "packs: "), err.Error())
			assert.Zero(t, buf.Len(), "nothing is written on error")
		})
	}
}

func runSheetWith(change func(*RunSheet)) func(io.Writer, Options) error {
	return func(w io.Writer, o Options) error {
		rs := fixtureRunSheet()
		change(&rs)
		return WriteRunSheet(w, rs, o)
	}
}

func TestCateringCountsAndGroupsNeeds(t *testing.T) {
	c := cateringFor(fixtureRunSheet())
	assert.Equal(t, 7, c.visitors)
	assert.Equal(t, 3, c.residents)
	assert.Equal(t, 4, c.children)
	assert.Equal(t, 14, c.meals())
	assert.Equal(t, []dietCount{{"Halal", 3}, {"Vegetarian", 2}, {"Nut allergy", 1}}, c.needs)
}

// The same input gives the same bytes, compressed or not, so golden files
// and caches stay stable.
func TestOutputIsRepeatable(t *testing.T) {
	writers := map[string]func(io.Writer, Options) error{
		"teacher":     func(w io.Writer, o Options) error { return WriteTeacherPack(w, fixtureTeacherPack(), o) },
		"carer":       func(w io.Writer, o Options) error { return WriteCarerLetter(w, fixtureCarerLetter(), o) },
		"run sheet":   func(w io.Writer, o Options) error { return WriteRunSheet(w, fixtureRunSheet(), o) },
		"certificate": func(w io.Writer, o Options) error { return WriteCertificate(w, fixtureCertificate(), o) },
	}
	for name, write := range writers {
		for _, raw := range []bool{false, true} {
			var a, b bytes.Buffer
			o := Options{Now: fixedNow, Lang: Bilingual, Uncompressed: raw}
			require.NoError(t, write(&a, o))
			require.NoError(t, write(&b, o))
			assert.True(t, bytes.Equal(a.Bytes(), b.Bytes()), "%s (uncompressed=%v) differs between runs", name, raw)
			assert.Equal(t, raw, bytes.Contains(a.Bytes(), []byte(")Tj ET")), "%s: page text readable only when uncompressed", name)
		}
	}
}
