package mail

import (
	"errors"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
)

// emailLike matches anything shaped like an address, including a bare
// local@domain inside angle brackets or quotes.
var emailLike = regexp.MustCompile(`[^\s<>"'(),;:\[\]]+@[^\s<>"'(),;:\[\]]+`)

// Redact replaces every email address in s with "[address]". Server logs
// must carry no personal data, and errors from SMTP and from the outbox
// are apt to quote the recipient.
func Redact(s string) string { return emailLike.ReplaceAllString(s, "[address]") }

// enhancedCode matches an RFC 3463 status such as 5.1.1 at the start of an
// SMTP reply's text.
var enhancedCode = regexp.MustCompile(`^[245]\.\d{1,3}\.\d{1,3}\b`)

// LogSafe is what a delivery error may say in the server log: our own
// context and the server's reply code, never the reply's free text, which
// servers fill with the recipient's address and sometimes their name
// ("550 5.1.1 <r.davies@…>: Rhian Davies unknown"). The full reply stays
// on the outbox row, where the coordinator who sees the address anyway
// can read it.
func LogSafe(err error) string {
	msg := err.Error()
	var te *textproto.Error
	if !errors.As(err, &te) {
		return Redact(msg)
	}
	reply := strconv.Itoa(te.Code)
	if code := enhancedCode.FindString(te.Msg); code != "" {
		reply += " " + code
	}
	if i := strings.Index(msg, te.Error()); i >= 0 {
		msg = msg[:i]
	} else {
		msg = ""
	}
	return Redact(msg) + reply + " (reply text withheld)"
}
