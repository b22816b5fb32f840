package web

import (
	"bytes"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// keptPages are the read-only pages people open again and again (the
// dashboard, the lists and a showcase's pages) and their API twins, which
// scripts poll. Each is kept as rendered,
// for the session that asked, until anything is committed to the
// database (store.DataVersion), the clock turns to the next minute, or
// the session's language or CSRF token changes. A page that is kept runs
// no handler, no query and no template when it is opened again, and a
// page is never handed to any session but the one it was rendered for,
// so nobody ever sees what their own scope would not show them.
//
// Only pages whose handlers change nothing may be listed: a kept page's
// handler does not run when it is served again. A page that shows a state
// ending by the clock at any second, such as the account list's locks,
// says when with keepUntil, since otherwise a kept page changes only with
// the minute.
var keptPages = map[string]bool{
	"/":                            true,
	"/families":                    true,
	"/families/:id":                true,
	"/clearance":                   true,
	"/events":                      true,
	"/events/:id":                  true,
	"/events/:id/allocation":       true,
	"/events/:id/costs":            true,
	"/events/:id/readiness":        true,
	"/figures":                     true,
	"/figures/costs":               true,
	"/figures/costs/showcases/:id": true,
	"/schools":                     true,
	"/schools/:id":                 true,
	"/places":                      true,
	"/keep-apart":                  true,
	"/runsheets":                   true,
	"/audit":                       true,
	"/users":                       true,

	"/api/v1/families":              true,
	"/api/v1/families/:id":          true,
	"/api/v1/clearance":             true,
	"/api/v1/events":                true,
	"/api/v1/events/:id":            true,
	"/api/v1/events/:id/allocation": true,
	"/api/v1/events/:id/readiness":  true,
	"/api/v1/figures":               true,
	"/api/v1/schools":               true,
	"/api/v1/schools/:id":           true,
	"/api/v1/prisons":               true,
	"/api/v1/local-authorities":     true,
	"/api/v1/keep-apart":            true,
	"/api/v1/runsheets":             true,
}

// pageCacheBytes bounds the memory kept pages take, keys and all; past
// it, the cache starts again.
const pageCacheBytes = 32 << 20

// maxKeptURI is the longest address whose page is kept: anyone signed in
// can make an address as long as the server's header limit, and a long
// key must not make the bound meaningless.
const maxKeptURI = 2 << 10

// versionKey holds the data version authenticate read before it loaded
// the account: see readVersionFirst.
const versionKey = "kept_version"

// readVersionFirst reads the data version, for a page that may be kept,
// before the account and its scope are loaded. A change committed between
// the two (a prison taken from the account, say) then files the page under
// the version before it, so it is rendered afresh next time; read after,
// the page rendered with the old scope would be kept under the new
// version and served until the minute ends.
func (s *Server) readVersionFirst(c echo.Context) error {
	if s.cfg.NoPageCache || c.Request().Method != http.MethodGet || !keptPages[c.Path()] {
		return nil
	}
	version, err := s.store.DataVersion(c.Request().Context())
	if err != nil {
		// The page is still served, just not kept.
		s.log.WarnContext(c.Request().Context(), "kept pages: no data version", "error", err.Error())
		return nil
	}
	c.Set(versionKey, version)
	return nil
}

type pageKey struct {
	session, csrf, lang, uri string
	minute                   int64
}

type keptPage struct {
	version int64
	until   time.Time   // when the clock changes what it shows; zero: the minute
	header  http.Header // what the handler added: its content type
	body    []byte
}

type pageCache struct {
	mu    sync.Mutex
	m     map[pageKey]keptPage
	bytes int
	// rendering has a channel for each page being rendered afresh, closed
	// when it is done (see claim).
	rendering map[renderKey]chan struct{}
}

// renderKey is a page as rendered at one data version.
type renderKey struct {
	pageKey
	version int64
}

func (pc *pageCache) get(k pageKey, version int64, now time.Time) (keptPage, bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	p, ok := pc.m[k]
	return p, ok && p.version == version && (p.until.IsZero() || now.Before(p.until))
}

// claim says who renders a page that is not kept. The first to ask gets
// no channel and must call done when it has rendered (and kept) the page,
// or failed to;
// anyone asking for the same page at the same data version meanwhile gets
// a channel that closes then, and looks again. So after a commit or at
// the turn of a minute, a page opened by many clients of one session at
// once is rendered once, not once each.
func (pc *pageCache) claim(k pageKey, version int64) (wait <-chan struct{}, done func()) {
	rk := renderKey{k, version}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if ch, ok := pc.rendering[rk]; ok {
		return ch, nil
	}
	if pc.rendering == nil {
		pc.rendering = map[renderKey]chan struct{}{}
	}
	ch := make(chan struct{})
	pc.rendering[rk] = ch
	return nil, func() { // once or more: only the first call counts
		pc.mu.Lock()
		defer pc.mu.Unlock()
		if pc.rendering[rk] == ch {
			delete(pc.rendering, rk)
			close(ch)
		}
	}
}

// keptUntilKey holds the moment a page's handler said its page goes out
// of date by the clock alone.
const keptUntilKey = "kept_until"

// keepUntil says that the page being rendered shows something that changes
// at t by the clock alone (a lock ending), so it is kept until then at most.
// Of several moments, the earliest counts.
func keepUntil(c echo.Context, t time.Time) {
	if cur, ok := c.Get(keptUntilKey).(time.Time); !ok || t.Before(cur) {
		c.Set(keptUntilKey, t)
	}
}

func (pc *pageCache) put(k pageKey, p keptPage) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	size := k.size() + len(p.body)
	grows := size // a page kept again replaces its old copy
	if old, ok := pc.m[k]; ok {
		grows -= k.size() + len(old.body)
	}
	if pc.m == nil || pc.bytes+grows > pageCacheBytes {
		pc.m, pc.bytes, grows = map[pageKey]keptPage{}, 0, size
	}
	pc.bytes += grows
	pc.m[k] = p
}

