package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"schoolzone/internal/domain"
)

// audit appends one row to the audit log inside tx, so a change and its
// record commit together. The row says who, when, what action and which
// record; before/after, marshalled to JSON, go to audit_payloads under the
// family they concern, so that erasing the family can delete them while
// the log row stays.
func (s *Store) audit(tx *sql.Tx, actor domain.Actor, action, entity string, id int64, before, after any) error {
	enc := func(v any) (string, error) {
		if v == nil {
			return "", nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	a, err := enc(after)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	family, err := auditFamily(tx, entity, id)
	if err != nil {
		return fmt.Errorf("store: audit %s %s: %w", action, entity, err)
	}
	res, err := tx.Exec(`INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, family_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.stamp(), nullInt(actor.ID), actor.Name, action, entity, nullInt(id), nullInt(family))
	if err != nil {
		return fmt.Errorf("store: audit %s %s: %w", action, entity, err)
	}
	if b == "" && a == "" {
		return nil
	}
	row, _ := res.LastInsertId()
	if _, err := tx.Exec(`INSERT INTO audit_payloads (audit_id, family_id, before, after) VALUES (?, ?, ?, ?)`,
		row, nullInt(family), b, a); err != nil {
		return fmt.Errorf("store: audit %s %s payload: %w", action, entity, err)
	}
	return nil
}

// auditFamily is the family a record belongs to, or 0 for records that
// belong to none (schools, showcases, accounts).
func auditFamily(tx *sql.Tx, entity string, id int64) (int64, error) {
	var q string
	switch entity {
	case "family":
		return id, nil
	case "child":
		q = `SELECT family_id FROM children WHERE id = ?`
	case "invite":
		q = `SELECT family_id FROM invites WHERE id = ?`
	case "cost_line":
		q = `SELECT family_id FROM cost_lines WHERE id = ?`
	default:
		return 0, nil
	}
	var f sql.NullInt64
	if err := tx.QueryRow(q, id).Scan(&f); err != nil && err != sql.ErrNoRows {
		return 0, err
	}
	return f.Int64, nil
}

// AuditFilter narrows the audit log. After is a keyset cursor: only entries
// older than that ID are listed, so paging never skips or repeats a row
// however many are written meanwhile.
type AuditFilter struct {
	Entity    string
	EntityID  int64
	Action    string
	ActorID   int64
	FamilyRef string
	From, To  time.Time // To is exclusive; zero means open
	After     int64
	Limit     int
}

// AuditPage is one page of the audit log and the cursor of the next, 0 at
// the end.
type AuditPage struct {
	Entries []domain.AuditEntry
	Next    int64
}

// AuditLog lists audit entries, newest first (200 unless f.Limit says).
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]domain.AuditEntry, error) {
	if f.Limit <= 0 {
		f.Limit = 200
	}
	p, err := s.AuditPage(ctx, f)
	return p.Entries, err
}

// AuditPage lists one page of audit entries, newest first, with the
// family's reference and any payload not yet erased, and the cursor of the
// next page.
func (s *Store) AuditPage(ctx context.Context, f AuditFilter) (AuditPage, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var where []string
	var args []any
	add := func(cond string, v ...any) { where = append(where, cond); args = append(args, v...) }
	if f.Entity != "" {
		add(`a.entity = ?`, f.Entity)
	}
	if f.EntityID != 0 {
		add(`a.entity_id = ?`, f.EntityID)
	}
	if f.Action != "" {
		add(`a.action = ?`, f.Action)
	}
	if f.ActorID != 0 {
		add(`a.actor_id = ?`, f.ActorID)
	}
	if f.FamilyRef != "" {
		add(`a.family_id = (SELECT id FROM families WHERE ref = ? COLLATE NOCASE)`, strings.TrimSpace(f.FamilyRef))
	}
	if !f.From.IsZero() {
		add(`a.at >= ?`, f.From.UTC().Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		add(`a.at < ?`, f.To.UTC().Format(time.RFC3339))
	}
	if f.After > 0 {
		add(`a.id < ?`, f.After)
	}
	q := `SELECT a.id, a.at, COALESCE(a.actor_id,0), a.actor, a.action, a.entity, COALESCE(a.entity_id,0),
		COALESCE(a.family_id,0), COALESCE(fam.ref,''), COALESCE(p.before,''), COALESCE(p.after,'')
		FROM audit_log a LEFT JOIN audit_payloads p ON p.audit_id = a.id LEFT JOIN families fam ON fam.id = a.family_id`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY a.id DESC LIMIT ?`
	rows, err := s.read.QueryContext(ctx, q, append(args, f.Limit+1)...)
	if err != nil {
		return AuditPage{}, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out AuditPage
	for rows.Next() {
		var e domain.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.FamilyID, &e.FamilyRef, &e.Before, &e.After); err != nil {
			return AuditPage{}, fmt.Errorf("store: audit log: %w", err)
		}
		e.At = parseTime(at)
		out.Entries = append(out.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return AuditPage{}, fmt.Errorf("store: audit log: %w", err)
	}
	if len(out.Entries) > f.Limit {
		out.Entries = out.Entries[:f.Limit]
		out.Next = out.Entries[f.Limit-1].ID
	}
	return out, nil
}

// AuditActions lists the actions the log holds, for the page's filter.
func (s *Store) AuditActions(ctx context.Context) ([]string, error) {
	return column[string](ctx, s.read, "audit actions", distinctAudit("action"))
}

// distinctAudit lists the values of an indexed audit_log column by
// jumping from one value to the next through its index (SQLite's DISTINCT
// would read every row, and the log grows with every change: 46,000 rows
// at 10,000 families made the audit page 20 ms).
func distinctAudit(col string) string {
	return `WITH RECURSIVE v(x) AS (SELECT min(` + col + `) FROM audit_log
		UNION ALL SELECT (SELECT min(` + col + `) FROM audit_log WHERE ` + col + ` > v.x) FROM v WHERE v.x IS NOT NULL)
		SELECT x FROM v WHERE x IS NOT NULL`
}

// AuditActors lists the accounts that appear in the log, for the filter.
// There are far fewer accounts than log rows, so each account is looked up
// in the log's actor index rather than the log read through.
func (s *Store) AuditActors(ctx context.Context) ([]domain.User, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT u.id, u.name FROM users u
		WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.actor_id = u.id) ORDER BY u.name, u.id`)
	if err != nil {
		return nil, fmt.Errorf("store: audit actors: %w", err)
	}
	defer rows.Close()
	var out []domain.User
	for rows.Next() {
		var u domain.User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, fmt.Errorf("store: audit actors: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// changes names the fields an edit changed, for audit rows that say what
// changed but never hold the values (which may be personal).
type changes []string

func (c *changes) note(name string, was, now any) {
	if was != now {
		*c = append(*c, name)
	}
}
