package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// The rules that protect a child hold in UpdateChild's own transaction,
// whoever calls it: a move of school takes the old school's staff off the
// child's register and the meeting with them away, in the same write; new
// needs at the same school leave the place and the register alone; a bad
// answer changes nothing at all.
func TestUpdateChildKeepsTheRegisterToTheChildsSchool(t *testing.T) {
	cases := []struct {
		name   string
		change func(w hallWorld, d *domain.ChildDetails)
		field  string // the refused field, if refused
		moves  bool
		status string
	}{
		{name: "new needs, same school", change: func(w hallWorld, d *domain.ChildDetails) { d.NeedsStepFree, d.Dietary = true, "No nuts" }},
		{name: "a new school", change: func(w hallWorld, d *domain.ChildDetails) { d.SchoolID = w.schoolB },
			moves: true, status: "cancelled"},
		{name: "a school that is not there", change: func(w hallWorld, d *domain.ChildDetails) { d.SchoolID = 9999 }, field: "school_id"},
		{name: "no first name", change: func(w hallWorld, d *domain.ChildDetails) { d.FirstName, d.SchoolID = " ", w.schoolB }, field: "first_name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newHallWorld(t)
			ctx := context.Background()
			f := w.family(t, []domain.Child{{SchoolID: w.schoolA, FirstName: "Ffion"}}, map[int64][]int64{w.schoolA: {w.teachA1}})
			w.allocated(t)
			before, err := w.s.Case(ctx, domain.Unrestricted, f)
			require.NoError(t, err)
			was := before.Children[0]
			register := onRegister(was)
			require.ElementsMatch(t, []int64{w.teachA1, w.teachA2}, register, "the world's register: school A's staff")
			beforeStatus, _ := w.placeOf(t, w.event, f)

			d := domain.ChildDetails{FirstName: was.FirstName, LastName: was.LastName, YearGroup: was.YearGroup, SchoolID: was.SchoolID,
				NeedsQuiet: was.NeedsQuiet, NeedsStepFree: was.NeedsStepFree, NeedsNotes: was.NeedsNotes, Dietary: was.Dietary, ShareNeeds: was.ShareNeeds}
			tc.change(w, &d)
			err = w.s.UpdateChild(ctx, domain.System, f, was.ID, d)
			after, cerr := w.s.Case(ctx, domain.Unrestricted, f)
			require.NoError(t, cerr)
			now := after.Children[0]
			status, _ := w.placeOf(t, w.event, f)

			if tc.field != "" {
				var ve *domain.ValidationError
				require.True(t, errors.As(err, &ve), "want a field message, got %v", err)
				require.Len(t, ve.Fields, 1)
				assert.Equal(t, tc.field, ve.Fields[0].Field)
				assert.Equal(t, was, now, "nothing changed")
				assert.Equal(t, []int64{w.teachA1}, w.meetingsOf(t, w.event, f))
				assert.Equal(t, beforeStatus, status)
				return
			}
			require.NoError(t, err)
			if tc.moves {
				assert.Empty(t, onRegister(now), "nobody at the new school was agreed; the old school's staff are off")
			} else {
				assert.ElementsMatch(t, register, onRegister(now))
			}
			assert.Equal(t, d.SchoolID, now.SchoolID)
			if !tc.moves {
				assert.Equal(t, []int64{w.teachA1}, w.meetingsOf(t, w.event, f))
				assert.Equal(t, beforeStatus, status)
			} else {
				assert.Empty(t, w.meetingsOf(t, w.event, f), "no meeting with the old school's teacher")
				assert.Zero(t, now.PreferredTeacherID)
				assert.Empty(t, now.ViewsRecordedOn, "the child's views are asked again")
				assert.False(t, after.Ready())
				assert.Equal(t, tc.status, status)
			}
			w.noViolations(t)
		})
	}
}

func onRegister(ch domain.Child) []int64 {
	var ids []int64
	for _, d := range ch.MayKnow {
		ids = append(ids, d.TeacherID)
	}
	return ids
}
