package web

import (
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/referralimport"
	"schoolzone/internal/store"
)

// importProblemJSON is one problem with an uploaded spreadsheet.
type importProblemJSON struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Header  string `json:"header,omitempty"`
	Message string `json:"message"`
}

type importCheckJSON struct {
	OK       bool                `json:"ok"`
	Rows     int                 `json:"rows"`
	Families int                 `json:"families"`
	Children int                 `json:"children"`
	Problems []importProblemJSON `json:"problems"`
}

// importTypes are the bodies the import takes: the file itself, as a
// spreadsheet program saves it.
var importTypes = map[string]bool{
	"text/csv": true, "text/plain": true, "application/csv": true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": true,
}

// apiImportReferrals checks a spreadsheet and, with ?commit=true, saves
// every family in it or none. Without commit it only reports, like the
// page's preview.
func (s *Server) apiImportReferrals(c echo.Context) error {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || !importTypes[mt] {
		return &apiStatus{Code: http.StatusUnsupportedMediaType, Key: "import.err.api_content_type"}
	}
	data, err := io.ReadAll(io.LimitReader(c.Request().Body, referralimport.MaxBytes+1))
	if err != nil {
		return fmt.Errorf("api: read import: %w", err)
	}
	res, err := s.checkImport(c, data)
	if err != nil {
		return err
	}
	if c.QueryParam("commit") != "true" {
		out := importCheckJSON{OK: res.OK(), Rows: res.Rows, Families: len(res.Families), Children: res.Children(), Problems: []importProblemJSON{}}
		for _, p := range res.Problems {
			out.Problems = append(out.Problems, importProblemJSON{Row: p.Row, Column: p.Column, Header: p.Header,
				Message: s.cat.T(langOf(c), p.Key, p.Params)})
		}
		return c.JSON(http.StatusOK, out)
	}
	if !res.OK() {
		var v domain.Problems
		for _, p := range res.Problems {
			v.Add(fmt.Sprintf("rows[%d].%s", p.Row, p.Column), p.Key, p.Params)
		}
		return v.Err()
	}
	ins := make([]domain.ReferralInput, len(res.Families))
	for i, f := range res.Families {
		ins[i] = f.Input
	}
	made, err := s.store.ImportReferrals(c.Request().Context(), currentUser(c).Actor(), ins)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string][]store.Created{"created": made})
}
