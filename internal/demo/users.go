package demo

import (
	"context"
	"errors"
	"fmt"

	"schoolzone/internal/domain"
	"schoolzone/internal/ical"
	"schoolzone/internal/password"
	"schoolzone/internal/store"
)

type demoUser struct {
	Login
	Name string
}

const coordinatorName, coordinatorEmail = "Rhian Lloyd", "coordinator@schoolzone.example"

// The passwords are fixed so a restarted demo can still show them; they
// only ever exist in a database the demo itself created. The coordinator
// and the prison officer work at HMP Glanfa (set when the prison is
// added); the commissioner, like the administrator, sees every prison and
// local authority.
var demoUsers = []demoUser{
	{Login{domain.RoleAdmin, "admin@schoolzone.example", "glanfa-admin-demo"}, "Alun Parry"},
	{Login{domain.RoleCoordinator, coordinatorEmail, "glanfa-coordinator-demo"}, coordinatorName},
	{Login{domain.RolePrisonStaff, "prison@schoolzone.example", "glanfa-prison-demo"}, "Mike Ashford"},
	{Login{domain.RoleCommissioner, "commissioner@schoolzone.example", "glanfa-commissioner-demo"}, "Ceri Vaughan"},
}

func (l *loader) users(ctx context.Context) (Logins, error) {
	var out Logins
	for _, u := range demoUsers {
		hash, err := password.Hash(u.Password)
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		id, err := l.s.CreateUser(ctx, domain.System, domain.User{Email: u.Email, Name: u.Name, Role: u.Role, Lang: "en", PasswordHash: hash})
		if err != nil {
			return nil, fmt.Errorf("demo: user %s: %w", u.Role, err)
		}
		actor := domain.Actor{ID: id, Name: u.Name, Role: u.Role}
		switch u.Role {
		case domain.RoleCoordinator:
			l.coord = actor
		case domain.RolePrisonStaff:
			l.officer = actor
		}
		out = append(out, u.Login)
	}
	return out, nil
}

// ExistingLogins returns the demo logins whose accounts exist in s with the
// demo password still set. A server restarted with --demo on a database the
// demo filled can show them again; on any other database it finds none, so
// nothing misleading appears on the login page.
func ExistingLogins(ctx context.Context, s *store.Store) (Logins, error) {
	var out Logins
	for _, u := range demoUsers {
		got, err := s.UserByEmail(ctx, u.Email)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("demo: look up %s: %w", u.Role, err)
		}
		if got.Disabled || got.Role != u.Role {
			continue
		}
		if ok, _, err := password.Verify(got.PasswordHash, u.Password); err != nil || !ok {
			continue
		}
		out = append(out, u.Login)
	}
	return out, nil
}

// IsDemo reports whether the demo filled this database: its logins still
// work there.
func IsDemo(ctx context.Context, s *store.Store) (bool, error) {
	logins, err := ExistingLogins(ctx, s)
	return len(logins) > 0, err
}

// Organizer is who the demo's invitations come from when no organizer is
// configured: its coordinator, as when they send them from the web app.
func Organizer() ical.Person { return ical.Person{Name: coordinatorName, Email: coordinatorEmail} }
