package web

import "schoolzone/internal/domain"

// NoPrisonYet reports an account that works with prisons but has none yet:
// it sees no family or showcase, and the page says why rather than looking
// empty.
func (l *Layout) NoPrisonYet() bool {
	u := l.User
	return u != nil && (u.Role == domain.RoleCoordinator || u.Role == domain.RolePrisonStaff) && len(u.Prisons) == 0
}
