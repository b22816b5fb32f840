package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// A child's details can be changed at any time from the family page. The
// store applies the domain's ChangeChild and settles the family in one
// transaction; a child who moves school is asked their views again.

type childEditPage struct {
	*familyPage
	Child   domain.Child
	Options []Option
}

func (s *Server) loadChildEdit(c echo.Context) (*childEditPage, error) {
	fp, err := s.loadFamilyPage(c, "childedit.title")
	if err != nil {
		return nil, err
	}
	id, _ := strconv.ParseInt(c.Param("child"), 10, 64)
	p := &childEditPage{familyPage: fp}
	found := false
	for _, ch := range fp.Case.Children {
		if ch.ID == id {
			p.Child, found = ch, true
		}
	}
	if !found {
		return nil, domain.ErrNotFound
	}
	for _, x := range fp.Schools {
		p.Options = append(p.Options, Option{Value: strconv.FormatInt(x.ID, 10), Label: x.Name})
	}
	sort.Slice(p.Options, func(i, j int) bool { return p.Options[i].Label < p.Options[j].Label })
	return p, nil
}

// childForm is the child on record as form values.
func childForm(ch domain.Child) url.Values {
	v := url.Values{"first_name": {ch.FirstName}, "last_name": {ch.LastName}, "year_group": {ch.YearGroup},
		"needs_notes": {ch.NeedsNotes}, "dietary": {ch.Dietary}}
	if ch.SchoolID != 0 {
		v.Set("school_id", strconv.FormatInt(ch.SchoolID, 10))
	}
	for name, on := range map[string]bool{"needs_quiet": ch.NeedsQuiet, "needs_step_free": ch.NeedsStepFree, "share_needs": ch.ShareNeeds} {
		if on {
			v.Set(name, "yes")
		}
	}
	return v
}

func (s *Server) childEditForm(c echo.Context) error {
	p, err := s.loadChildEdit(c)
	if err != nil {
		return err
	}
	p.Form = childForm(p.Child)
	return s.render(c, http.StatusOK, "child_edit", p)
}

func (s *Server) saveChild(c echo.Context) error {
	p, err := s.loadChildEdit(c)
	if err != nil {
		return err
	}
	in := domain.ChildDetails{FirstName: c.FormValue("first_name"), LastName: c.FormValue("last_name"), YearGroup: c.FormValue("year_group"),
		SchoolID: formInt(c, "school_id"), NeedsQuiet: c.FormValue("needs_quiet") != "", NeedsStepFree: c.FormValue("needs_step_free") != "",
		NeedsNotes: c.FormValue("needs_notes"), Dietary: c.FormValue("dietary"), ShareNeeds: c.FormValue("share_needs") != ""}
	err = s.store.UpdateChild(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, p.Child.ID, in)
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "child_edit", p)
	}
	if err != nil {
		return err
	}
	flash(c, "childedit.saved")
	s.followUp(c, p.Case.Family.ID)
	return c.Redirect(http.StatusSeeOther, "/families/"+strconv.FormatInt(p.Case.Family.ID, 10))
}

// childDetailsRequest is a child's details in the API.
type childDetailsRequest struct {
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name"`
	YearGroup     string `json:"year_group"`
	SchoolID      int64  `json:"school_id"`
	NeedsQuiet    bool   `json:"needs_quiet"`
	NeedsStepFree bool   `json:"needs_step_free"`
	NeedsNotes    string `json:"needs_notes"`
	Dietary       string `json:"dietary"`
	ShareNeeds    bool   `json:"share_needs"`
}

// apiUpdateChild is PUT /api/v1/families/:id/children/:child: the child
// page's form, with the whole of the child's details.
func (s *Server) apiUpdateChild(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	child, err := pathInt(c, "child")
	if err != nil {
		return err
	}
	var req childDetailsRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := domain.ChildDetails{FirstName: req.FirstName, LastName: req.LastName, YearGroup: req.YearGroup, SchoolID: req.SchoolID,
		NeedsQuiet: req.NeedsQuiet, NeedsStepFree: req.NeedsStepFree, NeedsNotes: req.NeedsNotes, Dietary: req.Dietary, ShareNeeds: req.ShareNeeds}
	if err := s.store.UpdateChild(c.Request().Context(), currentUser(c).Actor(), id, child, in); err != nil {
		return err
	}
	s.followUp(c, id)
	return s.apiCase(c, http.StatusOK, id)
}
