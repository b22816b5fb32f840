package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// Route is one entry of the route table. Roles lists who may use it; none
// means public. Access is decided here and only here.
type Route struct {
	Method  string
	Path    string
	Roles   []domain.Role
	Handler echo.HandlerFunc
}

var (
	public    []domain.Role
	anyone    = domain.Roles
	admin     = []domain.Role{domain.RoleAdmin}
	staff     = []domain.Role{domain.RoleAdmin, domain.RoleCoordinator}
	clearance = []domain.Role{domain.RoleAdmin, domain.RoleCoordinator, domain.RolePrisonStaff}
	figures   = []domain.Role{domain.RoleAdmin, domain.RoleCommissioner}
)

func (s *Server) routes() []Route {
	get, post := http.MethodGet, http.MethodPost
	return []Route{
		{get, "/healthz", public, s.healthz},
		{get, "/login", public, s.loginForm},
		{post, "/login", public, s.loginSubmit},
		{post, "/logout", anyone, s.logout},
		{get, "/setup", public, s.setupForm},
		{post, "/setup", public, s.setupSubmit},

		{get, "/", anyone, s.home},
		{get, "/families", staff, s.familyList},
		{get, "/families/new", staff, s.newFamilyForm},
		{get, "/families/import", staff, s.importForm},
		{post, "/families/import", staff, s.importCheck},
		{post, "/families/import/confirm", staff, s.importCommit},
		{get, "/families/import/template.csv", staff, s.importTemplate},
		{post, "/families", staff, s.createFamily},
		{get, "/families/:id", staff, s.showFamily},
		{get, "/families/:id/details", staff, s.familyDetailsForm},
		{post, "/families/:id/details", staff, s.saveFamilyDetails},
		{get, "/families/:id/children/:child", staff, s.childEditForm},
		{post, "/families/:id/children/:child", staff, s.saveChild},
		{get, "/families/:id/carers", staff, s.addCarerForm},
		{post, "/families/:id/carers", staff, s.addCarer},
		{get, "/families/:id/carers/:carer", staff, s.carerEditForm},
		{post, "/families/:id/carers/:carer", staff, s.saveCarer},
		{get, "/families/:id/consent", staff, s.consentForm},
		{post, "/families/:id/consent", staff, s.recordConsent},
		{get, "/families/:id/agreement/:school", staff, s.agreementForm},
		{post, "/families/:id/agreement/:school", staff, s.recordAgreement},
		{get, "/families/:id/voice/:child", staff, s.voiceForm},
		{post, "/families/:id/voice/:child", staff, s.recordVoice},
		{get, "/families/:id/resolve/:child/:teacher/:kind", staff, s.resolveForm},
		{post, "/families/:id/resolve/:child/:teacher/:kind", staff, s.recordResolution},
		{get, "/families/:id/clearance", clearance, s.clearanceForm},
		{post, "/families/:id/clearance", clearance, s.recordClearance},
		{get, "/families/:id/custody", clearance, s.custodyForm},
		{post, "/families/:id/custody", clearance, s.recordCustody},
		{get, "/families/:id/erase", staff, s.eraseForm},
		{post, "/families/:id/erase", staff, s.eraseFamily},
		{get, "/families/:id/access", staff, s.accessForm},
		{post, "/families/:id/access", staff, s.downloadAccess},
		{get, "/clearance", clearance, s.clearanceList},
		{get, "/places", staff, s.listPlaces},
		{post, "/places/prisons", staff, s.createPrison},
		{post, "/places/authorities", staff, s.createAuthority},
		{get, "/places/authorities/:id", staff, s.authorityEditForm},
		{post, "/places/authorities/:id", staff, s.saveAuthority},
		{get, "/prisons/:id/details", staff, s.prisonEditForm},
		{post, "/prisons/:id/details", staff, s.savePrison},
		{get, "/schools", staff, s.listSchools},
		{post, "/schools", staff, s.createSchool},
		{get, "/schools/:id", staff, s.showSchool},
		{get, "/schools/:id/details", staff, s.schoolEditForm},
		{post, "/schools/:id/details", staff, s.saveSchool},
		{post, "/schools/:id/teachers", staff, s.createTeacher},
		{get, "/schools/:id/teachers/:tid", staff, s.teacherEditForm},
		{post, "/schools/:id/teachers/:tid", staff, s.saveTeacher},
		{post, "/schools/:id/sessions", staff, s.recordSession},
		{get, "/events", staff, s.listEvents},
		{post, "/events", staff, s.createEvent},
		{get, "/events/:id", staff, s.showEvent},
		{get, "/events/:id/allocation", staff, s.showAllocation},
		{get, "/events/:id/allocate", staff, s.confirmAllocate},
		{post, "/events/:id/allocate", staff, s.runAllocation},
		{post, "/events/:id/allocation/move", staff, s.moveAllocation},
		{get, "/events/:id/allocation/teacher/:tid/withdraw", staff, s.confirmWithdraw},
		{post, "/events/:id/allocation/teacher/:tid/withdraw", staff, s.withdrawTeacher},
		{post, "/events/:id/allocation/teacher/:tid/reinstate", staff, s.reinstateTeacher},
		{post, "/events/:id/allocation/teacher/:tid/availability", staff, s.teacherAvailability},
		{post, "/events/:id/allocation/teacher/:tid/cover", staff, s.teacherCover},
		{get, "/prisons/:id/hall", staff, s.hallForm},
		{post, "/prisons/:id/hall", staff, s.saveHall},
		{get, "/keep-apart", clearance, s.keepApartList},
		{post, "/keep-apart", clearance, s.addKeepApart},
		{get, "/keep-apart/remove", clearance, s.confirmRemoveKeepApart},
		{post, "/keep-apart/remove", clearance, s.removeKeepApart},
		{get, "/figures", figures, s.figures},
		{get, "/audit", admin, s.auditLog},
		{get, "/users", admin, s.listUsers},
		{post, "/users", admin, s.createUserSubmit},
		{get, "/users/new", admin, s.newUserForm},
		{get, "/users/:id", admin, s.showAccount},
		{get, "/users/:id/scope", admin, s.scopeForm},
		{post, "/users/:id/scope", admin, s.setUserScope},
		{get, "/users/:id/disable", admin, s.confirmDisable},
		{post, "/users/:id/disable", admin, s.disableAccount},
		{post, "/users/:id/enable", admin, s.enableAccount},
		{post, "/users/:id/unlock", admin, s.unlockAccount},
		{post, "/users/:id/reset", admin, s.sendReset},
		{get, "/users/:id/sessions/:session/revoke", admin, s.confirmRevoke},
		{post, "/users/:id/sessions/:session/revoke", admin, s.revokeSession},
		{get, "/account/password", anyone, s.passwordForm},
		{post, "/account/password", anyone, s.changePassword},
		{get, "/reset/:token", public, s.resetForm},
		{post, "/reset/:token", public, s.resetSubmit},
		{get, "/events/:id/costs", staff, s.showCosts},
		{post, "/events/:id/costs/lines", staff, s.addCostLine},
		{get, "/events/:id/costs/lines/delete", staff, s.confirmDeleteCostLine},
		{get, "/events/:id/costs/lines/edit", staff, s.costLineEditForm},
		{post, "/events/:id/costs/lines/edit", staff, s.saveCostLine},
		{post, "/events/:id/costs/lines/delete", staff, s.deleteCostLine},
		{post, "/events/:id/costs/actual", staff, s.recordCostActual},
		{post, "/events/:id/costs/override", staff, s.overrideCostLine},
		{post, "/events/:id/costs/recalculate", staff, s.recalculateCosts},
		{post, "/events/:id/costs/settings", staff, s.saveCostSettings},
		{get, "/events/:id/costs.xlsx", staff, s.downloadCostsXLSX},
		{get, "/events/:id/costs.csv", staff, s.downloadCostsCSV},
		{get, "/costs/rates", staff, s.showRates},
		{post, "/costs/rates", staff, s.addRate},
		{get, "/costs/rates/:rid/delete", staff, s.confirmDeleteRate},
		{post, "/costs/rates/:rid/delete", staff, s.deleteRate},
		{post, "/costs/travel", staff, s.saveSchoolTravel},
		{get, "/figures/costs", figures, s.figuresCosts},
		{get, "/figures/costs.xlsx", figures, s.figuresCostsXLSX},
		{get, "/figures/costs.csv", figures, s.figuresCostsCSV},
		{get, "/figures/costs/showcases/:id", figures, s.figuresShowcase},
		{get, "/figures/costs/showcases/:id/costs.xlsx", figures, s.figuresShowcaseXLSX},
		{get, "/events/:id/documents", staff, s.showDocuments},
		{get, "/events/:id/documents/:file", staff, s.downloadDocument},
		{post, "/events/:id/invitations", staff, s.sendInvitations},
		{get, "/events/:id/runsheet.pdf", clearance, s.runSheetPDF},
		{get, "/events/:id/links/:kind/:rid/revoke", staff, s.confirmRevokeLink},
		{post, "/events/:id/links/:kind/:rid/revoke", staff, s.revokeLink},
		{get, "/events/:id/links/:kind/:rid/letter", staff, s.confirmLinkLetter},
		{post, "/events/:id/links/:kind/:rid/letter", staff, s.linkLetter},
		{get, "/runsheets", clearance, s.listRunSheets},
		{get, "/events/:id/readiness", clearance, s.showReadiness},
		{post, "/events/:id/reminders", staff, s.sendReminders},
		{get, "/outbox", staff, s.listOutbox},
		{get, "/outbox/:file", staff, s.downloadEML},
		{post, "/outbox/:id/retry", staff, s.retryOutbox},
		{get, "/teachers/:id/feed", staff, s.confirmRotateFeed},
		{post, "/teachers/:id/feed", staff, s.rotateFeed},
		{get, "/feeds/:file", public, s.teacherFeed},
		{get, "/l/:token", public, s.link(s.linkPage)},
		{post, "/l/:token", public, s.link(s.linkAnswer)},
		{get, "/l/:token/pack.pdf", public, s.link(s.linkPack)},
		{get, "/l/:token/invite.ics", public, s.link(s.linkInvite)},
		{post, "/l/:token/feed", public, s.link(s.linkFeed)},
		{get, "/l/:token/withdraw", public, s.link(s.linkWithdrawForm)},
		{post, "/l/:token/withdraw", public, s.link(s.linkWithdraw)},
		{get, "/l/:token/child/:child", public, s.link(s.linkChildForm)},
		{post, "/l/:token/child/:child", public, s.link(s.linkChildSave)},
		{get, "/l/:token/travel", public, s.link(s.linkTravelForm)},
		{post, "/l/:token/travel", public, s.link(s.linkTravelSave)},
	}
}

// Routes lists the route table for `schoolzone routes`: method, path and
// roles, sorted by path.
func Routes() []string {
	s := &Server{}
	var out []string
	for _, r := range append(s.routes(), s.apiRoutes()...) {
		roles := make([]string, len(r.Roles))
		for i, x := range r.Roles {
			roles[i] = string(x)
		}
		who := strings.Join(roles, ",")
		if who == "" {
			who = "public"
		}
		out = append(out, r.Path+"\t"+r.Method+"\t"+who)
	}
	sort.Strings(out)
	return out
}

func (s *Server) healthz(c echo.Context) error {
	if err := s.store.Ping(c.Request().Context()); err != nil {
		s.log.Error("healthz", "error", err.Error())
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
