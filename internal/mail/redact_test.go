package mail_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/textproto"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/mail"
)

// syncBuffer is a log destination safe for the sender's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// Servers echo the recipient, and sometimes their name, in their replies.
// Failed deliveries are logged, but the log never holds an address or a
// name: only the stage and the reply code.
func TestDeliveryFailuresLogNoAddressOrName(t *testing.T) {
	const to, name = "rhian.davies@school.example", "Rhian Davies"
	refusals := map[string]func(srv *smtpServer){
		"RCPT refused, permanent": func(srv *smtpServer) {
			srv.rcptFail = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "<" + to + ">: " + name + " unknown"}
		},
		"DATA refused, temporary": func(srv *smtpServer) {
			srv.refuseNext(1, &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "mailbox of " + name + " <" + to + "> busy"})
		},
	}
	for label, refuse := range refusals {
		t.Run(label, func(t *testing.T) {
			srv := startSMTP(t)
			refuse(srv)
			c := &clock{t: start}
			st := openStore(t, filepath.Join(t.TempDir(), "t.db"), c)
			id := enqueue(t, st, to)
			var logs syncBuffer
			s := newSender(st, srv, c)
			s.Log = slog.New(slog.NewJSONHandler(&logs, nil))

			_, failed := tick(t, s)
			require.Equal(t, 1, failed)
			out := logs.String()
			require.Contains(t, out, "outbox delivery failed", "the failure is logged")
			assert.Contains(t, out, fmt.Sprint(row(t, st, id).ID))
			for _, secret := range []string{to, "rhian", "school.example", name, "Davies"} {
				assert.NotContains(t, strings.ToLower(out), strings.ToLower(secret))
			}
			assert.Contains(t, row(t, st, id).LastError, name, "the coordinator still sees the server's full reply on the outbox page")
		})
	}
}

func TestLogSafe(t *testing.T) {
	reply := &textproto.Error{Code: 550, Msg: "5.1.1 <a.b@c.example>: Ann Bee unknown"}
	cases := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("mail: RCPT TO refused: %w", reply), "mail: RCPT TO refused: 550 5.1.1 (reply text withheld)"},
		{&mail.PermanentError{Err: fmt.Errorf("mail: DATA: %w", reply)}, "mail: DATA: 550 5.1.1 (reply text withheld)"},
		{errors.New(`store: enqueue to "Ann <a.b@c.example>"`), `store: enqueue to "Ann <[address]>"`},
		{errors.New("mail: connect to 127.0.0.1:25: connection refused"), "mail: connect to 127.0.0.1:25: connection refused"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, mail.LogSafe(tc.err))
	}
}
