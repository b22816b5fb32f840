package store

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// erasureWorld is costWorld after its showcase was held, with family 1
// given personal values found nowhere else: in its record, a step's notes
// (and so the audit log), a message in the outbox and a keep-apart pair.
type erasureWorld struct {
	costWorld
	path      string
	personal  []string
	costTotal int64
}

func newErasureWorld(t *testing.T) erasureWorld {
	t.Helper()
	ctx := context.Background()
	w := erasureWorld{costWorld: newCostWorld(t)}
	w.standard(t)
	w.rates(t)
	require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
	require.NoError(t, w.s.read.QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&w.path))
	w.personal = []string{"Dai One", "Zephyrine", "Quillfeather", "Q9876ZZ", "dai.one@example.test", "07700 955555", "Zanzibar note", "Referrer Wyn"}
	for _, q := range []string{
		`UPDATE families SET prison_number = 'Q9876ZZ', referrer_name = 'Referrer Wyn' WHERE id = ?`,
		`UPDATE carers SET email = 'dai.one@example.test', phone = '07700 955555' WHERE family_id = ?`,
		`UPDATE children SET first_name = 'Zephyrine', last_name = 'Quillfeather', needs_notes = 'Zephyrine needs quiet' WHERE family_id = ?`,
	} {
		_, err := w.s.write.Exec(q, w.f1)
		require.NoError(t, err)
	}
	_, err := w.s.RecordSteps(ctx, domain.System, w.f1, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentGiven, Route: "phone", OccurredOn: today, Notes: "Zanzibar note"}, today)
		return []domain.Step{st}, err
	})
	require.NoError(t, err)
	require.NoError(t, w.s.AddKeepApart(ctx, domain.System, "FAM-0001", "FAM-0002"))
	var carer int64
	require.NoError(t, w.s.read.QueryRow(`SELECT id FROM carers WHERE family_id = ?`, w.f1).Scan(&carer))
	_, err = w.s.Enqueue(ctx, OutboxMessage{Kind: "invite", EventID: w.event, RecipientKind: "carer", RecipientID: carer, Lang: "en",
		To: "dai.one@example.test", Subject: "Your place", EML: []byte("To: Carer Dai One <dai.one@example.test>\r\n\r\nDear Carer Dai One, Zephyrine's table is T1.")})
	require.NoError(t, err)
	_, err = w.s.write.Exec(`UPDATE events SET status = 'held' WHERE id = ?`, w.event)
	require.NoError(t, err)
	require.NoError(t, w.s.SetParentStatus(ctx, domain.System, w.f1, domain.Released, "2026-01-05"))
	w.costTotal = w.total(t)
	require.True(t, w.found(t), "the fixture's strings are in the file before erasure")
	return w
}

func (w erasureWorld) total(t *testing.T) int64 {
	t.Helper()
	var n int64
	require.NoError(t, w.s.read.QueryRow(`SELECT sum(estimated_pence) + count(*) FROM cost_lines`).Scan(&n))
	return n
}

// found reports whether any of the family's strings is in the database
// file or its WAL, as raw bytes in any case: the free pages, the search
// index and the log included.
func (w erasureWorld) found(t *testing.T) bool {
	t.Helper()
	hit := false
	for _, f := range []string{w.path, w.path + "-wal"} {
		b, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		// Lower case too: the search index keeps words folded to lower case.
		lower := bytes.ToLower(b)
		for _, p := range w.personal {
			if bytes.Contains(b, []byte(p)) || bytes.Contains(lower, bytes.ToLower([]byte(p))) {
				t.Logf("%q is in %s", p, f)
				hit = true
			}
		}
	}
	return hit
}

