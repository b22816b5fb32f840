package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Handlers being written now; each moves to its feature file.
func notYet(c echo.Context) error { return echo.NewHTTPError(http.StatusNotImplemented) }

