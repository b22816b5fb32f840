package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buffer is a bytes.Buffer safe for the server's goroutines to log into.
type buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

func runWith(t *testing.T, vars map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errb buffer
	e := env{getenv: func(k string) string { return vars[k] }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code := run(context.Background(), args, e)
	return result{code, out.String(), errb.String()}
}

func tempDB(t *testing.T) string { return filepath.Join(t.TempDir(), "t.db") }

func TestUsage(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"help lists every command", []string{"help"}, []string{"serve", "demo", "migrate", "useradd", "allocate", "routes"}},
		{"unknown command", []string{"frobnicate"}, []string{`unknown command "frobnicate"`, "Commands:"}},
		{"serve help", []string{"serve", "-h"}, []string{"-addr", "SCHOOLZONE_ADDR", "-secure-cookies"}},
		{"top-level flags go to serve", []string{"--no-such-flag"}, []string{"flag provided but not defined"}},
		{"stray argument", []string{"migrate", "extra"}, []string{`unexpected argument "extra"`}},
		{"allocate without a plan", []string{"allocate"}, []string{"schoolzone allocate --in"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(t, nil, "", tt.args...)
			assert.Equal(t, exitUsage, r.code)
			for _, want := range tt.stderr {
				assert.Contains(t, r.stderr, want)
			}
			assert.Empty(t, r.stdout)
		})
	}
}

func TestParseServe(t *testing.T) {
	defaults := serveConfig{Addr: ":8080", DB: "./schoolzone.db", BaseURL: "http://localhost:8080"}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want serveConfig
	}{
		{"defaults", nil, nil, defaults},
		{"env fills in", map[string]string{"SCHOOLZONE_ADDR": ":9000", "SCHOOLZONE_DB": "/data/sz.db", "SCHOOLZONE_DEMO": "true",
			"SCHOOLZONE_SMTP": "smtp://relay:25?tls=none", "SCHOOLZONE_BASE_URL": "https://sz.example", "SCHOOLZONE_SECURE_COOKIES": "1",
			"SCHOOLZONE_ORGANIZER": "Team <team@sz.example>"}, nil,
			serveConfig{Addr: ":9000", DB: "/data/sz.db", Demo: true, SMTP: "smtp://relay:25?tls=none", BaseURL: "https://sz.example", SecureCookies: true,
				Organizer: "Team <team@sz.example>"}},
		{"flags win over env", map[string]string{"SCHOOLZONE_ADDR": ":9000", "SCHOOLZONE_DEMO": "true", "SCHOOLZONE_DB": "/data/sz.db",
			"SCHOOLZONE_ORGANIZER": "env@sz.example"},
			[]string{"--addr", "127.0.0.1:1234", "--demo=false", "--db", "x.db", "--organizer", "flag@sz.example"},
			serveConfig{Addr: "127.0.0.1:1234", DB: "x.db", BaseURL: "http://127.0.0.1:1234", Organizer: "flag@sz.example"}},
		{"flags alone", nil, []string{"--secure-cookies", "--base-url", "https://a.example", "--smtp", "smtps://u:p@mail.example"},
			serveConfig{Addr: ":8080", DB: "./schoolzone.db", BaseURL: "https://a.example", SMTP: "smtps://u:p@mail.example", SecureCookies: true}},
		{"behind a proxy", map[string]string{"SCHOOLZONE_BEHIND_PROXY": "true"}, nil,
			serveConfig{Addr: ":8080", DB: "./schoolzone.db", BaseURL: "http://localhost:8080", BehindProxy: true}},
		{"base URL follows --addr", nil, []string{"--addr", ":9090"},
			serveConfig{Addr: ":9090", DB: "./schoolzone.db", BaseURL: "http://localhost:9090"}},
		{"base URL follows SCHOOLZONE_ADDR", map[string]string{"SCHOOLZONE_ADDR": "0.0.0.0:9091"}, nil,
			serveConfig{Addr: "0.0.0.0:9091", DB: "./schoolzone.db", BaseURL: "http://localhost:9091"}},
		{"base URL follows an IPv6 --addr", nil, []string{"--addr", "[::1]:9092"},
			serveConfig{Addr: "[::1]:9092", DB: "./schoolzone.db", BaseURL: "http://[::1]:9092"}},
		{"an explicit base URL wins over --addr", nil, []string{"--addr", ":9090", "--base-url", "https://sz.example"},
			serveConfig{Addr: ":9090", DB: "./schoolzone.db", BaseURL: "https://sz.example"}},
		{"SCHOOLZONE_BASE_URL wins over --addr", map[string]string{"SCHOOLZONE_BASE_URL": "https://sz.example"}, []string{"--addr", ":9090"},
			serveConfig{Addr: ":9090", DB: "./schoolzone.db", BaseURL: "https://sz.example"}},
		{"scheduled backups", map[string]string{"SCHOOLZONE_BACKUP_DIR": "/backups", "SCHOOLZONE_BACKUP_KEEP": "30"}, []string{"--backup-every", "6h"},
			serveConfig{Addr: ":8080", DB: "./schoolzone.db", BaseURL: "http://localhost:8080", BackupDir: "/backups", BackupEvery: 6 * time.Hour, BackupKeep: 30}},
		{"retention period", map[string]string{"SCHOOLZONE_RETENTION_MONTHS": "12"}, nil,
			serveConfig{Addr: ":8080", DB: "./schoolzone.db", BaseURL: "http://localhost:8080", RetentionMonths: 12}},
		{"pages rendered afresh", nil, []string{"--fresh-pages"},
			serveConfig{Addr: ":8080", DB: "./schoolzone.db", BaseURL: "http://localhost:8080", FreshPages: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env{getenv: func(k string) string { return tt.env[k] }, stderr: &buffer{}}
			got, err := parseServe(tt.args, e)
			require.NoError(t, err)
			if tt.want.BackupEvery == 0 { // the backup flags' defaults, left out of most cases above
				tt.want.BackupEvery, tt.want.BackupKeep = 24*time.Hour, 14
			}
			if tt.want.RetentionMonths == 0 { // likewise the retention period's
				tt.want.RetentionMonths = 6
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseServeRejects(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		message string
	}{
		{"bad boolean env", map[string]string{"SCHOOLZONE_DEMO": "yes please"}, nil, "SCHOOLZONE_DEMO"},
		{"unknown flag", nil, []string{"--port", "80"}, "usage"},
		{"positional argument", nil, []string{"now"}, "usage"},
		{"address without a port", nil, []string{"--addr", "localhost"}, `--addr "localhost"`},
		{"backups too often", nil, []string{"--backup-dir", "/b", "--backup-every", "10s"}, "--backup-every 10s: give a duration of at least 1m"},
		{"backups kept: none", map[string]string{"SCHOOLZONE_BACKUP_KEEP": "0"}, []string{"--backup-dir", "/b"}, "--backup-keep 0: keep at least 1 copy"},
		{"backup interval not a duration", map[string]string{"SCHOOLZONE_BACKUP_EVERY": "daily"}, nil, "SCHOOLZONE_BACKUP_EVERY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env{getenv: func(k string) string { return tt.env[k] }, stderr: &buffer{}}
			_, err := parseServe(tt.args, e)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.message)
		})
	}
}

func TestHelpNeverShowsTheSMTPPassword(t *testing.T) {
	r := runWith(t, map[string]string{"SCHOOLZONE_SMTP": "smtp://u:hunter2hunter2@mail.example"}, "", "serve", "-h")
	assert.Equal(t, exitUsage, r.code)
	assert.NotContains(t, r.stderr, "hunter2")
}

func TestRoutesListsWhoMayUseEachRoute(t *testing.T) {
	r := runWith(t, nil, "", "routes")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "/healthz\tGET\tpublic\n")
	assert.Contains(t, r.stdout, "/audit\tGET\tadmin\n")
}

