package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/store"
)

func TestServeAnswersHealthzAndStopsOnCancel(t *testing.T) {
	var stderr buffer
	e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr}
	cfg := serveConfig{Addr: "127.0.0.1:0", DB: tempDB(t), Demo: true, BaseURL: "http://localhost"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, e, func(a net.Addr) { addrc <- a }) }()

	var base string
	select {
	case a := <-addrc:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("serve stopped before listening: %v\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}

	res, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)

	res, err = http.Get(base + "/login")
	require.NoError(t, err)
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Contains(t, string(page), "coordinator@schoolzone.example", "demo logins on the login page")

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	_, err = http.Get(base + "/healthz")
	assert.Error(t, err, "the listener is closed")

	logs := stderr.String()
	assert.Contains(t, logs, `"msg":"stopped"`)
	assert.Contains(t, logs, `"organizer_set":true`, "the demo sets an organizer")
	for _, personal := range []string{"Prys", "Harries", "07700", "example.org", "A7314DW"} {
		assert.NotContains(t, logs, personal, "logs carry no personal data")
	}
}

func TestServeWithDemoTwiceKeepsOneDemo(t *testing.T) {
	db := tempDB(t)
	for i := range 2 {
		var stderr buffer
		e := env{getenv: func(string) string { return "" }, stdout: io.Discard, stderr: &stderr}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- serve(ctx, serveConfig{Addr: "127.0.0.1:0", DB: db, Demo: true}, e, func(net.Addr) { cancel() })
		}()
		require.NoError(t, <-done)
		cancel()
		want := map[int]string{0: "demo loaded", 1: "demo already loaded"}[i]
		assert.Contains(t, stderr.String(), `"msg":"`+want+`"`)
	}
}

func TestServeRefusesABadSMTPURL(t *testing.T) {
	r := runWith(t, nil, "", "serve", "--addr", "127.0.0.1:0", "--db", tempDB(t), "--smtp", "smtp://u:secretpass@host?tsl=none")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "SMTP")
	assert.NotContains(t, r.stderr, "secretpass")
}

func TestServeRefusesABadIMAPURL(t *testing.T) {
	r := runWith(t, map[string]string{"SCHOOLZONE_IMAP": "imap://u:secretpass@mail.example?tls=none"}, "", "serve", "--addr", "127.0.0.1:0", "--db", tempDB(t))
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "IMAP")
	assert.NotContains(t, r.stderr, "secretpass")
}

func TestServeRefusesABadOrganizer(t *testing.T) {
	r := runWith(t, map[string]string{"SCHOOLZONE_ORGANIZER": "the office"}, "", "serve", "--addr", "127.0.0.1:0", "--db", tempDB(t))
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `SCHOOLZONE_ORGANIZER) "the office" is not an address`)
}

// serve --backup-dir takes a copy as it starts, and the copy is sound.
func TestServeTakesScheduledBackups(t *testing.T) {
	dir := t.TempDir()
	var stderr buffer
	e := env{getenv: func(string) string { return "" }, stdout: io.Discard, stderr: &stderr}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{Addr: "127.0.0.1:0", DB: filepath.Join(dir, "live.db"), Demo: true,
			BackupDir: filepath.Join(dir, "backups"), BackupEvery: time.Hour, BackupKeep: 2}, e, nil)
	}()
	require.Eventually(t, func() bool { return strings.Contains(stderr.String(), `"msg":"backup written"`) }, 30*time.Second, 20*time.Millisecond)
	cancel()
	require.NoError(t, <-done)
	copies, err := filepath.Glob(filepath.Join(dir, "backups", "schoolzone-*.db"))
	require.NoError(t, err)
	require.Len(t, copies, 1)
	require.NoError(t, store.Verify(context.Background(), copies[0]))
}
