package main

import (
	"flag"
	"fmt"
	"strings"
)

// serveConfig is everything `schoolzone serve` is told from outside.
type serveConfig struct {
	Addr          string
	DB            string
	Demo          bool
	SMTP          string
	BaseURL       string
	SecureCookies bool
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
	fb.str(&c.BaseURL, "base-url", "http://localhost:8080", "public URL of the app, used in links sent by email")
	fb.boolean(&c.SecureCookies, "secure-cookies", false, "mark cookies Secure; turn on whenever the app is served over HTTPS")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	return c, fb.apply()
}

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
