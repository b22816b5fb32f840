package web

import (
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"

	"schoolzone/internal/domain"
	"schoolzone/internal/ical"
)

// New invitations come from the configured organizer (--organizer), a
// mailbox the team watches; without one, from whoever sends them.
func TestInvitationOrganizer(t *testing.T) {
	coordinator := &domain.User{Name: "Rhian Lloyd", Email: "coordinator@schoolzone.example"}
	team := ical.Person{Name: "School Zone team", Email: "schoolzone@example.org"}
	tests := []struct {
		name       string
		configured ical.Person
		signedIn   *domain.User
		want       ical.Person
	}{
		{"configured wins over the signed-in user", team, coordinator, team},
		{"the signed-in user when none is configured", ical.Person{}, coordinator, ical.Person{Name: "Rhian Lloyd", Email: "coordinator@schoolzone.example"}},
		{"configured with nobody signed in", team, nil, team},
		{"nobody at all", ical.Person{}, nil, ical.Person{}},
		{"not an account address saved before addresses were checked", ical.Person{},
			&domain.User{Name: "Rhian Lloyd", Email: "Rhian <coordinator@schoolzone.example>"}, ical.Person{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &Server{cfg: Config{Organizer: tc.configured}}
			c := echo.New().NewContext(httptest.NewRequest("GET", "/", nil), httptest.NewRecorder())
			if tc.signedIn != nil {
				c.Set(userKey, tc.signedIn)
			}
			assert.Equal(t, tc.want, s.showcaseService(c).Organizer)
		})
	}
}
