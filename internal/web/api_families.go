package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

type referralRequest struct {
	PrisonID       int64          `json:"prison_id"`
	ParentName     string         `json:"parent_name"`
	PrisonNumber   string         `json:"prison_number"`
	ReferralSource string         `json:"referral_source"`
	ReferrerName   string         `json:"referrer_name"`
	ReferredOn     string         `json:"referred_on"`
	Notes          string         `json:"notes"`
	Carer          carerRequest   `json:"carer"`
	Children       []childRequest `json:"children"`
}

type carerRequest struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
	Phone        string `json:"phone"`
	Email        string `json:"email"`
	Lang         string `json:"lang"`
}

type childRequest struct {
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name"`
	YearGroup     string `json:"year_group"`
	SchoolID      int64  `json:"school_id"`
	Lang          string `json:"lang"`
	NeedsQuiet    bool   `json:"needs_quiet"`
	NeedsStepFree bool   `json:"needs_step_free"`
}

func (r referralRequest) input() domain.ReferralInput {
	in := domain.ReferralInput{PrisonID: r.PrisonID, ParentName: r.ParentName, PrisonNumber: r.PrisonNumber,
		ReferralSource: r.ReferralSource, ReferrerName: strings.TrimSpace(r.ReferrerName), ReferredOn: r.ReferredOn,
		Notes: strings.TrimSpace(r.Notes), Carer: domain.Carer{Name: r.Carer.Name, Relationship: r.Carer.Relationship,
			Phone: strings.TrimSpace(r.Carer.Phone), Email: r.Carer.Email, Lang: r.Carer.Lang}}
	for _, ch := range r.Children {
		in.Children = append(in.Children, domain.Child{FirstName: ch.FirstName, LastName: strings.TrimSpace(ch.LastName),
			YearGroup: strings.TrimSpace(ch.YearGroup), SchoolID: ch.SchoolID, Lang: ch.Lang,
			NeedsQuiet: ch.NeedsQuiet, NeedsStepFree: ch.NeedsStepFree})
	}
	return in
}

// referralFieldPaths renames the form's flat field names in a referral's
// validation errors to the JSON paths the client sent.
func referralFieldPaths(err error) error {
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	for i, f := range ve.Fields {
		switch {
		case strings.HasPrefix(f.Field, "carer_"):
			ve.Fields[i].Field = "carer." + strings.TrimPrefix(f.Field, "carer_")
		case f.Field == "child_first_name":
			ve.Fields[i].Field = "children"
		}
	}
	return ve
}

func (s *Server) apiListFamilies(c echo.Context) error {
	page, err := s.store.ListFamilies(c.Request().Context(), scopeOf(c), listFilter(c))
	if err != nil {
		return err
	}
	setNext(c, page.Next)
	out := []familyItem{}
	for _, cs := range page.Cases {
		out = append(out, newFamilyItem(cs, s.cat, langOf(c)))
	}
	return c.JSON(http.StatusOK, out)
}

// apiCreateFamily takes a referral. Every child sent is checked, and the
// prison and schools must exist, so a bad ID is a 400 naming the field
// rather than a failed insert.
func (s *Server) apiCreateFamily(c echo.Context) error {
	var req referralRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	prisons, err := s.store.Prisons(ctx, scopeOf(c))
	if err != nil {
		return err
	}
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return err
	}
	in := req.input()
	refs := in.CheckRecords(prisons, schools)
	if err := domain.JoinProblems(referralFieldPaths(in.Validate(s.today())), refs); err != nil {
		return err
	}
	id, err := s.store.CreateReferral(ctx, currentUser(c).Actor(), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/families/"+strconv.FormatInt(id, 10))
	return s.apiCase(c, http.StatusCreated, id)
}

func (s *Server) apiShowFamily(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.apiCase(c, http.StatusOK, id)
}

