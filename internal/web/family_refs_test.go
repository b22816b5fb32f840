package web

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// The referral form goes through the same record checks as the API: a
// school or prison that is not on record (gone since the form was drawn,
// or a tampered form) is a message beside the field, not a 500, and what
// was typed is kept.
func TestReferralFormChecksRecords(t *testing.T) {
	cases := []struct {
		name, field, value, summary, msg string
	}{
		{"unknown school on the second row", "child_school_1", "999", `href="#f-child_school_1"`, "Choose one of the options"},
		{"unknown prison", "prison_id", "999", `href="#f-prison_id"`, "Select a prison from the list"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestApp(t)
			w := a.seed()
			c := a.user(domain.RoleCoordinator)
			form := referralForm(w)
			form.Set("child_first_name_1", "Nia")
			form.Set(tc.field, tc.value)
			r := c.post("/families", form)
			require.Equal(t, http.StatusBadRequest, r.code, r.body)
			assert.Contains(t, r.body, tc.summary, "the summary links to the field")
			assert.Contains(t, r.body, tc.msg)
			assert.Contains(t, r.body, `value="Nia"`, "typed values are kept")
			cases, err := a.store.Cases(t.Context(), domain.Unrestricted, 0)
			require.NoError(t, err)
			assert.Empty(t, cases)
		})
	}
}
