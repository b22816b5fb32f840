package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// linkTravelPage is a carer's form for help with travel: whether they want
// it, and how far they come, so the family's travel estimate is a real
// figure rather than nought.
type linkTravelPage struct {
	Layout
	Token  string
	Answer store.TravelAnswer
}

// Current is the answer on record as form values; nothing is chosen for
// someone who has not answered.
func (p *linkTravelPage) Current() url.Values {
	v := url.Values{"postcode_area": {p.Answer.PostcodeArea}}
	if p.Answer.Answered {
		v.Set("wants_help", p.Bool(p.Answer.WantsHelp))
	}
	if p.Answer.Miles > 0 {
		v.Set("distance_miles", strconv.Itoa(p.Answer.Miles))
	}
	return v
}

func (s *Server) linkTravel(c echo.Context, l store.PersonalLink) (*linkTravelPage, error) {
	if l.Kind != "carer" {
		return nil, domain.ErrNotFound
	}
	ctx := c.Request().Context()
	v, err := s.linkService().CarerView(ctx, l)
	if err != nil {
		return nil, err
	}
	linkLang(c, v.Lang)
	p := &linkTravelPage{Layout: s.layout(c, "links.travel_page_title"), Token: c.Param("token")}
	if p.Answer, err = s.store.TravelAnswerOf(ctx, l.EventID, l.FamilyID, l.RecipientID); err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Server) linkTravelForm(c echo.Context, l store.PersonalLink, _ string) error {
	p, err := s.linkTravel(c, l)
	if err != nil {
		return err
	}
	p.Form = p.Current()
	return s.render(c, http.StatusOK, "link_travel", p)
}

// linkTravelSave checks the answer with the domain's rule and saves it in
// the store's one transaction with the link check.
func (s *Server) linkTravelSave(c echo.Context, l store.PersonalLink, hash string) error {
	p, err := s.linkTravel(c, l)
	if err != nil {
		return err
	}
	r, err := domain.TravelInput{WantsHelp: c.FormValue("wants_help"), DistanceMiles: c.FormValue("distance_miles"),
		PostcodeArea: c.FormValue("postcode_area")}.Decide()
	if err == nil {
		err = s.store.RecordTravelAnswer(c.Request().Context(), hash, r)
	}
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "link_travel", p)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/l/"+c.Param("token")+"?saved=1#travel")
}

// travelJSON is one family's request for help with travel in the API.
type travelJSON struct {
	FamilyID     int64  `json:"family_id"`
	Ref          string `json:"ref"`
	PostcodeArea string `json:"postcode_area"`
	Miles        int    `json:"distance_miles"`
}

// apiTravelRequests lists the families who asked for help with travel to
// a showcase the caller may see, as the showcase page does.
func (s *Server) apiTravelRequests(c echo.Context) error {
	id, err := pathInt(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.store.Event(ctx, scopeOf(c), id); err != nil {
		return err
	}
	rs, err := s.store.TravelRequests(ctx, id)
	if err != nil {
		return err
	}
	out := []travelJSON{}
	for _, r := range rs {
		out = append(out, travelJSON{FamilyID: r.FamilyID, Ref: r.FamilyRef, PostcodeArea: r.PostcodeArea, Miles: r.Miles})
	}
	return c.JSON(http.StatusOK, out)
}
