package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/showcase"
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

// accessChoice is what a subject-access download asks for: whose record
// (parent, or a carer or child by ID), PDF or JSON, and the PDF's
// language ("" for the person's own).
type accessChoice struct {
	Person string
	ID     int64
	Format string
	Lang   string
}

// parseAccessChoice checks a choice against the family: a carer or child
// of another family is not a choice.
func parseAccessChoice(cs domain.Case, person, format, lang string) (accessChoice, error) {
	var p domain.Problems
	ch := accessChoice{Format: format, Lang: lang}
	kind, idText, _ := strings.Cut(person, ":")
	id, _ := strconv.ParseInt(idText, 10, 64)
	switch {
	case person == "parent":
		ch.Person = "parent"
	case kind == "carer" && slices.ContainsFunc(cs.Carers, func(c domain.Carer) bool { return c.ID == id }),
		kind == "child" && slices.ContainsFunc(cs.Children, func(c domain.Child) bool { return c.ID == id }):
		ch.Person, ch.ID = kind, id
	default:
		p.Add("person", "access.err_person", nil)
	}
	if format != "pdf" && format != "json" {
		p.Add("format", "access.err_format", nil)
	}
	if lang != "" && !i18n.Valid(lang) {
		p.Add("lang", "access.err_lang", nil)
	}
	return ch, p.Err()
}

// accessForm asks whose information to download, and in what form.
func (s *Server) accessForm(c echo.Context) error {
	p, err := s.loadFamilyPage(c, "access.title")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "access", p)
}

// downloadAccess makes the export (audited in the store) and sends it as
// a file that no cache keeps.
func (s *Server) downloadAccess(c echo.Context) error {
	p, err := s.loadFamilyPage(c, "access.title")
	if err != nil {
		return err
	}
	ch, err := parseAccessChoice(p.Case, c.FormValue("person"), c.FormValue("format"), c.FormValue("lang"))
	if err != nil {
		if !p.Fail(err) {
			return err
		}
		return s.render(c, http.StatusBadRequest, "access", p)
	}
	return s.sendAccess(c, p.Case.Family.ID, ch)
}

func (s *Server) sendAccess(c echo.Context, familyID int64, ch accessChoice) error {
	x, err := s.store.SubjectAccessExport(c.Request().Context(), currentUser(c).Actor(), familyID, ch.Person, ch.ID)
	if err != nil {
		return err
	}
	if ch.Format == "json" {
		body, err := json.MarshalIndent(x, "", "  ")
		if err != nil {
			return fmt.Errorf("subject access: %w", err)
		}
		return sendFile(c, showcase.SubjectAccessFilename(x, ch.ID, "json"), echo.MIMEApplicationJSONCharsetUTF8, body)
	}
	lang := ch.Lang
	if lang == "" {
		lang, _ = x.Record["language"].(string)
	}
	pdf, err := s.showcaseService(c).SubjectAccessPDF(x, i18n.Parse(lang))
	if err != nil {
		return err
	}
	return sendFile(c, showcase.SubjectAccessFilename(x, ch.ID, "pdf"), showcase.TypePDF, pdf)
}

type accessRequest struct {
	Person   string `json:"person"`
	PersonID int64  `json:"person_id"`
	Format   string `json:"format"`
	Lang     string `json:"lang"`
}

// apiSubjectAccess is POST /api/v1/families/:id/subject-access: the
// person is "parent", or "carer" or "child" with person_id.
func (s *Server) apiSubjectAccess(c echo.Context) error {
	id, err := s.familyID(c)
	if err != nil {
		return err
	}
	var in accessRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cs, err := s.store.Case(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	person := in.Person
	if in.Person != "parent" {
		person = in.Person + ":" + strconv.FormatInt(in.PersonID, 10)
	}
	if in.Format == "" {
		in.Format = "json"
	}
	ch, err := parseAccessChoice(cs, person, in.Format, in.Lang)
	if err != nil {
		return err
	}
	return s.sendAccess(c, id, ch)
}

// AccessPeople are the family's people a download can be about, named as
// the coordinator knows them.
func (p *familyPage) AccessPeople() Field {
	name := func(n string) string {
		if strings.TrimSpace(n) == "" {
			return p.T("access.person_erased")
		}
		return n
	}
	f := p.Input("person", "access.person", "")
	f.Options = append(f.Options, Option{Value: "parent", Label: p.T("access.person_parent", "Name", name(p.Case.Family.ParentName))})
	for _, c := range p.Case.Carers {
		f.Options = append(f.Options, Option{Value: "carer:" + strconv.FormatInt(c.ID, 10), Label: p.T("access.person_carer", "Name", name(c.Name))})
	}
	for _, c := range p.Case.Children {
		f.Options = append(f.Options, Option{Value: "child:" + strconv.FormatInt(c.ID, 10), Label: p.T("access.person_child", "Name", name(strings.TrimSpace(c.FirstName+" "+c.LastName)))})
	}
	return f
}
