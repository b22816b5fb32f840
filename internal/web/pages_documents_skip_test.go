package web

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// A carer address saved before addresses were checked does not stop the
// showcase's invitations: the others are queued, and the page names the
// recipient who was skipped, by reference, in the reader's language.
func TestSendInvitationsListsSkippedRecipients(t *testing.T) {
	a := newDocumentsApp(t, `UPDATE carers SET email = 'carer2@x.example (note)' WHERE id = 31`)
	coord := a.user(domain.RoleCoordinator)

	r := coord.post("/events/3/invitations", url.Values{})
	require.Equal(t, 200, r.code, r.body)
	assert.Equal(t, "/events/3/documents", r.location)
	assert.Contains(t, r.body, "except for the recipients listed under")
	assert.Contains(t, r.body, "Email addresses that are not valid")
	assert.Contains(t, r.body, "<li>FAM-0012 (")
	assert.Contains(t, r.body, "Address not valid: not sent")
	assert.NotContains(t, r.body, "carer2@x.example")

	msgs, err := a.store.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted, EventID: 3})
	require.NoError(t, err)
	assert.Len(t, msgs, 3, "everyone else's invitation is queued")

	cy := coord.get("/events/3/documents?lang=cy")
	assert.Contains(t, cy.body, "Cyfeiriadau e-bost nad ydynt yn ddilys")
}
