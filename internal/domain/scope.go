package domain

import "slices"

// Scope is the part of the record an account may see and change. The store
// turns it into the WHERE clause of every query that an account's request
// reaches, so a family or showcase outside it reads as not found rather
// than as forbidden: a stranger learns nothing, not even that it exists.
//
// The zero Scope sees nothing. Code acting for the app itself (the demo,
// the command line, jobs) uses Unrestricted.
type Scope struct {
	// AllPrisons lifts the prison limit: administrators, and commissioners
	// not limited to particular prisons.
	AllPrisons bool
	Prisons    []int64
	// Authorities limits a commissioner's figures to families with a child
	// in one of these local authorities; empty means every authority.
	Authorities []int64
	// FromClearance hides a family until it reaches the prison's part of
	// the workflow (see Case.AtClearance). Prison staff have no business
	// knowing of a referral the carer has not agreed to.
	FromClearance bool
}

// Unrestricted sees every record: administrators and the app itself.
var Unrestricted = Scope{AllPrisons: true}

// HasPrison reports whether the scope covers a prison.
func (s Scope) HasPrison(id int64) bool { return s.AllPrisons || slices.Contains(s.Prisons, id) }

// Sees reports whether a case may be shown within the scope: its prison,
// a child in one of its local authorities if it names any, and for prison
// staff the workflow stage.
func (s Scope) Sees(c Case) bool {
	if !s.HasPrison(c.Family.PrisonID) {
		return false
	}
	if len(s.Authorities) > 0 && !slices.ContainsFunc(c.Children, func(ch Child) bool {
		return slices.Contains(s.Authorities, ch.LocalAuthorityID)
	}) {
		return false
	}
	return !s.FromClearance || c.AtClearance()
}

// AtClearance reports whether a case has reached the prison's part of the
// workflow: the carer's consent stands and either every school step and
// the children's views are done, or the prison has already decided.
func (c Case) AtClearance() bool {
	if !c.ConsentGiven() {
		return false
	}
	return c.latestAfterConsent(StepClearance, 0) != nil || c.gateBeforeClearance() == nil
}

// Scope is what the account may see: admins everything; a coordinator the
// prisons they belong to; prison staff their one prison, from clearance
// on; a commissioner the prisons and local authorities listed, or every
// one when none is listed.
func (u User) Scope() Scope {
	switch u.Role {
	case RoleAdmin:
		return Unrestricted
	case RoleCoordinator:
		return Scope{Prisons: slices.Clone(u.Prisons)}
	case RolePrisonStaff:
		return Scope{Prisons: slices.Clone(u.Prisons), FromClearance: true}
	case RoleCommissioner:
		return Scope{AllPrisons: len(u.Prisons) == 0, Prisons: slices.Clone(u.Prisons), Authorities: slices.Clone(u.Authorities)}
	}
	return Scope{}
}

// CheckScope normalises and checks an account's prisons and local
// authorities against the records that exist: a coordinator belongs to at
// least one prison, prison staff to exactly one, a commissioner to any
// (none means all); only commissioners are limited by local authority and
// an administrator by nothing, so those lists are cleared for the others.
func (u *User) CheckScope(prisons []Prison, authorities []LocalAuthority) error {
	var p Problems
	u.NormaliseScope()
	switch {
	case u.Role == RoleCoordinator && len(u.Prisons) == 0:
		p.Add("prisons", "scope.err_coordinator_prison")
	case u.Role == RolePrisonStaff && len(u.Prisons) != 1:
		p.Add("prisons", "scope.err_staff_prison")
	}
	known := map[int64]bool{}
	for _, x := range prisons {
		known[x.ID] = true
	}
	for _, id := range u.Prisons {
		if !known[id] {
			p.Add("prisons", "err.choice")
			break
		}
	}
	knownLA := map[int64]bool{}
	for _, x := range authorities {
		knownLA[x.ID] = true
	}
	for _, id := range u.Authorities {
		if !knownLA[id] {
			p.Add("authorities", "err.choice")
			break
		}
	}
	return p.Err()
}

// NormaliseScope sorts the account's lists and drops what its role does
// not use: an administrator is limited by nothing, and only commissioners
// by local authority.
func (u *User) NormaliseScope() {
	u.Prisons, u.Authorities = uniqueIDs(u.Prisons), uniqueIDs(u.Authorities)
	switch u.Role {
	case RoleAdmin:
		u.Prisons, u.Authorities = nil, nil
	case RoleCoordinator, RolePrisonStaff:
		u.Authorities = nil
	}
}

// CheckStoredScope is what must hold of every stored account, however it
// was made: prison staff never belong to more than one prison. (None is
// harmless: such an account sees nothing until an administrator chooses.)
func (u User) CheckStoredScope() error {
	if u.Role == RolePrisonStaff && len(u.Prisons) > 1 {
		var p Problems
		p.Add("prisons", "scope.err_staff_prison")
		return p.Err()
	}
	return nil
}

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
