package store

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// erasedColumns are the columns that hold a family's personal data, each
// with a statement that fills it for family ?1 with the marker ?2. Erasure
// must leave none of the markers in the file. An empty statement marks a
// column derived from the others (the search index).
var erasedColumns = map[string]string{
	"families.parent_name":        `UPDATE families SET parent_name = ?2 WHERE id = ?1`,
	"families.prison_number":      `UPDATE families SET prison_number = ?2 WHERE id = ?1`,
	"families.release_date":       `UPDATE families SET release_date = ?2 WHERE id = ?1`,
	"families.referrer_name":      `UPDATE families SET referrer_name = ?2 WHERE id = ?1`,
	"families.notes":              `UPDATE families SET notes = ?2 WHERE id = ?1`,
	"carers.name":                 `UPDATE carers SET name = ?2 WHERE family_id = ?1`,
	"carers.phone":                `UPDATE carers SET phone = ?2 WHERE family_id = ?1`,
	"carers.email":                `UPDATE carers SET email = ?2 WHERE family_id = ?1`,
	"children.first_name":         `UPDATE children SET first_name = ?2 WHERE family_id = ?1`,
	"children.last_name":          `UPDATE children SET last_name = ?2 WHERE family_id = ?1`,
	"children.needs_notes":        `UPDATE children SET needs_notes = ?2 WHERE family_id = ?1`,
	"children.dietary":            `UPDATE children SET dietary = ?2 WHERE family_id = ?1`,
	"children.views_obtained_how": `UPDATE children SET views_obtained_how = ?2 WHERE family_id = ?1`,
	"steps.notes":                 `UPDATE steps SET notes = ?2 WHERE family_id = ?1`,
	"cost_lines.notes":            `UPDATE cost_lines SET notes = ?2 WHERE family_id = ?1`,
	"cost_lines.evidence_ref":     `UPDATE cost_lines SET evidence_ref = ?2 WHERE family_id = ?1`,
	"cost_lines.override_reason":  `UPDATE cost_lines SET override_reason = ?2 WHERE family_id = ?1`,
	// A line typed by hand may name someone; generated lines say only
	// what was bought.
	"cost_lines.description": `UPDATE cost_lines SET source = 'manual', line_key = NULL, description = ?2
		WHERE id = (SELECT min(id) FROM cost_lines WHERE family_id = ?1)`,
	"attendance_needs.needs": `INSERT INTO attendance_needs (event_id, family_id, needs, updated_at)
		SELECT event_id, family_id, ?2, '2026-01-01' FROM event_families WHERE family_id = ?1`,
	"travel_requests.postcode_area": `INSERT INTO travel_requests (event_id, family_id, wants_help, postcode_area, updated_at)
		SELECT event_id, family_id, 1, ?2, '2026-01-01' FROM event_families WHERE family_id = ?1`,
	"audit_payloads.before": `UPDATE audit_payloads SET before = ?2 WHERE family_id = ?1`,
	"audit_payloads.after":  `UPDATE audit_payloads SET after = ?2 WHERE family_id = ?1`,
	"outbox.to_addr":        `UPDATE outbox SET to_addr = ?2 WHERE recipient_kind = 'carer' AND recipient_id IN (SELECT id FROM carers WHERE family_id = ?1)`,
	"outbox.subject":        `UPDATE outbox SET subject = ?2 WHERE recipient_kind = 'carer' AND recipient_id IN (SELECT id FROM carers WHERE family_id = ?1)`,
	"outbox.eml":            `UPDATE outbox SET eml = CAST(?2 AS BLOB) WHERE recipient_kind = 'carer' AND recipient_id IN (SELECT id FROM carers WHERE family_id = ?1)`,
	"outbox.last_error":     `UPDATE outbox SET last_error = ?2 WHERE recipient_kind = 'carer' AND recipient_id IN (SELECT id FROM carers WHERE family_id = ?1)`,
	"family_search.names":   "",
}

