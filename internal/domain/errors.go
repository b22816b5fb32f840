package domain

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrNotFound is returned by stores when a record does not exist.
var ErrNotFound = errors.New("not found")

// Gate names one of the workflow's safeguards. A GateError says which one
// stopped a step, so the coordinator knows what to do next.
type Gate string

const (
	GateConsent    Gate = "carer_consent"
	GateAgreement  Gate = "head_agreement"
	GateAwareness  Gate = "awareness_session"
	GateVoice      Gate = "child_voice"
	GateClearance  Gate = "clearance"
	GateInCustody  Gate = "in_custody"
	GateSchool     Gate = "school"
	GateOpen       Gate = "case_open"
	GateChildren   Gate = "children_attending"
	GateNotAllowed Gate = "not_allowed"
)

// GateError refuses a step taken out of order. Key is a catalogue message ID
// and Params fill it, so the refusal reads the same in English and Welsh.
type GateError struct {
	Gate   Gate
	Key    string
	Params map[string]any
}

func (e *GateError) Error() string {
	return fmt.Sprintf("gate %s not met (%s%s)", e.Gate, e.Key, formatParams(e.Params))
}

func gate(g Gate, key string, params map[string]any) *GateError {
	return &GateError{Gate: g, Key: key, Params: params}
}

// FieldError is one bad form or API field: the field's name, a catalogue key
// saying what is wrong and how to fix it, and the key's parameters.
type FieldError struct {
	Field  string
	Key    string
	Params map[string]any
}

// ValidationError collects every bad field of one input, so a form can show
// all its problems at once rather than one per submit.
type ValidationError struct{ Fields []FieldError }

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Key + formatParams(f.Params)
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Field returns the error for name, if any; templates use it beside inputs.
func (e *ValidationError) Field(name string) (FieldError, bool) {
	if e == nil {
		return FieldError{}, false
	}
	for _, f := range e.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldError{}, false
}

// Problems accumulates field errors while validating.
type Problems struct{ fields []FieldError }

// Add records a problem with field.
func (p *Problems) Add(field, key string, params ...map[string]any) {
	var pm map[string]any
	if len(params) > 0 {
		pm = params[0]
	}
	p.fields = append(p.fields, FieldError{Field: field, Key: key, Params: pm})
}

// Err returns nil when nothing was wrong, else a *ValidationError.
func (p *Problems) Err() error {
	if len(p.fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: p.fields}
}

func formatParams(p map[string]any) string {
	if len(p) == 0 {
		return ""
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, p[k])
	}
	return b.String()
}
