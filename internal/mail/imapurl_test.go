package mail

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseIMAPURL(t *testing.T) {
	good := []struct {
		raw  string
		want IMAPConfig
	}{
		{"imaps://org%40prison.example:s3cret@mail.example", IMAPConfig{Host: "mail.example", Port: 993, Username: "org@prison.example", Password: "s3cret", TLS: ImplicitTLS, Mailbox: "INBOX"}},
		{"imap://u:pw123456@mail.example/Calendar%20replies", IMAPConfig{Host: "mail.example", Port: 143, Username: "u", Password: "pw123456", TLS: StartTLS, Mailbox: "Calendar replies"}},
		{"imap://u:pw123456@127.0.0.1:1143?tls=none", IMAPConfig{Host: "127.0.0.1", Port: 1143, Username: "u", Password: "pw123456", TLS: NoTLS, Mailbox: "INBOX"}},
	}
	for _, tt := range good {
		got, err := ParseIMAPURL(tt.raw)
		require.NoError(t, err, tt.raw)
		assert.Equal(t, tt.want, got)
		assert.NotContains(t, got.String(), tt.want.Password, "logs never show the password")
	}
	bad := []string{
		"pop3://u:p@mail.example", "imap://mail.example", "imap://u:p@", "imap://u:p@mail.example?tls=none",
		"imap://u:p@mail.example?tsl=tls", "imaps://u:p@mail.example?tls=starttls", "imap://u:p@mail.example:99999",
		"imap://u:p@mail.example?tls=sometimes", "imap://u:s3cret@[::1",
	}
	for _, raw := range bad {
		_, err := ParseIMAPURL(raw)
		require.Error(t, err, raw)
		assert.True(t, errors.Is(err, ErrIMAPURL), raw)
		assert.NotContains(t, err.Error(), "s3cret", "errors never repeat the password")
	}
}
