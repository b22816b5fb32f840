package web

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

func TestAddShowcase(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	c := a.user(domain.RoleCoordinator)

	r := c.get("/events")
	assert.Contains(t, r.body, "No showcases yet")
	assert.Contains(t, r.body, `value="45"`, "the usual timings are filled in")

	bad := url.Values{"prison_id": {""}, "title": {"Summer showcase"}, "date": {"2026-11-01"}, "time": {"half one"},
		"slot_minutes": {"2"}, "slots": {"12"}, "arrival_minutes": {"45"}}
	r = c.post("/events", bad)
	assert.Equal(t, http.StatusBadRequest, r.code)
	for _, msg := range []string{"Select the prison", "The showcase date must be today or later",
		"Enter the time in 24-hour form", "Minutes per meeting must be a whole number from 5 to 60"} {
		assert.Contains(t, r.body, msg)
	}
	assert.Contains(t, r.body, `value="half one"`, "what was typed is kept")
	events, _ := a.store.Events(t.Context(), domain.Unrestricted)
	assert.Empty(t, events, "nothing saved on bad input")

	good := url.Values{"prison_id": {fmt.Sprint(w.prison)}, "title": {"Summer showcase"}, "date": {"2027-06-17"}, "time": {"13:30"},
		"slot_minutes": {"10"}, "slots": {"12"}, "arrival_minutes": {"45"}}
	r = c.post("/events", good)
	require.Equal(t, http.StatusOK, r.code, r.body)
	events, _ = a.store.Events(t.Context(), domain.Unrestricted)
	require.Len(t, events, 1)
	assert.Equal(t, fmt.Sprintf("/events/%d", events[0].ID), r.location)
	assert.Equal(t, time.Date(2027, 6, 17, 12, 30, 0, 0, time.UTC), events[0].StartsAt.UTC(), "13:30 British Summer Time is 12:30 UTC")
	assert.Contains(t, r.body, "The showcase has been added")
	assert.Contains(t, r.body, "17 June 2027")
	assert.Contains(t, r.body, "13:30", "shown in UK time")
	assert.Contains(t, r.body, "12:45", "arrival 45 minutes before")
	assert.Contains(t, r.body, "15:30", "12 slots of 10 minutes end at 15:30")
	assert.Contains(t, r.body, "HMP Glanfa")

	r = c.get("/events")
	assert.Contains(t, r.body, "Summer showcase")
	assert.Contains(t, r.body, "Planning")
	assert.Equal(t, http.StatusNotFound, c.get("/events/999").code)
}

func TestShowcaseListsReadyFamiliesByReference(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	ready := w.addFamily(t, "Rhys Ready", "Nia", w.school)
	w.ready(t, ready)
	waiting := w.addFamily(t, "Wil Waiting", "Osian", w.school)
	w.consent(t, waiting)
	ev, err := a.store.CreateEvent(t.Context(), domain.System, domain.Event{PrisonID: w.prison, Title: "Winter showcase",
		StartsAt: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), SlotMinutes: 15, Slots: 8, ArrivalMinutes: 30})
	require.NoError(t, err)

	r := a.user(domain.RoleCoordinator).get(fmt.Sprintf("/events/%d", ev))
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "14:00", "GMT in December")
	assert.Contains(t, r.body, "16:00")
	assert.Contains(t, r.body, "8 slots of 15 minutes")
	assert.Contains(t, r.body, "1 family ready")
	assert.Contains(t, r.body, fmt.Sprintf(`href="/families/%d">FAM-%04d`, ready, ready))
	assert.NotContains(t, r.body, fmt.Sprintf("FAM-%04d", waiting), "only families ready for allocation")
	for _, name := range []string{"Rhys Ready", "Nia", "Wil Waiting", "A1234BC"} {
		assert.NotContains(t, r.body, name)
	}
	for _, link := range []string{"/events/1/allocation", "/events/1/documents", "/events/1/costs"} {
		assert.Contains(t, r.body, `href="`+link+`"`, "the showcase page leads to each part of running it")
	}
	assert.NotContains(t, r.body, `action="/events/`, "the summary page changes nothing itself")
}
