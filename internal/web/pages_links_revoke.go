package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/showcase"
)

// linkRecipient is the person a revoke is about, named as the showcase
// page names them: a teacher, or a carer of a family at the showcase.
func (s *Server) linkRecipient(c echo.Context) (p *eventPage, kind string, id int64, name string, err error) {
	if p, err = s.loadEventPage(c); err != nil {
		return nil, "", 0, "", err
	}
	kind = c.Param("kind")
	id, err = strconv.ParseInt(c.Param("rid"), 10, 64)
	if err != nil || kind != showcase.KindTeacher && kind != showcase.KindCarer {
		return nil, "", 0, "", domain.ErrNotFound
	}
	for _, r := range p.Replies {
		if r.Kind == kind && r.RecipientID == id {
			return p, kind, id, r.Name, nil
		}
	}
	return nil, "", 0, "", domain.ErrNotFound
}

func linkRevokePath(eventID int64, kind string, id int64) string {
	return "/events/" + itoa(eventID) + "/links/" + kind + "/" + itoa(id) + "/revoke"
}

// confirmRevokeLink says what stopping a personal link does before it is
// done: the link in the person's email stops working at once.
func (s *Server) confirmRevokeLink(c echo.Context) error {
	p, kind, id, name, err := s.linkRecipient(c)
	if err != nil {
		return err
	}
	back := "/events/" + itoa(p.Event.ID) + "#replies"
	cp := &confirmPage{Layout: s.layout(c, "links.revoke_title"), Caption: showcase.EventRef(p.Event.ID),
		Action: linkRevokePath(p.Event.ID, kind, id), Back: back}
	cp.Lead, cp.Button = cp.T("links.revoke_lead", "Name", name), cp.T("links.revoke_button")
	return s.renderConfirm(c, cp)
}

func (s *Server) revokeLink(c echo.Context) error {
	p, kind, id, _, err := s.linkRecipient(c)
	if err != nil {
		return err
	}
	if !confirmed(c) {
		return c.Redirect(http.StatusSeeOther, linkRevokePath(p.Event.ID, kind, id))
	}
	if err := s.store.RevokeLink(c.Request().Context(), currentUser(c).Actor(), p.Event.ID, kind, id); err != nil {
		return err
	}
	flash(c, "links.revoked")
	return c.Redirect(http.StatusSeeOther, "/events/"+itoa(p.Event.ID)+"#replies")
}

// apiRevokeLink is DELETE /api/v1/events/:id/links/:kind/:rid with
// "confirm": true, as the page asks first.
func (s *Server) apiRevokeLink(c echo.Context) error {
	var req confirmRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, kind, id, _, err := s.linkRecipient(c)
	if err != nil {
		return err
	}
	if err := needConfirm(req.Confirm, "links.err_confirm_revoke"); err != nil {
		return err
	}
	if err := s.store.RevokeLink(c.Request().Context(), currentUser(c).Actor(), p.Event.ID, kind, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
