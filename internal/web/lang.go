package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/i18n"
)

const langKey = "lang"

// language picks the page language: an explicit ?lang= (remembered in a
// cookie and on the account), else the cookie, else the account's
// preference, else the browser's Accept-Language. The API puts
// Accept-Language before the cookie and the preference.
func (s *Server) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		lang := i18n.English
		u := currentUser(c)
		q := c.QueryParam("lang")
		switch {
		case i18n.Valid(q):
			lang = i18n.Lang(q)
			c.SetCookie(&http.Cookie{Name: "lang", Value: q, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: s.cfg.SecureCookies})
			if u != nil && u.Lang != q {
				if err := s.store.SetUserLang(c.Request().Context(), u.ID, q); err != nil {
					return err
				}
			}
		case cookieLang(c) != "":
			lang = i18n.Lang(cookieLang(c))
		case u != nil && i18n.Valid(u.Lang):
			lang = i18n.Lang(u.Lang)
		default:
			lang = i18n.Parse(strings.Split(c.Request().Header.Get("Accept-Language"), ",")[0])
		}
		// An API client that sends Accept-Language is asking for that
		// language on this request, so there it wins over the cookie and
		// the account's preference, which are meant for pages; ?lang= still
		// wins over both. It is settled here, before anything (kept pages
		// among them) reads the language.
		if isAPI(c) && !i18n.Valid(q) {
			if tag := strings.ToLower(strings.TrimSpace(strings.Split(strings.Split(c.Request().Header.Get("Accept-Language"), ",")[0], ";")[0])); strings.HasPrefix(tag, "cy") || strings.HasPrefix(tag, "en") {
				lang = i18n.Parse(tag)
			}
		}
		c.Set(langKey, lang)
		return next(c)
	}
}

func cookieLang(c echo.Context) string {
	if ck, err := c.Cookie("lang"); err == nil && i18n.Valid(ck.Value) {
		return ck.Value
	}
	return ""
}

func langOf(c echo.Context) i18n.Lang {
	if l, ok := c.Get(langKey).(i18n.Lang); ok {
		return l
	}
	return i18n.English
}

// Other is the language the switch link offers.
func (l *Layout) Other() i18n.Lang {
	if l.Lang == i18n.Welsh {
		return i18n.English
	}
	return i18n.Welsh
}
