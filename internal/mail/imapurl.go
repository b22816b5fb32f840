package mail

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// IMAPConfig is the organizer's mailbox, where calendar replies arrive.
type IMAPConfig struct {
	Host               string
	Port               int
	Username, Password string
	TLS                TLSMode
	Mailbox            string
}

// ErrIMAPURL marks every problem with the --imap URL.
var ErrIMAPURL = errors.New("invalid IMAP URL")

var imapPorts = map[TLSMode]int{StartTLS: 143, ImplicitTLS: 993, NoTLS: 143}

// ParseIMAPURL reads imap://user:pass@host:port/Mailbox?tls=starttls|tls|none,
// in the style of --smtp. The scheme imaps means tls=tls; the mailbox
// defaults to INBOX. A user name is required, since replies are private mail.
func ParseIMAPURL(raw string) (IMAPConfig, error) {
	fail := func(format string, a ...any) (IMAPConfig, error) {
		return IMAPConfig{}, fmt.Errorf("mail: %w: "+format, append([]any{ErrIMAPURL}, a...)...)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error repeats the URL, password included: say only what failed.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fail("cannot parse: %v", err)
	}
	cfg := IMAPConfig{Host: u.Hostname(), TLS: StartTLS, Mailbox: "INBOX"}
	switch u.Scheme {
	case "imap":
	case "imaps":
		cfg.TLS = ImplicitTLS
	default:
		return fail("scheme must be imap or imaps, not %q", u.Scheme)
	}
	if cfg.Host == "" {
		return fail("no host")
	}
	if box := strings.Trim(u.Path, "/"); box != "" {
		cfg.Mailbox = box
	}
	q := u.Query()
	var unknown []string
	for k := range q {
		if k != "tls" {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fail("unknown parameter(s) %s (want tls)", strings.Join(unknown, ", "))
	}
	if v := q.Get("tls"); v != "" {
		mode := TLSMode(strings.ToLower(v))
		if _, ok := imapPorts[mode]; !ok {
			return fail("tls must be starttls, tls or none, not %q", v)
		}
		if u.Scheme == "imaps" && mode != ImplicitTLS {
			return fail("imaps:// means tls=tls, but tls=%s was given", mode)
		}
		cfg.TLS = mode
	}
	cfg.Port = imapPorts[cfg.TLS]
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return fail("port %q is not a number from 1 to 65535", p)
		}
		cfg.Port = n
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	if cfg.Username == "" {
		return fail("a user name is required: imap://user:password@host")
	}
	if cfg.TLS == NoTLS && !isLoopback(cfg.Host) {
		return fail("tls=none would send the password in clear to %s; use starttls or tls", cfg.Host)
	}
	return cfg, nil
}

// Addr is host:port for dialling.
func (c IMAPConfig) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// String shows the configuration for logs, without the password.
func (c IMAPConfig) String() string {
	u := url.URL{Scheme: "imap", Host: c.Addr(), Path: "/" + c.Mailbox, User: url.UserPassword(c.Username, "xxxxx")}
	u.RawQuery = url.Values{"tls": {string(c.TLS)}}.Encode()
	return u.String()
}
