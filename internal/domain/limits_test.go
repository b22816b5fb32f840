package domain

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCheckTextHoldsEveryFieldToItsLimit(t *testing.T) {
	cases := []struct {
		name, field, value string
		key                string // "" when the value is fine
	}{
		{"a name", "parent_name", "Rhodri ap Iorwerth", ""},
		{"Welsh letters count as one each", "parent_name", strings.Repeat("ŵ", 100), ""},
		{"one over the limit", "parent_name", strings.Repeat("a", 101), "err.text_too_long"},
		{"1.9 MB", "parent_name", strings.Repeat("x", 1900<<10), "err.text_too_long"},
		{"a nested API name", "children[3].first_name", strings.Repeat("a", 101), "err.text_too_long"},
		{"a form row", "child_first_name_2", strings.Repeat("a", 101), "err.text_too_long"},
		{"an unlisted field gets the default", "outcome", strings.Repeat("a", 201), "err.text_too_long"},
		{"NUL byte", "parent_name", "Rhodri\x00", "err.text_control"},
		{"line break in a one-line field", "carer_name", "Seren\nExample", "err.text_control"},
		{"line breaks in notes", "notes", "first\r\nsecond\tthird", ""},
		{"NUL in notes", "notes", "first\x00", "err.text_control"},
		{"escape character", "notes", "\x1b[31mred", "err.text_control"},
		{"C1 control", "title", "a\u0085b", "err.text_control"},
		{"invalid UTF-8", "parent_name", "Rhodri \xff", "err.text_encoding"},
		{"a surrogate encoded as UTF-8", "parent_name", "Rhodri \xed\xa0\x80", "err.text_encoding"},
		{"what JSON makes of a lone surrogate", "parent_name", "Rhodri \ufffd", "err.text_control"},
		{"passwords are the accounts' business", "password", strings.Repeat("x", 5000), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var p Problems
			CheckText(&p, tc.field, tc.value)
			if tc.key == "" {
				assert.NoError(t, p.Err())
				return
			}
			ve, ok := p.Err().(*ValidationError)
			if assert.True(t, ok, "want a field error") {
				assert.Equal(t, tc.field, ve.Fields[0].Field)
				assert.Equal(t, tc.key, ve.Fields[0].Key)
				assert.Equal(t, FieldName(tc.field), ve.Fields[0].Params["Field"], "the message names the field")
			}
		})
	}
}

func TestFieldNamesAreTheTablesNames(t *testing.T) {
	for field, want := range map[string]string{
		"parent_name": "field.parent_name", "children[2].first_name": "field.first_name", "child_first_name_3": "field.first_name",
		"carer.name": "field.name", "carer_name": "field.name", "label_12": "field.label", "line_notes": "field.notes",
	} {
		assert.Equal(t, want, FieldName(field), field)
	}
}

func TestDatesOutsideTheirWindowAreRefused(t *testing.T) {
	today := "2026-11-23"
	cases := []struct {
		name, field, date, key string
	}{
		{"today", "referred_on", today, ""},
		{"ten years back", "occurred_on", "2016-11-23", ""},
		{"year 0000", "referred_on", "0000-01-01", "err.date_too_old"},
		{"eleven years back", "delivered_on", "2015-11-22", "err.date_too_old"},
		{"tomorrow", "occurred_on", "2026-11-24", "err.date_future"},
		{"release decades ahead", "release_date", "2080-01-01", ""},
		{"release in 9999", "release_date", "9999-12-31", "err.date_window"},
		{"release in year 1", "release_date", "0001-01-01", "err.date_window"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var p Problems
			checkDate(&p, tc.field, tc.date, today)
			if tc.key == "" {
				assert.NoError(t, p.Err())
				return
			}
			ve := p.Err().(*ValidationError)
			assert.Equal(t, tc.key, ve.Fields[0].Key)
		})
	}
}

func TestShowcaseDateIsWithinThreeYears(t *testing.T) {
	prisons := []Prison{{ID: 1, Name: "HMP Glanfa"}}
	in := EventInput{PrisonID: "1", Title: "Winter showcase", Time: "10:00", SlotMinutes: "10", Slots: "12", ArrivalMinutes: "45"}
	for date, key := range map[string]string{"2029-11-23": "", "2029-11-24": "err.date_window", "9999-12-31": "err.date_window"} {
		in.Date = date
		_, err := in.Validate(prisons, time.UTC, "2026-11-23")
		if key == "" {
			assert.NoError(t, err, date)
			continue
		}
		ve, ok := err.(*ValidationError)
		if assert.True(t, ok, date) {
			assert.Equal(t, FieldError{Field: "date", Key: key, Params: map[string]any{"Field": "field.date", "From": "2025-11-23", "To": "2029-11-23"}}, ve.Fields[0])
		}
	}
}

func TestNumbersOutsideTheirRangeAreRefused(t *testing.T) {
	cases := []struct {
		name      string
		attendees int
		ok        bool
	}{
		{"one", 1, true},
		{"the most", 500, true},
		{"one too many", 501, false},
		{"2^62", 1 << 62, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecideAwareness(AwarenessInput{SchoolID: 1, DeliveredOn: "2026-11-20", DeliveredBy: "Coordinator", Attendees: tc.attendees, Route: "online"}, true, "2026-11-23")
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			ve := err.(*ValidationError)
			assert.Equal(t, "attendees", ve.Fields[0].Field)
		})
	}
}

func TestAReferralListsAtMostTwelveChildren(t *testing.T) {
	for n, ok := range map[int]bool{12: true, 13: false, 5000: false} {
		in := ReferralInput{PrisonID: 1, ParentName: "Rhodri", ReferralSource: "parent", ReferredOn: "2026-11-20",
			Carer: Carer{Name: "Seren", Relationship: "parent", Phone: "07700 900123", Lang: "cy"}}
		for range n {
			in.Children = append(in.Children, Child{FirstName: "Cai"})
		}
		err := in.Validate("2026-11-23")
		if ok {
			assert.NoError(t, err, n)
			continue
		}
		ve := err.(*ValidationError)
		assert.Equal(t, FieldError{Field: "child_first_name", Key: "err.too_many_items", Params: map[string]any{"Field": "field.children", "Max": MaxChildren}}, ve.Fields[0], n)
	}
}
