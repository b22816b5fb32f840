package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// The referral's details and its main carer can be changed at any time; the
// store settles the family in the same transaction, and anyone already
// invited hears of any change that affects them (followUp), as after a step.

func (s *Server) familyDetailsForm(c echo.Context) error {
	p, err := s.loadFamilyPage(c, "familyedit.title")
	if err != nil {
		return err
	}
	f := p.Case.Family
	form := map[string][]string{"parent_name": {f.ParentName}, "prison_number": {f.PrisonNumber}, "referral_source": {f.ReferralSource},
		"referrer_name": {f.ReferrerName}, "referred_on": {f.ReferredOn}, "notes": {f.Notes}}
	for _, x := range p.Case.Carers {
		if x.Primary {
			form["carer_name"], form["carer_relationship"] = []string{x.Name}, []string{x.Relationship}
			form["carer_phone"], form["carer_email"], form["carer_lang"] = []string{x.Phone}, []string{x.Email}, []string{x.Lang}
			form["carer_distance_miles"] = []string{strconv.Itoa(x.DistanceMiles)}
		}
	}
	p.Form = form
	return s.render(c, http.StatusOK, "family_edit", p)
}

func (s *Server) saveFamilyDetails(c echo.Context) error {
	p, err := s.loadFamilyPage(c, "familyedit.title")
	if err != nil {
		return err
	}
	in := domain.ReferralDetails{ParentName: c.FormValue("parent_name"), PrisonNumber: c.FormValue("prison_number"),
		ReferralSource: c.FormValue("referral_source"), ReferrerName: c.FormValue("referrer_name"), ReferredOn: c.FormValue("referred_on"),
		Notes: c.FormValue("notes"), CarerDistance: c.FormValue("carer_distance_miles"),
		Carer: domain.Carer{Name: c.FormValue("carer_name"), Relationship: c.FormValue("carer_relationship"),
			Phone: c.FormValue("carer_phone"), Email: c.FormValue("carer_email"), Lang: c.FormValue("carer_lang")}}
	err = in.Validate(s.today())
	if err == nil {
		err = s.store.UpdateReferral(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, in)
	}
	if err != nil {
		if !p.Fail(err) {
			return err
		}
		return s.render(c, http.StatusBadRequest, "family_edit", p)
	}
	flash(c, "familyedit.saved")
	s.followUp(c, p.Case.Family.ID)
	return c.Redirect(http.StatusSeeOther, "/families/"+strconv.FormatInt(p.Case.Family.ID, 10))
}