func TestMigrate(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{{"migrate", "--db", db}, {"migrate", "--db", db}} {
		r := runWith(t, nil, "", args...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Regexp(t, `^schema version [1-9]\d*\n$`, r.stdout)
	}
	// SCHOOLZONE_DB is the fallback for --db.
	other := tempDB(t)
	r := runWith(t, map[string]string{"SCHOOLZONE_DB": other}, "", "migrate")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.FileExists(t, other)
}

// check passes on the demo, and names (by reference) a seat that breaks a
// safeguard when the database was changed behind the app's back.
func TestCheckCommand(t *testing.T) {
	db := tempDB(t)
	require.Equal(t, exitOK, runWith(t, nil, "", "demo", "--db", db).code)
	r := runWith(t, nil, "", "check", "--db", db)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "safeguards hold\n", r.stdout)

	raw, err := sql.Open("sqlite", "file:"+db)
	require.NoError(t, err)
	_, err = raw.Exec(`DELETE FROM meetings WHERE family_id = (SELECT MIN(family_id) FROM event_families WHERE status = 'allocated')`)
	require.NoError(t, err)
	require.NoError(t, raw.Close())
	r = runWith(t, nil, "", "check", "--db", db)
	assert.Equal(t, exitError, r.code)
	assert.Regexp(t, `event \d+ FAM-\d{4}: gate.seat_no_meetings`, r.stdout)
}

func TestDemoCommand(t *testing.T) {
	db := tempDB(t)
	r := runWith(t, nil, "", "demo", "--db", db)
	require.Equal(t, exitOK, r.code, r.stderr)
	for _, want := range []string{"admin", "coordinator", "prison_staff", "commissioner", "coordinator@schoolzone.example"} {
		assert.Contains(t, r.stdout, want)
	}
	r = runWith(t, nil, "", "demo", "--db", db)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "already has data")
}

// backup copies a database; restore refuses a copy that fails
// integrity_check and otherwise puts the copy back, keeping what it
// replaced.
func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	require.Equal(t, exitOK, runWith(t, nil, "", "demo", "--db", db).code)
	copyPath := filepath.Join(dir, "copy.db")
	r := runWith(t, nil, "", "backup", "--db", db, "--out", copyPath)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "backed up")

	r = runWith(t, nil, "", "backup", "--db", db)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--out is required")

	junk := filepath.Join(dir, "junk.db")
	require.NoError(t, os.WriteFile(junk, []byte(strings.Repeat("not a database ", 100)), 0o600))
	r = runWith(t, nil, "", "restore", "--db", db, "--from", junk)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "not a sound School Zone database")
	require.Equal(t, exitOK, runWith(t, nil, "", "check", "--db", db).code, "the database is untouched")

	r = runWith(t, nil, "", "restore", "--db", db, "--from", copyPath)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "restored "+db)
	assert.Contains(t, r.stdout, "kept as "+db+".before-restore-")
	r = runWith(t, nil, "", "check", "--db", db)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "safeguards hold\n", r.stdout)
}
