package mail

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSMTPURL(t *testing.T) {
	tests := []struct {
		raw  string
		want SMTPConfig
	}{
		{"smtp://user:p%40ss@mail.example:2525?tls=starttls&from=coordinator@prison.example",
			SMTPConfig{Host: "mail.example", Port: 2525, Username: "user", Password: "p@ss", TLS: StartTLS, From: "coordinator@prison.example"}},
		{"smtp://mail.example?from=c@prison.example",
			SMTPConfig{Host: "mail.example", Port: 587, TLS: StartTLS, From: "c@prison.example"}},
		{"smtps://u:p@mail.example?from=c@prison.example",
			SMTPConfig{Host: "mail.example", Port: 465, Username: "u", Password: "p", TLS: ImplicitTLS, From: "c@prison.example"}},
		{"smtp://mail.example?tls=TLS&from=c@prison.example",
			SMTPConfig{Host: "mail.example", Port: 465, TLS: ImplicitTLS, From: "c@prison.example"}},
		{"smtp://relay.internal?tls=none&from=c@prison.example",
			SMTPConfig{Host: "relay.internal", Port: 25, TLS: NoTLS, From: "c@prison.example"}},
		{"smtp://u:p@127.0.0.1:1025?tls=none&from=c@prison.example",
			SMTPConfig{Host: "127.0.0.1", Port: 1025, Username: "u", Password: "p", TLS: NoTLS, From: "c@prison.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := ParseSMTPURL(tt.raw)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseSMTPURLErrors(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"http://mail.example?from=c@prison.example", `scheme must be smtp or smtps, not "http"`},
		{"smtp://?from=c@prison.example", "no host"},
		{"smtp://mail.example:99999?from=c@prison.example", `port "99999"`},
		{"smtp://mail.example?tls=ssl&from=c@prison.example", `tls must be starttls, tls or none, not "ssl"`},
		{"smtp://mail.example?tsl=none&from=c@prison.example", "unknown parameter(s) tsl"},
		{"smtps://mail.example?tls=none&from=c@prison.example", "smtps:// means tls=tls"},
		{"smtp://mail.example", "from=address is required"},
		{"smtp://mail.example?from=coordinator", `from "coordinator" is not a bare email address`},
		{"smtp://u:secret@mail.example?tls=none&from=c@prison.example", "would send the password in clear"},
		{"smtp://:secret@mail.example?from=c@prison.example", "password given without a user name"},
		{"smtp://mail.example/x?from=c@prison.example", `unexpected path "/x"`},
		{"smtp://u:secret@mail.example:bad?from=c@prison.example", "cannot parse"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			_, err := ParseSMTPURL(tt.raw)
			require.ErrorIs(t, err, ErrSMTPURL)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "secret", "errors end up in logs: no passwords")
		})
	}
}

func TestSMTPConfigStringHidesPassword(t *testing.T) {
	cfg, err := ParseSMTPURL("smtp://user:secret@mail.example?from=c@prison.example")
	require.NoError(t, err)
	assert.NotContains(t, cfg.String(), "secret")
	assert.Contains(t, cfg.String(), "user:xxxxx@mail.example:587")
}
