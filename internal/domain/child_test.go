package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChangeChild(t *testing.T) {
	registered := Child{ID: 7, FirstName: "Cerys", SchoolID: 1, WantsToAttend: WishYes, PreferredTeacherID: 3, ViewsRecordedOn: "2026-10-01",
		MayKnow: []Disclosure{{TeacherID: 3, ApprovedBy: "child"}}}
	c := Case{Children: []Child{registered}}
	tests := []struct {
		name    string
		in      ChildDetails
		check   func(t *testing.T, ch Child)
		wantErr map[string]string
	}{
		{"details at the same school keep the child's views", ChildDetails{FirstName: " Cerys ", LastName: "Jones", YearGroup: "Year 5", SchoolID: 1, NeedsQuiet: true},
			func(t *testing.T, ch Child) {
				assert.Equal(t, "Cerys", ch.FirstName)
				assert.Equal(t, "Jones", ch.LastName)
				assert.True(t, ch.NeedsQuiet)
				assert.Equal(t, registered.MayKnow, ch.MayKnow)
				assert.Equal(t, int64(3), ch.PreferredTeacherID)
				assert.Equal(t, "2026-10-01", ch.ViewsRecordedOn)
			}, nil},
		{"a new school clears the register and asks the child again", ChildDetails{FirstName: "Cerys", SchoolID: 2},
			func(t *testing.T, ch Child) {
				assert.Empty(t, ch.MayKnow, "nobody at the new school was agreed")
				assert.Zero(t, ch.PreferredTeacherID)
				assert.Empty(t, ch.ViewsRecordedOn)
				assert.Equal(t, WishYes, ch.WantsToAttend, "whether they want to come stands")
			}, nil},
		{"no first name", ChildDetails{FirstName: "  ", SchoolID: 1}, nil, map[string]string{"first_name": "err.required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := c.ChangeChild(7, tt.in)
			if tt.wantErr != nil {
				var ve *ValidationError
				require.ErrorAs(t, err, &ve)
				got := map[string]string{}
				for _, f := range ve.Fields {
					got[f.Field] = f.Key
				}
				assert.Equal(t, tt.wantErr, got)
				return
			}
			require.NoError(t, err)
			tt.check(t, ch)
		})
	}
	_, err := c.ChangeChild(8, ChildDetails{FirstName: "X"})
	assert.ErrorIs(t, err, ErrNotFound, "another family's child")
}
