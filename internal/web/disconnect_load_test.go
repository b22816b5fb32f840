package web

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// lockedBuffer is a log the server's goroutines write to at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A load run in which clients give up mid-request, on a page and on an API
// write, logs no 5xx and no ERROR: a disconnect is not a fault. Every
// referral the client saw created is there afterwards, and every referral
// on record is whole (its child and carer saved with it), whether or not
// its client waited for the answer. A few seconds by default;
// SCHOOLZONE_LOAD_REQUESTS raises the number of requests.
func TestDisconnectsUnderLoadLogNoFaults(t *testing.T) {
	total := 160
	if n, err := strconv.Atoi(os.Getenv("SCHOOLZONE_LOAD_REQUESTS")); err == nil && n > 0 {
		total = n
	}
	logs := &lockedBuffer{}
	now := func() time.Time { return testNow }
	dbPath := filepath.Join(t.TempDir(), "web.db")
	st, err := store.Open(context.Background(), dbPath, store.WithClock(now))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	e, err := New(Config{BaseURL: "http://localhost", Now: now}, st, i18n.MustLoad(), slog.New(slog.NewJSONHandler(logs, nil)))
	require.NoError(t, err)
	srv := httptest.NewServer(e)
	a := &testApp{t: t, srv: srv, store: st, dbPath: dbPath}
	w := a.apiSeed()
	api := a.apiAs(domain.RoleCoordinator)
	page := a.user(domain.RoleCoordinator)

	var (
		mu        sync.Mutex
		created   []string // Location of each referral the client saw made
		cancelled int
		pages     int // dashboards the client saw whole
	)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			for i := range jobs {
				r := rand.New(rand.NewPCG(uint64(i), 10))
				// Two requests in five give up after a moment, often
				// while the server is still working on them.
				ctx, cancel := context.WithCancel(context.Background())
				if i%5 < 2 {
					time.AfterFunc(time.Duration(r.IntN(3000))*time.Microsecond, cancel)
				}
				var req *http.Request
				var client *http.Client
				if i%2 == 0 {
					body := w.referral()
					body["parent_name"] = fmt.Sprintf("Load Parent %d", i)
					b, _ := json.Marshal(body)
					req, _ = http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/v1/families", bytes.NewReader(b))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+api.token)
					client = http.DefaultClient
				} else {
					req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/?q=Load", nil)
					client = page.http
				}
				resp, err := client.Do(req)
				if err != nil {
					mu.Lock()
					cancelled++
					mu.Unlock()
					cancel()
					continue
				}
				_, _ = bytes.NewBuffer(nil).ReadFrom(resp.Body)
				resp.Body.Close()
				cancel()
				if !assert.Less(t, resp.StatusCode, 500, "request %d", i) {
					continue
				}
				if i%2 == 1 && resp.StatusCode == http.StatusOK {
					mu.Lock()
					pages++
					mu.Unlock()
				}
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					created = append(created, resp.Header.Get("Location"))
					mu.Unlock()
				}
			}
		})
	}
	for i := range total {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	srv.Close() // waits for the requests the server is still finishing

	out := logs.String()
	var faults []string
	fault := regexp.MustCompile(`"level":"ERROR"|"status":5\d\d`)
	for _, line := range strings.Split(out, "\n") {
		if fault.MatchString(line) && len(faults) < 5 {
			faults = append(faults, line)
		}
	}
	assert.Empty(t, faults, "the log holds no ERROR and no 5xx")
	disconnects := strings.Count(out, `"msg":"client disconnected"`)
	t.Logf("%d requests: %d given up by the client (%d logged as disconnects), %d referrals seen created, %d pages seen",
		total, cancelled, disconnects, len(created), pages)
	require.NotZero(t, cancelled, "some clients gave up mid-request")
	require.NotEmpty(t, created, "some referrals were made")
	require.NotZero(t, pages, "some pages were shown")

	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	defer db.Close()
	for _, loc := range created {
		id, err := strconv.ParseInt(filepath.Base(loc), 10, 64)
		require.NoError(t, err, loc)
		var n int
		require.NoError(t, db.QueryRow(`SELECT count(*) FROM families WHERE id = ?`, id).Scan(&n))
		assert.Equal(t, 1, n, "the referral at %s, answered 201, is on record", loc)
	}
	var families, halfSaved int
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM families`).Scan(&families))
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM families f WHERE NOT EXISTS (SELECT 1 FROM children c WHERE c.family_id = f.id)
		OR NOT EXISTS (SELECT 1 FROM carers k WHERE k.family_id = f.id)`).Scan(&halfSaved))
	assert.GreaterOrEqual(t, families, len(created))
	assert.Zero(t, halfSaved, "every referral on record is whole")
}
