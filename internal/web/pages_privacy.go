package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// eraseConfirmed checks the confirm step: the family's reference typed
// again, because erasure cannot be undone.
func eraseConfirmed(cs domain.Case, typed string) error {
	if !strings.EqualFold(strings.TrimSpace(typed), cs.Family.Ref) {
		var p domain.Problems
		p.Add("confirm", "privacy.err_confirm", map[string]any{"Ref": cs.Family.Ref})
		return p.Err()
	}
	return nil
}

// eraseForm is the confirm step before erasing a family's personal data:
// what goes, what stays, and the reference to type.
func (s *Server) eraseForm(c echo.Context) error {
	p, err := s.loadFamilyPage(c, "privacy.erase_title")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "erase", p)
}

// eraseFamily erases on request, in one transaction, and returns to the
// family's page, which now shows its reference and stage only.
func (s *Server) eraseFamily(c echo.Context) error {
	p, err := s.loadFamilyPage(c, "privacy.erase_title")
	if err != nil {
		return err
	}
	err = eraseConfirmed(p.Case, c.FormValue("confirm"))
	if err == nil {
		err = s.store.EraseFamily(c.Request().Context(), currentUser(c).Actor(), p.Case.Family.ID, store.EraseOnRequest)
	}
	if err != nil {
		if !p.Fail(err) {
			return err
		}
		status := http.StatusBadRequest
		if p.Gate != nil {
			status = http.StatusConflict
		}
		return s.render(c, status, "erase", p)
	}
	flash(c, "privacy.erased", p.Case.Family.Ref)
	return c.Redirect(http.StatusSeeOther, "/families/"+strconv.FormatInt(p.Case.Family.ID, 10))
}

type eraseRequest struct {
	Confirm string `json:"confirm"`
}

// apiEraseFamily is POST /api/v1/families/:id/erase with the reference
// again as "confirm".
func (s *Server) apiEraseFamily(c echo.Context) error {
	id, err := s.familyID(c)
	if err != nil {
		return err
	}
	var in eraseRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	cs, err := s.store.Case(ctx, scopeOf(c), id)
	if err != nil {
		return err
	}
	if err := eraseConfirmed(cs, in.Confirm); err != nil {
		return err
	}
	if err := s.store.EraseFamily(ctx, currentUser(c).Actor(), id, store.EraseOnRequest); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"ref": cs.Family.Ref, "erased": true})
}
