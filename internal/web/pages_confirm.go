package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// confirmPage asks before anything that throws work away (GOV.UK's
// check-your-answers step): it says what will be lost and posts the action
// with confirm=yes. It is a plain GET page with a form, so it needs no
// JavaScript; the action itself refuses to run without confirm=yes and
// sends anyone who skipped the question back to it.
type confirmPage struct {
	Layout
	Caption, Lead string
	Lost          []string
	Action, Back  string
	Button        string
	Hidden        []hidden // fields carried to the action, e.g. a pair's IDs
}

// hidden is one field a confirm page carries to its action.
type hidden struct{ Name, Value string }

// confirmed reports whether the form said yes to the confirm page.
func confirmed(c echo.Context) bool { return c.FormValue("confirm") == "yes" }

func (s *Server) renderConfirm(c echo.Context, p *confirmPage) error {
	return s.render(c, http.StatusOK, "confirm", p)
}
