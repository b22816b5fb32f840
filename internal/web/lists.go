package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// listFilter reads a family list's filters and cursor from the query
// string, the same for pages (a GET form, so it works without JavaScript)
// and the API: stage, prison, school, event, attention=1, q, after, limit.
// A value that is not a number or a stage filters nothing rather than
// failing: a list is never a dead end.
func listFilter(c echo.Context) store.FamilyFilter {
	num := func(k string) int64 {
		n, _ := strconv.ParseInt(strings.TrimSpace(c.QueryParam(k)), 10, 64)
		return max(n, 0)
	}
	f := store.FamilyFilter{PrisonID: num("prison"), SchoolID: num("school"), EventID: num("event"), After: num("after"),
		Limit: int(num("limit")), Attention: c.QueryParam("attention") == "1", Query: strings.TrimSpace(c.QueryParam("q"))}
	for _, st := range c.QueryParams()["stage"] {
		if slices.Contains(domain.Stages, domain.Stage(st)) {
			f.Stages = append(f.Stages, domain.Stage(st))
		}
	}
	return f
}

// listForm is what a page's filter form shows and the links it makes.
type listForm struct {
	Path   string
	Filter store.FamilyFilter
	Next   int64
	// The options of the prison, school and showcase filters, on a page
	// that offers them (the family list); a page without them keeps those
	// filters as they came, in hidden fields.
	Choices                  bool
	Prisons, Schools, Events []Option
	// EventsHint, when set, says why the showcase filter offers only
	// some showcases and how to find the others.
	EventsHint string
}

// listDropdown is one of the prison, school and showcase filters.
type listDropdown struct {
	Name, LabelID string
	Options       []listOption
	// HintID, when set, says how to get more options.
	HintID string
}

type listOption struct {
	Value, Label string
	Selected     bool
}

// Dropdowns are the prison, school and showcase filters with the current
// choice selected; the prison's only when there is a choice of prisons.
func (l listForm) Dropdowns() []listDropdown {
	var out []listDropdown
	for _, d := range []struct {
		name, label string
		opts        []Option
		cur         int64
	}{{"prison", "lists.prison", l.Prisons, l.Filter.PrisonID}, {"school", "lists.school", l.Schools, l.Filter.SchoolID},
		{"event", "lists.event", l.Events, l.Filter.EventID}} {
		if len(d.opts) == 0 {
			continue
		}
		dd := listDropdown{Name: d.name, LabelID: d.label}
		if d.name == "event" {
			dd.HintID = l.EventsHint
		}
		for _, o := range d.opts {
			sel := o.Value == "" && d.cur == 0 || o.Value == strconv.FormatInt(d.cur, 10)
			dd.Options = append(dd.Options, listOption{Value: o.Value, Label: o.Label, Selected: sel})
		}
		out = append(out, dd)
	}
	return out
}

// Selected says whether st is among the filter's stages.
func (l listForm) Selected(st domain.Stage) bool { return slices.Contains(l.Filter.Stages, st) }

// Stages are the options of the stage filter.
func (l listForm) Stages() []domain.Stage { return domain.Stages }

// query is the filter as a query string, with the cursor after.
func (l listForm) query(after int64) string {
	v := url.Values{}
	for _, st := range l.Filter.Stages {
		v.Add("stage", string(st))
	}
	for k, n := range map[string]int64{"prison": l.Filter.PrisonID, "school": l.Filter.SchoolID, "event": l.Filter.EventID, "after": after} {
		if n != 0 {
			v.Set(k, strconv.FormatInt(n, 10))
		}
	}
	if l.Filter.Limit != 0 {
		v.Set("limit", strconv.Itoa(l.Filter.Limit))
	}
	if l.Filter.Attention {
		v.Set("attention", "1")
	}
	if l.Filter.Query != "" {
		v.Set("q", l.Filter.Query)
	}
	if len(v) == 0 {
		return l.Path
	}
	return l.Path + "?" + v.Encode()
}

// NextURL is the next page's address, "" on the last page.
func (l listForm) NextURL() string {
	if l.Next == 0 {
		return ""
	}
	return l.query(l.Next)
}

// FirstURL is the first page's address with the same filters, "" when
// this is the first page.
func (l listForm) FirstURL() string {
	if l.Filter.After == 0 {
		return ""
	}
	return l.query(0)
}

// setNext tells an API client where the next page starts: the cursor in a
// Next-Cursor header, and the whole address in a Link header (RFC 8288),
// so the body stays the plain list it always was. The last page has
// neither.
func setNext(c echo.Context, next int64) {
	if next == 0 {
		return
	}
	q := c.Request().URL.Query()
	q.Set("after", strconv.FormatInt(next, 10))
	h := c.Response().Header()
	h.Set("Next-Cursor", strconv.FormatInt(next, 10))
	h.Set("Link", "<"+c.Request().URL.Path+"?"+q.Encode()+`>; rel="next"`)
}

// rowsPerPage is how many showcases a list of them shows at once.
const rowsPerPage = 50

// pager links the next and first pages of a list that pages by the ID of
// the last row shown (?after=).
type pager struct {
	Page              *Layout
	NextURL, FirstURL string
}

// newPager links path's next page (after the cursor next, 0 for none) and
// its first (when back).
func newPager(l *Layout, path string, next int64, back bool) pager {
	pg := pager{Page: l}
	if next != 0 {
		pg.NextURL = path + "?after=" + strconv.FormatInt(next, 10)
	}
	if back {
		pg.FirstURL = path
	}
	return pg
}

// pageAfter cuts a list read whole into pages: the n items after the one
// whose ID is the cursor after (from the start when there is none or it
// names no item), the next page's cursor (0 on the last), and whether this
// is a later page. It is for lists of a few hundred rows at most, where
// the cost is in drawing them.
func pageAfter[T any](items []T, id func(T) int64, after string, n int) (page []T, next int64, later bool) {
	from := 0
	if a, err := strconv.ParseInt(after, 10, 64); err == nil && a > 0 {
		if i := slices.IndexFunc(items, func(x T) bool { return id(x) == a }); i >= 0 {
			from, later = i+1, true
		}
	}
	end := min(len(items), from+n)
	if end < len(items) {
		next = id(items[end-1])
	}
	return items[from:end], next, later
}
