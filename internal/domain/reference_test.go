package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fieldKeys maps each bad field to its message key.
func fieldKeys(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "want a ValidationError, got %v", err)
	out := map[string]string{}
	for _, f := range ve.Fields {
		if _, seen := out[f.Field]; !seen {
			out[f.Field] = f.Key
		}
	}
	return out
}

func TestSchoolInputValidate(t *testing.T) {
	las := []LocalAuthority{{ID: 7, Name: "Glanfa"}}
	good := SchoolInput{Name: " Ysgol Glan ", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: "7",
		HeadName: "Mrs Head", HeadEmail: "head@ysgol.example", Lang: "cy", DistanceMiles: "12"}
	cases := []struct {
		name string
		edit func(*SchoolInput)
		want map[string]string
	}{
		{"good", func(*SchoolInput) {}, nil},
		{"phone instead of email", func(in *SchoolInput) { in.HeadEmail, in.Phone = "", "01234 567890" }, nil},
		{"blank distance is zero", func(in *SchoolInput) { in.DistanceMiles = "" }, nil},
		{"no name", func(in *SchoolInput) { in.Name = "  " }, map[string]string{"name": "err.required"}},
		{"unknown type", func(in *SchoolInput) { in.Type = "grammar" }, map[string]string{"type": "err.choice"}},
		{"no medium", func(in *SchoolInput) { in.LanguageMedium = "" }, map[string]string{"language_medium": "err.required"}},
		{"unknown authority", func(in *SchoolInput) { in.LocalAuthorityID = "99" }, map[string]string{"local_authority_id": "err.choice"}},
		{"no authority", func(in *SchoolInput) { in.LocalAuthorityID = "" }, map[string]string{"local_authority_id": "err.required"}},
		{"no head", func(in *SchoolInput) { in.HeadName = "" }, map[string]string{"head_name": "err.required"}},
		{"bad email", func(in *SchoolInput) { in.HeadEmail = "head at school" }, map[string]string{"head_email": "err.email"}},
		{"no way to reach", func(in *SchoolInput) { in.HeadEmail = "" }, map[string]string{"head_email": "err.ref.school_contact"}},
		{"bad lang", func(in *SchoolInput) { in.Lang = "fr" }, map[string]string{"lang": "err.choice"}},
		{"words for miles", func(in *SchoolInput) { in.DistanceMiles = "ten" }, map[string]string{"distance_miles": "err.ref.whole_number"}},
		{"negative miles", func(in *SchoolInput) { in.DistanceMiles = "-3" }, map[string]string{"distance_miles": "err.ref.whole_number"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			tc.edit(&in)
			s, err := in.Validate(las)
			assert.Equal(t, tc.want, fieldKeys(t, err))
			if tc.want == nil {
				assert.Equal(t, "Ysgol Glan", s.Name, "trimmed")
				assert.Equal(t, int64(7), s.LocalAuthorityID)
			}
		})
	}
}

func TestTeacherValidate(t *testing.T) {
	cases := []struct {
		name string
		in   Teacher
		want map[string]string
	}{
		{"good", Teacher{Name: "Mr Jones", Email: "jones@ysgol.example", Role: "class_teacher", Lang: "en"}, nil},
		{"no email", Teacher{Name: "Mr Jones", Role: "ewo", Lang: "en"}, map[string]string{"email": "err.required"}},
		{"bad email", Teacher{Name: "Mr Jones", Email: "jones", Role: "ewo", Lang: "cy"}, map[string]string{"email": "err.email"}},
		{"everything missing", Teacher{}, map[string]string{"name": "err.required", "email": "err.required", "role": "err.required", "lang": "err.required"}},
		{"unknown role", Teacher{Name: "X", Email: "x@y.example", Role: "janitor", Lang: "en"}, map[string]string{"role": "err.choice"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, fieldKeys(t, tc.in.Validate()))
		})
	}
}

func TestEventInputValidate(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	prisons := []Prison{{ID: 3, Name: "HMP Glanfa"}}
	good := EventInput{PrisonID: "3", Title: "Summer showcase", Date: "2027-06-17", Time: "13:30", SlotMinutes: "10", Slots: "12", ArrivalMinutes: "45"}

	e, err := good.Validate(prisons, london, "2026-11-23")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2027, 6, 17, 12, 30, 0, 0, time.UTC), e.StartsAt, "British Summer Time is UTC+1")
	assert.Equal(t, int64(3), e.PrisonID)
	assert.Equal(t, 10, e.SlotMinutes)

	winter := good
	winter.Date = "2026-12-03"
	e, err = winter.Validate(prisons, london, "2026-11-23")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 12, 3, 13, 30, 0, 0, time.UTC), e.StartsAt, "GMT in winter")

	cases := []struct {
		name string
		edit func(*EventInput)
		want map[string]string
	}{
		{"no prison", func(in *EventInput) { in.PrisonID = "" }, map[string]string{"prison_id": "err.required"}},
		{"unknown prison", func(in *EventInput) { in.PrisonID = "9" }, map[string]string{"prison_id": "err.choice"}},
		{"no title", func(in *EventInput) { in.Title = " " }, map[string]string{"title": "err.required"}},
		{"not a date", func(in *EventInput) { in.Date = "17/06/2027" }, map[string]string{"date": "err.date"}},
		{"in the past", func(in *EventInput) { in.Date = "2026-11-22" }, map[string]string{"date": "err.ref.date_past"}},
		{"not a time", func(in *EventInput) { in.Time = "half one" }, map[string]string{"time": "err.ref.time"}},
		{"slots too short", func(in *EventInput) { in.SlotMinutes = "2" }, map[string]string{"slot_minutes": "err.ref.whole_number"}},
		{"no slots", func(in *EventInput) { in.Slots = "" }, map[string]string{"slots": "err.required"}},
		{"arrival in words", func(in *EventInput) { in.ArrivalMinutes = "an hour" }, map[string]string{"arrival_minutes": "err.ref.whole_number"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			tc.edit(&in)
			_, err := in.Validate(prisons, london, "2026-11-23")
			assert.Equal(t, tc.want, fieldKeys(t, err))
		})
	}
}
