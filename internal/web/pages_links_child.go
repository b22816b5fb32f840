package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// linkChildPage is a carer's form for one child's views: whether they want
// to come, which teacher, and who at school may know. It asks the same
// questions as the staff page, and nothing about any other family.
type linkChildPage struct {
	Layout
	Token string
	Child domain.Child
	Staff []domain.Teacher
}

// StaffOptions are the child's school's staff as choices.
func (p *linkChildPage) StaffOptions() []Option {
	var out []Option
	for _, t := range p.Staff {
		out = append(out, Option{Value: strconv.FormatInt(t.ID, 10), Label: t.Name + " – " + p.T("teacher_role."+string(t.Role))})
	}
	return out
}

// Current is the child's views on record as form values, so the carer
// changes what is there rather than starting again.
func (p *linkChildPage) Current() url.Values {
	ch := p.Child
	v := url.Values{"wants_to_attend": {string(ch.WantsToAttend)}, "obtained_how": {ch.ViewsObtainedHow}}
	if ch.PreferredTeacherID != 0 {
		v["preferred_teacher_id"] = []string{strconv.FormatInt(ch.PreferredTeacherID, 10)}
	}
	for _, d := range ch.MayKnow {
		v["may_know"] = append(v["may_know"], strconv.FormatInt(d.TeacherID, 10))
		v["approved_by"] = []string{d.ApprovedBy}
	}
	return v
}

// linkChild finds one of the link's own family's children, with their
// school's staff. Any other child is not found.
func (s *Server) linkChild(c echo.Context, l store.PersonalLink) (*linkChildPage, error) {
	if l.Kind != "carer" {
		return nil, domain.ErrNotFound
	}
	ctx := c.Request().Context()
	cs, err := s.store.Case(ctx, domain.Unrestricted, l.FamilyID)
	if err != nil {
		return nil, err
	}
	id, _ := strconv.ParseInt(c.Param("child"), 10, 64)
	for _, ch := range cs.Children {
		if ch.ID != id {
			continue
		}
		for _, cr := range cs.Carers {
			if cr.ID == l.RecipientID {
				linkLang(c, i18n.Lang(cr.Lang))
			}
		}
		p := &linkChildPage{Layout: s.layout(c, "links.child_title"), Token: c.Param("token"), Child: ch}
		if p.Staff, err = s.store.Teachers(ctx, ch.SchoolID); err != nil {
			return nil, err
		}
		return p, nil
	}
	return nil, domain.ErrNotFound
}

func (s *Server) linkChildForm(c echo.Context, l store.PersonalLink, _ string) error {
	p, err := s.linkChild(c, l)
	if err != nil {
		return err
	}
	p.Form = p.Current()
	return s.render(c, http.StatusOK, "link_child", p)
}

// linkChildSave records the child's views through RecordVoiceByLink: the
// domain's DecideVoice checks them as it does for staff, and the store
// checks the link and settles the family in one transaction.
func (s *Server) linkChildSave(c echo.Context, l store.PersonalLink, hash string) error {
	p, err := s.linkChild(c, l)
	if err != nil {
		return err
	}
	in := domain.VoiceInput{ChildID: p.Child.ID, WantsToAttend: domain.Wish(c.FormValue("wants_to_attend")), PreferredTeacherID: formInt(c, "preferred_teacher_id"),
		MayKnow: formInts(c, "may_know"), ApprovedBy: c.FormValue("approved_by"), ObtainedHow: c.FormValue("obtained_how"), OccurredOn: s.today()}
	err = s.store.RecordVoiceByLink(c.Request().Context(), hash, func(cs domain.Case) (domain.Child, error) {
		return cs.DecideVoice(in, p.Staff, s.today())
	})
	if p.Fail(err) {
		return s.render(c, http.StatusBadRequest, "link_child", p)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/l/"+c.Param("token")+"?saved=1")
}

// Labelled gives a field built from a staff question the carer's wording,
// naming the child.
func (l *Layout) Labelled(f Field, labelID, child string) Field {
	f.Label = l.T(labelID, "Child", child)
	return f
}
