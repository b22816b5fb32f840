package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/textproto"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Transport delivers one stored message to one recipient.
type Transport interface {
	Deliver(ctx context.Context, to string, eml []byte) error
}

// PermanentError is a delivery failure that retrying will not fix, such as
// a 5xx reply to RCPT TO (no such mailbox) or to the message itself.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// SMTP is a Transport that sends the stored bytes unchanged. go-mail sets
// up the connection (TLS policy, AUTH); the transaction itself uses the
// low-level client, because go-mail's Send would re-render the message.
type SMTP struct {
	cfg SMTPConfig
	// TLSConfig overrides the default (verify the server's certificate
	// against Host); tests use it to trust a local certificate.
	TLSConfig *tls.Config
	// Timeout bounds connecting and each command; zero means 30s.
	Timeout time.Duration
}

// NewSMTP returns a transport for cfg, as ParseSMTPURL returns it.
func NewSMTP(cfg SMTPConfig) *SMTP { return &SMTP{cfg: cfg} }

// Deliver sends eml to the single recipient to. Connection and
// authentication problems, and 4xx replies, are returned as plain errors
// (retry later); a 5xx reply to RCPT or DATA is a *PermanentError. A 5xx
// while logging in is not permanent: it is the same for every message and
// is fixed by correcting the configuration, not by dropping mail.
func (s *SMTP) Deliver(ctx context.Context, to string, eml []byte) error {
	client, err := s.client()
	if err != nil {
		return err
	}
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("mail: connect to %s:%d: %w", s.cfg.Host, s.cfg.Port, err)
	}
	defer client.CloseWithSMTPClient(conn)

	if err := conn.Mail("<" + s.cfg.From + ">"); err != nil {
		return fmt.Errorf("mail: MAIL FROM refused: %w", err)
	}
	if err := conn.Rcpt("<" + to + ">"); err != nil {
		return classify(fmt.Errorf("mail: RCPT TO refused: %w", err))
	}
	w, err := conn.Data()
	if err != nil {
		return classify(fmt.Errorf("mail: DATA: %w", err))
	}
	if _, err := w.Write(eml); err != nil {
		w.Close()
		return fmt.Errorf("mail: write message: %w", err)
	}
	if err := w.Close(); err != nil {
		return classify(fmt.Errorf("mail: message refused: %w", err))
	}
	return nil
}

func (s *SMTP) client() (*gomail.Client, error) {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(timeout)}
	switch s.cfg.TLS {
	case ImplicitTLS:
		opts = append(opts, gomail.WithSSL())
	case NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(s.TLSConfig))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP client for %s: %w", s.cfg.Host, err)
	}
	return c, nil
}

// classify marks 5xx replies as permanent.
func classify(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 && te.Code < 600 {
		return &PermanentError{Err: err}
	}
	return err
}
