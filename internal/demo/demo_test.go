package demo

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/password"
	"schoolzone/internal/store"
)

var now = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "d.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// loaded is a store with the demo in it, shared by the read-only checks.
func loaded(t *testing.T) (*store.Store, Logins) {
	t.Helper()
	s := openStore(t)
	logins, err := Load(context.Background(), s, now)
	require.NoError(t, err)
	return s, logins
}

func TestLoad(t *testing.T) {
	s, logins := loaded(t)
	ctx := context.Background()
	cases, err := s.Cases(ctx, domain.Unrestricted, 0)
	require.NoError(t, err)
	schools, err := s.Schools(ctx)
	require.NoError(t, err)
	schoolByID := map[int64]domain.School{}
	for _, x := range schools {
		schoolByID[x.ID] = x
	}

	t.Run("stage mix", func(t *testing.T) {
		count := map[domain.Stage]int{}
		for _, c := range cases {
			count[c.Progress().Stage]++
		}
		t.Logf("stages: %v", count)
		assert.GreaterOrEqual(t, len(cases), 15)
		assert.GreaterOrEqual(t, count[domain.StageReady], 6)
		for _, st := range []domain.Stage{domain.StageReferred, domain.StageConsented, domain.StageAgreed, domain.StageAware,
			domain.StageDeclined, domain.StageWithdrawn, domain.StageRefused, domain.StageOnHold} {
			assert.GreaterOrEqual(t, count[st], 1, "stage %s", st)
		}
	})

	t.Run("edge cases the dashboard must show", func(t *testing.T) {
		var disciplinary, safeguarding, transferred, awaitingVoice, awaitingClearance, released bool
		for _, c := range cases {
			p := c.Progress()
			switch {
			case p.Stage == domain.StageRefused && p.Disciplinary:
				disciplinary = true
			case p.Stage == domain.StageRefused && p.Clearance.ReasonCategory == "safeguarding":
				safeguarding = true
			case p.Stage == domain.StageOnHold && c.Family.ParentStatus == domain.Transferred:
				transferred = true
			case p.Stage == domain.StageAware && len(p.VoiceMissing) > 0:
				awaitingVoice = true
			case p.Stage == domain.StageAware && p.Next == "next.request_clearance":
				awaitingClearance = true
			}
			if c.Family.ReleaseDate != "" {
				released = true
			}
		}
		assert.True(t, disciplinary, "a disciplinary refusal")
		assert.True(t, safeguarding, "a safeguarding refusal")
		assert.True(t, transferred, "a transferred parent on hold")
		assert.True(t, awaitingVoice, "a case awaiting the child's voice")
		assert.True(t, awaitingClearance, "a case awaiting clearance")
		assert.True(t, released, "a release date recorded")
	})

	t.Run("variety of settings and needs", func(t *testing.T) {
		types, mediums, las := map[domain.SchoolType]bool{}, map[string]bool{}, map[int64]bool{}
		for _, x := range schools {
			types[x.Type], mediums[x.LanguageMedium], las[x.LocalAuthorityID] = true, true, true
		}
		for _, ty := range []domain.SchoolType{domain.SchoolPRU, domain.SchoolEOTAS, domain.SchoolSpecial, domain.SchoolPrimary, domain.SchoolSecondary} {
			assert.True(t, types[ty], "school type %s", ty)
		}
		assert.True(t, mediums["welsh"], "a Welsh-medium school")
		assert.Len(t, las, 6)

		var quiet, stepFree, siblingsApart, welshCarer bool
		rels := map[string]bool{}
		for _, c := range cases {
			for _, cr := range c.Carers {
				rels[cr.Relationship] = true
				welshCarer = welshCarer || cr.Lang == "cy"
			}
			schoolsOf, lasOf := map[int64]bool{}, map[int64]bool{}
			for _, ch := range c.Children {
				quiet = quiet || ch.NeedsQuiet
				stepFree = stepFree || ch.NeedsStepFree
				schoolsOf[ch.SchoolID], lasOf[schoolByID[ch.SchoolID].LocalAuthorityID] = true, true
			}
			siblingsApart = siblingsApart || len(schoolsOf) > 1 && len(lasOf) > 1
		}
		assert.True(t, quiet, "a child needing quiet")
		assert.True(t, stepFree, "a child needing step-free access")
		assert.True(t, siblingsApart, "siblings at schools in different local authorities")
		assert.True(t, welshCarer, "a carer preferring Welsh")
		for _, r := range []string{"grandparent", "kinship", "foster"} {
			assert.True(t, rels[r], "carer relationship %s", r)
		}

		teachers, err := s.Teachers(ctx, 0)
		require.NoError(t, err)
		roles := map[domain.TeacherRole]bool{}
		for _, x := range teachers {
			roles[x.Role] = true
			if x.Role == "ewo" {
				assert.Equal(t, domain.SchoolEOTAS, schoolByID[x.SchoolID].Type, "the EWO serves the EOTAS child")
			}
		}
		for _, r := range []domain.TeacherRole{"class_teacher", "head", "senco", "ewo"} {
			assert.True(t, roles[r], "teacher role %s", r)
		}
	})

	t.Run("contact details are from reserved ranges", func(t *testing.T) {
		mobile := regexp.MustCompile(`^07700 900\d{3}$`)
		number := regexp.MustCompile(`^[A-Z]\d{4}[A-Z]{2}$`)
		for _, c := range cases {
			assert.Regexp(t, number, c.Family.PrisonNumber)
			for _, cr := range c.Carers {
				assert.Regexp(t, mobile, cr.Phone)
				if cr.Email != "" {
					assert.True(t, strings.HasSuffix(cr.Email, "@example.org"), cr.Email)
				}
			}
		}
		teachers, err := s.Teachers(ctx, 0)
		require.NoError(t, err)
		for _, x := range teachers {
			assert.Regexp(t, `^[a-z]+\.[a-z]+@[a-z]+\.sch\.example$`, x.Email)
		}
	})

	t.Run("hall is a 4x6 grid with row neighbours adjacent", func(t *testing.T) {
		prisons, err := s.Prisons(ctx, domain.Unrestricted)
		require.NoError(t, err)
		require.Len(t, prisons, 1)
		tables, err := s.HallTables(ctx, prisons[0].ID)
		require.NoError(t, err)
		require.Len(t, tables, 24)
		at := map[[2]int]domain.HallTable{}
		var quiet, stepFree int
		for _, tb := range tables {
			at[[2]int{tb.Row, tb.Col}] = tb
			quiet += b2i(tb.Quiet)
			stepFree += b2i(tb.StepFree)
		}
		assert.Positive(t, quiet)
		assert.Positive(t, stepFree)
		assert.Less(t, stepFree, 24)
		for r := 1; r <= 4; r++ {
			for c := 1; c <= 6; c++ {
				tb, ok := at[[2]int{r, c}]
				require.True(t, ok, "table at row %d col %d", r, c)
				want := 2
				if c == 1 || c == 6 {
					want = 1
				}
				assert.Len(t, tb.Adjacent, want, tb.Label)
			}
		}
	})

	t.Run("one showcase three weeks ahead at 14:00 UK time", func(t *testing.T) {
		events, err := s.Events(ctx, domain.Unrestricted)
		require.NoError(t, err)
		require.Len(t, events, 1)
		uk, err := time.LoadLocation("Europe/London")
		require.NoError(t, err)
		e := events[0]
		start := e.StartsAt.In(uk)
		assert.Equal(t, "2026-03-23 14:00", start.Format("2006-01-02 15:04"))
		assert.Equal(t, "16:00", e.EndsAt().In(uk).Format("15:04"))
		assert.Equal(t, 10, e.SlotMinutes)
		assert.Equal(t, 12, e.Slots)
	})

	t.Run("a login per role with an argon2id hash", func(t *testing.T) {
		require.Len(t, logins, len(domain.Roles))
		for i, l := range logins {
			assert.Equal(t, domain.Roles[i], l.Role)
			u, err := s.UserByEmail(ctx, l.Email)
			require.NoError(t, err)
			assert.Equal(t, l.Role, u.Role)
			assert.NotContains(t, u.PasswordHash, l.Password)
			ok, rehash, err := password.Verify(u.PasswordHash, l.Password)
			assert.NoError(t, err)
			assert.True(t, ok)
			assert.False(t, rehash, "argon2id with production's setting")
		}
		again, err := ExistingLogins(ctx, s)
		require.NoError(t, err)
		assert.Equal(t, logins, again)
	})

	t.Run("a second load is refused", func(t *testing.T) {
		_, err := Load(ctx, s, now)
		assert.ErrorIs(t, err, ErrNotEmpty)
		cases2, err := s.Cases(ctx, domain.Unrestricted, 0)
		require.NoError(t, err)
		assert.Len(t, cases2, len(cases))
	})
}