// keptTables hold nothing personal about a family, or hold staff and
// organisations, whose records have their own lifecycle.
var keptTables = map[string]string{
	"goose_db_version":    "the schema's version",
	"prisons":             "an organisation",
	"local_authorities":   "an organisation",
	"schools":             "an organisation and its head, a member of staff",
	"teachers":            "staff, not the family",
	"users":               "staff accounts",
	"sessions":            "staff sign-ins",
	"password_resets":     "staff password reset links (hashes)",
	"user_prisons":        "staff scope",
	"user_authorities":    "staff scope",
	"hall_tables":         "the visits hall",
	"hall_adjacency":      "the visits hall",
	"events":              "the showcase itself",
	"event_cost_settings": "the showcase's costing",
	"event_cost_staff":    "the showcase's staffing",
	"cost_rates":          "price lists",
	"cost_school_travel":  "a school's travel time",
	"cost_teacher_cover":  "whether a teacher's school needs cover",
	"awareness_sessions":  "a school's staff session, about no family",
	"mailbox_state":       "where the reply reader got to",
	"teacher_unavailable": "staff availability",
	"meetings":            "IDs and slots only: the seat plan figures are built from",
	"step_teachers":       "IDs only",
	"child_disclosures":   "IDs, who approved (child, carer or both) and a date",
	"attendance_answers":  "IDs and whether each person came: attendance figures",
	"keep_apart":          "rows are deleted with the family",
	"personal_links":      "rows are deleted with the family; a hash and dates only",
	"audit_log":           "who did what and when; values live in audit_payloads",
}

// keptColumns are the columns of tables that hold personal data which
// stay after erasure, each with why: figures and costs are built from
// them and none names a person.
var keptColumns = map[string]string{
	"families.id": "key", "families.ref": "the reference figures and costs keep", "families.prison_id": "figures by prison",
	"families.parent_status": "figures", "families.remand": "figures", "families.high_confidentiality": "a flag",
	"families.referral_source": "figures by source", "families.referred_on": "figures by date", "families.created_at": "a date",
	"families.erased_at": "when erasure happened", "families.stage": "figures by stage", "families.disciplinary": "a flag",
	"families.at_clearance": "a flag",
	"carers.id":             "key", "carers.family_id": "key", "carers.relationship": "a relationship word, such as grandparent",
	"carers.lang": "en or cy", "carers.distance_miles": "travel costs", "carers.is_primary": "a flag",
	"children.id": "key", "children.family_id": "key", "children.year_group": "figures by year group",
	"children.school_id": "figures by school", "children.local_authority_id": "figures by council", "children.lang": "en or cy",
	"children.needs_quiet": "a flag", "children.needs_step_free": "a flag", "children.share_needs_with_school": "a flag",
	"children.wants_to_attend": "yes, no or unsure", "children.preferred_teacher_id": "an ID", "children.views_recorded_on": "a date",
	"steps.id": "key", "steps.family_id": "key", "steps.kind": "the workflow", "steps.outcome": "the workflow",
	"steps.school_id": "an ID", "steps.child_id": "an ID", "steps.route": "phone, email or in person", "steps.reason_category": "a category",
	"steps.occurred_on": "a date", "steps.recorded_by": "a staff ID", "steps.recorded_at": "a date",
	"cost_lines.id": "key", "cost_lines.event_id": "key", "cost_lines.line_key": "generated key", "cost_lines.category": "costs",
	"cost_lines.bearer": "costs", "cost_lines.school_id": "costs", "cost_lines.family_id": "costs by family",
	"cost_lines.teacher_id": "costs", "cost_lines.local_authority_id": "costs", "cost_lines.school_type": "costs",
	"cost_lines.qty_thousandths": "costs", "cost_lines.unit": "costs", "cost_lines.unit_cost_pence": "costs",
	"cost_lines.estimated_pence": "costs", "cost_lines.auto_estimated_pence": "costs", "cost_lines.actual_pence": "costs",
	"cost_lines.claimed_pence": "costs", "cost_lines.approved_pence": "costs", "cost_lines.overridden": "a flag",
	"cost_lines.source":         "auto or manual",
	"attendance_needs.event_id": "key", "attendance_needs.family_id": "key", "attendance_needs.updated_at": "rows are deleted",
	"travel_requests.event_id": "key", "travel_requests.family_id": "key", "travel_requests.wants_help": "rows are deleted",
	"travel_requests.updated_at": "rows are deleted",
	"audit_payloads.audit_id":    "key", "audit_payloads.family_id": "key",
	"outbox.id": "key", "outbox.created_at": "a date", "outbox.kind": "the message kind", "outbox.event_id": "key",
	"outbox.recipient_kind": "key", "outbox.recipient_id": "key", "outbox.lang": "en or cy", "outbox.status": "delivery",
	"outbox.attempts": "delivery", "outbox.next_attempt_at": "delivery", "outbox.sent_at": "delivery",
	"event_families.event_id": "key", "event_families.family_id": "key", "event_families.table_id": "the seat plan",
	"event_families.status": "attendance figures", "event_families.status_reason": "a reason code",
	"invites.id": "key", "invites.event_id": "key", "invites.recipient_kind": "key", "invites.recipient_id": "key",
	"invites.family_id": "key", "invites.uid": "a random UID", "invites.sequence": "a number", "invites.fingerprint": "a hash",
	"invites.status": "sent or cancelled", "invites.organizer": "the coordinator's address", "invites.organizer_name": "the coordinator",
	"invites.starts_at": "the showcase", "invites.ends_at": "the showcase", "invites.location": "the prison",
	"invites.last_sent_at": "a date", "invites.response": "accepted, declined or tentative", "invites.responded_at": "a date",
	"invites.reminded_at": "a date",
	"family_search.ref":   "the reference", "family_search.schools": "school names, organisations",
}

