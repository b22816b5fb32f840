package mail

import (
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// TLSMode says how the connection to the SMTP server is secured.
type TLSMode string

const (
	// StartTLS connects in clear and upgrades; the server must offer it.
	StartTLS TLSMode = "starttls"
	// ImplicitTLS speaks TLS from the first byte (port 465, "smtps").
	ImplicitTLS TLSMode = "tls"
	// NoTLS never encrypts: only for a relay on the same host or network.
	NoTLS TLSMode = "none"
)

var defaultPorts = map[TLSMode]int{StartTLS: 587, ImplicitTLS: 465, NoTLS: 25}

// SMTPConfig is where and as whom the sender delivers.
type SMTPConfig struct {
	Host               string
	Port               int
	Username, Password string
	TLS                TLSMode
	// From is the envelope sender (MAIL FROM), where bounces go.
	From string
}

// ErrSMTPURL marks every problem with the --smtp URL.
var ErrSMTPURL = errors.New("invalid SMTP URL")

// ParseSMTPURL reads smtp://user:pass@host:port?tls=starttls|tls|none&from=addr.
// The scheme smtps means tls=tls. The port defaults to the usual one for
// the TLS mode. Unknown parameters are refused, so a typo such as "tsl=none"
// fails at start-up instead of silently sending with other settings.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	fail := func(format string, a ...any) (SMTPConfig, error) {
		return SMTPConfig{}, fmt.Errorf("mail: %w: "+format, append([]any{ErrSMTPURL}, a...)...)
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
	cfg := SMTPConfig{Host: u.Hostname(), TLS: StartTLS}
	switch u.Scheme {
	case "smtp":
	case "smtps":
		cfg.TLS = ImplicitTLS
	default:
		return fail("scheme must be smtp or smtps, not %q", u.Scheme)
	}
	if cfg.Host == "" {
		return fail("no host")
	}
	if u.Path != "" && u.Path != "/" {
		return fail("unexpected path %q", u.Path)
	}
	q := u.Query()
	var unknown []string
	for k := range q {
		if k != "tls" && k != "from" {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fail("unknown parameter(s) %s (want tls, from)", strings.Join(unknown, ", "))
	}
	if v := q.Get("tls"); v != "" {
		mode := TLSMode(strings.ToLower(v))
		if _, ok := defaultPorts[mode]; !ok {
			return fail("tls must be starttls, tls or none, not %q", v)
		}
		if u.Scheme == "smtps" && mode != ImplicitTLS {
			return fail("smtps:// means tls=tls, but tls=%s was given", mode)
		}
		cfg.TLS = mode
	}
	cfg.Port = defaultPorts[cfg.TLS]
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
		if cfg.Username == "" {
			return fail("password given without a user name")
		}
	}
	if cfg.Username != "" && cfg.TLS == NoTLS && !isLoopback(cfg.Host) {
		return fail("tls=none would send the password in clear to %s; use starttls or tls", cfg.Host)
	}
	cfg.From = q.Get("from")
	if cfg.From == "" {
		return fail("from=address is required (the envelope sender, where bounces go)")
	}
	if a, err := netmail.ParseAddress(cfg.From); err != nil || a.Address != cfg.From {
		return fail("from %q is not a bare email address", cfg.From)
	}
	return cfg, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// String shows the configuration for logs, without the password.
func (c SMTPConfig) String() string {
	u := url.URL{Scheme: "smtp", Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port))}
	if c.Username != "" {
		u.User = url.UserPassword(c.Username, "xxxxx")
	}
	u.RawQuery = url.Values{"tls": {string(c.TLS)}, "from": {c.From}}.Encode()
	return u.String()
}
