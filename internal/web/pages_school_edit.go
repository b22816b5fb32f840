package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// schoolEditPage changes a school's details, with the same questions and
// checks as adding one.
type schoolEditPage struct {
	*schoolsPage
	School domain.School
}

func (s *Server) loadSchoolEdit(c echo.Context) (*schoolEditPage, error) {
	sp, err := s.schoolsPage(c)
	if err != nil {
		return nil, err
	}
	sp.TitleID = "schooledit.title"
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	x, err := s.store.School(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	return &schoolEditPage{schoolsPage: sp, School: x}, nil
}

func (s *Server) schoolEditForm(c echo.Context) error {
	p, err := s.loadSchoolEdit(c)
	if err != nil {
		return err
	}
	x := p.School
	p.Form = url.Values{"name": {x.Name}, "type": {string(x.Type)}, "language_medium": {x.LanguageMedium},
		"local_authority_id": {strconv.FormatInt(x.LocalAuthorityID, 10)}, "head_name": {x.HeadName}, "head_email": {x.HeadEmail},
		"phone": {x.Phone}, "address": {x.Address}, "lang": {x.Lang}}
	if x.DistanceMiles > 0 {
		p.Form.Set("distance_miles", strconv.Itoa(x.DistanceMiles))
	}
	return s.render(c, http.StatusOK, "school_edit", p)
}

func (s *Server) saveSchool(c echo.Context) error {
	p, err := s.loadSchoolEdit(c)
	if err != nil {
		return err
	}
	x, err := schoolForm(c).Validate(p.authorities)
	if err == nil {
		x.ID = p.School.ID
		err = s.store.UpdateSchool(c.Request().Context(), currentUser(c).Actor(), x)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "school_edit", p)
	}
	if err != nil {
		return err
	}
	flash(c, "schooledit.saved")
	return c.Redirect(http.StatusSeeOther, "/schools/"+strconv.FormatInt(p.School.ID, 10))
}

// apiUpdateSchool is PUT /api/v1/schools/:id with the whole school, checked
// as a new one is.
func (s *Server) apiUpdateSchool(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req schoolRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.store.School(ctx, id); err != nil {
		return err
	}
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return err
	}
	x, err := req.input().Validate(las)
	if err != nil {
		return err
	}
	x.ID = id
	if err := s.store.UpdateSchool(ctx, currentUser(c).Actor(), x); err != nil {
		return err
	}
	return s.apiSchool(c, http.StatusOK, id)
}
