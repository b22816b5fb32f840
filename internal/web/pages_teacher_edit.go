package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// teacherEditPage changes one of a school's staff. The school is fixed:
// someone who moves school is added there as new staff.
type teacherEditPage struct {
	*schoolPage
	Teacher domain.Teacher
}

func (s *Server) loadTeacherEdit(c echo.Context) (*teacherEditPage, error) {
	sp, err := s.schoolPage(c)
	if err != nil {
		return nil, err
	}
	sp.TitleID = "teacheredit.title"
	id, _ := strconv.ParseInt(c.Param("tid"), 10, 64)
	for _, t := range sp.Staff {
		if t.ID == id {
			return &teacherEditPage{schoolPage: sp, Teacher: t}, nil
		}
	}
	return nil, domain.ErrNotFound
}

func (s *Server) teacherEditForm(c echo.Context) error {
	p, err := s.loadTeacherEdit(c)
	if err != nil {
		return err
	}
	t := p.Teacher
	p.Form = url.Values{"name": {t.Name}, "email": {t.Email}, "role": {string(t.Role)}, "lang": {t.Lang}}
	return s.render(c, http.StatusOK, "teacher_edit", p)
}

func (s *Server) saveTeacher(c echo.Context) error {
	p, err := s.loadTeacherEdit(c)
	if err != nil {
		return err
	}
	t := domain.Teacher{ID: p.Teacher.ID, SchoolID: p.School.ID, Name: c.FormValue("name"), Email: c.FormValue("email"),
		Role: domain.TeacherRole(c.FormValue("role")), Lang: c.FormValue("lang")}
	err = t.Validate()
	if err == nil {
		err = s.store.UpdateTeacher(c.Request().Context(), currentUser(c).Actor(), p.School.ID, t)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "teacher_edit", p)
	}
	if err != nil {
		return err
	}
	flash(c, "teacheredit.saved")
	return c.Redirect(http.StatusSeeOther, "/schools/"+strconv.FormatInt(p.School.ID, 10)+"#staff")
}

// apiUpdateTeacher is PUT /api/v1/schools/:id/teachers/:tid, checked by the
// same rules as a new member of staff.
func (s *Server) apiUpdateTeacher(c echo.Context) error {
	schoolID, err := pathID(c)
	if err != nil {
		return err
	}
	tid, err := pathInt(c, "tid")
	if err != nil {
		return err
	}
	var req teacherRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	t := domain.Teacher{ID: tid, SchoolID: schoolID, Name: req.Name, Email: req.Email, Role: domain.TeacherRole(req.Role), Lang: req.Lang}
	if err := t.Validate(); err != nil {
		return err
	}
	if err := s.store.UpdateTeacher(c.Request().Context(), currentUser(c).Actor(), schoolID, t); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newTeacherView(t))
}
