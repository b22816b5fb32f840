package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// apiStatus is an API refusal whose status handleError has no mapping for
// (415), or whose message must be more specific than the status's default
// (a failed login). handleError writes it, as it does every other error.
type apiStatus struct {
	Code  int
	Key   string
	Field string
}

func (e *apiStatus) Error() string { return fmt.Sprintf("api: %d %s", e.Code, e.Key) }

// decodeJSON reads the request body into v strictly: JSON only, one object,
// no fields the endpoint does not know. A typo in a field name must not be
// silently dropped, or a coordinator would believe a note was saved. Every
// problem becomes a *domain.ValidationError naming the field, so the client
// gets a 400 that says what to fix.
func decodeJSON(c echo.Context, v any) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != echo.MIMEApplicationJSON {
		return &apiStatus{Code: http.StatusUnsupportedMediaType, Key: "api.err.content_type"}
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		// The body limit middleware turns an oversized body into a 413 here.
		return fmt.Errorf("api: read body: %w", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return bodyProblem("", "api.err.json_empty", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonProblem(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return bodyProblem("", "api.err.json_trailing", nil)
	}
	return checkDecoded(v)
}

func bodyProblem(field, key string, params map[string]any) error {
	var p domain.Problems
	p.Add(field, key, params)
	return p.Err()
}

// jsonProblem explains a decoding error in the client's terms: which field,
// and what kind of value was expected there.
func jsonProblem(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return bodyProblem("", "api.err.json_syntax", map[string]any{"Offset": syn.Offset})
	case errors.Is(err, io.ErrUnexpectedEOF):
		return bodyProblem("", "api.err.json_incomplete", nil)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return bodyProblem("", "api.err.json_object", nil)
		}
		return bodyProblem(typ.Field, expected(typ.Field, typ.Type), map[string]any{"Field": typ.Field})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return bodyProblem(name, "api.err.unknown_field", map[string]any{"Field": name})
	}
	return bodyProblem("", "api.err.json_invalid", nil)
}

// expected picks the message describing the JSON value a field takes, with
// an example for dates and times since their format is the usual stumbling
// block. One message per kind keeps each sentence whole for translation.
func expected(field string, t reflect.Type) string {
	last := field[strings.LastIndex(field, ".")+1:]
	switch {
	case strings.HasSuffix(last, "_on") || last == "release_date" || last == "date":
		return "api.err.type_date"
	case last == "time":
		return "api.err.type_time"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "api.err.type_string"
	case reflect.Bool:
		return "api.err.type_bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "api.err.type_number"
	case reflect.Slice, reflect.Array:
		return "api.err.type_list"
	}
	return "api.err.type_object"
}
