package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValidEmail(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"carer@example.org", true},
		{"r.davies+school@ysgol.example", true},
		{"carer2@x.example (note)", false},
		{"Name <a@b.example>", false},
		{"<a@b.example>", false},
		{" a@b.example", false},
		{"a@b.example, c@d.example", false},
		{"not an address", false},
		{"", false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, ValidEmail(tc.in), "%q", tc.in)
	}
}

// Every input that takes an email address refuses one that is more than a
// bare address, with a message on its own field.
func TestEmailFieldsRefuseMoreThanAnAddress(t *testing.T) {
	la := []LocalAuthority{{ID: 1}}
	inputs := map[string]func(email string) (string, error){
		"carer": func(e string) (string, error) {
			in := ReferralInput{PrisonID: 1, ParentName: "P", ReferralSource: "parent", ReferredOn: "2026-11-20",
				Carer: Carer{Name: "C", Relationship: "parent", Email: e, Lang: "en"}, Children: []Child{{FirstName: "Cai"}}}
			return "carer_email", in.Validate("2026-11-23")
		},
		"school head": func(e string) (string, error) {
			_, err := SchoolInput{Name: "Ysgol", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: "1",
				HeadName: "Head", HeadEmail: e, Lang: "cy"}.Validate(la)
			return "head_email", err
		},
		"teacher": func(e string) (string, error) {
			t := Teacher{Name: "Ms Rees", Email: e, Role: "class_teacher", Lang: "cy"}
			return "email", t.Validate()
		},
		"prison": func(e string) (string, error) {
			p := Prison{Name: "HMP Glanfa", Email: e}
			return "email", p.Validate(nil)
		},
	}
	for name, validate := range inputs {
		t.Run(name, func(t *testing.T) {
			_, err := validate("ok@example.org")
			assert.NoError(t, err)
			for _, bad := range []string{"carer2@x.example (note)", "Name <a@b.example>"} {
				field, err := validate(bad)
				var ve *ValidationError
				if assert.ErrorAs(t, err, &ve, bad) {
					f, ok := ve.Field(field)
					assert.True(t, ok, "%q: want a message on %s, got %v", bad, field, err)
					assert.Equal(t, "err.email", f.Key)
				}
			}
		})
	}
}