// size is what a key takes of the bound.
func (k pageKey) size() int { return len(k.session) + len(k.csrf) + len(k.lang) + len(k.uri) }

// keep serves a kept page again while nothing it shows can have changed,
// and keeps each page it renders afresh. A page that shows a one-off
// message (a flash) or whose handler sets a cookie is never kept. (The
// language cookie of ?lang= is set before, by the language middleware,
// and the language is in the key.)
func (s *Server) keep(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token, _ := c.Get(tokenKey).(string)
		version, ok := c.Get(versionKey).(int64)
		uri := c.Request().URL.RequestURI()
		if !ok || token == "" || len(uri) > maxKeptURI || hasCookie(c, "flash") || hasCookie(c, "flash_refs") {
			return next(c)
		}
		csrf, _ := c.Get("csrf").(string)
		k := pageKey{session: token, csrf: csrf, lang: string(langOf(c)), uri: uri, minute: s.cfg.Now().Unix() / 60}
		if p, ok := s.pages.get(k, version, s.cfg.Now()); ok {
			return serveKept(c, p)
		}
		wait, done := s.pages.claim(k, version)
		if wait != nil {
			select {
			case <-wait:
			case <-c.Request().Context().Done():
				return c.Request().Context().Err()
			}
			if p, ok := s.pages.get(k, version, s.cfg.Now()); ok {
				return serveKept(c, p)
			}
			return next(c) // it was not kept (an error, say): render it here too
		}
		// The page is rendered into a buffer, kept, and only then written
		// out: those waiting for it must not wait for this request's
		// client to read it, which may be slow or gone (until the write
		// timeout).
		defer done()
		res := c.Response()
		before := res.Header().Clone()
		rec := &recorder{ResponseWriter: res.Writer}
		res.Writer = rec
		sent := false
		defer func() {
			if !sent { // the handler panicked: pass on what it wrote
				res.Writer = rec.ResponseWriter
				if rec.buf.Len() > 0 {
					_, _ = rec.ResponseWriter.Write(rec.buf.Bytes())
				}
			}
		}()
		err := next(c)
		res.Writer = rec.ResponseWriter
		if p, ok := s.keepable(c, before, version, rec, err); ok {
			s.pages.put(k, p)
		}
		done()
		sent = true
		if rec.buf.Len() > 0 {
			if _, werr := rec.ResponseWriter.Write(rec.buf.Bytes()); err == nil {
				err = werr
			}
		}
		return err
	}
}

// keepable is the page a handler rendered, as it may be kept: none if it
// failed, is empty, or set a cookie.
func (s *Server) keepable(c echo.Context, before http.Header, version int64, rec *recorder, err error) (keptPage, bool) {
	res := c.Response()
	if err != nil || res.Status != http.StatusOK || rec.buf.Len() == 0 {
		return keptPage{}, false
	}
	added := http.Header{}
	for name, v := range res.Header() {
		if !slices.Equal(before[name], v) {
			if name == "Set-Cookie" {
				return keptPage{}, false
			}
			added[name] = slices.Clone(v)
		}
	}
	until, _ := c.Get(keptUntilKey).(time.Time)
	return keptPage{version: version, until: until, header: added, body: bytes.Clone(rec.buf.Bytes())}, true
}

func serveKept(c echo.Context, p keptPage) error {
	h := c.Response().Header()
	for name, v := range p.header {
		h[name] = slices.Clone(v) // the kept copy is shared; a later Add must not reach it
	}
	c.Response().WriteHeader(http.StatusOK)
	_, err := c.Response().Write(p.body)
	return err
}

func hasCookie(c echo.Context, name string) bool {
	_, err := c.Cookie(name)
	return err == nil
}

// recorder holds a response's body, to be written out by keep; its
// status and headers go through.
type recorder struct {
	http.ResponseWriter
	buf bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) { return r.buf.Write(b) }
