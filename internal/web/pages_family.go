package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// familyPage is the coordinator's view of one case.
type familyPage struct {
	Layout
	Case     domain.Case
	Progress domain.Progress
	Prison   domain.Prison
	Schools  map[int64]domain.School
	Teachers map[int64]domain.Teacher
}

// SchoolName is a school's name, or its ID if it has gone.
func (p *familyPage) SchoolName(id int64) string {
	if s, ok := p.Schools[id]; ok {
		return s.Name
	}
	return "#" + strconv.FormatInt(id, 10)
}

// TeacherNames lists teachers by name.
func (p *familyPage) TeacherNames(ids []int64) string {
	var names []string
	for _, id := range ids {
		names = append(names, p.Teachers[id].Name)
	}
	return strings.Join(names, ", ")
}

// conflictRow is one conflict as the family page words it.
type conflictRow struct {
	domain.Conflict
	Text, Hint string
	ResolveURL string
}

// Conflicts words each open conflict with the child's and teacher's names:
// what is wrong, and the two ways to settle it.
func (p *familyPage) Conflicts() []conflictRow {
	var out []conflictRow
	for _, x := range p.Progress.Conflicts {
		names := []any{"Child", x.Child, "Teacher", p.Teachers[x.TeacherID].Name}
		out = append(out, conflictRow{Conflict: x,
			Text: p.T("conflict."+string(x.Kind), names...), Hint: p.T("conflict.resolve_hint_"+string(x.Kind), names...),
			ResolveURL: fmt.Sprintf("/families/%d/resolve/%d/%d/%s", p.Case.Family.ID, x.ChildID, x.TeacherID, x.Kind)})
	}
	return out
}

// StageClass styles the stage tag.
func (p *familyPage) StageClass() string { return stageClass(p.Progress.Stage) }

// ChildrenAt lists the attending children at a school.
func (p *familyPage) ChildrenAt(schoolID int64) []domain.Child {
	var out []domain.Child
	for _, ch := range p.Case.AttendingChildren() {
		if ch.SchoolID == schoolID {
			out = append(out, ch)
		}
	}
	return out
}

func (s *Server) familyID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

