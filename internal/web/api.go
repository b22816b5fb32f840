package web

import (
	_ "embed"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// openAPI describes every route below; a test keeps the two in step.
//
//go:embed openapi.yaml
var openAPI []byte

// apiRoutes is the JSON API's part of the route table. Roles match the
// pages that do the same work, so the API is never a way around them.
func (s *Server) apiRoutes() []Route {
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	return append([]Route{
		{get, "/api/v1/openapi.yaml", public, s.apiOpenAPI},
		{post, "/api/v1/session", public, s.apiLogin},
		{del, "/api/v1/session", anyone, s.apiLogout},

		{get, "/api/v1/families", staff, s.apiListFamilies},
		{post, "/api/v1/families", staff, s.apiCreateFamily},
		{post, "/api/v1/referrals/import", staff, s.apiImportReferrals},
		{get, "/api/v1/families/:id", staff, s.apiShowFamily},
		{put, "/api/v1/families/:id/details", staff, s.apiUpdateDetails},
		{put, "/api/v1/families/:id/children/:child", staff, s.apiUpdateChild},
		{post, "/api/v1/families/:id/carers", staff, s.apiAddCarer},
		{put, "/api/v1/families/:id/carers/:carer", staff, s.apiUpdateCarer},
		{post, "/api/v1/families/:id/consent", staff, s.apiRecordConsent},
		{post, "/api/v1/families/:id/agreement", staff, s.apiRecordAgreement},
		{post, "/api/v1/families/:id/voice", staff, s.apiRecordVoice},
		{post, "/api/v1/families/:id/resolve", staff, s.apiResolveConflict},
		{post, "/api/v1/families/:id/clearance", clearance, s.apiRecordClearance},
		{post, "/api/v1/families/:id/custody", clearance, s.apiRecordCustody},
		{get, "/api/v1/clearance", clearance, s.apiClearanceList},

		{get, "/api/v1/schools", staff, s.apiListSchools},
		{post, "/api/v1/schools", staff, s.apiCreateSchool},
		{get, "/api/v1/schools/:id", staff, s.apiShowSchool},
		{put, "/api/v1/schools/:id", staff, s.apiUpdateSchool},
		{post, "/api/v1/schools/:id/teachers", staff, s.apiCreateTeacher},
		{put, "/api/v1/schools/:id/teachers/:tid", staff, s.apiUpdateTeacher},
		{post, "/api/v1/schools/:id/sessions", staff, s.apiRecordSession},
		{get, "/api/v1/events", staff, s.apiListEvents},
		{post, "/api/v1/events", staff, s.apiCreateEvent},
		{get, "/api/v1/events/:id", staff, s.apiShowEvent},
		{get, "/api/v1/events/:id/readiness", clearance, s.apiReadiness},
		{get, "/api/v1/events/:id/travel", staff, s.apiTravelRequests},
		{post, "/api/v1/events/:id/reminders", staff, s.apiSendReminders},
		{get, "/api/v1/prisons", staff, s.apiListPrisons},
		{get, "/api/v1/local-authorities", staff, s.apiListLocalAuthorities},
		{post, "/api/v1/prisons", staff, s.apiCreatePrison},
		{post, "/api/v1/local-authorities", staff, s.apiCreateAuthority},
		{put, "/api/v1/prisons/:id", staff, s.apiUpdatePrison},
		{put, "/api/v1/local-authorities/:id", staff, s.apiUpdateAuthority},
		{get, "/api/v1/referrals/import/template.csv", staff, s.importTemplate},

		{get, "/api/v1/events/:id/allocation", staff, s.apiShowAllocation},
		{post, "/api/v1/events/:id/allocation", staff, s.apiRunAllocation},
		{post, "/api/v1/events/:id/allocation/moves", staff, s.apiMoveAllocation},
		{post, "/api/v1/events/:id/allocation/teachers/:tid/withdraw", staff, s.apiWithdrawTeacher},
		{post, "/api/v1/events/:id/allocation/teachers/:tid/reinstate", staff, s.apiReinstateTeacher},
		{put, "/api/v1/events/:id/allocation/teachers/:tid/availability", staff, s.apiTeacherAvailability},
		{put, "/api/v1/events/:id/allocation/teachers/:tid/cover", staff, s.apiTeacherCover},
		{get, "/api/v1/prisons/:id/hall", staff, s.apiShowHall},
		{put, "/api/v1/prisons/:id/hall", staff, s.apiSaveHall},
		{get, "/api/v1/keep-apart", clearance, s.apiListKeepApart},
		{post, "/api/v1/keep-apart", clearance, s.apiAddKeepApart},
		{post, "/api/v1/keep-apart/remove", clearance, s.apiRemoveKeepApart},
		{get, "/api/v1/audit", admin, s.apiAuditLog},
		{get, "/api/v1/users", admin, s.apiListUsers},
		{post, "/api/v1/users", admin, s.apiCreateUser},
		{get, "/api/v1/users/:id", admin, s.apiShowUser},
		{put, "/api/v1/users/:id/scope", admin, s.apiSetUserScope},
		{post, "/api/v1/users/:id/disable", admin, s.apiSetDisabled(true)},
		{post, "/api/v1/users/:id/enable", admin, s.apiSetDisabled(false)},
		{post, "/api/v1/users/:id/unlock", admin, s.apiUnlockUser},
		{post, "/api/v1/users/:id/reset", admin, s.apiSendReset},
		{del, "/api/v1/users/:id/sessions/:session", admin, s.apiRevokeSession},
		{put, "/api/v1/account/password", anyone, s.apiChangePassword},

		{get, "/api/v1/events/:id/documents", staff, s.apiListDocuments},
		{get, "/api/v1/events/:id/documents/:file", staff, s.downloadDocument},
		{post, "/api/v1/events/:id/invitations", staff, s.apiSendInvitations},
		{get, "/api/v1/events/:id/runsheet.pdf", clearance, s.runSheetPDF},
		{del, "/api/v1/events/:id/links/:kind/:rid", staff, s.apiRevokeLink},
		{post, "/api/v1/events/:id/links/:kind/:rid/letter", staff, s.apiLinkLetter},
		{get, "/api/v1/runsheets", clearance, s.apiListRunSheets},
		{get, "/api/v1/outbox", staff, s.apiListOutbox},
		{get, "/api/v1/outbox/:file", staff, s.downloadEML},
		{post, "/api/v1/outbox/:id/retry", staff, s.apiRetryOutbox},
		{post, "/api/v1/teachers/:id/feed", staff, s.apiRotateFeed},
		{post, "/api/v1/families/:id/erase", staff, s.apiEraseFamily},
		{post, "/api/v1/families/:id/subject-access", staff, s.apiSubjectAccess},
	}, append(s.costRoutes(), s.figuresRoutes()...)...)
}

func (s *Server) apiOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/yaml", openAPI)
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// apiLogin issues a bearer token, for the API only. A wrong password and an
// unknown email get the same answer after the same hashing work (login does
// the dummy check); too many failures get 429 with Retry-After.
func (s *Server) apiLogin(c echo.Context) error {
	var in loginRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	var p domain.Problems
	if strings.TrimSpace(in.Email) == "" {
		p.Add("email", "err.required")
	}
	if in.Password == "" {
		p.Add("password", "err.required")
	}
	if err := p.Err(); err != nil {
		return err
	}
	r, err := s.login(c, in.Email, in.Password, store.SessionAPI)
	if err != nil {
		return err
	}
	switch r.outcome {
	case loginThrottled:
		c.Response().Header().Set("Retry-After", retryAfter(r.wait))
		return &apiStatus{Code: http.StatusTooManyRequests, Key: "err.login_throttled_api", Field: "email"}
	case loginLocked:
		return &apiStatus{Code: http.StatusForbidden, Key: "err.login_locked_api", Field: "email"}
	case loginWrong:
		return &apiStatus{Code: http.StatusUnauthorized, Key: "err.login_failed", Field: "email"}
	}
	u := r.user
	return c.JSON(http.StatusCreated, tokenView{Token: r.token, ExpiresAt: stamp(s.cfg.Now().Add(sessionTTL)),
		User: userView{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role, Lang: u.Lang}})
}

// apiLogout ends the token's session; the route's roles have already made
// sure a valid token came with the request.
func (s *Server) apiLogout(c echo.Context) error {
	token := strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
	if err := s.store.DeleteSession(c.Request().Context(), token); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// pathID reads the :id path parameter; anything but a positive number is a
// record that cannot exist.
func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

func (s *Server) apiListPrisons(c echo.Context) error {
	ps, err := s.store.Prisons(c.Request().Context(), scopeOf(c))
	if err != nil {
		return err
	}
	out := []refView{}
	for _, p := range ps {
		out = append(out, refView{ID: p.ID, Name: p.Name})
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiListLocalAuthorities(c echo.Context) error {
	las, err := s.store.LocalAuthorities(c.Request().Context())
	if err != nil {
		return err
	}
	out := []refView{}
	for _, la := range las {
		out = append(out, refView{ID: la.ID, Name: la.Name, NameCy: la.NameCy})
	}
	return c.JSON(http.StatusOK, out)
}
