package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScopeOfEachRole(t *testing.T) {
	cases := map[string]struct {
		user User
		want Scope
	}{
		"admin sees everything, whatever is recorded": {User{Role: RoleAdmin, Prisons: []int64{1}}, Unrestricted},
		"coordinator sees their prisons":              {User{Role: RoleCoordinator, Prisons: []int64{1, 2}}, Scope{Prisons: []int64{1, 2}}},
		"coordinator with none sees nothing":          {User{Role: RoleCoordinator}, Scope{}},
		"prison staff from clearance on":              {User{Role: RolePrisonStaff, Prisons: []int64{2}}, Scope{Prisons: []int64{2}, FromClearance: true}},
		"commissioner with none sees all":             {User{Role: RoleCommissioner}, Scope{AllPrisons: true}},
		"commissioner of some prisons":                {User{Role: RoleCommissioner, Prisons: []int64{3}}, Scope{Prisons: []int64{3}}},
		"commissioner of some authorities":            {User{Role: RoleCommissioner, Authorities: []int64{7}}, Scope{AllPrisons: true, Authorities: []int64{7}}},
		"an unknown role sees nothing":                {User{Role: "visitor", Prisons: []int64{1}}, Scope{}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.user.Scope())
			assert.Equal(t, tc.want, tc.user.Actor().Scope, "changes carry the same scope")
		})
	}
}

// Prison staff see a family once the carer has consented and the school
// steps and the children's views are done, or once the prison has decided;
// never before consent, and not after it is withdrawn.
func TestPrisonStaffSeeAFamilyFromClearanceOn(t *testing.T) {
	staff := Scope{Prisons: []int64{5}, FromClearance: true}
	coord := Scope{Prisons: []int64{5}}
	c := newCase()
	c.Family.PrisonID = 5
	check := func(want bool, when string) {
		t.Helper()
		assert.Equal(t, want, staff.Sees(c), "prison staff, %s", when)
		assert.True(t, coord.Sees(c), "the coordinator, %s", when)
	}
	check(false, "before consent")
	consent(t, &c, ConsentGiven)
	check(false, "with consent only")
	agree(t, &c, 1, 10)
	agree(t, &c, 2, 20)
	session(&c, 1)
	session(&c, 2)
	check(false, "before the children's views")
	voice(&c)
	check(true, "at clearance")
	s, err := c.DecideClearance(ClearanceInput{Outcome: Refused, ReasonCategory: "security", OccurredOn: today}, today)
	require.NoError(t, err)
	c.apply(t, s)
	check(true, "after refusing")
	consent(t, &c, ConsentWithdrawn)
	check(false, "after consent is withdrawn")

	other := Scope{Prisons: []int64{6}}
	assert.False(t, other.Sees(c), "another prison's coordinator")
	assert.False(t, Scope{}.Sees(c), "the zero scope")
	assert.True(t, Unrestricted.Sees(c))
}

func TestCommissionerLimitedToAuthorities(t *testing.T) {
	c := newCase()
	c.Children[0].LocalAuthorityID, c.Children[1].LocalAuthorityID = 7, 8
	assert.True(t, Scope{AllPrisons: true, Authorities: []int64{8}}.Sees(c), "a child in the authority")
	assert.False(t, Scope{AllPrisons: true, Authorities: []int64{9}}.Sees(c), "no child in the authority")
}

func TestCheckScope(t *testing.T) {
	prisons := []Prison{{ID: 1}, {ID: 2}}
	las := []LocalAuthority{{ID: 7}}
	cases := map[string]struct {
		user      User
		fields    []string
		prisons   []int64
		authority []int64
	}{
		"coordinator of two prisons":             {User{Role: RoleCoordinator, Prisons: []int64{2, 1, 2}}, nil, []int64{1, 2}, nil},
		"coordinator needs a prison":             {User{Role: RoleCoordinator}, []string{"prisons"}, nil, nil},
		"coordinators are not limited by area":   {User{Role: RoleCoordinator, Prisons: []int64{1}, Authorities: []int64{7}}, nil, []int64{1}, nil},
		"prison staff at one prison":             {User{Role: RolePrisonStaff, Prisons: []int64{2}}, nil, []int64{2}, nil},
		"prison staff at two prisons":            {User{Role: RolePrisonStaff, Prisons: []int64{1, 2}}, []string{"prisons"}, []int64{1, 2}, nil},
		"prison staff at none":                   {User{Role: RolePrisonStaff}, []string{"prisons"}, nil, nil},
		"commissioner of everything":             {User{Role: RoleCommissioner}, nil, nil, nil},
		"commissioner of an area":                {User{Role: RoleCommissioner, Authorities: []int64{7}}, nil, nil, []int64{7}},
		"an unknown prison":                      {User{Role: RoleCommissioner, Prisons: []int64{9}}, []string{"prisons"}, []int64{9}, nil},
		"an unknown authority":                   {User{Role: RoleCommissioner, Authorities: []int64{9}}, []string{"authorities"}, nil, []int64{9}},
		"admins are limited by nothing recorded": {User{Role: RoleAdmin, Prisons: []int64{9}}, nil, nil, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			u := tc.user
			err := u.CheckScope(prisons, las)
			if tc.fields == nil {
				assert.NoError(t, err)
			} else {
				assert.ElementsMatch(t, tc.fields, fieldsOf(t, err))
			}
			assert.Equal(t, tc.prisons, u.Prisons)
			assert.Equal(t, tc.authority, u.Authorities)
		})
	}
	assert.Error(t, User{Role: RolePrisonStaff, Prisons: []int64{1, 2}}.CheckStoredScope(), "never two prisons, however the account is made")
	assert.NoError(t, User{Role: RolePrisonStaff}.CheckStoredScope(), "none is harmless: the account sees nothing")
}
