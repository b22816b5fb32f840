package web

import (
	"cmp"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// stepPage is one workflow step's form: GOV.UK's one thing per page, so
// each form has its own error summary and field IDs.
type stepPage struct {
	*familyPage
	School   domain.School
	Child    domain.Child
	Staff    []domain.Teacher
	Reasons  []string
	Statuses []domain.ParentStatus
	Conflict *conflictRow // the conflict being settled
	// saved is what the next page says once the step is saved
	// ("step.saved" if empty), listing savedRefs.
	saved     string
	savedRefs []string
}

// StaffOptions are the school's staff as choices.
func (p *stepPage) StaffOptions() []Option {
	var out []Option
	for _, t := range p.Staff {
		out = append(out, Option{Value: strconv.FormatInt(t.ID, 10), Label: t.Name + " – " + p.T("teacher_role."+string(t.Role))})
	}
	return out
}

func (s *Server) stepPage(c echo.Context, titleID string) (*stepPage, error) {
	fp, err := s.loadFamilyPage(c, titleID)
	if err != nil {
		return nil, err
	}
	p := &stepPage{familyPage: fp, Reasons: domain.RefusalReasons, Statuses: domain.ParentStatuses}
	if sid := c.Param("school"); sid != "" {
		id, _ := strconv.ParseInt(sid, 10, 64)
		sch, ok := fp.Schools[id]
		if !ok {
			return nil, domain.ErrNotFound
		}
		p.School = sch
		if p.Staff, err = s.store.Teachers(c.Request().Context(), id); err != nil {
			return nil, err
		}
	}
	if cid := c.Param("child"); cid != "" {
		id, _ := strconv.ParseInt(cid, 10, 64)
		found := false
		for _, ch := range fp.Case.Children {
			if ch.ID == id {
				p.Child, found = ch, true
			}
		}
		if !found {
			return nil, domain.ErrNotFound
		}
		p.School = fp.Schools[p.Child.SchoolID]
		if p.Staff, err = s.store.Teachers(c.Request().Context(), p.Child.SchoolID); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// showStep renders a step form, pre-filling today's date.
func (s *Server) showStep(c echo.Context, titleID, view string, prefill map[string][]string) error {
	p, err := s.stepPage(c, titleID)
	if err != nil {
		return err
	}
	p.Form = map[string][]string{"occurred_on": {s.today()}}
	for k, v := range prefill {
		p.Form[k] = v
	}
	if view == "step_voice" {
		p.prefillVoice()
	}
	return s.render(c, http.StatusOK, view, p)
}

// prefillVoice shows the child's current voice so a change of mind starts
// from what was said before.
func (p *stepPage) prefillVoice() {
	ch := p.Child
	p.Form["wants_to_attend"] = []string{string(ch.WantsToAttend)}
	if ch.PreferredTeacherID != 0 {
		p.Form["preferred_teacher_id"] = []string{strconv.FormatInt(ch.PreferredTeacherID, 10)}
	}
	for _, d := range ch.MayKnow {
		p.Form["may_know"] = append(p.Form["may_know"], strconv.FormatInt(d.TeacherID, 10))
		p.Form["approved_by"] = []string{d.ApprovedBy}
	}
	p.Form["obtained_how"] = []string{ch.ViewsObtainedHow}
}

// saveStep runs save; on a validation or gate error it re-renders the form
// with the messages (status 400 or 409) and nothing saved.
func (s *Server) saveStep(c echo.Context, titleID, view string, save func(p *stepPage) error) error {
	p, err := s.stepPage(c, titleID)
	if err != nil {
		return err
	}
	if err := save(p); err != nil {
		if !p.Fail(err) {
			return err
		}
		status := http.StatusBadRequest
		if p.Gate != nil {
			status = http.StatusConflict
		}
		return s.render(c, status, view, p)
	}
	flash(c, cmp.Or(p.saved, "step.saved"), p.savedRefs...)
	s.followUp(c, p.Case.Family.ID)
	// Prison staff may not see the family page (it holds school records), so
	// they go back to their own list.
	if currentUser(c).Role == domain.RolePrisonStaff {
		return c.Redirect(http.StatusSeeOther, "/clearance")
	}
	return c.Redirect(http.StatusSeeOther, "/families/"+strconv.FormatInt(p.Case.Family.ID, 10))
}

func (s *Server) consentForm(c echo.Context) error {
	return s.showStep(c, "consent.title", "step_consent", nil)
}

func (s *Server) recordConsent(c echo.Context) error {
	in := domain.ConsentInput{Outcome: c.FormValue("outcome"), Route: domain.Route(c.FormValue("route")), OccurredOn: c.FormValue("occurred_on"), Notes: c.FormValue("notes")}
	return s.saveStep(c, "consent.title", "step_consent", func(p *stepPage) error {
		_, err := s.store.RecordSteps(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, func(cs domain.Case) ([]domain.Step, error) {
			st, err := cs.DecideConsent(in, s.today())
			return []domain.Step{st}, err
		})
		return err
	})
}

func (s *Server) agreementForm(c echo.Context) error {
	return s.showStep(c, "agreement.title", "step_agreement", nil)
}

func (s *Server) recordAgreement(c echo.Context) error {
	return s.saveStep(c, "agreement.title", "step_agreement", func(p *stepPage) error {
		in := domain.AgreementInput{SchoolID: p.School.ID, Outcome: c.FormValue("outcome"), Route: domain.Route(c.FormValue("route")),
			OccurredOn: c.FormValue("occurred_on"), TeacherIDs: formInts(c, "teacher_ids"), OverrideReason: c.FormValue("override_reason"), Notes: c.FormValue("notes")}
		_, err := s.store.RecordSteps(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, func(cs domain.Case) ([]domain.Step, error) {
			return cs.DecideAgreement(in, p.Staff, s.today())
		})
		return err
	})
}

func (s *Server) voiceForm(c echo.Context) error {
	return s.showStep(c, "voice.title", "step_voice", nil)
}

func (s *Server) recordVoice(c echo.Context) error {
	return s.saveStep(c, "voice.title", "step_voice", func(p *stepPage) error {
		in := domain.VoiceInput{ChildID: p.Child.ID, WantsToAttend: domain.Wish(c.FormValue("wants_to_attend")), PreferredTeacherID: formInt(c, "preferred_teacher_id"),
			MayKnow: formInts(c, "may_know"), ApprovedBy: c.FormValue("approved_by"), ObtainedHow: c.FormValue("obtained_how"), OccurredOn: c.FormValue("occurred_on")}
		return s.store.RecordVoice(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, func(cs domain.Case) (domain.Child, error) {
			return cs.DecideVoice(in, p.Staff, s.today())
		})
	})
}

// resolveConflict finds the conflict the URL names among the case's open
// ones; a conflict already settled is not found.
func resolveInput(c echo.Context, p *stepPage) (domain.ResolveInput, *conflictRow, error) {
	tid, _ := strconv.ParseInt(c.Param("teacher"), 10, 64)
	in := domain.ResolveInput{ChildID: p.Child.ID, TeacherID: tid, Kind: domain.ConflictKind(c.Param("kind"))}
	for _, x := range p.Conflicts() {
		if x.ChildID == in.ChildID && x.TeacherID == in.TeacherID && x.Kind == in.Kind {
			return in, &x, nil
		}
	}
	return in, nil, domain.ErrNotFound
}

func (s *Server) resolveForm(c echo.Context) error {
	p, err := s.stepPage(c, "conflict.title")
	if err != nil {
		return err
	}
	if _, p.Conflict, err = resolveInput(c, p); err != nil {
		return err
	}
	p.Form = map[string][]string{"occurred_on": {s.today()}}
	return s.render(c, http.StatusOK, "step_resolve", p)
}

func (s *Server) recordResolution(c echo.Context) error {
	return s.saveStep(c, "conflict.title", "step_resolve", func(p *stepPage) error {
		in, x, err := resolveInput(c, p)
		if err != nil {
			return err
		}
		p.Conflict = x
		in.DecidedBy, in.Why, in.OccurredOn = c.FormValue("decided_by"), c.FormValue("why"), c.FormValue("occurred_on")
		return s.store.RecordResolution(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, func(cs domain.Case) (domain.Step, *domain.Disclosure, error) {
			return cs.DecideResolve(in, s.today())
		})
	})
}

func (s *Server) clearanceForm(c echo.Context) error {
	return s.showStep(c, "clearance.title", "step_clearance", nil)
}

func (s *Server) recordClearance(c echo.Context) error {
	in := domain.ClearanceInput{Outcome: c.FormValue("outcome"), ReasonCategory: c.FormValue("reason_category"), OccurredOn: c.FormValue("occurred_on"), Notes: c.FormValue("notes")}
	return s.saveStep(c, "clearance.title", "step_clearance", func(p *stepPage) error {
		_, err := s.store.RecordSteps(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, func(cs domain.Case) ([]domain.Step, error) {
			st, err := cs.DecideClearance(in, s.today())
			return []domain.Step{st}, err
		})
		return err
	})
}

func (s *Server) custodyForm(c echo.Context) error {
	id, err := s.familyID(c)
	if err != nil {
		return err
	}
	cs, err := s.store.Case(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	return s.showStep(c, "custody.title", "step_custody", map[string][]string{
		"status": {string(cs.Family.ParentStatus)}, "release_date": {cs.Family.ReleaseDate}})
}

func (s *Server) recordCustody(c echo.Context) error {
	return s.saveStep(c, "custody.title", "step_custody", func(p *stepPage) error {
		in := domain.CustodyInput{Status: domain.ParentStatus(c.FormValue("status")), ReleaseDate: c.FormValue("release_date")}
		res, err := s.showcaseService(c).RecordCustody(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, in)
		// Whoever recorded it is told who no email could reach, so that
		// nobody sets out for a meeting that will not happen.
		switch {
		case len(res.ToPhone()) > 0:
			p.saved, p.savedRefs = "custody.stood_down_phone", res.ToPhone()
		case res.DoNotTravel > 0:
			p.saved = "custody.stood_down"
		}
		return err
	})
}