func TestLoadRefusesADatabaseWithData(t *testing.T) {
	tests := []struct {
		name string
		seed func(context.Context, *store.Store) error
	}{
		{"a prison", func(ctx context.Context, s *store.Store) error {
			_, err := s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Somewhere Real"})
			return err
		}},
		{"a first administrator", func(ctx context.Context, s *store.Store) error {
			_, err := s.CreateUser(ctx, domain.System, domain.User{Email: "admin@real.example", Name: "Real Admin", Role: domain.RoleAdmin, Lang: "en", PasswordHash: "x"})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := openStore(t)
			require.NoError(t, tt.seed(ctx, s))
			users, err := s.CountUsers(ctx)
			require.NoError(t, err)
			_, err = Load(ctx, s, now)
			assert.ErrorIs(t, err, ErrNotEmpty)
			after, err := s.CountUsers(ctx)
			require.NoError(t, err)
			assert.Equal(t, users, after, "no demo accounts in someone else's data")
			cases, err := s.Cases(ctx, domain.Unrestricted, 0)
			require.NoError(t, err)
			assert.Empty(t, cases)
		})
	}
}

func TestExistingLoginsIgnoresOtherAccounts(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	hash, err := password.HashWith(password.Params{Memory: 64, Time: 1, Threads: 1}, "a real secret")
	require.NoError(t, err)
	_, err = s.CreateUser(ctx, domain.System, domain.User{Email: demoUsers[0].Email, Name: "Real Admin", Role: domain.RoleAdmin, Lang: "en", PasswordHash: hash})
	require.NoError(t, err)
	got, err := ExistingLogins(ctx, s)
	require.NoError(t, err)
	assert.Empty(t, got, "a changed password is never shown")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The demo showcase comes seated and costed, so every page has something
// real to show on first run.
func TestDemoShowcaseIsAllocatedAndCosted(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	require.NoError(t, err)
	defer s.Close()
	_, err = Load(ctx, s, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	events, err := s.Events(ctx, domain.Unrestricted)
	require.NoError(t, err)
	res, err := s.Allocation(ctx, domain.Unrestricted, events[0].ID)
	require.NoError(t, err)
	assert.Len(t, res.Tables, 7, "every ready family has a table")
	assert.NotEmpty(t, res.Meetings)
	lines, err := s.CostLines(ctx, events[0].ID)
	require.NoError(t, err)
	assert.NotEmpty(t, lines, "cost estimates follow the allocation")
}

// The demo's accounts work where their people would: the coordinator and
// the prison officer at HMP Glanfa, the commissioner and the administrator
// everywhere. The officer sees only families from the clearance stage on.
func TestDemoAccountsHaveTheirPrisons(t *testing.T) {
	s, _ := loaded(t)
	ctx := context.Background()
	prisons, err := s.Prisons(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.Len(t, prisons, 1)
	glanfa := prisons[0].ID
	want := map[domain.Role][]int64{domain.RoleAdmin: nil, domain.RoleCoordinator: {glanfa}, domain.RolePrisonStaff: {glanfa}, domain.RoleCommissioner: nil}
	for _, u := range demoUsers {
		got, err := s.UserByEmail(ctx, u.Email)
		require.NoError(t, err)
		assert.Equal(t, want[u.Role], got.Prisons, "%s", u.Role)
		assert.Empty(t, got.Authorities, "%s", u.Role)
	}
	officer, err := s.UserByEmail(ctx, demoUsers[2].Email)
	require.NoError(t, err)
	all, err := s.Cases(ctx, domain.Unrestricted, 0)
	require.NoError(t, err)
	theirs, err := s.Cases(ctx, officer.Scope(), 0)
	require.NoError(t, err)
	assert.NotEmpty(t, theirs)
	assert.Less(t, len(theirs), len(all), "families before the clearance stage are not the officer's")
	for _, c := range theirs {
		assert.True(t, c.AtClearance(), c.Family.Ref)
	}
}
