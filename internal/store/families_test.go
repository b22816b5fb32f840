package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A referral naming a prison or school not on record is refused in the
// store's transaction with a message on the field, whoever the caller, and
// nothing is saved.
func TestCreateReferralChecksReferences(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	referral := func(prison, school int64) domain.ReferralInput {
		in := domain.ReferralInput{PrisonID: prison, ParentName: "Dai Example", ReferralSource: "parent", ReferredOn: today,
			Carer:    domain.Carer{Name: "Sian Example", Relationship: "parent", Phone: "07700 900123", Lang: "cy"},
			Children: []domain.Child{{FirstName: "Cai", SchoolID: w.school}, {FirstName: "Nia", SchoolID: school}}}
		require.NoError(t, in.Validate(today))
		return in
	}
	cases := []struct {
		name           string
		prison, school int64
		fields         []string
	}{
		{"unknown school", w.prison, 999, []string{"children[1].school_id"}},
		{"unknown prison", 999, w.school, []string{"prison_id"}},
		{"both", 999, 998, []string{"prison_id", "children[1].school_id"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.s.CreateReferral(ctx, domain.System, referral(tc.prison, tc.school))
			var ve *domain.ValidationError
			require.True(t, errors.As(err, &ve), "want a field message, got %v", err)
			var fields []string
			for _, f := range ve.Fields {
				fields = append(fields, f.Field)
			}
			assert.Equal(t, tc.fields, fields)
			cases, err := w.s.Cases(ctx, domain.Unrestricted, 0)
			require.NoError(t, err)
			assert.Len(t, cases, 1, "only newWorld's family")
		})
	}
	_, err := w.s.CreateReferral(ctx, domain.System, referral(w.prison, 0))
	assert.NoError(t, err, "a child with no school yet is allowed")
}

// An import saves every family or none: a family the transaction refuses
// (here a school removed since the preview, or a prison outside the
// importer's scope) leaves the database as it was, audit log included.
func TestImportReferralsIsAllOrNothing(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	family := func(parent string, prison, school int64) domain.ReferralInput {
		in := domain.ReferralInput{PrisonID: prison, ParentName: parent, ReferralSource: "school", ReferredOn: today,
			Carer:    domain.Carer{Name: "Carer of " + parent, Relationship: "parent", Phone: "07700 900123", Lang: "en"},
			Children: []domain.Child{{FirstName: "Child of " + parent, SchoolID: school}}}
		require.NoError(t, in.Validate(today))
		return in
	}
	count := func(table string) int {
		var n int
		require.NoError(t, w.s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n))
		return n
	}
	coordinator := domain.Actor{ID: 7, Name: "coordinator", Role: domain.RoleCoordinator, Scope: domain.Scope{Prisons: []int64{w.prison}}}
	refused := []struct {
		name  string
		actor domain.Actor
		ins   []domain.ReferralInput
	}{
		{"a school not on record", domain.System, []domain.ReferralInput{family("Ann", w.prison, w.school), family("Bob", w.prison, 999)}},
		{"a prison outside the scope", domain.Actor{ID: 8, Name: "elsewhere", Role: domain.RoleCoordinator, Scope: domain.Scope{Prisons: []int64{999}}},
			[]domain.ReferralInput{family("Ann", w.prison, w.school)}},
	}
	families, children, audit := count("families"), count("children"), count("audit_log")
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			ids, err := w.s.ImportReferrals(ctx, tc.actor, tc.ins)
			var ve *domain.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Nil(t, ids)
			assert.Equal(t, []int{families, children, audit}, []int{count("families"), count("children"), count("audit_log")})
		})
	}

	made, err := w.s.ImportReferrals(ctx, coordinator, []domain.ReferralInput{family("Ann", w.prison, w.school), family("Bob", w.prison, 0)})
	require.NoError(t, err)
	require.Len(t, made, 2)
	assert.Regexp(t, `^FAM-\d{4}$`, made[1].Ref)
	assert.Equal(t, families+2, count("families"))
	var action, after string
	require.NoError(t, w.s.read.QueryRowContext(ctx, `SELECT a.action, COALESCE(p.after,'') FROM audit_log a LEFT JOIN audit_payloads p ON p.audit_id = a.id ORDER BY a.id DESC LIMIT 1`).Scan(&action, &after))
	assert.Equal(t, "import", action)
	assert.JSONEq(t, `{"families": 2, "children": 2}`, after, "the import's own row holds counts, not names")
}
