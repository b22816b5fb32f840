package web

import (
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
)

// checkForm holds every value of the query string (any route, page or API)
// and of a posted page form to the limits declared in domain (limits.go),
// before the handler sees any of it: no text that breaks them reaches a
// page's logic, a search, a log or the database. The API's bodies get the
// same check in decodeJSON (checkDecoded).
func (s *Server) checkForm(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var p domain.Problems
		checkValues(&p, c.QueryParams())
		if c.Request().Method == http.MethodPost && !isAPI(c) {
			// An unreadable form is left to the handler, which reports it.
			// FormParams holds the query too, already checked: PostForm is
			// the body alone, multipart or not.
			if _, err := c.FormParams(); err == nil {
				checkValues(&p, c.Request().PostForm)
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		return next(c)
	}
}

// checkValues checks every value of a query or form, in key order so the
// first problem named is always the same one.
func checkValues(p *domain.Problems, values url.Values) {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		domain.CheckCount(p, k, len(values[k]))
		for _, v := range values[k] {
			domain.CheckText(p, k, v)
		}
	}
}

// checkDecoded holds a decoded API body to the same limits as a form: every
// string, by its JSON path ("children[2].first_name"), and every list.
func checkDecoded(v any) error {
	var p domain.Problems
	walkJSON(&p, "", reflect.ValueOf(v))
	return p.Err()
}

func walkJSON(p *domain.Problems, path string, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkJSON(p, path, v.Elem())
		}
	case reflect.String:
		domain.CheckText(p, path, v.String())
	case reflect.Slice, reflect.Array:
		domain.CheckCount(p, path, v.Len())
		for i := range min(v.Len(), domain.ListLimitOf(path)) {
			walkJSON(p, path+"["+strconv.Itoa(i)+"]", v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if path != "" {
				name = path + "." + name
			}
			walkJSON(p, name, v.Field(i))
		}
	}
}

// fieldMessage translates one field problem. A limit's message names the
// field ({{.Field}}), because it may be shown away from the form: its
// parameter is the catalogue key of the field's name, translated here, or
// the field as sent when the catalogue has no name for it.
func fieldMessage(cat *i18n.Catalogue, lang i18n.Lang, f domain.FieldError) string {
	key, ok := f.Params["Field"].(string)
	if !ok || !strings.HasPrefix(key, "field.") {
		return cat.T(lang, f.Key, f.Params)
	}
	params := maps.Clone(f.Params)
	params["Field"] = f.Field
	if cat.Has(lang, key) {
		params["Field"] = cat.T(lang, key)
	}
	return cat.T(lang, f.Key, params)
}
