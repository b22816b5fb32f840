package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
)

// allocated seats every ready family at the world's showcase.
func (w hallWorld) allocated(t *testing.T) allocate.Result {
	t.Helper()
	return w.allocate(t, w.event)
}

func (w hallWorld) allocate(t *testing.T, event int64) allocate.Result {
	t.Helper()
	ctx := context.Background()
	in, _, err := w.s.AllocationInput(ctx, domain.Unrestricted, event)
	require.NoError(t, err)
	r, err := allocate.Allocate(in)
	require.NoError(t, err)
	require.NoError(t, w.s.SaveAllocation(ctx, domain.System, event, r))
	return r
}

func (w hallWorld) placeOf(t *testing.T, event, family int64) (status, reason string) {
	t.Helper()
	err := w.s.read.QueryRow(`SELECT status, status_reason FROM event_families WHERE event_id = ? AND family_id = ?`, event, family).Scan(&status, &reason)
	require.NoError(t, err)
	return status, reason
}

func (w hallWorld) meetingsOf(t *testing.T, event, family int64) []int64 {
	t.Helper()
	ids, err := column[int64](context.Background(), w.s.read, "test", `SELECT teacher_id FROM meetings WHERE event_id = ? AND family_id = ? ORDER BY teacher_id`, event, family)
	require.NoError(t, err)
	return ids
}

func (w hallWorld) noViolations(t *testing.T) {
	t.Helper()
	vs, err := w.s.CheckSafeguards(context.Background())
	require.NoError(t, err)
	assert.Empty(t, vs)
}

func gateKey(err error) string {
	var g *domain.GateError
	if ok := asGate(err, &g); ok {
		return g.Key
	}
	return ""
}

