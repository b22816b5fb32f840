package web

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/referralimport"
)

// importPage is the referral import: the upload form, then either every
// problem by row and column or the families ready to add.
type importPage struct {
	Layout
	Columns  []importColumn
	Checked  bool
	Name     string
	Data     string // the file, base64, carried to the confirm step
	Problems []importProblem
	Families []importFamily
	Children int
}

type importColumn struct {
	Key      string
	Required bool
}

type importProblem struct{ Row, Column, Message string }

type importFamily struct {
	Rows, Parent, Prison, Carer string
	Children                    []string
}

func (s *Server) importPage(c echo.Context) *importPage {
	p := &importPage{Layout: s.layout(c, "import.title")}
	for _, key := range referralimport.Columns() {
		p.Columns = append(p.Columns, importColumn{Key: key, Required: referralimport.Required(key)})
	}
	return p
}

func (s *Server) importForm(c echo.Context) error {
	return s.render(c, http.StatusOK, "import", s.importPage(c))
}

// importTemplate is a blank CSV whose headers are in the reader's language,
// so the file a coordinator sends out comes back in a shape the import reads.
func (s *Server) importTemplate(c echo.Context) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF") // so Excel opens Welsh letters as UTF-8
	w := csv.NewWriter(&buf)
	var header []string
	for _, key := range referralimport.Columns() {
		header = append(header, s.cat.T(langOf(c), "import.col."+key))
	}
	_ = w.Write(header)
	w.Flush()
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="referrals-template.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// importCheck reads the upload and shows what would be saved, or why
// nothing can be. Nothing is written here.
func (s *Server) importCheck(c echo.Context) error {
	p := s.importPage(c)
	fh, err := c.FormFile("file")
	if err != nil {
		p.Fail(fieldProblem("file", "import.err.no_file"))
		return s.render(c, http.StatusBadRequest, "import", p)
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("import: open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, referralimport.MaxBytes+1))
	if err != nil {
		return fmt.Errorf("import: read upload: %w", err)
	}
	return s.importShow(c, p, fh.Filename, data)
}

func (s *Server) importShow(c echo.Context, p *importPage, name string, data []byte) error {
	res, err := s.checkImport(c, data)
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "import", p)
	} else if err != nil {
		return err
	}
	p.Checked, p.Name = true, name
	for _, pr := range res.Problems {
		col := pr.Header
		if col == "" {
			col = p.T("import.col." + pr.Column)
		}
		p.Problems = append(p.Problems, importProblem{Row: p.T("import.row_n", "Row", pr.Row), Column: col, Message: p.T(pr.Key, paramPairs(pr.Params)...)})
	}
	if len(p.Problems) > 0 {
		return s.render(c, http.StatusBadRequest, "import", p)
	}
	prisons, err := s.store.Prisons(c.Request().Context(), scopeOf(c))
	if err != nil {
		return err
	}
	prisonName := map[int64]string{}
	for _, x := range prisons {
		prisonName[x.ID] = x.Name
	}
	for _, f := range res.Families {
		row := importFamily{Parent: f.Input.ParentName, Prison: prisonName[f.Input.PrisonID], Carer: f.Input.Carer.Name}
		var rows []string
		for _, r := range f.Rows {
			rows = append(rows, fmt.Sprint(r))
		}
		row.Rows = strings.Join(rows, ", ")
		for _, ch := range f.Input.Children {
			row.Children = append(row.Children, strings.TrimSpace(ch.FirstName+" "+ch.LastName))
		}
		p.Families = append(p.Families, row)
	}
	p.Children = res.Children()
	p.Data = base64.RawURLEncoding.EncodeToString(data)
	return s.render(c, http.StatusOK, "import", p)
}

// importCommit saves a checked file. The file comes back from the confirm
// form and is checked again, since anything may have changed since the
// preview; the store saves every family or none.
func (s *Server) importCommit(c echo.Context) error {
	p := s.importPage(c)
	data, err := base64.RawURLEncoding.DecodeString(c.FormValue("data"))
	if err != nil || len(data) == 0 {
		p.Fail(fieldProblem("file", "import.err.changed"))
		return s.render(c, http.StatusBadRequest, "import", p)
	}
	res, err := s.checkImport(c, data)
	if err != nil || !res.OK() {
		// Show the problems as the check does; nothing is saved.
		return s.importShow(c, p, c.FormValue("name"), data)
	}
	ins := make([]domain.ReferralInput, len(res.Families))
	for i, f := range res.Families {
		ins[i] = f.Input
	}
	made, err := s.store.ImportReferrals(c.Request().Context(), currentUser(c).Actor(), ins)
	if err != nil {
		if p.Fail(err) {
			return s.importShow(c, p, c.FormValue("name"), data)
		}
		return err
	}
	refs := make([]string, len(made))
	for i, m := range made {
		refs[i] = m.Ref
	}
	// A flash cookie holds a handful of references, not hundreds.
	if len(refs) > 10 {
		flash(c, "import.saved_many", refs[0], refs[len(refs)-1])
	} else {
		flash(c, "import.saved", refs...)
	}
	return c.Redirect(http.StatusSeeOther, "/")
}

// checkImport checks a file against the prisons the account works with and
// the schools on record.
func (s *Server) checkImport(c echo.Context, data []byte) (referralimport.Result, error) {
	ctx := c.Request().Context()
	prisons, err := s.store.Prisons(ctx, scopeOf(c))
	if err != nil {
		return referralimport.Result{}, err
	}
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return referralimport.Result{}, err
	}
	return s.importer.Check(data, referralimport.Directory{Prisons: prisons, Schools: schools}, s.today())
}

func fieldProblem(field, key string) error {
	var p domain.Problems
	p.Add(field, key)
	return p.Err()
}

// paramPairs turns a message's parameters into T's name/value pairs.
func paramPairs(params map[string]any) []any {
	var out []any
	for k, v := range params {
		out = append(out, k, v)
	}
	return out
}