func TestErasureLeavesNothingPersonalInTheFile(t *testing.T) {
	w := newErasureWorld(t)
	ctx := context.Background()
	before, err := w.s.EventCosts(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	logBefore, err := w.s.AuditLog(ctx, AuditFilter{Limit: 1 << 20})
	require.NoError(t, err)

	require.NoError(t, w.s.EraseFamily(ctx, domain.Actor{ID: 0, Name: "Coordinator", Scope: domain.Unrestricted}, w.f1, EraseOnRequest))

	assert.False(t, w.found(t), "no personal string of the family is left in the file or the WAL")
	assert.Equal(t, w.costTotal, w.total(t), "cost totals are unchanged")
	after, err := w.s.EventCosts(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Equal(t, before.Families, after.Families, "what the cost report counts is unchanged")

	logAfter, err := w.s.AuditLog(ctx, AuditFilter{Limit: 1 << 20})
	require.NoError(t, err)
	require.Len(t, logAfter, len(logBefore)+1, "every row stays, and the erasure adds one")
	assert.Equal(t, EraseOnRequest, logAfter[0].Action)
	assert.Equal(t, "Coordinator", logAfter[0].Actor)
	assert.Empty(t, logAfter[0].Before+logAfter[0].After, "the erasure's own row holds no values")
	for _, e := range logAfter {
		if e.FamilyID == w.f1 {
			assert.Empty(t, e.Before+e.After, "entry %d (%s) lost its values", e.ID, e.Action)
		}
	}
	c, err := w.s.Case(ctx, domain.Unrestricted, w.f1)
	require.NoError(t, err)
	assert.Equal(t, "FAM-0001", c.Family.Ref, "the reference stays")

	// Closing the store checkpoints whatever is left; still nothing.
	require.NoError(t, w.s.Close())
	assert.False(t, w.found(t))
}

// A family seated at a showcase still to come is refused, whole, with a
// message naming the showcase; others are erased; and the safeguards that
// protect the children still hold after every attempt.
func TestErasureKeepsTheSafeguards(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	a := w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	b := w.family(t, []domain.Child{{SchoolID: w.schoolB}}, map[int64][]int64{w.schoolB: {w.teachB1}})
	c := w.family(t, []domain.Child{{SchoolID: w.schoolA}, {SchoolID: w.schoolB}}, map[int64][]int64{w.schoolA: {w.teachA2}, w.schoolB: {w.teachB2}})
	w.allocated(t)
	require.NoError(t, w.s.SetParentStatus(ctx, domain.System, c, domain.Released, "2026-01-05"))
	w.noViolations(t)

	for _, f := range []int64{a, b} {
		err := w.s.EraseFamily(ctx, domain.System, f, EraseOnRequest)
		var g *domain.GateError
		require.True(t, asGate(err, &g), "seated family %d: %v", f, err)
		assert.Equal(t, "privacy.err_seated", g.Key)
		cs, err := w.s.Case(ctx, domain.Unrestricted, f)
		require.NoError(t, err)
		assert.Equal(t, "Parent Example", cs.Family.ParentName, "nothing is erased")
		w.noViolations(t)
	}
	require.NoError(t, w.s.EraseFamily(ctx, domain.System, c, EraseByRetention))
	w.noViolations(t)
	cs, err := w.s.Case(ctx, domain.Unrestricted, c)
	require.NoError(t, err)
	assert.Empty(t, cs.Family.ParentName)
	for _, ch := range cs.Children {
		assert.Empty(t, ch.FirstName)
	}
	// Another prison's coordinator cannot find the family to erase it.
	other := domain.Actor{Name: "Elsewhere", Scope: domain.Scope{Prisons: []int64{w.prison + 100}}}
	assert.ErrorIs(t, w.s.EraseFamily(ctx, other, a, EraseOnRequest), domain.ErrNotFound)
}

// Retention erases exactly the families due, each once.
func TestApplyRetentionErasesOnlyFamiliesDue(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	mk := func() int64 {
		return w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	}
	_, longGone, recent, undated := mk(), mk(), mk(), mk() // the first stays held
	require.NoError(t, w.s.SetParentStatus(ctx, domain.System, longGone, domain.Released, "2026-01-05"))
	require.NoError(t, w.s.SetParentStatus(ctx, domain.System, recent, domain.Released, "2026-10-01"))
	require.NoError(t, w.s.SetParentStatus(ctx, domain.System, undated, domain.Released, ""))

	dry, err := w.s.ApplyRetention(ctx, domain.System, domain.DefaultRetentionMonths, true)
	require.NoError(t, err)
	assert.Equal(t, []string{"FAM-0002"}, dry.Erased)
	cs, err := w.s.Case(ctx, domain.Unrestricted, longGone)
	require.NoError(t, err)
	assert.NotEmpty(t, cs.Family.ParentName, "a dry run changes nothing")

	res, err := w.s.ApplyRetention(ctx, domain.System, domain.DefaultRetentionMonths, false)
	require.NoError(t, err)
	assert.Equal(t, []string{"FAM-0002"}, res.Erased)
	again, err := w.s.ApplyRetention(ctx, domain.System, domain.DefaultRetentionMonths, false)
	require.NoError(t, err)
	assert.Empty(t, again.Erased, "an erased family is not erased twice")

	// Six months on, the October release is due, and so is the undated one,
	// counted from the day it was recorded; the held parent never is.
	w.s.now = func() time.Time { return fixedNow.AddDate(0, 6, 0) }
	later, err := w.s.ApplyRetention(ctx, domain.System, domain.DefaultRetentionMonths, true)
	require.NoError(t, err)
	assert.Equal(t, []string{"FAM-0003", "FAM-0004"}, later.Erased)
	w.s.now = func() time.Time { return fixedNow.AddDate(0, 6, 0).Add(-24 * time.Hour) }
	earlier, err := w.s.ApplyRetention(ctx, domain.System, domain.DefaultRetentionMonths, true)
	require.NoError(t, err)
	assert.Equal(t, []string{"FAM-0003"}, earlier.Erased, "a day short of six months after the undated release was recorded")
}
