package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London must not depend on the host's zoneinfo

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/templates"
)

var london = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return l
}()

// Layout is embedded in every page struct: the common frame (title,
// language, user, CSRF token) plus the form state for re-rendering a form
// with its errors and the values the user typed.
type Layout struct {
	Lang    i18n.Lang
	TitleID string
	User    *domain.User
	CSRF    string
	Path    string
	Flash   string
	// FlashRefs are the references (FAM-0012, SCH-0001) a flash message
	// lists as {{.Refs}}, joined for reading.
	FlashRefs string
	Form      url.Values
	Errors    *domain.ValidationError
	Gate      *domain.GateError
	cat       *i18n.Catalogue
	// councilsCy are the Welsh names recorded for councils, by name, on a
	// Welsh page that shows councils only by name (figures, cost reports).
	councilsCy map[string]string
}

func (s *Server) layout(c echo.Context, titleID string) Layout {
	csrf, _ := c.Get("csrf").(string)
	l := Layout{Lang: langOf(c), TitleID: titleID, User: currentUser(c), CSRF: csrf, Path: c.Request().URL.Path, cat: s.cat}
	if f, err := c.Cookie("flash"); err == nil {
		l.Flash = f.Value
		c.SetCookie(&http.Cookie{Name: "flash", Path: "/", MaxAge: -1})
	}
	if f, err := c.Cookie("flash_refs"); err == nil {
		var refs []string
		for _, r := range strings.Split(f.Value, ".") {
			if flashRef.MatchString(r) {
				refs = append(refs, r)
			}
		}
		l.FlashRefs = strings.Join(refs, ", ")
		c.SetCookie(&http.Cookie{Name: "flash_refs", Path: "/", MaxAge: -1})
	}
	if c.Request().Method == http.MethodPost {
		if form, err := c.FormParams(); err == nil {
			l.Form = form
		}
	}
	return l
}

// T translates a message ID; args are name/value pairs for its placeholders.
func (l *Layout) T(id string, args ...any) string { return l.cat.T(l.Lang, id, pairs(args)) }

// N translates a plural message for count.
func (l *Layout) N(id string, count int, args ...any) string {
	return l.cat.N(l.Lang, id, count, pairs(args))
}

// YearGroup gives a year group as typed ("Year 4") in the page's language.
func (l *Layout) YearGroup(typed string) string { return l.cat.YearGroup(l.Lang, typed) }

// PrisonName gives a prison's name in the page's language ("HMP Glanfa" is
// "CEF Glanfa" in Welsh).
func (l *Layout) PrisonName(name string) string { return i18n.Prison(l.Lang, name) }

// CouncilName gives a local authority's name in the page's language
// ("Cardiff" is "Caerdydd" in Welsh).
func (l *Layout) CouncilName(name string) string {
	return i18n.Council(l.Lang, name, l.councilsCy[name])
}

// withCouncilNames lets CouncilName use the Welsh names recorded for
// councils, on a Welsh page whose figures name councils only by name. An
// English page needs no query.
func (s *Server) withCouncilNames(ctx context.Context, l *Layout) (err error) {
	l.councilsCy, err = s.councilsCy(ctx, l.Lang)
	return err
}

// councilsCy are the Welsh names recorded for councils, by name, for a
// Welsh reader; nil for an English one.
func (s *Server) councilsCy(ctx context.Context, lang i18n.Lang) (map[string]string, error) {
	if lang != i18n.Welsh {
		return nil, nil
	}
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, la := range las {
		if la.NameCy != "" {
			out[la.Name] = la.NameCy
		}
	}
	return out, nil
}

// CouncilNameOf is CouncilName where the authority's recorded Welsh name
// is at hand: it wins over the statutory one.
func (l *Layout) CouncilNameOf(name, welsh string) string { return i18n.Council(l.Lang, name, welsh) }

// Title is the page title, translated. A page showing a form's errors says
// so first, so a screen reader hears it before anything else (GOV.UK).
func (l *Layout) Title() string {
	if l.Errors != nil && len(l.Errors.Fields) > 0 || l.Gate != nil {
		return l.T("form.error_title", "Title", l.T(l.TitleID))
	}
	return l.T(l.TitleID)
}

// Err is the translated error for a form field, or "".
func (l *Layout) Err(field string) string {
	f, ok := l.Errors.Field(field)
	if !ok {
		return ""
	}
	return l.fieldMsg(f)
}

