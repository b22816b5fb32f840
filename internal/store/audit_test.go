package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"schoolzone/internal/domain"
	"schoolzone/migrations"
)

// A database written before payloads were split off keeps every entry:
// the log row loses its values, which move to audit_payloads under the
// family they concern, so erasing that family can later delete them.
func TestAuditPayloadMigrationKeepsEveryEntry(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(ON)")
	require.NoError(t, err)
	p, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.FS)
	require.NoError(t, err)
	_, err = p.UpTo(ctx, 7)
	require.NoError(t, err)
	for _, q := range []string{
		`INSERT INTO prisons (id, name) VALUES (1, 'HMP Test')`,
		`INSERT INTO families (id, ref, prison_id, parent_name, referral_source, referred_on, created_at) VALUES (7, 'FAM-0007', 1, 'Parent Name', 'parent', '2026-01-01', 'x')`,
		`INSERT INTO children (id, family_id, first_name) VALUES (3, 7, 'Child Name')`,
		`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES ('2026-01-01T00:00:00Z', 'Coord', 'create', 'family', 7, '', '{"parent":"Parent Name"}')`,
		`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES ('2026-01-02T00:00:00Z', 'Coord', 'record_voice', 'child', 3, '{"v":"no"}', '{"v":"Child Name"}')`,
		`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES ('2026-01-03T00:00:00Z', 'Coord', 'create', 'school', 9, '', '{"name":"A School"}')`,
		`INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('2026-01-04T00:00:00Z', 'Coord', 'rotate_feed_token', 'teacher', 2)`,
	} {
		_, err := db.Exec(q)
		require.NoError(t, err, q)
	}
	require.NoError(t, db.Close())

	s, err := Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	log, err := s.AuditLog(ctx, AuditFilter{})
	require.NoError(t, err)
	require.Len(t, log, 4)
	type row struct {
		action   string
		family   int64
		ref      string
		before   string
		after    string
		entityID int64
	}
	var got []row
	for _, e := range log {
		got = append(got, row{e.Action, e.FamilyID, e.FamilyRef, e.Before, e.After, e.EntityID})
	}
	assert.Equal(t, []row{
		{"rotate_feed_token", 0, "", "", "", 2},
		{"create", 0, "", "", `{"name":"A School"}`, 9},
		{"record_voice", 7, "FAM-0007", `{"v":"no"}`, `{"v":"Child Name"}`, 3},
		{"create", 7, "FAM-0007", "", `{"parent":"Parent Name"}`, 7},
	}, got)
	var payloads int
	require.NoError(t, s.read.QueryRow(`SELECT count(*) FROM audit_payloads`).Scan(&payloads))
	assert.Equal(t, 3, payloads, "an entry without values has no payload row")
	_, err = s.write.Exec(`UPDATE audit_log SET actor = 'z'`)
	assert.ErrorContains(t, err, "append-only", "the rebuilt log is still append-only")
}

// Paging by cursor walks the whole log once, newest first, whatever the
// page size, and the filters narrow it.
func TestAuditPagesWalkTheLogOnce(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	all, err := w.s.AuditLog(ctx, AuditFilter{Limit: 1 << 20})
	require.NoError(t, err)
	require.Greater(t, len(all), 3)
	for _, size := range []int{1, 2, 5, len(all), len(all) + 1} {
		var ids []int64
		f := AuditFilter{Limit: size}
		for {
			p, err := w.s.AuditPage(ctx, f)
			require.NoError(t, err)
			for _, e := range p.Entries {
				ids = append(ids, e.ID)
			}
			if p.Next == 0 {
				break
			}
			f.After = p.Next
		}
		var want []int64
		for _, e := range all {
			want = append(want, e.ID)
		}
		assert.Equal(t, want, ids, "page size %d", size)
	}

	var ref string
	require.NoError(t, w.s.read.QueryRow(`SELECT ref FROM families WHERE id = ?`, w.family).Scan(&ref))
	byFamily, err := w.s.AuditLog(ctx, AuditFilter{FamilyRef: ref})
	require.NoError(t, err)
	require.NotEmpty(t, byFamily)
	for _, e := range byFamily {
		assert.Equal(t, w.family, e.FamilyID)
	}
	byAction, err := w.s.AuditLog(ctx, AuditFilter{Action: "create", Entity: "family"})
	require.NoError(t, err)
	require.NotEmpty(t, byAction)
	for _, e := range byAction {
		assert.Equal(t, "create", e.Action)
	}
	none, err := w.s.AuditLog(ctx, AuditFilter{From: fixedNow.AddDate(0, 0, 1)})
	require.NoError(t, err)
	assert.Empty(t, none, "nothing is written after the clock's day")
}

// The audit page's filters list each action, kind of record and actor
// that the log holds, once and in order: the same as reading the whole
// log, which they no longer do.
func TestAuditFilterChoicesAreTheLogsOwn(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	// Two people besides the system act, twice each.
	target, err := w.s.CreateUser(ctx, domain.System, domain.User{Email: "t@example.org", Name: "Target", Role: domain.RoleCoordinator, PasswordHash: "x", Lang: "en"})
	require.NoError(t, err)
	for _, name := range []string{"Zed Admin", "Ann Admin"} {
		id, err := w.s.CreateUser(ctx, domain.System, domain.User{Email: name[:3] + "@example.org", Name: name, Role: domain.RoleAdmin, PasswordHash: "x", Lang: "en"})
		require.NoError(t, err)
		admin := domain.User{ID: id, Name: name, Role: domain.RoleAdmin}.Actor()
		require.NoError(t, w.s.SetUserDisabled(ctx, admin, target, true))
		require.NoError(t, w.s.SetUserDisabled(ctx, admin, target, false))
	}
	naive := func(q string) []string {
		rows, err := w.s.read.QueryContext(ctx, q)
		require.NoError(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var v string
			require.NoError(t, rows.Scan(&v))
			out = append(out, v)
		}
		return out
	}
	actions, err := w.s.AuditActions(ctx)
	require.NoError(t, err)
	assert.Greater(t, len(actions), 2)
	assert.Equal(t, naive(`SELECT DISTINCT action FROM audit_log ORDER BY action`), actions)
	entities, err := w.s.AuditEntities(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, entities)
	assert.Equal(t, naive(`SELECT DISTINCT entity FROM audit_log ORDER BY entity`), entities)
	actors, err := w.s.AuditActors(ctx)
	require.NoError(t, err)
	var names []string
	for _, u := range actors {
		names = append(names, u.Name)
	}
	assert.Equal(t, []string{"Ann Admin", "Zed Admin"}, names)
	assert.Equal(t, naive(`SELECT DISTINCT u.name FROM audit_log a JOIN users u ON u.id = a.actor_id ORDER BY u.name`), names)
}
