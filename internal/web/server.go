// Package web serves School Zone's pages and JSON API. Handlers are thin:
// they parse input, call the domain and the store, and render.
package web

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/loginguard"
	"schoolzone/internal/referralimport"
	"schoolzone/internal/store"
)

// DemoLogin is shown on the login page in demo mode only.
type DemoLogin struct{ Role, Email, Password string }

// Config is what the server needs from the command line.
type Config struct {
	BaseURL       string
	SecureCookies bool
	Demo          bool
	DemoLogins    []DemoLogin
	// Organizer, when set, is who every new invitation comes from (a
	// monitored mailbox); otherwise the signed-in user who sends it.
	Organizer ical.Person
	// Now is the clock; nil means time.Now. Tests pin it.
	Now func() time.Time
	// BehindProxy trusts X-Forwarded-For from a proxy on a loopback or
	// private address for the client's address; otherwise the connection's
	// own address is used, so nobody can pick their own to dodge the
	// sign-in limits.
	BehindProxy bool
	// Guard keeps the sign-in limits; nil means one with
	// loginguard.Default().
	Guard *loginguard.Guard
	// NoPageCache renders every page afresh (see keptPages): for
	// comparing with and without, in tests and measurements.
	NoPageCache bool
}

// Server holds the handlers' dependencies.
type Server struct {
	cfg   Config
	store *store.Store
	cat   *i18n.Catalogue
	log   *slog.Logger
	views *views
	// importer reads referral spreadsheets, with headers and answers in
	// both languages from the catalogue.
	importer *referralimport.Importer
	// linkLimit rate-limits personal link pages per client address.
	linkLimit echo.MiddlewareFunc
	guard     *loginguard.Guard
	tables    tablesCache
	pages     pageCache
}

// New builds the HTTP handler with every route, middleware and the error
// handler.
func New(cfg Config, st *store.Store, cat *i18n.Catalogue, logger *slog.Logger) (*echo.Echo, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	v, err := parseViews(cat)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	if cfg.Guard == nil {
		cfg.Guard = loginguard.New(loginguard.Default())
	}
	s := &Server{cfg: cfg, store: st, cat: cat, log: logger, views: v, importer: referralimport.New(cat), linkLimit: linkLimiter(), guard: cfg.Guard}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = echo.ExtractIPDirect()
	if cfg.BehindProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	e.HTTPErrorHandler = s.handleError
	e.Use(middleware.RequestID())
	e.Use(s.requestLog)
	e.Use(middleware.Recover())
	e.Use(middleware.BodyLimit(bodyLimit))
	e.Use(s.cacheAndTransport)
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ReferrerPolicy:        "same-origin",
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	}))
	e.Use(csrfFromBody)
	e.Use(middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup: "header:" + csrfHeader, CookieName: csrfCookie, CookiePath: "/", CookieHTTPOnly: true,
		CookieSecure: cfg.SecureCookies, CookieSameSite: http.SameSiteStrictMode,
		// The API authenticates with bearer tokens, never cookies, so
		// cross-site requests cannot ride on a browser's session there.
		Skipper: func(c echo.Context) bool { return isAPI(c) },
		ErrorHandler: func(err error, c echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "csrf")
		},
	}))
	e.Use(s.authenticate, s.language)
	for _, r := range append(s.routes(), s.apiRoutes()...) {
		mw := []echo.MiddlewareFunc{s.authorize(r), s.checkForm}
		if r.Method == http.MethodGet && keptPages[r.Path] {
			mw = append(mw, s.keep)
		}
		e.Add(r.Method, r.Path, r.Handler, mw...)
	}
	e.GET("/static/*", staticFiles())
	return e, nil
}

// bodyLimit caps every request body; a larger one is a 413 with
// err.too_large, which says the limit.
const bodyLimit = "2M"

// cacheAndTransport sets the headers that keep personal data where it
// belongs. Nothing but the stylesheets and the health check is stored by a
// browser or a proxy: pages, API answers and downloads all name children
// and families (a handler with a better rule, such as a calendar feed,
// sets its own). With secure cookies the app is served over HTTPS, and
// HSTS tells browsers never to try it over plain HTTP.
func (s *Server) cacheAndTransport(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		if p := c.Request().URL.Path; !strings.HasPrefix(p, "/static/") && p != "/healthz" {
			h.Set(echo.HeaderCacheControl, "no-store")
		}
		if s.cfg.SecureCookies {
			h.Set(echo.HeaderStrictTransportSecurity, "max-age=31536000; includeSubDomains")
		}
		return next(c)
	}
}

const (
	csrfCookie = "_csrf"
	csrfHeader = "X-CSRF-Token"
)

// csrfFromBody hands the CSRF check the form field from the request body,
// when no header carries the token. Echo's own form lookup would also take
// it from the query string, where it leaks into logs and Referer headers.
func csrfFromBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !isAPI(c) && r.Header.Get(csrfHeader) == "" {
			if v := r.PostFormValue("_csrf"); v != "" {
				r.Header.Set(csrfHeader, v)
			}
		}
		return next(c)
	}
}

// staticFiles serves the stylesheets. A directory is not found rather
// than listed.
func staticFiles() echo.HandlerFunc {
	files := staticFS()
	serve := http.StripPrefix("/static/", http.FileServer(http.FS(files)))
	return func(c echo.Context) error {
		name := strings.TrimSuffix(c.Param("*"), "/")
		if name == "" {
			name = "."
		}
		if st, err := fs.Stat(files, name); err != nil || st.IsDir() {
			return echo.ErrNotFound
		}
		serve.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

func (s *Server) today() string { return s.cfg.Now().In(london).Format("2006-01-02") }

// startOfToday is midnight in London today.
func (s *Server) startOfToday() time.Time {
	y, m, d := s.cfg.Now().In(london).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, london)
}

// requestLog logs method, route pattern, status and latency only: paths can
// carry IDs and forms carry names, and logs must hold no personal data.
func (s *Server) requestLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.log.Info("request", "method", c.Request().Method, "route", c.Path(), "status", c.Response().Status,
			"ms", time.Since(start).Milliseconds(), "request_id", c.Response().Header().Get(echo.HeaderXRequestID))
		return nil
	}
}
