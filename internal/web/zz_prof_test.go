package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

func BenchmarkZZPage(b *testing.B) {
	path := os.Getenv("ZZ_DB")
	if path == "" {
		b.Skip()
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	u, err := st.UserByEmail(ctx, os.Getenv("ZZ_USER"))
	if err != nil {
		b.Fatal(err)
	}
	tok := newToken()
	if err := st.CreateSession(ctx, tok, u.ID, store.SessionWeb, time.Hour); err != nil {
		b.Fatal(err)
	}
	e, _ := New(Config{BaseURL: "http://x", NoPageCache: true}, st, i18n.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, os.Getenv("ZZ_PATH"), nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tok})
		req.AddCookie(&http.Cookie{Name: csrfCookie, Value: "abcdefabcdefabcdefabcdefabcdefab"})
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code, w.Body.String()[:200])
		}
	}
}
