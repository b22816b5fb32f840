package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// The commissioner tables are built once and kept until anything is
// committed, by this server or by another process on the same file; a
// kept copy is never served after a change.
func TestCommissionerTablesAreKeptUntilTheNextCommit(t *testing.T) {
	a, w := listWorld(t, 12)
	comm := a.apiAs(domain.RoleCommissioner)
	figures := func() (string, int64) {
		var body string
		reads := a.readsFor(func() int {
			r := comm.call(http.MethodGet, "/api/v1/figures", nil)
			body = r.body
			return r.code
		})
		return body, reads
	}
	first, built := figures()
	again, kept := figures()
	assert.Equal(t, first, again)
	assert.Less(t, kept, built, "the kept tables are not built again")

	// A family reaches a new stage through this server.
	id := w.addFamily(t, "Parent New", "ChildNew", w.school)
	w.ready(t, id)
	changed, rebuilt := figures()
	assert.NotEqual(t, first, changed, "a new family shows at once")
	assert.Equal(t, built, rebuilt, "the tables are built again")

	// Another process (the CLI, say) commits to the same file.
	other, err := store.Open(context.Background(), a.dbPath)
	require.NoError(t, err)
	defer other.Close()
	_, err = other.CreateLocalAuthority(context.Background(), domain.System, "Sir Fynwy")
	require.NoError(t, err)
	_, reads := figures()
	assert.Equal(t, built, reads, "another process's commit is seen too")
}
