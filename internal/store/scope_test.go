package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
	"schoolzone/migrations"
)

// twoPrisons is newWorld's prison A, its family taken to the clearance
// stage, and a prison B with a family only just referred; each prison has a
// showcase.
type twoPrisons struct {
	world
	prisonB, familyB, eventA, eventB int64
}

func newTwoPrisons(t *testing.T) twoPrisons {
	t.Helper()
	ctx := context.Background()
	w := twoPrisons{world: newWorld(t)}
	require.NoError(t, w.consent(t, domain.ConsentGiven))
	require.NoError(t, w.agree(t))
	require.NoError(t, w.session(t))
	require.NoError(t, w.voice(t))
	var err error
	w.prisonB, err = w.s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Other"})
	require.NoError(t, err)
	in := domain.ReferralInput{PrisonID: w.prisonB, ParentName: "Other Parent", ReferralSource: "parent", ReferredOn: today,
		Carer:    domain.Carer{Name: "Other Carer", Relationship: "parent", Phone: "07700 900124", Lang: "en"},
		Children: []domain.Child{{FirstName: "Other", SchoolID: w.school}}}
	require.NoError(t, in.Validate(today))
	w.familyB, err = w.s.CreateReferral(ctx, domain.System, in)
	require.NoError(t, err)
	for _, p := range []struct {
		prison int64
		id     *int64
	}{{w.prison, &w.eventA}, {w.prisonB, &w.eventB}} {
		*p.id, err = w.s.CreateEvent(ctx, domain.System, domain.Event{PrisonID: p.prison, Title: "Showcase",
			StartsAt: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), SlotMinutes: 10, Slots: 6, ArrivalMinutes: 45})
		require.NoError(t, err)
	}
	return w
}

func TestScopeLimitsWhatIsRead(t *testing.T) {
	w := newTwoPrisons(t)
	ctx := context.Background()
	la := func(id int64) domain.Scope { return domain.Scope{AllPrisons: true, Authorities: []int64{id}} }
	cases := map[string]struct {
		sc       domain.Scope
		families []int64
		events   []int64
	}{
		"everything":                 {domain.Unrestricted, []int64{w.family, w.familyB}, []int64{w.eventA, w.eventB}},
		"coordinator of A":           {domain.Scope{Prisons: []int64{w.prison}}, []int64{w.family}, []int64{w.eventA}},
		"coordinator of B":           {domain.Scope{Prisons: []int64{w.prisonB}}, []int64{w.familyB}, []int64{w.eventB}},
		"prison staff of A":          {domain.Scope{Prisons: []int64{w.prison}, FromClearance: true}, []int64{w.family}, []int64{w.eventA}},
		"prison staff of B":          {domain.Scope{Prisons: []int64{w.prisonB}, FromClearance: true}, nil, []int64{w.eventB}},
		"an authority with children": {la(1), []int64{w.family, w.familyB}, []int64{w.eventA, w.eventB}},
		"an authority with none":     {la(99), nil, []int64{w.eventA, w.eventB}},
		"nothing":                    {domain.Scope{}, nil, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cs, err := w.s.Cases(ctx, tc.sc, 0)
			require.NoError(t, err)
			var got []int64
			for _, c := range cs {
				got = append(got, c.Family.ID)
			}
			assert.Equal(t, tc.families, got)
			for _, id := range []int64{w.family, w.familyB} {
				_, err := w.s.Case(ctx, tc.sc, id)
				if contains(tc.families, id) {
					assert.NoError(t, err)
				} else {
					assert.ErrorIs(t, err, domain.ErrNotFound, "family %d", id)
				}
			}
			evs, err := w.s.Events(ctx, tc.sc)
			require.NoError(t, err)
			got = nil
			for _, e := range evs {
				got = append(got, e.ID)
			}
			assert.Equal(t, tc.events, got)
			for _, id := range []int64{w.eventA, w.eventB} {
				_, err := w.s.Event(ctx, tc.sc, id)
				_, errData := w.s.ShowcaseData(ctx, tc.sc, id)
				_, errCosts := w.s.EventCosts(ctx, tc.sc, id)
				if contains(tc.events, id) {
					assert.NoError(t, err)
					assert.NoError(t, errData)
					assert.NoError(t, errCosts)
				} else {
					assert.ErrorIs(t, err, domain.ErrNotFound, "event %d", id)
					assert.ErrorIs(t, errData, domain.ErrNotFound, "event %d", id)
					assert.ErrorIs(t, errCosts, domain.ErrNotFound, "event %d", id)
				}
			}
		})
	}
}

