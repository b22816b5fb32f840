package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// Every carer of a family, not only the main one, can be changed from the
// family page: each gets their own invitation and personal link, in their
// own language, at their own address.

type carerEditPage struct {
	*familyPage
	Carer domain.Carer
}

func (s *Server) loadCarerEdit(c echo.Context) (*carerEditPage, error) {
	fp, err := s.loadFamilyPage(c, "carered.title")
	if err != nil {
		return nil, err
	}
	id, _ := strconv.ParseInt(c.Param("carer"), 10, 64)
	for _, x := range fp.Case.Carers {
		if x.ID == id {
			return &carerEditPage{familyPage: fp, Carer: x}, nil
		}
	}
	return nil, domain.ErrNotFound
}

func (s *Server) carerEditForm(c echo.Context) error {
	p, err := s.loadCarerEdit(c)
	if err != nil {
		return err
	}
	x := p.Carer
	p.Form = url.Values{"name": {x.Name}, "relationship": {x.Relationship}, "phone": {x.Phone}, "email": {x.Email}, "lang": {x.Lang}}
	if x.DistanceMiles > 0 {
		p.Form.Set("distance_miles", strconv.Itoa(x.DistanceMiles))
	}
	return s.render(c, http.StatusOK, "carer_edit", p)
}

func (s *Server) saveCarer(c echo.Context) error {
	p, err := s.loadCarerEdit(c)
	if err != nil {
		return err
	}
	cr, err := carerForm(c).Validate()
	if err == nil {
		cr.ID = p.Carer.ID
		err = s.store.UpdateCarer(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, cr)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "carer_edit", p)
	}
	if err != nil {
		return err
	}
	flash(c, "carered.saved")
	s.followUp(c, p.Case.Family.ID)
	return c.Redirect(http.StatusSeeOther, "/families/"+strconv.FormatInt(p.Case.Family.ID, 10))
}

// carerEditRequest is a carer's details in the API.
type carerEditRequest struct {
	Name          string `json:"name"`
	Relationship  string `json:"relationship"`
	Phone         string `json:"phone"`
	Email         string `json:"email"`
	Lang          string `json:"lang"`
	DistanceMiles *int   `json:"distance_miles"`
}

func (r carerEditRequest) input() domain.CarerInput {
	return domain.CarerInput{Name: r.Name, Relationship: r.Relationship, Phone: r.Phone, Email: r.Email, Lang: r.Lang,
		DistanceMiles: intText(r.DistanceMiles)}
}

// carerForm is a carer's details as typed on the add or change form.
func carerForm(c echo.Context) domain.CarerInput {
	return domain.CarerInput{Name: c.FormValue("name"), Relationship: c.FormValue("relationship"), Phone: c.FormValue("phone"),
		Email: c.FormValue("email"), Lang: c.FormValue("lang"), DistanceMiles: c.FormValue("distance_miles")}
}

// apiUpdateCarer is PUT /api/v1/families/:id/carers/:carer.
func (s *Server) apiUpdateCarer(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	carer, err := pathInt(c, "carer")
	if err != nil {
		return err
	}
	var req carerEditRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	// Another prison's family is not found, before anything about the
	// request is judged.
	if _, err := s.store.Case(c.Request().Context(), scopeOf(c), id); err != nil {
		return err
	}
	cr, err := req.input().Validate()
	if err != nil {
		return err
	}
	cr.ID = carer
	if err := s.store.UpdateCarer(c.Request().Context(), currentUser(c).Actor(), id, cr); err != nil {
		return err
	}
	s.followUp(c, id)
	return s.apiCase(c, http.StatusOK, id)
}

// CanAddCarer says whether the family has room for another carer.
func (p *familyPage) CanAddCarer() bool { return len(p.Case.Carers) < domain.MaxCarers }

// addCarerPage asks for another carer with the questions of the carer form.
type addCarerPage struct {
	*familyPage
}

func (s *Server) addCarerForm(c echo.Context) error {
	fp, err := s.loadFamilyPage(c, "carered.add_title")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "carer_add", &addCarerPage{familyPage: fp})
}

func (s *Server) addCarer(c echo.Context) error {
	fp, err := s.loadFamilyPage(c, "carered.add_title")
	if err != nil {
		return err
	}
	p := &addCarerPage{familyPage: fp}
	cr, err := carerForm(c).Validate()
	if err == nil {
		_, err = s.store.AddCarer(c.Request().Context(), currentUser(c).Actor(), fp.Case.Family.ID, cr)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "carer_add", p)
	}
	if err != nil {
		return err
	}
	flash(c, "carered.added")
	s.followUp(c, fp.Case.Family.ID)
	return c.Redirect(http.StatusSeeOther, "/families/"+strconv.FormatInt(fp.Case.Family.ID, 10))
}

// apiAddCarer is POST /api/v1/families/:id/carers.
func (s *Server) apiAddCarer(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req carerEditRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if _, err := s.store.Case(c.Request().Context(), scopeOf(c), id); err != nil {
		return err
	}
	cr, err := req.input().Validate()
	if err != nil {
		return err
	}
	if _, err := s.store.AddCarer(c.Request().Context(), currentUser(c).Actor(), id, cr); err != nil {
		return err
	}
	s.followUp(c, id)
	return s.apiCase(c, http.StatusCreated, id)
}
