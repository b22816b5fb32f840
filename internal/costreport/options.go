package costreport

import (
	"strings"
	"sync"
	"time"

	"schoolzone/internal/costs"
	"schoolzone/internal/i18n"
)

// Options controls language and time for every writer in the package.
type Options struct {
	Lang i18n.Lang
	// Catalogue translates headers and labels; nil loads the embedded one.
	Catalogue *i18n.Catalogue
	// Now stamps the workbook's document properties, so output is
	// reproducible in tests (never time.Now inside the writers).
	Now time.Time
	// Location is where dates are read as wall-clock dates; nil means
	// Europe/London.
	Location *time.Location
	// CouncilsCy are the Welsh names recorded for councils, by name, for
	// reports that name councils only by name (commissioner reports). A
	// council without one has its statutory Welsh name (i18n.Council).
	CouncilsCy map[string]string
}

var (
	defaultCat     *i18n.Catalogue
	defaultCatOnce sync.Once
)

func (o Options) cat() *i18n.Catalogue {
	if o.Catalogue != nil {
		return o.Catalogue
	}
	defaultCatOnce.Do(func() { defaultCat = i18n.MustLoad() })
	return defaultCat
}

func (o Options) loc() *time.Location {
	if o.Location != nil {
		return o.Location
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC // only without tzdata; main embeds time/tzdata
	}
	return loc
}

// naive converts t to the report's zone and drops the zone, because Excel
// dates have none and excelize would otherwise shift them (excelize #409).
func (o Options) naive(t time.Time) time.Time {
	t = t.In(o.loc())
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// labels translates the enumerations the reports show.
type labels struct {
	c          *i18n.Catalogue
	lang       i18n.Lang
	councilsCy map[string]string
}

func (o Options) labels() labels { return labels{o.cat(), o.Lang, o.CouncilsCy} }

func (l labels) t(id string, data ...map[string]any) string {
	return l.c.T(l.lang, "costs."+id, data...)
}

func (l labels) category(c costs.Category) string {
	if !c.Valid() {
		return string(c)
	}
	return l.t("category." + string(c))
}

func (l labels) bearer(b costs.Bearer) string {
	if !b.Valid() {
		return string(b)
	}
	return l.t("bearer." + string(b))
}

func (l labels) source(s costs.Source) string {
	if !s.Valid() {
		return string(s)
	}
	return l.t("source." + string(s))
}

func (l labels) yesNo(b bool) string {
	if b {
		return l.t("yes")
	}
	return l.t("no")
}

// or returns s, or the translated "none" label for kind when s is empty.
func (l labels) or(s, kind string) string {
	if s == "" {
		return l.t("none." + kind)
	}
	return s
}

// prison is a prison's name in the report's language ("CEF Parc").
func (l labels) prison(name string) string { return i18n.Prison(l.lang, name) }

// la is a local authority's name in the report's language ("Caerdydd"),
// or the "none" label.
func (l labels) la(name string) string {
	return l.or(i18n.Council(l.lang, name, l.councilsCy[name]), "la")
}

// schoolType names a school type ("primary") in the report's language,
// or gives the "none" label; a type the catalogue does not know is shown
// as it is.
func (l labels) schoolType(key string) string {
	if key != "" && l.c.Has(l.lang, "school_type."+key) {
		return l.c.T(l.lang, "school_type."+key)
	}
	return l.or(key, "school_type")
}

// unit names a cost line's unit ("mile", "half day") in the report's
// language; a unit typed by hand is shown as typed.
func (l labels) unit(u string) string {
	id := "costs.unit." + strings.ReplaceAll(u, " ", "_")
	if u != "" && l.c.Has(l.lang, id) {
		return l.c.T(l.lang, id)
	}
	return u
}

func (l labels) categoryKey(key string) string { return l.category(costs.Category(key)) }

func (l labels) bearerKey(key string) string { return l.bearer(costs.Bearer(key)) }

// period labels a key from costs.AcademicTerm ("2024/25-autumn") or
// costs.HalfYear ("2025-H1"); unknown keys are shown as they are.
func (l labels) period(key string) string {
	for i := len(key) - 1; i > 0; i-- {
		if key[i] == '-' {
			switch part := key[i+1:]; part {
			case "autumn", "spring", "summer", "H1", "H2":
				return l.t("period."+part, map[string]any{"Year": key[:i]})
			}
			break
		}
	}
	return key
}
