package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// schoolRow is one school in the list, with how many staff are on record.
type schoolRow struct {
	domain.School
	Staff int
}

type schoolsPage struct {
	Layout
	Schools     []schoolRow
	Authorities []Option
	authorities []domain.LocalAuthority
}

// TypeOptions are the kinds of setting, translated, for the select.
func (p *schoolsPage) TypeOptions() []Option {
	var out []Option
	for _, t := range domain.SchoolTypes {
		out = append(out, Option{Value: string(t), Label: p.T("school_type." + string(t))})
	}
	return out
}

// Mediums are the languages a school teaches in.
func (p *schoolsPage) Mediums() []string { return domain.LanguageMediums }

// Langs are the languages the app can write to a school in.
func (p *schoolsPage) Langs() []string { return pageLangs }

var pageLangs = []string{"en", "cy"}

func (s *Server) schoolsPage(c echo.Context) (*schoolsPage, error) {
	ctx := c.Request().Context()
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := s.store.TeacherCounts(ctx)
	if err != nil {
		return nil, err
	}
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return nil, err
	}
	p := &schoolsPage{Layout: s.layout(c, "schools.title"), authorities: las}
	for _, x := range schools {
		p.Schools = append(p.Schools, schoolRow{School: x, Staff: counts[x.ID]})
	}
	for _, la := range las {
		p.Authorities = append(p.Authorities, Option{Value: strconv.FormatInt(la.ID, 10), Label: p.CouncilNameOf(la.Name, la.NameCy)})
	}
	return p, nil
}

func (s *Server) listSchools(c echo.Context) error {
	p, err := s.schoolsPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "schools", p)
}

// schoolForm is a school as typed on the add or change form.
func schoolForm(c echo.Context) domain.SchoolInput {
	return domain.SchoolInput{Name: c.FormValue("name"), Type: c.FormValue("type"), LanguageMedium: c.FormValue("language_medium"),
		LocalAuthorityID: c.FormValue("local_authority_id"), HeadName: c.FormValue("head_name"), HeadEmail: c.FormValue("head_email"),
		Phone: c.FormValue("phone"), Address: c.FormValue("address"), Lang: c.FormValue("lang"), DistanceMiles: c.FormValue("distance_miles")}
}

func (s *Server) createSchool(c echo.Context) error {
	p, err := s.schoolsPage(c)
	if err != nil {
		return err
	}
	school, err := schoolForm(c).Validate(p.authorities)
	var id int64
	if err == nil {
		id, err = s.store.CreateSchool(c.Request().Context(), currentUser(c).Actor(), school)
	}
	if p.Fail(err) {
		return s.render(c, rejectStatus(&p.Layout), "schools", p)
	}
	if err != nil {
		return err
	}
	flash(c, "schools.added")
	return c.Redirect(http.StatusSeeOther, "/schools/"+strconv.FormatInt(id, 10))
}

// schoolFamily is a family at the school: its reference and stage only.
type schoolFamily struct {
	ID    int64
	Ref   string
	Stage domain.Stage
}

type schoolPage struct {
	Layout
	School     domain.School
	Staff      []domain.Teacher
	Sessions   []domain.AwarenessSession
	Families   []schoolFamily
	HeadAgreed bool
	Today      string
}

// StageClass styles a family's stage tag; the tag's text names the stage.
func (p *schoolPage) StageClass(st domain.Stage) string { return stageClass(st) }

// RoleOptions are the staff roles, translated, for the select.
func (p *schoolPage) RoleOptions() []Option {
	var out []Option
	for _, r := range domain.TeacherRoles {
		out = append(out, Option{Value: string(r), Label: p.T("teacher_role." + string(r))})
	}
	return out
}

// Langs are the languages the app can write to staff in.
func (p *schoolPage) Langs() []string { return pageLangs }

// SessionRoutes are the ways a session can be delivered.
func (p *schoolPage) SessionRoutes() []string { return []string{"in_person", "online"} }

func (s *Server) schoolPage(c echo.Context) (*schoolPage, error) {
	ctx := c.Request().Context()
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusNotFound)
	}
	p := &schoolPage{Layout: s.layout(c, "schools.school_title"), Today: s.today()}
	if p.School, err = s.store.School(ctx, id); err != nil {
		return nil, err
	}
	if p.Staff, err = s.store.Teachers(ctx, id); err != nil {
		return nil, err
	}
	if p.Sessions, err = s.store.SchoolSessions(ctx, id); err != nil {
		return nil, err
	}
	if p.HeadAgreed, err = s.store.HeadAgreedAt(ctx, scopeOf(c), id); err != nil {
		return nil, err
	}
	cases, err := s.store.CasesAtSchool(ctx, scopeOf(c), id)
	for _, cs := range cases {
		p.Families = append(p.Families, schoolFamily{ID: cs.Family.ID, Ref: cs.Family.Ref, Stage: cs.Progress().Stage})
	}
	return p, err
}

func (s *Server) showSchool(c echo.Context) error {
	p, err := s.schoolPage(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "school", p)
}

func (s *Server) createTeacher(c echo.Context) error {
	p, err := s.schoolPage(c)
	if err != nil {
		return err
	}
	t := domain.Teacher{SchoolID: p.School.ID, Name: c.FormValue("name"), Email: c.FormValue("email"),
		Role: domain.TeacherRole(c.FormValue("role")), Lang: c.FormValue("lang")}
	err = t.Validate()
	if err == nil {
		_, err = s.store.CreateTeacher(c.Request().Context(), currentUser(c).Actor(), t)
	}
	return s.afterSchoolForm(c, p, err, "schools.staff_added")
}

// recordSession records an awareness session. The headteacher's agreement
// is checked inside the write transaction; without it nothing is saved and
// the page says which gate is missing.
func (s *Server) recordSession(c echo.Context) error {
	p, err := s.schoolPage(c)
	if err != nil {
		return err
	}
	attendees, _ := strconv.Atoi(c.FormValue("attendees"))
	in := domain.AwarenessInput{SchoolID: p.School.ID, DeliveredOn: c.FormValue("delivered_on"), DeliveredBy: c.FormValue("delivered_by"),
		Attendees: attendees, Route: c.FormValue("route"), Notes: c.FormValue("notes")}
	_, err = s.store.RecordAwareness(c.Request().Context(), currentUser(c).Actor(), p.School.ID,
		func(agreed bool) (domain.AwarenessSession, error) { return domain.DecideAwareness(in, agreed, p.Today) })
	return s.afterSchoolForm(c, p, err, "schools.session_added")
}

func (s *Server) afterSchoolForm(c echo.Context, p *schoolPage, err error, msgID string) error {
	if p.Fail(err) {
		return s.render(c, rejectStatus(&p.Layout), "school", p)
	}
	if err != nil {
		return err
	}
	flash(c, msgID)
	return c.Redirect(http.StatusSeeOther, "/schools/"+strconv.FormatInt(p.School.ID, 10))
}

// rejectStatus is the status of a re-rendered form: 409 when a workflow
// gate refused the step, 400 for bad input.
func rejectStatus(l *Layout) int {
	if l.Gate != nil {
		return http.StatusConflict
	}
	return http.StatusBadRequest
}
