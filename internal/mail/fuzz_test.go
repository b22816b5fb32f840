package mail

import (
	"errors"
	"testing"
)

// FuzzParseSMTPURL and FuzzParseIMAPURL: a URL from the command line or
// the environment parses or is refused with the package's own error,
// never panics, and what parses names a host and a port in range.
func FuzzParseSMTPURL(f *testing.F) {
	for _, s := range []string{"smtp://user:pass@mail.example:587?tls=starttls&from=a@b.example", "smtp://mail.example", "smtps://x:y@h:465", "smtp://h:0", "smtp://h:99999", "smtp://[::1]:25", "smtp://%zz@h", "", "smtp://"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseSMTPURL(s)
		if err != nil {
			if !errors.Is(err, ErrSMTPURL) {
				t.Fatalf("%q: error %v is not ErrSMTPURL", s, err)
			}
			return
		}
		if c.Host == "" || c.Port < 1 || c.Port > 65535 {
			t.Fatalf("%q accepted as %+v", s, c)
		}
	})
}

func FuzzParseIMAPURL(f *testing.F) {
	for _, s := range []string{"imaps://user:pass@imap.example:993/INBOX", "imap://u:p@h?tls=starttls", "imap://h:0", "imaps://h:99999/", "imap://%zz@h", "", "imap://"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseIMAPURL(s)
		if err != nil {
			if !errors.Is(err, ErrIMAPURL) {
				t.Fatalf("%q: error %v is not ErrIMAPURL", s, err)
			}
			return
		}
		if c.Host == "" || c.Port < 1 || c.Port > 65535 {
			t.Fatalf("%q accepted as %+v", s, c)
		}
	})
}
