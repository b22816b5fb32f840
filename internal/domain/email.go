package domain

import "net/mail"

// ValidEmail reports whether s is one bare email address and nothing else.
// net/mail alone also accepts "Name <a@b>" and "a@b (note)", which read as
// an address on a form but fail later as an SMTP recipient and in the
// outbox, so the parsed address must be exactly what was typed. Every
// place an address is entered (carers, schools, teachers, prisons,
// accounts) and the outbox use this one check.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// checkEmail reports a field whose non-blank address is not valid.
func checkEmail(p *Problems, field, v string) {
	if v != "" && !ValidEmail(v) {
		p.Add(field, "err.email")
	}
}