// schemaColumns lists every table.column of the migrated schema, leaving
// out SQLite's own tables and the search index's shadow tables.
func schemaColumns(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.read.Query(`SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'family_search_%' ORDER BY m.name, p.cid`)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, col string
		require.NoError(t, rows.Scan(&table, &col))
		out = append(out, table+"."+col)
	}
	require.NoError(t, rows.Err())
	return out
}

// Every column is either erased with a family or kept for a stated
// reason, so a column added later cannot keep a family's personal data
// past erasure unless someone decided it may.
func TestEveryColumnIsClassifiedForErasure(t *testing.T) {
	s := openTest(t)
	have := map[string]bool{}
	for _, c := range schemaColumns(t, s) {
		have[c] = true
		table, _, _ := strings.Cut(c, ".")
		_, erased := erasedColumns[c]
		_, kept := keptColumns[c]
		_, keptTable := keptTables[table]
		switch n := btoi(erased) + btoi(kept) + btoi(keptTable); {
		case n == 0:
			t.Errorf("%s is new: add it to erasedColumns (and to eraseStatements) if it can hold a family's personal data, else to keptColumns with why", c)
		case n > 1:
			t.Errorf("%s is classified more than once", c)
		}
	}
	tables := map[string]bool{}
	for c := range have {
		table, _, _ := strings.Cut(c, ".")
		tables[table] = true
	}
	for _, m := range []map[string]string{erasedColumns, keptColumns} {
		for c := range m {
			assert.True(t, have[c], "%s is classified but not in the schema", c)
		}
	}
	for table := range keptTables {
		assert.True(t, tables[table], "table %s is classified but not in the schema", table)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Each column that can hold a family's personal data is filled with a
// marker of its own; after erasure none is left in the file or the WAL.
func TestErasureClearsEveryPersonalColumn(t *testing.T) {
	w := newErasureWorld(t)
	ctx := context.Background()
	cols := make([]string, 0, len(erasedColumns))
	for c := range erasedColumns {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	w.personal = nil
	for _, c := range cols {
		q := erasedColumns[c]
		if q == "" {
			continue
		}
		// Letters only, so the search index's tokens would match it whole.
		marker := "zqx" + strings.NewReplacer(".", "", "_", "").Replace(c) + "qxz"
		res, err := w.s.write.Exec(q, w.f1, marker)
		require.NoError(t, err, c)
		n, err := res.RowsAffected()
		require.NoError(t, err)
		require.Positive(t, n, "%s: the fixture has no row to fill", c)
		w.personal = append(w.personal, marker)
	}
	require.True(t, w.found(t), "the markers are in the file before erasure")
	require.NoError(t, w.s.EraseFamily(ctx, domain.System, w.f1, EraseOnRequest))
	require.NoError(t, w.s.Close())
	assert.False(t, w.found(t), "personal values survive erasure (see the log above): erase them in eraseStatements")
}
