// Package i18n holds the app's message catalogue in English and Welsh.
//
// Every user-facing string lives in locales/<area>.<lang>.json, one file pair
// per area of the app (web, docs, mail…), so that work on one area never
// touches another's file. Plurals follow CLDR rules, which matters for Welsh:
// it has six plural forms (zero, one, two, few, many, other).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Lang is a language the app speaks. Only English and Welsh are supported,
// and they are equals: neither is a translation of record.
type Lang string

const (
	English Lang = "en"
	Welsh   Lang = "cy"
)

// Langs lists the supported languages in the order the UI offers them.
var Langs = []Lang{English, Welsh}

// Parse reads a language code, falling back to English for anything unknown
// so that a stray cookie or header never breaks a page.
func Parse(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "cy") {
		return Welsh
	}
	return English
}

// Valid reports whether s names a supported language exactly.
func Valid(s string) bool { return s == string(English) || s == string(Welsh) }

//go:embed locales/*.json
var localeFS embed.FS

// Catalogue translates message IDs. It is safe for concurrent use.
type Catalogue struct {
	locs map[Lang]*goi18n.Localizer
	msgs map[Lang]map[string]*goi18n.Message
}

// Load parses every embedded locale file. It fails if any file is malformed,
// so a broken catalogue stops the app at start-up rather than on a page.
func Load() (*Catalogue, error) { return LoadFS(localeFS, "locales") }

// LoadFS loads catalogue files from dir in fsys; tests use it with fixtures.
func LoadFS(fsys fs.FS, dir string) (*Catalogue, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	var files []*goi18n.MessageFile
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("i18n: read %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		mf, err := b.LoadMessageFileFS(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("i18n: load %s: %w", e.Name(), err)
		}
		files = append(files, mf)
	}
	c := &Catalogue{locs: map[Lang]*goi18n.Localizer{}, msgs: map[Lang]map[string]*goi18n.Message{}}
	for _, l := range Langs {
		c.locs[l] = goi18n.NewLocalizer(b, string(l))
		c.msgs[l] = map[string]*goi18n.Message{}
	}
	for _, mf := range files {
		l := Lang(mf.Tag.String())
		if c.msgs[l] == nil {
			return nil, fmt.Errorf("i18n: %s: language %q is not supported", mf.Path, l)
		}
		for _, m := range mf.Messages {
			if _, dup := c.msgs[l][m.ID]; dup {
				return nil, fmt.Errorf("i18n: %s: message %q is defined twice", mf.Path, m.ID)
			}
			c.msgs[l][m.ID] = m
		}
	}
	return c, nil
}

// MustLoad is Load for main and tests, where a broken catalogue is a bug.
func MustLoad() *Catalogue {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// T translates id into lang, filling {{.Name}} placeholders from data.
// A missing translation falls back to English, then to the ID itself, so a
// gap shows up as a visible key rather than an error page; the completeness
// test keeps such gaps out of main.
// A whole number under "Count" picks the plural form, as N does, so a
// message carried with its values (a field error) can be a plural one.
func (c *Catalogue) T(lang Lang, id string, data ...map[string]any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: first(data)}
	if n, ok := first(data)["Count"].(int); ok && c.plural(lang, id) {
		cfg.PluralCount = n
	}
	return c.localize(lang, cfg)
}

// plural reports whether id is a plural message in lang: one with forms
// besides "other". A plain message given a Count must not ask for a form
// it does not have.
func (c *Catalogue) plural(lang Lang, id string) bool {
	m, ok := c.msgs[lang][id]
	return ok && (m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != "")
}

// N translates a plural message: count picks the CLDR form for lang and is
// also available to the template as {{.Count}}.
func (c *Catalogue) N(lang Lang, id string, count int, data ...map[string]any) string {
	d := map[string]any{"Count": count}
	for k, v := range first(data) {
		d[k] = v
	}
	return c.localize(lang, &goi18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: count})
}

// Has reports whether id exists in lang's catalogue (without fallback).
func (c *Catalogue) Has(lang Lang, id string) bool {
	_, ok := c.msgs[lang][id]
	return ok
}

// Message returns the raw message for id in lang, for the completeness test.
func (c *Catalogue) Message(lang Lang, id string) (*goi18n.Message, bool) {
	m, ok := c.msgs[lang][id]
	return m, ok
}

func (c *Catalogue) localize(lang Lang, cfg *goi18n.LocalizeConfig) string {
	loc, ok := c.locs[lang]
	if !ok {
		loc = c.locs[English]
	}
	s, err := loc.Localize(cfg)
	if err == nil {
		return s
	}
	if s, err := c.locs[English].Localize(cfg); err == nil {
		return s
	}
	return cfg.MessageID
}

// IDs lists every message ID defined for lang, sorted; the completeness test
// compares the two languages with it.
func (c *Catalogue) IDs(lang Lang) []string {
	ids := make([]string, 0, len(c.msgs[lang]))
	for id := range c.msgs[lang] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func first(data []map[string]any) map[string]any {
	if len(data) == 0 {
		return nil
	}
	return data[0]
}
