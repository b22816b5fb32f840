package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// familyPage is the coordinator's view of one case.
type familyPage struct {
	Layout
	Case     domain.Case
	Progress domain.Progress
	Prison   domain.Prison
	Schools  map[int64]domain.School
	Teachers map[int64]domain.Teacher
}

// SchoolName is a school's name, or its ID if it has gone.
func (p *familyPage) SchoolName(id int64) string {
	if s, ok := p.Schools[id]; ok {
		return s.Name
	}
	return "#" + strconv.FormatInt(id, 10)
}

// TeacherNames lists teachers by name.
func (p *familyPage) TeacherNames(ids []int64) string {
	var names []string
	for _, id := range ids {
		names = append(names, p.Teachers[id].Name)
	}
	return strings.Join(names, ", ")
}

// StageClass styles the stage tag.
func (p *familyPage) StageClass() string { return stageClass(p.Progress.Stage) }

// ChildrenAt lists the attending children at a school.
func (p *familyPage) ChildrenAt(schoolID int64) []domain.Child {
	var out []domain.Child
	for _, ch := range p.Case.AttendingChildren() {
		if ch.SchoolID == schoolID {
			out = append(out, ch)
		}
	}
	return out
}

func (s *Server) familyID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

// loadFamilyPage gathers the case and the names the page shows.
func (s *Server) loadFamilyPage(c echo.Context, titleID string) (*familyPage, error) {
	id, err := s.familyID(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	cs, err := s.store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &familyPage{Layout: s.layout(c, titleID), Case: cs, Progress: cs.Progress(),
		Schools: map[int64]domain.School{}, Teachers: map[int64]domain.Teacher{}}
	if p.Prison, err = s.store.Prison(ctx, cs.Family.PrisonID); err != nil {
		return nil, err
	}
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range schools {
		p.Schools[x.ID] = x
	}
	teachers, err := s.store.Teachers(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, t := range teachers {
		p.Teachers[t.ID] = t
	}
	return p, nil
}

func (s *Server) showFamily(c echo.Context) error {
	p, err := s.loadFamilyPage(c, "family.title")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "family", p)
}

// newFamilyPage is the referral form.
type newFamilyPage struct {
	Layout
	Prisons  []Option
	Schools  []Option
	ChildRow []int
}

func (s *Server) newFamilyPage(c echo.Context) (*newFamilyPage, error) {
	ctx := c.Request().Context()
	p := &newFamilyPage{Layout: s.layout(c, "referral.title"), ChildRow: []int{0, 1, 2, 3}}
	prisons, err := s.store.Prisons(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range prisons {
		p.Prisons = append(p.Prisons, Option{Value: strconv.FormatInt(x.ID, 10), Label: x.Name})
	}
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range schools {
		p.Schools = append(p.Schools, Option{Value: strconv.FormatInt(x.ID, 10), Label: x.Name + " (" + x.LocalAuthority + ")"})
	}
	return p, nil
}

func (s *Server) newFamilyForm(c echo.Context) error {
	p, err := s.newFamilyPage(c)
	if err != nil {
		return err
	}
	if len(p.Prisons) == 1 {
		p.Form = map[string][]string{"prison_id": {p.Prisons[0].Value}, "referred_on": {s.today()}, "carer_lang": {"en"}}
	}
	return s.render(c, http.StatusOK, "family_new", p)
}

func (s *Server) createFamily(c echo.Context) error {
	in := domain.ReferralInput{
		PrisonID: formInt(c, "prison_id"), ParentName: c.FormValue("parent_name"), PrisonNumber: c.FormValue("prison_number"),
		ReferralSource: c.FormValue("referral_source"), ReferrerName: strings.TrimSpace(c.FormValue("referrer_name")),
		ReferredOn: c.FormValue("referred_on"), Notes: strings.TrimSpace(c.FormValue("notes")),
		Carer: domain.Carer{Name: c.FormValue("carer_name"), Relationship: c.FormValue("carer_relationship"),
			Phone: strings.TrimSpace(c.FormValue("carer_phone")), Email: c.FormValue("carer_email"), Lang: c.FormValue("carer_lang")},
	}
	for i := 0; i < 4; i++ {
		n := strconv.Itoa(i)
		in.Children = append(in.Children, domain.Child{FirstName: c.FormValue("child_first_name_" + n),
			LastName: strings.TrimSpace(c.FormValue("child_last_name_" + n)), YearGroup: strings.TrimSpace(c.FormValue("child_year_" + n)),
			SchoolID: formInt(c, "child_school_"+n), NeedsQuiet: c.FormValue("child_quiet_"+n) != "", NeedsStepFree: c.FormValue("child_step_free_"+n) != ""})
	}
	err := in.Validate(s.today())
	if err == nil {
		var id int64
		if id, err = s.store.CreateReferral(c.Request().Context(), currentUser(c).Actor(), in); err == nil {
			flash(c, "referral.saved")
			return c.Redirect(http.StatusSeeOther, "/families/"+strconv.FormatInt(id, 10))
		}
	}
	p, perr := s.newFamilyPage(c)
	if perr != nil {
		return perr
	}
	if !p.Fail(err) {
		return err
	}
	// The first child row's error is reported against its first field.
	return s.render(c, http.StatusBadRequest, "family_new", p)
}

func formInt(c echo.Context, name string) int64 {
	v, _ := strconv.ParseInt(strings.TrimSpace(c.FormValue(name)), 10, 64)
	return v
}

func formInts(c echo.Context, name string) []int64 {
	form, _ := c.FormParams()
	var out []int64
	for _, v := range form[name] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}