// A change outside the actor's scope is refused inside its transaction, as
// not found (or, for a new record, as a bad choice of prison), and leaves
// nothing behind: not even an audit row.
func TestScopeRefusesChangesOutside(t *testing.T) {
	w := newTwoPrisons(t)
	ctx := context.Background()
	outsider := domain.Actor{ID: 0, Name: "Coordinator of B", Role: domain.RoleCoordinator, Scope: domain.Scope{Prisons: []int64{w.prisonB}}}
	before, err := w.s.AuditLog(ctx, AuditFilter{Limit: 1000})
	require.NoError(t, err)

	_, err = w.s.RecordSteps(ctx, outsider, w.family, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideClearance(domain.ClearanceInput{Outcome: domain.Refused, ReasonCategory: "security", OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	assert.ErrorIs(t, err, domain.ErrNotFound, "a step")
	assert.ErrorIs(t, w.s.SetParentStatus(ctx, outsider, w.family, domain.Transferred, ""), domain.ErrNotFound, "custody")
	assert.ErrorIs(t, w.s.RecordVoice(ctx, outsider, w.family, func(c domain.Case) (domain.Child, error) { return c.Children[0], nil }), domain.ErrNotFound, "the child's voice")
	assert.ErrorIs(t, w.s.SetHall(ctx, outsider, w.prison, nil, nil), domain.ErrNotFound, "the hall")
	assert.ErrorIs(t, w.s.SaveAllocation(ctx, outsider, w.eventA, allocate.Result{}), domain.ErrNotFound, "an allocation")
	assert.ErrorIs(t, w.s.SetCostSettings(ctx, outsider, w.eventA, DefaultCostSettings), domain.ErrNotFound, "cost settings")
	assert.ErrorIs(t, w.s.ReestimateCosts(ctx, outsider, w.eventA), domain.ErrNotFound, "costs")
	assert.ErrorIs(t, w.s.ApplyInvites(ctx, outsider, InviteBatch{EventID: w.eventA}), domain.ErrNotFound, "invitations")
	assert.ErrorIs(t, w.s.RemoveKeepApart(ctx, outsider, w.family, w.familyB), domain.ErrNotFound, "a non-association")
	var ve *domain.ValidationError
	assert.ErrorAs(t, w.s.AddKeepApart(ctx, outsider, "FAM-0001", "FAM-0002"), &ve, "an unknown reference, as if it did not exist")

	in := domain.ReferralInput{PrisonID: w.prison, ParentName: "Intruder", ReferralSource: "parent", ReferredOn: today,
		Carer: domain.Carer{Name: "X", Relationship: "parent", Phone: "1", Lang: "en"}, Children: []domain.Child{{FirstName: "Y"}}}
	_, err = w.s.CreateReferral(ctx, outsider, in)
	assert.ErrorAs(t, err, &ve)
	_, err = w.s.CreateEvent(ctx, outsider, domain.Event{PrisonID: w.prison, Title: "X", StartsAt: time.Now(), SlotMinutes: 10, Slots: 6})
	assert.ErrorAs(t, err, &ve)

	after, err := w.s.AuditLog(ctx, AuditFilter{Limit: 1000})
	require.NoError(t, err)
	assert.Equal(t, len(before), len(after), "nothing changed")
	c, err := w.s.Case(ctx, domain.Unrestricted, w.family)
	require.NoError(t, err)
	assert.Equal(t, domain.Held, c.Family.ParentStatus)
}

// An account's prisons and local authorities come back with its session,
// and prison staff never belong to two prisons.
func TestUserScopeIsStoredAndLoaded(t *testing.T) {
	w := newTwoPrisons(t)
	ctx := context.Background()
	_, err := w.s.CreateUser(ctx, domain.System, domain.User{Email: "two@example.org", Name: "Two", Role: domain.RolePrisonStaff,
		PasswordHash: "x", Lang: "en", Prisons: []int64{w.prison, w.prisonB}})
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)

	id, err := w.s.CreateUser(ctx, domain.System, domain.User{Email: "staff@example.org", Name: "Staff", Role: domain.RolePrisonStaff,
		PasswordHash: "x", Lang: "en", Prisons: []int64{w.prisonB}, Authorities: []int64{1}})
	require.NoError(t, err)
	require.NoError(t, w.s.CreateSession(ctx, "token", id, SessionWeb, time.Hour))
	u, err := w.s.SessionUser(ctx, "token", SessionWeb, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, []int64{w.prisonB}, u.Prisons)
	assert.Empty(t, u.Authorities, "only commissioners are limited by area")

	require.NoError(t, w.s.SetUserScope(ctx, domain.System, id, []int64{w.prison}, nil))
	u, err = w.s.SessionUser(ctx, "token", SessionWeb, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, []int64{w.prison}, u.Prisons, "the next request sees the change")
	require.ErrorAs(t, w.s.SetUserScope(ctx, domain.System, id, []int64{w.prison, w.prisonB}, nil), &ve)
	assert.ErrorIs(t, w.s.SetUserScope(ctx, domain.System, 999, nil, nil), domain.ErrNotFound)

	comm, err := w.s.CreateUser(ctx, domain.System, domain.User{Email: "comm@example.org", Name: "Comm", Role: domain.RoleCommissioner,
		PasswordHash: "x", Lang: "en", Authorities: []int64{1}})
	require.NoError(t, err)
	users, err := w.s.Users(ctx)
	require.NoError(t, err)
	for _, x := range users {
		if x.ID == comm {
			assert.Equal(t, []int64{1}, x.Authorities)
		}
	}
}

// A coordinator who adds a prison works there from then on.
func TestCoordinatorJoinsThePrisonTheyAdd(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	id, err := w.s.CreateUser(ctx, domain.System, domain.User{Email: "c@example.org", Name: "C", Role: domain.RoleCoordinator, PasswordHash: "x", Lang: "en"})
	require.NoError(t, err)
	prison, err := w.s.CreatePrison(ctx, domain.Actor{ID: id, Name: "C", Role: domain.RoleCoordinator}, domain.Prison{Name: "HMP New"})
	require.NoError(t, err)
	u, err := w.s.UserByEmail(ctx, "c@example.org")
	require.NoError(t, err)
	assert.Equal(t, []int64{prison}, u.Prisons)
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// A database made before prison scope keeps working: every coordinator is
// given every prison, and prison staff the prison where there is only one.
// Where there are several, an administrator must choose, and until then
// the account sees nothing.
func TestScopeMigrationGivesExistingAccountsTheirPrisons(t *testing.T) {
	ctx := context.Background()
	var scopeVersion int64
	entries, err := migrations.FS.ReadDir(".")
	require.NoError(t, err)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "_scope.sql") {
			scopeVersion, err = strconv.ParseInt(strings.SplitN(e.Name(), "_", 2)[0], 10, 64)
			require.NoError(t, err)
		}
	}
	require.Positive(t, scopeVersion)

	for name, tc := range map[string]struct {
		prisons int
		staff   int // prisons prison staff get
	}{"one prison": {1, 1}, "two prisons": {2, 0}} {
		t.Run(name, func(t *testing.T) {
			db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "old.db")+"?_pragma=foreign_keys(ON)")
			require.NoError(t, err)
			defer db.Close()
			p, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.FS)
			require.NoError(t, err)
			_, err = p.UpTo(ctx, scopeVersion-1)
			require.NoError(t, err)
			for i := range tc.prisons {
				_, err := db.Exec(`INSERT INTO prisons (name) VALUES (?)`, fmt.Sprint("HMP ", i))
				require.NoError(t, err)
			}
			for _, role := range []string{"admin", "coordinator", "prison_staff", "commissioner"} {
				_, err := db.Exec(`INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, 'x', '2026-01-01T00:00:00Z')`, role+"@example.org", role, role)
				require.NoError(t, err)
			}
			_, err = p.UpTo(ctx, scopeVersion)
			require.NoError(t, err)
			count := func(role string) int {
				var n int
				require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM user_prisons up JOIN users u ON u.id = up.user_id WHERE u.role = ?`, role).Scan(&n))
				return n
			}
			assert.Equal(t, tc.prisons, count("coordinator"), "every prison, as before")
			assert.Equal(t, tc.staff, count("prison_staff"))
			assert.Zero(t, count("admin"), "administrators need none")
			assert.Zero(t, count("commissioner"), "none means every prison")
		})
	}
}
