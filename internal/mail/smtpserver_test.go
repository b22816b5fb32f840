package mail_test

import (
	"io"
	"net"
	"strconv"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/mail"
)

// received is one message as the test server accepted it.
type received struct {
	From string
	To   []string
	Data []byte
}

// smtpServer is a real SMTP server on 127.0.0.1 that keeps what it
// receives in memory, and can be told to refuse the next deliveries.
type smtpServer struct {
	mu       sync.Mutex
	got      []received
	refuse   int             // refuse this many DATA commands...
	refusal  *smtp.SMTPError // ...with this reply
	rcptFail *smtp.SMTPError // refuse every RCPT TO with this, if set
	cfg      mail.SMTPConfig
}

func startSMTP(t *testing.T) *smtpServer {
	t.Helper()
	srv := &smtpServer{}
	s := smtp.NewServer(srv)
	s.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	host, port, _ := net.SplitHostPort(l.Addr().String())
	p, _ := strconv.Atoi(port)
	srv.cfg = mail.SMTPConfig{Host: host, Port: p, TLS: mail.NoTLS, From: "bounces@prison.example"}
	return srv
}

func (srv *smtpServer) messages() []received {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return append([]received(nil), srv.got...)
}

func (srv *smtpServer) refuseNext(n int, e *smtp.SMTPError) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.refuse, srv.refusal = n, e
}

func (srv *smtpServer) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &session{srv: srv}, nil
}

type session struct {
	srv *smtpServer
	msg received
}

func (s *session) Reset()        { s.msg = received{} }
func (s *session) Logout() error { return nil }

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.msg.From = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if s.srv.rcptFail != nil {
		return s.srv.rcptFail
	}
	s.msg.To = append(s.msg.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if s.srv.refuse > 0 {
		s.srv.refuse--
		return s.srv.refusal
	}
	s.msg.Data = b
	s.srv.got = append(s.srv.got, s.msg)
	return nil
}

var tempFailure = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
