package main

import (
	"flag"
	"fmt"
	"net"
	netmail "net/mail"
	"strings"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/ical"
)

// serveConfig is everything `schoolzone serve` is told from outside.
type serveConfig struct {
	Addr          string
	DB            string
	Demo          bool
	SMTP          string
	IMAP          string
	BaseURL       string
	SecureCookies bool
	BehindProxy   bool
	FreshPages    bool
	Organizer     string
	BackupDir     string
	BackupEvery   time.Duration
	BackupKeep    int
	// RetentionMonths is how long a family's personal data is kept after
	// release or their last showcase; 0 turns the daily erasure off.
	RetentionMonths int
}

const defaultDB = "./schoolzone.db"

// parseServe reads serve's flags. Each flag falls back to an environment
// variable (SCHOOLZONE_ plus the flag name in capitals, dashes as
// underscores), and a flag given on the command line wins over both, so a
// container can be configured by env and still overridden by hand.
func parseServe(args []string, e env) (serveConfig, error) {
	var c serveConfig
	fs := newFlags("serve", "serve [flags]", e)
	fb := fallbacks{fs: fs, getenv: e.getenv}
	fb.str(&c.Addr, "addr", ":8080", "address to listen on")
	fb.str(&c.DB, "db", defaultDB, "SQLite database file (created and migrated if needed)")
	fb.boolean(&c.Demo, "demo", false, "load the fictional demo if the database is empty, and show its logins on the login page")
	fb.str(&c.SMTP, "smtp", "", "SMTP URL for sending mail, e.g. smtp://user:pass@host:587?from=coordinator@example.org (empty: mail stays queued)")
	fb.str(&c.IMAP, "imap", "", "IMAP URL of the organizer's mailbox, read for calendar replies, e.g. imaps://user:pass@host/INBOX (empty: replies are not read)")
	fb.str(&c.BaseURL, "base-url", "", "public URL of the app, used in links sent by email (default: http://localhost and the port of --addr)")
	fb.boolean(&c.SecureCookies, "secure-cookies", false, "mark cookies Secure; turn on whenever the app is served over HTTPS")
	fb.boolean(&c.BehindProxy, "behind-proxy", false, "take the client's address from X-Forwarded-For sent by a proxy on a loopback or private address (for the sign-in limits per address)")
	fb.boolean(&c.FreshPages, "fresh-pages", false, "render every page afresh, rather than keeping the dashboard, lists and showcase pages per session until the next change (for comparing)")
	organizerFlag(&fb, &c.Organizer)
	fb.str(&c.BackupDir, "backup-dir", "", "folder for scheduled copies of the database (empty: none are taken)")
	fb.duration(&c.BackupEvery, "backup-every", 24*time.Hour, "how often to copy the database into --backup-dir, e.g. 6h")
	fb.integer(&c.BackupKeep, "backup-keep", 14, "how many copies to keep in --backup-dir; older ones are removed")
	fb.integer(&c.RetentionMonths, "retention-months", domain.DefaultRetentionMonths, "erase a family's personal data this many months after the parent's release or their last showcase, whichever is later, checked daily (0: never)")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	if err := fb.apply(); err != nil {
		return c, err
	}
	if c.RetentionMonths < 0 {
		return c, fmt.Errorf("--retention-months %d: give 0 (off) or a number of months, such as 6", c.RetentionMonths)
	}
	if c.BackupDir != "" && c.BackupEvery < time.Minute {
		return c, fmt.Errorf("--backup-every %s: give a duration of at least 1m, such as 6h or 24h", c.BackupEvery)
	}
	if c.BackupDir != "" && c.BackupKeep < 1 {
		return c, fmt.Errorf("--backup-keep %d: keep at least 1 copy", c.BackupKeep)
	}
	var err error
	c.BaseURL, err = baseURLFor(c.BaseURL, c.Addr)
	return c, err
}

// baseURLFor is the --base-url given, or else the address the app listens
// on as seen from the same machine, so that links in emails and calendars
// reach this server when only --addr was changed.
func baseURLFor(baseURL, addr string) (string, error) {
	if baseURL != "" {
		return baseURL, nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port), nil
}

// organizerFlag is --organizer, shared by every command that writes or
// sends invitations.
func organizerFlag(fb *fallbacks, p *string) {
	fb.str(p, "organizer", "", `who invitations come from and replies go to, a monitored mailbox, e.g. "Ceri Llywelyn <schoolzone@example.org>"`)
}

// parseOrganizer reads the --organizer address; empty means none is set.
func parseOrganizer(s string) (ical.Person, error) {
	if strings.TrimSpace(s) == "" {
		return ical.Person{}, nil
	}
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return ical.Person{}, fmt.Errorf("--organizer (or %s) %q is not an address such as \"Ceri Llywelyn <schoolzone@example.org>\": %w", envName("organizer"), s, err)
	}
	return ical.Person{Name: a.Name, Email: a.Address}, nil
}

// errNoOrganizer says how to set the organizer, which invitations and
// packs cannot do without.
var errNoOrganizer = fmt.Errorf("no organizer address: invitations need one to come from, and packs give it as the coordinator's contact; "+
	"set it with --organizer \"Name <address>\" or the environment variable %s", envName("organizer"))

// dbFlag is the --db flag the operator commands share, with the same
// SCHOOLZONE_DB fallback as serve. Call apply on the result after parsing.
func dbFlag(fs *flag.FlagSet, e env) (*string, *fallbacks) {
	var db string
	fb := &fallbacks{fs: fs, getenv: e.getenv}
	fb.str(&db, "db", defaultDB, "SQLite database file")
	return &db, fb
}

// fallbacks defines flags that fall back to the environment. The env values
// are applied after parsing rather than used as flag defaults, so -h never
// prints a secret such as the SMTP password.
type fallbacks struct {
	fs     *flag.FlagSet
	getenv func(string) string
	names  []string
}

func envName(flagName string) string {
	return "SCHOOLZONE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (f *fallbacks) str(p *string, name, def, help string) {
	f.names = append(f.names, name)
	f.fs.StringVar(p, name, def, fmt.Sprintf("%s (env %s)", help, envName(name)))
}

func (f *fallbacks) boolean(p *bool, name string, def bool, help string) {
	f.names = append(f.names, name)
	f.fs.BoolVar(p, name, def, fmt.Sprintf("%s (env %s)", help, envName(name)))
}

func (f *fallbacks) duration(p *time.Duration, name string, def time.Duration, help string) {
	f.names = append(f.names, name)
	f.fs.DurationVar(p, name, def, fmt.Sprintf("%s (env %s)", help, envName(name)))
}

func (f *fallbacks) integer(p *int, name string, def int, help string) {
	f.names = append(f.names, name)
	f.fs.IntVar(p, name, def, fmt.Sprintf("%s (env %s)", help, envName(name)))
}

// apply sets every flag not given on the command line from its variable.
func (f *fallbacks) apply() error {
	given := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	for _, name := range f.names {
		v := f.getenv(envName(name))
		if given[name] || v == "" {
			continue
		}
		if err := f.fs.Set(name, v); err != nil {
			return fmt.Errorf("%s=%q: %w", envName(name), redact(name, v), err)
		}
	}
	return nil
}

// redact keeps the SMTP URL, which may hold a password, out of messages.
func redact(name, v string) string {
	if name == "smtp" {
		return "…"
	}
	return v
}
