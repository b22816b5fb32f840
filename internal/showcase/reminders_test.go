package showcase_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// People who have not answered are reminded once, in their own language,
// with a fresh link; those who answered, or have no address, are not.
func TestRemindersGoOnceToThoseWhoHaveNotAnswered(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.SendInvitations(ctx, domain.System, 3)
	require.NoError(t, err)
	f.exec(`UPDATE invites SET response = 'confirmed' WHERE recipient_kind = 'teacher' AND recipient_id = 8`)
	sent := len(f.outbox())

	n, err := f.svc.SendReminders(ctx, domain.System, 3)
	require.NoError(t, err)
	assert.Equal(t, 3, n, "teacher 7 and both carers; teacher 8 answered and teacher 9 has no address")
	msgs := f.outbox()
	require.Len(t, msgs, sent+3)
	subjects := map[string]string{}
	for _, m := range msgs[:3] {
		assert.Equal(t, "reminder", m.Kind)
		subjects[m.To] = m.Subject
		text := f.parse(m).text
		assert.Contains(t, text, "/l/", "each reminder carries the person's link")
	}
	assert.Contains(t, subjects["llyr@ywern.example"], "Nodyn atgoffa", "Welsh for a Welsh-speaking teacher")
	assert.Contains(t, subjects["kelly@example.org"], "Reminder")

	n, err = f.svc.SendReminders(ctx, domain.System, 3)
	require.NoError(t, err)
	assert.Equal(t, 0, n, "once is enough")
}