func asGate(err error, g **domain.GateError) bool {
	for err != nil {
		if x, ok := err.(*domain.GateError); ok {
			*g = x
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

// Defect 2, store side: the agreement nominated Ms Alaw; then the child says
// "prefers Mr Arwel, only Mr Arwel may know". In the same transaction the
// meeting with Ms Alaw is withdrawn, and with no meeting left the family is
// taken out; its case shows the conflict.
func TestNarrowerViewsWithdrawMeetingsInTheSameTransaction(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	f := w.family(t, []domain.Child{{SchoolID: w.schoolA, FirstName: "Ffion"}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	w.allocated(t)
	require.Equal(t, []int64{w.teachA1}, w.meetingsOf(t, w.event, f))

	all, _ := w.s.Teachers(ctx, 0)
	require.NoError(t, w.s.RecordVoice(ctx, domain.System, f, func(c domain.Case) (domain.Child, error) {
		return c.DecideVoice(domain.VoiceInput{ChildID: c.Children[0].ID, WantsToAttend: domain.WishYes, PreferredTeacherID: w.teachA2,
			MayKnow: []int64{w.teachA2}, ApprovedBy: "child", ObtainedHow: "asked again", OccurredOn: today}, all, today)
	}))
	c, _ := w.s.Case(ctx, domain.Unrestricted, f)
	assert.Equal(t, domain.StageConflict, c.Progress().Stage)
	assert.Empty(t, w.meetingsOf(t, w.event, f))
	status, reason := w.placeOf(t, w.event, f)
	assert.Equal(t, "cancelled", status)
	assert.Equal(t, "not_ready", reason)
	w.noViolations(t)

	// The coordinator records that the child and carer now agree Ms Alaw
	// may know, and why; the family is ready and can be seated again.
	for _, k := range []domain.ConflictKind{domain.ConflictNotOnRegister, domain.ConflictPreferredLeftOut} {
		teacher := w.teachA1
		if k == domain.ConflictPreferredLeftOut {
			teacher = w.teachA2
		}
		require.NoError(t, w.s.RecordResolution(ctx, domain.System, f, func(c domain.Case) (domain.Step, *domain.Disclosure, error) {
			return c.DecideResolve(domain.ResolveInput{ChildID: c.Children[0].ID, TeacherID: teacher, Kind: k, DecidedBy: "both",
				Why: "talked it through with Ffion and her nan", OccurredOn: today}, today)
		}))
	}
	c, _ = w.s.Case(ctx, domain.Unrestricted, f)
	require.Equal(t, domain.StageReady, c.Progress().Stage)
	w.allocated(t)
	assert.Equal(t, []int64{w.teachA1}, w.meetingsOf(t, w.event, f))
	w.noViolations(t)
}

// Defect 3: a carer withdraws consent while the solver runs. Saving the
// plan made before the withdrawal is refused, and the family stays out.
func TestSavingAPlanMadeBeforeAWithdrawalIsRefused(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	f := w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	w.family(t, []domain.Child{{SchoolID: w.schoolB}}, map[int64][]int64{w.schoolB: {w.teachB1}})
	r := w.allocated(t)

	_, err := w.s.RecordSteps(ctx, domain.System, f, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentWithdrawn, Route: "phone", OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	require.NoError(t, err)
	status, _ := w.placeOf(t, w.event, f)
	require.Equal(t, "cancelled", status)

	err = w.s.SaveAllocation(ctx, domain.System, w.event, r) // the solver's answer from before
	assert.Equal(t, "gate.seat_not_ready", gateKey(err))
	status, _ = w.placeOf(t, w.event, f)
	assert.Equal(t, "cancelled", status, "the upsert must not seat the family again")
	assert.Empty(t, w.meetingsOf(t, w.event, f))
	w.noViolations(t)
}

// A family a person took out of the showcase is never seated again by
// saving an allocation.
func TestSavingRefusesAFamilyTakenOutByHand(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	f := w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	r := w.allocated(t)
	_, err := w.s.write.Exec(`UPDATE event_families SET status = 'cancelled', table_id = NULL, status_reason = 'carer_cancelled' WHERE family_id = ?`, f)
	require.NoError(t, err)
	_, err = w.s.write.Exec(`DELETE FROM meetings WHERE family_id = ?`, f)
	require.NoError(t, err)
	err = w.s.SaveAllocation(ctx, domain.System, w.event, r)
	assert.Equal(t, "gate.seat_cancelled_by_hand", gateKey(err))
}

// Defect 4: a second showcase at the same prison neither offers nor seats
// the families already seated at the first.
func TestAFamilyIsSeatedAtOneUpcomingShowcaseOnly(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	f := w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	r := w.allocated(t)
	second, err := w.s.CreateEvent(ctx, domain.System, domain.Event{PrisonID: w.prison, Title: "Summer",
		StartsAt: time.Date(2027, 6, 3, 14, 0, 0, 0, time.UTC), SlotMinutes: 10, Slots: 6, ArrivalMinutes: 45})
	require.NoError(t, err)
	in, _, err := w.s.AllocationInput(ctx, domain.Unrestricted, second)
	require.NoError(t, err)
	assert.Empty(t, in.Families, "already seated in December")

	// Saving the December plan at the summer showcase is refused.
	err = w.s.SaveAllocation(ctx, domain.System, second, r)
	assert.Equal(t, "gate.seat_elsewhere", gateKey(err))
	w.noViolations(t)

	// Once December is held, the family can be offered the summer one.
	_, err = w.s.write.Exec(`UPDATE events SET status = 'held' WHERE id = ?`, w.event)
	require.NoError(t, err)
	in, _, _ = w.s.AllocationInput(ctx, domain.Unrestricted, second)
	require.Len(t, in.Families, 1)
	assert.Equal(t, FamilyKey(f), in.Families[0].ID)
}

// Defect 5: withdrawing the only teacher a family meets takes the family
// out in the same transaction, rather than inviting the carer to meet
// nobody; re-allocating then leaves it out.
func TestWithdrawingTheOnlyTeacherTakesTheFamilyOut(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	lone := w.family(t, []domain.Child{{SchoolID: w.schoolB}}, map[int64][]int64{w.schoolB: {w.teachB1}})
	both := w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1, w.teachA2}})
	w.allocated(t)
	addRates(t, w.s, w.prison)
	require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
	ev, _ := w.s.Event(ctx, domain.Unrestricted, w.event)
	require.False(t, ev.CostsStale)

	require.NoError(t, w.s.SetTeacherUnavailable(ctx, domain.System, w.event, w.teachB1, []int{0, 1, 2, 3, 4, 5}))
	status, reason := w.placeOf(t, w.event, lone)
	assert.Equal(t, "cancelled", status)
	assert.Equal(t, "no_meetings", reason)
	assert.Len(t, w.meetingsOf(t, w.event, both), 2, "others keep their meetings")
	w.noViolations(t)

	// Defect 6: the allocation and the costs say they are out of date.
	ev, _ = w.s.Event(ctx, domain.Unrestricted, w.event)
	assert.True(t, ev.AllocationStale)
	assert.True(t, ev.CostsStale)

	prev, _ := w.s.Allocation(ctx, domain.Unrestricted, w.event)
	in, refs, _ := w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	assert.Equal(t, []string{"FAM-0001"}, refs.NoMeetings)
	r, err := allocate.Reallocate(in, prev)
	require.NoError(t, err)
	require.NoError(t, w.s.SaveAllocation(ctx, domain.System, w.event, r))
	ev, _ = w.s.Event(ctx, domain.Unrestricted, w.event)
	assert.False(t, ev.AllocationStale)
	assert.True(t, ev.CostsStale, "costs follow the new allocation only when recalculated")
	require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
	ev, _ = w.s.Event(ctx, domain.Unrestricted, w.event)
	assert.False(t, ev.CostsStale)
	w.noViolations(t)
}

// Changes that do not touch what the allocation reads leave it current.
func TestUnrelatedChangesKeepTheAllocationCurrent(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	w.allocated(t)
	in := domain.ReferralInput{PrisonID: w.prison, ParentName: "Another Parent", PrisonNumber: "A7654BC", ReferralSource: "parent", ReferredOn: today,
		Carer: domain.Carer{Name: "Another Carer", Relationship: "parent", Phone: "07700 900124", Lang: "en"}, Children: []domain.Child{{FirstName: "Sam", SchoolID: w.schoolB, Lang: "en"}}}
	id, err := w.s.CreateReferral(ctx, domain.System, in)
	require.NoError(t, err)
	_, err = w.s.RecordSteps(ctx, domain.System, id, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentGiven, Route: "phone", OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	require.NoError(t, err)
	ev, _ := w.s.Event(ctx, domain.Unrestricted, w.event)
	assert.False(t, ev.AllocationStale, "a referral far from ready changes nothing the allocation reads")
}
