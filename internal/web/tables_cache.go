package web

import (
	"fmt"
	"sync"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
	figs "schoolzone/internal/figures"
)

// tablesCache keeps the commissioner tables, which read every showcase
// and protect every cell together, until the next commit to the database
// (store.DataVersion) or the next day. They are the same for everyone with
// the same scope, and commissioners read far more often than anyone
// writes. Kept tables are only ever read.
type tablesCache struct {
	mu sync.Mutex
	m  map[string]tablesEntry
}

type tablesEntry struct {
	version int64
	day     string
	figures figs.Figures
	report  costs.CommissionerReport
}

// maxCachedScopes bounds the cache; past it, it starts again.
const maxCachedScopes = 64

func scopeKey(sc domain.Scope) string {
	return fmt.Sprintf("%t|%v|%v|%t", sc.AllPrisons, sc.Prisons, sc.Authorities, sc.FromClearance)
}

func (tc *tablesCache) get(key string, version int64, day string) (tablesEntry, bool) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	e, ok := tc.m[key]
	return e, ok && e.version == version && e.day == day
}

func (tc *tablesCache) put(key string, e tablesEntry) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.m == nil || len(tc.m) >= maxCachedScopes {
		tc.m = map[string]tablesEntry{}
	}
	tc.m[key] = e
}
