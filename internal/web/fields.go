package web

import (
	"fmt"
	"slices"
)

// Field is what the "input", "select" and "radios" partials draw: a label,
// a hint, the value to show and the field's error, wired together with
// aria-describedby so screen readers announce them.
type Field struct {
	Name, Label, Hint, Type, Value, Error, Autocomplete string
	// ErrorPrefix is the hidden "Error:" a screen reader hears before the
	// message, in the page's language.
	ErrorPrefix string
	Options     []Option
	Values      []string
	// Boxes are a checkbox group's options, each marked when chosen:
	// worked out once here, as a group may offer every prison.
	Boxes []Box
}

// Box is one checkbox of a group.
type Box struct {
	Value, Label string
	Checked      bool
}

// Option is one choice of a select or radio group.
type Option struct{ Value, Label string }

// Input builds a text-like field; value is used unless the form is being
// re-rendered, in which case what the user typed wins.
func (l *Layout) Input(name, labelID, typ string, value ...any) Field {
	f := Field{Name: name, Label: l.T(labelID), Type: typ, Error: l.Err(name)}
	if f.Error != "" {
		f.ErrorPrefix = l.T("form.error_prefix")
	}
	if len(value) > 0 && value[0] != nil {
		f.Value = fmt.Sprint(value[0])
	}
	// Passwords are never echoed back into a page.
	if l.Form != nil && typ != "password" {
		f.Value = l.Val(name)
	}
	switch typ {
	case "email":
		f.Autocomplete = "email"
	case "password":
		f.Autocomplete = "current-password"
	}
	return f
}

// Hinted adds a hint to a field.
func (l *Layout) Hinted(f Field, hintID string) Field { f.Hint = l.T(hintID); return f }

// Choice builds a select or radio field whose options are translated from
// prefix+value, e.g. Choice("route", "form.route", "route.", routes).
func (l *Layout) Choice(name, labelID, prefix string, values any, value ...any) Field {
	f := l.Input(name, labelID, "")
	if len(value) > 0 && l.Form == nil {
		f.Value = fmt.Sprint(value[0])
	}
	for _, v := range toStrings(values) {
		label := l.T(prefix + v)
		// The empty first choice of a select asks for a choice; it is not
		// an answer to translate.
		if v == "" {
			label = l.T("form.choose")
		}
		f.Options = append(f.Options, Option{Value: v, Label: label})
	}
	return f
}

// Pick builds a select from ready-made options, with an empty first choice.
func (l *Layout) Pick(name, labelID string, opts []Option, value ...any) Field {
	f := l.Input(name, labelID, "")
	if len(value) > 0 && l.Form == nil {
		f.Value = fmt.Sprint(value[0])
	}
	f.Options = append([]Option{{Value: "", Label: l.T("form.choose")}}, opts...)
	return f
}

func toStrings(values any) []string {
	var out []string
	switch vs := values.(type) {
	case []string:
		out = vs
	default:
		// Typed string slices from domain (roles, routes…).
		for _, v := range anySlice(vs) {
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}

// Checks builds a checkbox group over opts with the user's current choices.
func (l *Layout) Checks(name, labelID string, opts []Option, values ...string) Field {
	f := l.Input(name, labelID, "")
	f.Options, f.Values = opts, values
	if l.Form != nil {
		f.Values = l.Vals(name)
	}
	for _, o := range opts {
		f.Boxes = append(f.Boxes, Box{Value: o.Value, Label: o.Label, Checked: slices.Contains(f.Values, o.Value)})
	}
	return f
}
