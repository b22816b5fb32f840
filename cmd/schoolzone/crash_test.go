package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// childEnv makes the test binary act as the schoolzone command, so the
// crash test can run a real server process without building one.
const childEnv = "SCHOOLZONE_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		main()
	}
	os.Exit(m.Run())
}

// server is a schoolzone serve child process.
type server struct {
	cmd  *exec.Cmd
	base string
	logs *buffer
}

func startServer(t *testing.T, db string) *server {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--db", db, "--addr", "127.0.0.1:0", "--base-url", "http://localhost")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	s := &server{cmd: cmd, logs: &buffer{}}
	t.Cleanup(func() { s.kill() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Bytes()
			s.logs.Write(append(line, '\n'))
			var l struct{ Msg, Addr string }
			if json.Unmarshal(line, &l) == nil && l.Msg == "listening" {
				addr <- l.Addr
			}
		}
		close(addr)
	}()
	select {
	case a, ok := <-addr:
		require.True(t, ok, "server exited before listening:\n%s", s.logs.String())
		s.base = "http://" + a
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not start:\n%s", s.logs.String())
	}
	return s
}

// kill is SIGKILL: no drain, no deferred close, as in a crash.
func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// api sends one JSON request with the bearer token and decodes the answer.
func api(client *http.Client, method, url, token string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, err
	}
	if out != nil && res.StatusCode < 300 {
		return res.StatusCode, json.Unmarshal(b, out)
	}
	return res.StatusCode, nil
}

// TestCrashLosesNoAcknowledgedWrite SIGKILLs the server while clients write
// through the API, restarts it, and checks that every write the server
// acknowledged (201) is there. A short run is part of the normal tests; set
// SCHOOLZONE_CRASH_KILLS (e.g. 25) for a longer one on demand.
func TestCrashLosesNoAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	kills := 3
	if v := os.Getenv("SCHOOLZONE_CRASH_KILLS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(t, err, "SCHOOLZONE_CRASH_KILLS")
		kills = n
	}
	const writers = 16
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "crash.db")
	st, err := store.Open(ctx, db)
	require.NoError(t, err)
	logins, err := demo.Load(ctx, st, time.Now())
	require.NoError(t, err)
	require.NoError(t, st.Close())
	var login demo.Login
	for _, l := range logins {
		if l.Role == domain.RoleCoordinator {
			login = l
		}
	}
	require.NotEmpty(t, login.Email, "the demo has a coordinator")

	client := &http.Client{Timeout: 10 * time.Second}
	srv := startServer(t, db)
	var session struct{ Token string }
	code, err := api(client, "POST", srv.base+"/api/v1/session", "", map[string]string{"email": login.Email, "password": login.Password}, &session)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, code)
	var las []struct{ ID int64 }
	code, err = api(client, "GET", srv.base+"/api/v1/local-authorities", session.Token, nil, &las)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)
	require.NotEmpty(t, las)

	acked := map[string]bool{}
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	for round := range kills {
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				for i := 0; ; i++ {
					name := fmt.Sprintf("Crash school %d-%d-%d", round, w, i)
					code, err := api(client, "POST", srv.base+"/api/v1/schools", session.Token, map[string]any{
						"name": name, "type": "primary", "language_medium": "welsh", "local_authority_id": las[0].ID,
						"head_name": "Head teacher", "head_email": "head@crash.example", "lang": "cy",
					}, nil)
					if err != nil {
						return // the server is gone; this write was never acknowledged
					}
					if code != http.StatusCreated {
						t.Errorf("create school: status %d", code)
						return
					}
					mu.Lock()
					acked[name] = true
					mu.Unlock()
				}
			})
		}
		time.Sleep(time.Duration(150+r.IntN(250)) * time.Millisecond)
		srv.kill()
		wg.Wait()
		srv = startServer(t, db)

		var schools []struct{ Name string }
		code, err := api(client, "GET", srv.base+"/api/v1/schools", session.Token, nil, &schools)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, code)
		have := map[string]bool{}
		for _, s := range schools {
			have[s.Name] = true
		}
		mu.Lock()
		lost := 0
		for name := range acked {
			if !have[name] {
				lost++
			}
		}
		total := len(acked)
		mu.Unlock()
		require.Zero(t, lost, "kill %d: %d of %d acknowledged writes lost", round+1, lost, total)
		t.Logf("kill %d: all %d acknowledged writes present", round+1, total)
	}
	require.Positive(t, len(acked))
	srv.kill()

	raw, err := sql.Open("sqlite", "file:"+db)
	require.NoError(t, err)
	defer raw.Close()
	var check string
	require.NoError(t, raw.QueryRow("PRAGMA integrity_check").Scan(&check))
	require.Equal(t, "ok", check)
}