func (s *Server) apiCase(c echo.Context, status int, id int64) error {
	cs, err := s.store.Case(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(status, newCaseView(cs, s.cat, langOf(c)))
}

// apiClearance answers prison staff (and the coordinator acting on the
// prison's word) with the clearance view only.
func (s *Server) apiClearance(c echo.Context, status int, id int64) error {
	cs, err := s.store.Case(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(status, newClearanceView(cs))
}

// apiClearanceList is the prison's work list: families whose carer has
// consented, so that their contact may be checked.
func (s *Server) apiClearanceList(c echo.Context) error {
	page, err := s.store.ListFamilies(c.Request().Context(), scopeOf(c), clearanceFilter(c))
	if err != nil {
		return err
	}
	setNext(c, page.Next)
	out := []clearanceView{}
	for _, cs := range page.Cases {
		if cs.ConsentGiven() {
			out = append(out, newClearanceView(cs))
		}
	}
	return c.JSON(http.StatusOK, out)
}

// recordStep runs one workflow step for the family in the path: decide
// checks the gates inside the store's write transaction, so two people
// cannot both pass a gate only one of them should.
func (s *Server) recordStep(c echo.Context, req any, decide func(domain.Case) ([]domain.Step, error)) (int64, error) {
	id, err := pathID(c)
	if err != nil {
		return 0, err
	}
	if err := decodeJSON(c, req); err != nil {
		return 0, err
	}
	if _, err = s.store.RecordSteps(c.Request().Context(), currentUser(c).Actor(), id, decide); err != nil {
		return id, err
	}
	s.followUp(c, id)
	return id, nil
}

type consentRequest struct {
	Outcome    string `json:"outcome"`
	Route      string `json:"route"`
	OccurredOn string `json:"occurred_on"`
	Notes      string `json:"notes"`
}

func (s *Server) apiRecordConsent(c echo.Context) error {
	var req consentRequest
	id, err := s.recordStep(c, &req, func(cs domain.Case) ([]domain.Step, error) {
		st, err := cs.DecideConsent(domain.ConsentInput{Outcome: req.Outcome, Route: domain.Route(req.Route),
			OccurredOn: req.OccurredOn, Notes: req.Notes}, s.today())
		return []domain.Step{st}, err
	})
	if err != nil {
		return err
	}
	return s.apiCase(c, http.StatusCreated, id)
}

type agreementRequest struct {
	SchoolID       int64   `json:"school_id"`
	Outcome        string  `json:"outcome"`
	Route          string  `json:"route"`
	OccurredOn     string  `json:"occurred_on"`
	TeacherIDs     []int64 `json:"teacher_ids"`
	OverrideReason string  `json:"override_reason"`
	Notes          string  `json:"notes"`
}

// apiRecordAgreement records a headteacher's decision. The school's staff
// are read before the transaction: the nomination is checked against them.
func (s *Server) apiRecordAgreement(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req agreementRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.SchoolID == 0 {
		return bodyProblem("school_id", "err.required", nil)
	}
	ctx := c.Request().Context()
	teachers, err := s.store.Teachers(ctx, req.SchoolID)
	if err != nil {
		return err
	}
	in := domain.AgreementInput{SchoolID: req.SchoolID, Outcome: req.Outcome, Route: domain.Route(req.Route),
		OccurredOn: req.OccurredOn, TeacherIDs: req.TeacherIDs, OverrideReason: req.OverrideReason, Notes: req.Notes}
	_, err = s.store.RecordSteps(ctx, currentUser(c).Actor(), id, func(cs domain.Case) ([]domain.Step, error) {
		return cs.DecideAgreement(in, teachers, s.today())
	})
	if err != nil {
		return err
	}
	return s.apiCase(c, http.StatusCreated, id)
}

type voiceRequest struct {
	ChildID            int64   `json:"child_id"`
	WantsToAttend      string  `json:"wants_to_attend"`
	PreferredTeacherID int64   `json:"preferred_teacher_id"`
	MayKnow            []int64 `json:"may_know"`
	ApprovedBy         string  `json:"approved_by"`
	ObtainedHow        string  `json:"obtained_how"`
	OccurredOn         string  `json:"occurred_on"`
}

// apiRecordVoice records the child's own say. A child ID from another
// family is bad input, not a missing page, so it is a 400 on child_id.
func (s *Server) apiRecordVoice(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req voiceRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.ChildID == 0 {
		return bodyProblem("child_id", "err.required", nil)
	}
	ctx := c.Request().Context()
	teachers, err := s.store.Teachers(ctx, 0)
	if err != nil {
		return err
	}
	err = s.store.RecordVoice(ctx, currentUser(c).Actor(), id, func(cs domain.Case) (domain.Child, error) {
		ch, err := cs.DecideVoice(domain.VoiceInput{ChildID: req.ChildID, WantsToAttend: domain.Wish(req.WantsToAttend),
			PreferredTeacherID: req.PreferredTeacherID, MayKnow: req.MayKnow, ApprovedBy: req.ApprovedBy,
			ObtainedHow: req.ObtainedHow, OccurredOn: req.OccurredOn}, teachers, s.today())
		if errors.Is(err, domain.ErrNotFound) {
			return ch, bodyProblem("child_id", "api.err.child_not_in_family", nil)
		}
		return ch, err
	})
	if err != nil {
		return err
	}
	s.followUp(c, id)
	return s.apiCase(c, http.StatusCreated, id)
}

type resolveRequest struct {
	ChildID    int64  `json:"child_id"`
	TeacherID  int64  `json:"teacher_id"`
	Kind       string `json:"kind"`
	DecidedBy  string `json:"decided_by"`
	Why        string `json:"why"`
	OccurredOn string `json:"occurred_on"`
}

// apiResolveConflict settles one conflict between a nomination and a
// child's register, through the same rule as the page.
func (s *Server) apiResolveConflict(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req resolveRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := domain.ResolveInput{ChildID: req.ChildID, TeacherID: req.TeacherID, Kind: domain.ConflictKind(req.Kind),
		DecidedBy: req.DecidedBy, Why: req.Why, OccurredOn: req.OccurredOn}
	err = s.store.RecordResolution(c.Request().Context(), currentUser(c).Actor(), id, func(cs domain.Case) (domain.Step, *domain.Disclosure, error) {
		return cs.DecideResolve(in, s.today())
	})
	if err != nil {
		return err
	}
	s.followUp(c, id)
	return s.apiCase(c, http.StatusCreated, id)
}

type clearanceRequest struct {
	Outcome        string `json:"outcome"`
	ReasonCategory string `json:"reason_category"`
	OccurredOn     string `json:"occurred_on"`
	Notes          string `json:"notes"`
}

func (s *Server) apiRecordClearance(c echo.Context) error {
	var req clearanceRequest
	id, err := s.recordStep(c, &req, func(cs domain.Case) ([]domain.Step, error) {
		st, err := cs.DecideClearance(domain.ClearanceInput{Outcome: req.Outcome, ReasonCategory: req.ReasonCategory,
			OccurredOn: req.OccurredOn, Notes: req.Notes}, s.today())
		return []domain.Step{st}, err
	})
	if err != nil {
		return err
	}
	return s.apiClearance(c, http.StatusCreated, id)
}

type custodyRequest struct {
	Status      string `json:"status"`
	ReleaseDate string `json:"release_date"`
}

// apiRecordCustody updates where the parent is held: a status, not a new
// step, so it answers 200.
func (s *Server) apiRecordCustody(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req custodyRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := domain.CustodyInput{Status: domain.ParentStatus(req.Status), ReleaseDate: strings.TrimSpace(req.ReleaseDate)}
	if _, err := s.showcaseService(c).RecordCustody(c.Request().Context(), currentUser(c).Actor(), id, in); err != nil {
		return err
	}
	return s.apiClearance(c, http.StatusOK, id)
}

// detailsRequest changes a referral's details and its main carer; the
// children are changed one at a time elsewhere.
type detailsRequest struct {
	ParentName     string              `json:"parent_name"`
	PrisonNumber   string              `json:"prison_number"`
	ReferralSource string              `json:"referral_source"`
	ReferrerName   string              `json:"referrer_name"`
	ReferredOn     string              `json:"referred_on"`
	Notes          string              `json:"notes"`
	Carer          carerDetailsRequest `json:"carer"`
}

type carerDetailsRequest struct {
	carerRequest
	DistanceMiles *int `json:"distance_miles"`
}

// apiUpdateDetails is the family page's "Change" form: checked by the same
// rules as a new referral, saved by the same store call, and followed by
// the same update messages.
func (s *Server) apiUpdateDetails(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req detailsRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.store.Case(ctx, scopeOf(c), id); err != nil {
		return err
	}
	in := domain.ReferralDetails{ParentName: req.ParentName, PrisonNumber: req.PrisonNumber, ReferralSource: req.ReferralSource,
		ReferrerName: req.ReferrerName, ReferredOn: req.ReferredOn, Notes: req.Notes, CarerDistance: intText(req.Carer.DistanceMiles),
		Carer: domain.Carer{Name: req.Carer.Name, Relationship: req.Carer.Relationship, Phone: req.Carer.Phone, Email: req.Carer.Email, Lang: req.Carer.Lang}}
	if err := in.Validate(s.today()); err != nil {
		return referralFieldPaths(err)
	}
	if err := s.store.UpdateReferral(ctx, currentUser(c).Actor(), id, in); err != nil {
		return referralFieldPaths(err)
	}
	s.followUp(c, id)
	return s.apiCase(c, http.StatusOK, id)
}