// fieldMsg names the field in its message: a rule's key followed by the
// field ("err.required.title") is the specific message where the catalogue
// has one, so "Enter the showcase's title" rather than "Enter this
// information" beside every box. The rule's own message is the fallback.
func (l *Layout) fieldMsg(f domain.FieldError) string {
	if id := f.Key + "." + f.Field; l.cat.Has(l.Lang, id) {
		return l.cat.T(l.Lang, id, f.Params)
	}
	return fieldMessage(l.cat, l.Lang, f)
}

// ErrorList is every field error, translated, for the error summary at the
// top of a form (GOV.UK pattern: it links to each field).
func (l *Layout) ErrorList() []FieldMsg {
	if l.Errors == nil {
		return nil
	}
	var out []FieldMsg
	for _, f := range l.Errors.Fields {
		out = append(out, FieldMsg{Field: f.Field, Msg: l.fieldMsg(f)})
	}
	return out
}

// GateMsg is the translated refusal of a step taken out of order.
func (l *Layout) GateMsg() string {
	if l.Gate == nil {
		return ""
	}
	return l.cat.T(l.Lang, l.Gate.Key, l.Gate.Params)
}

// FieldMsg is one line of a form's error summary.
type FieldMsg struct{ Field, Msg string }

// Val is the value the user typed into field, for re-rendering after an error.
func (l *Layout) Val(field string) string { return l.Form.Get(field) }

// Vals are the values of a multi-value field.
func (l *Layout) Vals(field string) []string { return l.Form[field] }

// Problem adds a field error to the page.
func (l *Layout) Problem(field, key string) {
	if l.Errors == nil {
		l.Errors = &domain.ValidationError{}
	}
	l.Errors.Fields = append(l.Errors.Fields, domain.FieldError{Field: field, Key: key})
}

// Fail puts a validation or gate error on the page and reports whether it
// was one; any other error is for the error handler.
func (l *Layout) Fail(err error) bool {
	var ve *domain.ValidationError
	var ge *domain.GateError
	switch {
	case errors.As(err, &ve):
		l.Errors = ve
		return true
	case errors.As(err, &ge):
		l.Gate = ge
		return true
	}
	return false
}

// Can reports whether the signed-in user has one of the roles.
func (l *Layout) Can(roles ...string) bool {
	if l.User == nil {
		return false
	}
	for _, r := range roles {
		if string(l.User.Role) == r {
			return true
		}
	}
	return false
}

// Date formats a YYYY-MM-DD or time value in the page's language.
func (l *Layout) Date(v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x.In(london)
	case string:
		p, err := time.Parse("2006-01-02", x)
		if err != nil {
			return x
		}
		t = p
	default:
		return fmt.Sprint(v)
	}
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", t.Day(), l.T(fmt.Sprintf("month.%d", int(t.Month()))), t.Year())
}

// Time formats a time of day in UK local time.
func (l *Layout) Time(t time.Time) string { return t.In(london).Format("15:04") }

func pairs(args []any) map[string]any {
	if len(args) == 0 {
		return nil
	}
	m := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		m[fmt.Sprint(args[i])] = args[i+1]
	}
	return m
}

// views holds one parsed template set per page: layout plus the page.
type views struct{ pages map[string]*template.Template }

var funcs = template.FuncMap{
	"str":  func(v any) string { return fmt.Sprint(v) },
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"list": func(v ...string) []string { return v },
}

// parseViews parses every page at start-up so a broken template stops the
// app rather than failing on a request.
func parseViews(cat *i18n.Catalogue) (*views, error) {
	v := &views{pages: map[string]*template.Template{}}
	files, err := fs.Glob(templates.FS, "pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templates.FS, "layout.html", f)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// page is implemented by every page struct through its embedded Layout.
type page interface{ base() *Layout }

func (l *Layout) base() *Layout { return l }

func (s *Server) render(c echo.Context, status int, name string, p page) error {
	t, ok := s.views.pages[name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// flash shows a one-off confirmation on the next page (POST/redirect/GET).
func flash(c echo.Context, msgID string, refs ...string) {
	c.SetCookie(&http.Cookie{Name: "flash", Value: msgID, Path: "/", MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	if len(refs) > 0 {
		c.SetCookie(&http.Cookie{Name: "flash_refs", Value: strings.Join(refs, "."), Path: "/", MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
}

// flashRef is the shape of a reference a flash may list: references only,
// never a name, travel in the cookie.
var flashRef = regexp.MustCompile(`^[A-Z]{3}-\d{4,}$`)

func staticFS() fs.FS {
	sub, err := fs.Sub(templates.FS, "static")
	if err != nil {
		panic(err)
	}
	return sub
}
