package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Handlers being written now; each moves to its feature file.
func notYet(c echo.Context) error { return echo.NewHTTPError(http.StatusNotImplemented) }

func (s *Server) listSchools(c echo.Context) error      { return notYet(c) }
func (s *Server) createSchool(c echo.Context) error     { return notYet(c) }
func (s *Server) showSchool(c echo.Context) error       { return notYet(c) }
func (s *Server) createTeacher(c echo.Context) error    { return notYet(c) }
func (s *Server) recordSession(c echo.Context) error    { return notYet(c) }
func (s *Server) listEvents(c echo.Context) error       { return notYet(c) }
func (s *Server) createEvent(c echo.Context) error      { return notYet(c) }
func (s *Server) showEvent(c echo.Context) error        { return notYet(c) }
func (s *Server) figures(c echo.Context) error          { return notYet(c) }
func (s *Server) auditLog(c echo.Context) error         { return notYet(c) }
func (s *Server) listUsers(c echo.Context) error        { return notYet(c) }
func (s *Server) createUserSubmit(c echo.Context) error { return notYet(c) }