// loadFamilyPage gathers the case and the names the page shows.
func (s *Server) loadFamilyPage(c echo.Context, titleID string) (*familyPage, error) {
	id, err := s.familyID(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	cs, err := s.store.Case(ctx, scopeOf(c), id)
	if err != nil {
		return nil, err
	}
	p := &familyPage{Layout: s.layout(c, titleID), Case: cs, Progress: cs.Progress(),
		Schools: map[int64]domain.School{}, Teachers: map[int64]domain.Teacher{}}
	if p.Prison, err = s.store.Prison(ctx, scopeOf(c), cs.Family.PrisonID); err != nil {
		return nil, err
	}
	schools, err := s.store.Schools(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range schools {
		p.Schools[x.ID] = x
	}
	teachers, err := s.store.Teachers(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, t := range teachers {
		p.Teachers[t.ID] = t
	}
	return p, nil
}

func (s *Server) showFamily(c echo.Context) error {
	p, err := s.loadFamilyPage(c, "family.title")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "family", p)
}

// newFamilyPage is the referral form.
type newFamilyPage struct {
	Layout
	Prisons  []Option
	Schools  []Option
	ChildRow []int
	prisons  []domain.Prison
	schools  []domain.School
}

func (s *Server) newFamilyPage(c echo.Context) (*newFamilyPage, error) {
	ctx := c.Request().Context()
	p := &newFamilyPage{Layout: s.layout(c, "referral.title"), ChildRow: []int{0, 1, 2, 3}}
	var err error
	if p.prisons, err = s.store.Prisons(ctx, scopeOf(c)); err != nil {
		return nil, err
	}
	for _, x := range p.prisons {
		p.Prisons = append(p.Prisons, Option{Value: strconv.FormatInt(x.ID, 10), Label: p.PrisonName(x.Name)})
	}
	if p.schools, err = s.store.Schools(ctx); err != nil {
		return nil, err
	}
	for _, x := range p.schools {
		p.Schools = append(p.Schools, Option{Value: strconv.FormatInt(x.ID, 10), Label: x.Name + " (" + p.CouncilNameOf(x.LocalAuthority, x.LocalAuthorityCy) + ")"})
	}
	return p, nil
}

func (s *Server) newFamilyForm(c echo.Context) error {
	p, err := s.newFamilyPage(c)
	if err != nil {
		return err
	}
	if len(p.Prisons) == 1 {
		p.Form = map[string][]string{"prison_id": {p.Prisons[0].Value}, "referred_on": {s.today()}, "carer_lang": {"en"}}
	}
	return s.render(c, http.StatusOK, "family_new", p)
}

// createFamily takes a referral from the form. It goes through the same
// checks as the API (CheckRecords, then Validate, then the store's own
// check in its transaction), so a school or prison that is not on record
// is a message beside its field, not a failed insert.
func (s *Server) createFamily(c echo.Context) error {
	p, err := s.newFamilyPage(c)
	if err != nil {
		return err
	}
	in, rows := referralFromForm(c)
	err = domain.JoinProblems(in.CheckRecords(p.prisons, p.schools), in.Validate(s.today()))
	if err == nil {
		var id int64
		if id, err = s.store.CreateReferral(c.Request().Context(), currentUser(c).Actor(), in); err == nil {
			flash(c, "referral.saved")
			return c.Redirect(http.StatusSeeOther, "/families/"+strconv.FormatInt(id, 10))
		}
	}
	if !p.Fail(formFields(err, rows)) {
		return err
	}
	return s.render(c, http.StatusBadRequest, "family_new", p)
}

// referralFromForm reads the referral form. The form offers spare child
// rows; only rows with a first name are children, and rows[i] is the form
// row of Children[i], so problems can be shown beside the right field.
func referralFromForm(c echo.Context) (domain.ReferralInput, []int) {
	in := domain.ReferralInput{
		PrisonID: formInt(c, "prison_id"), ParentName: c.FormValue("parent_name"), PrisonNumber: c.FormValue("prison_number"),
		ReferralSource: c.FormValue("referral_source"), ReferrerName: strings.TrimSpace(c.FormValue("referrer_name")),
		ReferredOn: c.FormValue("referred_on"), Notes: strings.TrimSpace(c.FormValue("notes")),
		Carer: domain.Carer{Name: c.FormValue("carer_name"), Relationship: c.FormValue("carer_relationship"),
			Phone: strings.TrimSpace(c.FormValue("carer_phone")), Email: c.FormValue("carer_email"), Lang: c.FormValue("carer_lang")},
	}
	// Every row sent is read, not just the four the form offers, so that
	// a family with too many children is refused rather than cut short.
	form, _ := c.FormParams()
	sent := 0
	for k := range form {
		if strings.HasPrefix(k, "child_first_name_") {
			sent++
		}
	}
	var rows []int
	for i := range max(4, sent) {
		n := strconv.Itoa(i)
		if strings.TrimSpace(c.FormValue("child_first_name_"+n)) == "" {
			continue
		}
		rows = append(rows, i)
		in.Children = append(in.Children, domain.Child{FirstName: c.FormValue("child_first_name_" + n),
			LastName: strings.TrimSpace(c.FormValue("child_last_name_" + n)), YearGroup: strings.TrimSpace(c.FormValue("child_year_" + n)),
			SchoolID: formInt(c, "child_school_"+n), NeedsQuiet: c.FormValue("child_quiet_"+n) != "", NeedsStepFree: c.FormValue("child_step_free_"+n) != ""})
	}
	return in, rows
}

// formFields renames a referral's record problems from the API's JSON
// paths to the form's fields. On the form, the prison and schools are
// choices from a list, so an unknown one reads "choose one of the options".
func formFields(err error, rows []int) error {
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	for i, f := range ve.Fields {
		var child int
		switch {
		case f.Key == "api.err.unknown_prison":
			ve.Fields[i].Key = "err.choice"
		case f.Key == "api.err.unknown_school":
			if _, err := fmt.Sscanf(f.Field, "children[%d].school_id", &child); err == nil && child < len(rows) {
				ve.Fields[i] = domain.FieldError{Field: "child_school_" + strconv.Itoa(rows[child]), Key: "err.choice"}
			}
		}
	}
	return ve
}

func formInt(c echo.Context, name string) int64 {
	v, _ := strconv.ParseInt(strings.TrimSpace(c.FormValue(name)), 10, 64)
	return v
}

func formInts(c echo.Context, name string) []int64 {
	form, _ := c.FormParams()
	var out []int64
	for _, v := range form[name] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}
