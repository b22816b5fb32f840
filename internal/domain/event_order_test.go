package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Coming showcases come first, soonest first, from the start of today
// (one that began this morning is still today's); then the past ones,
// latest first. Showcases at the same moment go by ID, backwards among the
// past ones, so the past list is exactly date order reversed.
func TestComingFirst(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	at := func(days, hours int) time.Time {
		return today.AddDate(0, 0, days).Add(time.Duration(hours) * time.Hour)
	}
	for _, x := range []struct {
		name   string
		events []Event
		want   []int64
	}{
		{"empty", nil, nil},
		{"all past, latest first", []Event{{ID: 1, StartsAt: at(-300, 14)}, {ID: 2, StartsAt: at(-100, 14)}, {ID: 3, StartsAt: at(-1, 14)}}, []int64{3, 2, 1}},
		{"all coming, soonest first", []Event{{ID: 1, StartsAt: at(200, 14)}, {ID: 2, StartsAt: at(10, 14)}, {ID: 3, StartsAt: at(1, 14)}}, []int64{3, 2, 1}},
		{"coming before past", []Event{{ID: 1, StartsAt: at(-30, 14)}, {ID: 2, StartsAt: at(30, 14)}, {ID: 3, StartsAt: at(-1, 14)}, {ID: 4, StartsAt: at(60, 14)}}, []int64{2, 4, 3, 1}},
		{"this morning's is today's", []Event{{ID: 1, StartsAt: at(-1, 23)}, {ID: 2, StartsAt: at(0, 9)}, {ID: 3, StartsAt: at(7, 9)}}, []int64{2, 3, 1}},
		{"the same moment: by ID, backwards in the past", []Event{{ID: 9, StartsAt: at(5, 14)}, {ID: 4, StartsAt: at(5, 14)}, {ID: 8, StartsAt: at(-5, 14)}, {ID: 7, StartsAt: at(-5, 14)}}, []int64{4, 9, 8, 7}},
	} {
		ComingFirst(x.events, today)
		var got []int64
		for _, e := range x.events {
			got = append(got, e.ID)
		}
		assert.Equal(t, x.want, got, x.name)
	}
}
