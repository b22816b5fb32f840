package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
)

func linkLetterPath(eventID, carerID int64) string {
	return "/events/" + itoa(eventID) + "/links/carer/" + itoa(carerID) + "/letter"
}

// confirmLinkLetter says what printing a carer's letter does before it is
// done: the letter carries a new personal link, and any link the carer
// had before stops working.
func (s *Server) confirmLinkLetter(c echo.Context) error {
	p, kind, id, name, err := s.linkRecipient(c)
	if err != nil {
		return err
	}
	if kind != showcase.KindCarer {
		return domain.ErrNotFound
	}
	cp := &confirmPage{Layout: s.layout(c, "links.letter_title"), Caption: showcase.EventRef(p.Event.ID),
		Action: linkLetterPath(p.Event.ID, id), Back: "/events/" + itoa(p.Event.ID) + "#replies"}
	cp.Lead, cp.Button = cp.T("links.letter_lead", "Name", name), cp.T("links.letter_button")
	return s.renderConfirm(c, cp)
}

// linkLetter serves the printed letter with the carer's new link.
func (s *Server) linkLetter(c echo.Context) error {
	p, kind, id, _, err := s.linkRecipient(c)
	if err != nil {
		return err
	}
	if kind != showcase.KindCarer {
		return domain.ErrNotFound
	}
	if !confirmed(c) {
		return c.Redirect(http.StatusSeeOther, linkLetterPath(p.Event.ID, id))
	}
	d, err := s.showcaseService(c).PrintedLetter(c.Request().Context(), currentUser(c).Actor(), p.Event.ID, id)
	if err != nil {
		return err
	}
	return serveDocument(c, d)
}

// apiLinkLetter is POST /api/v1/events/:id/links/carer/:rid/letter with
// "confirm": true, as the page asks first; the answer is the PDF.
func (s *Server) apiLinkLetter(c echo.Context) error {
	var req confirmRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, kind, id, _, err := s.linkRecipient(c)
	if err != nil {
		return err
	}
	if kind != showcase.KindCarer {
		return domain.ErrNotFound
	}
	if err := needConfirm(req.Confirm, "links.err_confirm_letter"); err != nil {
		return err
	}
	d, err := s.showcaseService(c).PrintedLetter(c.Request().Context(), currentUser(c).Actor(), p.Event.ID, id)
	if err != nil {
		return err
	}
	return serveDocument(c, d)
}
