package replies

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/mail"
	"schoolzone/internal/store"
)

// mailbox is the organizer's mailbox on a real IMAP server on loopback.
type mailbox struct {
	t    *testing.T
	cfg  mail.IMAPConfig
	user *imapmemserver.User
}

func newMailbox(t *testing.T) *mailbox {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("organizer@prison.example", "mailbox-password")
	require.NoError(t, user.Create("INBOX", nil))
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	cfg, err := mail.ParseIMAPURL("imap://organizer%40prison.example:mailbox-password@" + ln.Addr().String() + "?tls=none")
	require.NoError(t, err)
	return &mailbox{t: t, cfg: cfg, user: user}
}

// deliver appends a message as a mail server would on delivery.
func (m *mailbox) deliver(raw []byte) {
	m.t.Helper()
	c, err := Dial(m.cfg)
	require.NoError(m.t, err)
	defer c.Close()
	require.NoError(m.t, c.Login(m.cfg.Username, m.cfg.Password).Wait())
	cmd := c.Append("INBOX", int64(len(raw)), nil)
	_, err = cmd.Write(raw)
	require.NoError(m.t, err)
	require.NoError(m.t, cmd.Close())
	_, err = cmd.Wait()
	require.NoError(m.t, err)
}

// unseen counts the messages nobody has read, to show the reader leaves
// the coordinator's mail as it was.
func (m *mailbox) unseen() int {
	m.t.Helper()
	c, err := Dial(m.cfg)
	require.NoError(m.t, err)
	defer c.Close()
	require.NoError(m.t, c.Login(m.cfg.Username, m.cfg.Password).Wait())
	st, err := c.Status("INBOX", &imap.StatusOptions{NumUnseen: true}).Wait()
	require.NoError(m.t, err)
	return int(*st.NumUnseen)
}

// world is a showcase whose invites went to two teachers and a carer, with
// the UIDs and addresses the fixtures answer.
type world struct {
	s                       *store.Store
	event                   int64
	rees, lloyd, seren, fam int64
}

func newWorld(t *testing.T) world {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "replies.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	w := world{s: s}
	prison, err := s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(t, err)
	la, err := s.CreateLocalAuthority(ctx, domain.System, "Bridgend")
	require.NoError(t, err)
	school, err := s.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol y Bryn", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: la, Lang: "cy"})
	require.NoError(t, err)
	w.rees, err = s.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: school, Name: "Ms Rees", Email: "rees@ysgol-y-bryn.example", Role: "class_teacher", Lang: "cy"})
	require.NoError(t, err)
	w.lloyd, err = s.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: school, Name: "Mr Lloyd", Email: "lloyd@ysgol-y-bryn.example", Role: "head", Lang: "en"})
	require.NoError(t, err)
	w.fam, err = s.CreateReferral(ctx, domain.System, domain.ReferralInput{PrisonID: prison, ParentName: "Rhodri Example", ReferralSource: "parent",
		ReferredOn: "2026-11-01", Carer: domain.Carer{Name: "Seren Example", Relationship: "parent", Email: "seren.example@gmail.example", Lang: "cy"},
		Children: []domain.Child{{FirstName: "Cai", SchoolID: school, Lang: "cy"}}})
	require.NoError(t, err)
	c, err := s.Case(ctx, domain.Unrestricted, w.fam)
	require.NoError(t, err)
	w.seren = c.Carers[0].ID
	w.event, err = s.CreateEvent(ctx, domain.System, domain.Event{PrisonID: prison, Title: "Winter showcase",
		StartsAt: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), SlotMinutes: 20, Slots: 6, ArrivalMinutes: 45})
	require.NoError(t, err)
	var changes []store.InviteChange
	for _, r := range []struct {
		kind    string
		id, fam int64
	}{{"teacher", w.rees, 0}, {"teacher", w.lloyd, 0}, {"carer", w.seren, w.fam}} {
		changes = append(changes, store.InviteChange{Record: store.InviteRecord{EventID: w.event, RecipientKind: r.kind, RecipientID: r.id, FamilyID: r.fam,
			UID: "sz-ev" + itoa(w.event) + "-" + r.kind + itoa(r.id) + "@schoolzone.test", Fingerprint: "f", Status: store.InviteActive,
			Organizer: "coordinator@prison.example", StartsAt: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), EndsAt: time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC),
			LastSentAt: time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)}})
	}
	require.NoError(t, s.ApplyInvites(ctx, domain.System, store.InviteBatch{EventID: w.event, Changes: changes}))
	return w
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (w world) answers(t *testing.T) map[string]string {
	t.Helper()
	rs, err := w.s.InviteReplies(context.Background(), w.event)
	require.NoError(t, err)
	out := map[string]string{}
	for _, r := range rs {
		out[r.Kind+itoa(r.RecipientID)] = r.Response
	}
	return out
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func reader(w world, m *mailbox, log *bytes.Buffer) *Reader {
	return &Reader{Config: m.cfg, Store: w.s, Log: slog.New(slog.NewTextHandler(log, nil))}
}

// Replies shaped as Outlook, Google Calendar and Thunderbird send them are
// each recorded on the right invite, and the mailbox is left unread.
func TestRepliesFromThreeCalendarClientsAreRecorded(t *testing.T) {
	w := newWorld(t)
	m := newMailbox(t)
	for _, name := range []string{"outlook.eml", "google.eml", "thunderbird.eml"} {
		m.deliver(fixture(t, name))
	}
	m.deliver([]byte("From: someone@example.org\r\nSubject: Thank you\r\nContent-Type: text/plain\r\n\r\nSee you there.\r\n"))
	var log bytes.Buffer
	r := reader(w, m, &log)

	sum, err := r.Poll(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 4, sum.Messages)
	assert.Equal(t, 1, sum.NotReplies)
	assert.Equal(t, map[store.ReplyOutcome]int{store.ReplyRecorded: 3}, sum.Outcomes, "Google's two copies of one reply count once")
	assert.Equal(t, map[string]string{"teacher" + itoa(w.rees): "confirmed", "teacher" + itoa(w.lloyd): "tentative", "carer" + itoa(w.seren): "declined"}, w.answers(t))
	assert.Equal(t, 4, m.unseen(), "the coordinator's mail stays unread")

	sum, err = r.Poll(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 0, sum.Messages, "a second poll reads only what is new")
}

// A forged attendee, an unknown UID and an answer to an older version of
// the invite change nothing, and the log says why without saying who.
func TestForgedUnknownAndStaleRepliesChangeNothing(t *testing.T) {
	w := newWorld(t)
	m := newMailbox(t)
	tb := string(fixture(t, "thunderbird.eml"))
	forged := strings.Replace(tb, "mailto:lloyd@ysgol-y-bryn.example", "mailto:intruder@elsewhere.example", 1)
	unknown := strings.Replace(tb, "UID:sz-ev1-teacher2@schoolzone.test", "UID:040000008200E00074C5B7101A82E008@outlook.example", 1)
	older := strings.Replace(tb, "DTSTAMP:20261118T071532Z", "DTSTAMP:20261110T071532Z", 1)
	// Accepted at SEQUENCE 0, then the time changed and SEQUENCE rose to 1.
	ctx := context.Background()
	m.deliver(fixture(t, "outlook.eml"))
	r := reader(w, m, &bytes.Buffer{})
	_, err := r.Poll(ctx)
	require.NoError(t, err)
	require.Equal(t, "confirmed", w.answers(t)["teacher"+itoa(w.rees)])
	invites, err := w.s.Invites(ctx, w.event)
	require.NoError(t, err)
	rec := invites[1]
	require.Equal(t, w.rees, rec.RecipientID)
	rec.Sequence, rec.StartsAt = 1, rec.StartsAt.Add(20*time.Minute)
	require.NoError(t, w.s.ApplyInvites(ctx, domain.System, store.InviteBatch{EventID: w.event, Changes: []store.InviteChange{{Record: rec, PrevSequence: 0}}}))
	assert.Equal(t, "", w.answers(t)["teacher"+itoa(w.rees)], "a changed time needs a new answer")

	for _, raw := range []string{forged, unknown, string(fixture(t, "outlook.eml"))} {
		m.deliver([]byte(raw))
	}
	var log bytes.Buffer
	r = reader(w, m, &log)
	sum, err := r.Poll(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[store.ReplyOutcome]int{store.ReplyWrongAttendee: 1, store.ReplyUnknown: 1, store.ReplyStale: 1}, sum.Outcomes)
	assert.Equal(t, map[string]string{"teacher" + itoa(w.rees): "", "teacher" + itoa(w.lloyd): "", "carer" + itoa(w.seren): ""}, w.answers(t))
	for _, secret := range []string{"intruder", "lloyd", "rees", "Rees", "sz-ev", "outlook.example"} {
		assert.NotContains(t, log.String(), secret, "the log names no one")
	}

	// The real reply, then an older one from the same person: the later wins.
	m.deliver([]byte(tb))
	m.deliver([]byte(strings.Replace(older, "PARTSTAT=tentative", "PARTSTAT=DECLINED", 1)))
	sum, err = r.Poll(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[store.ReplyOutcome]int{store.ReplyRecorded: 1, store.ReplyOlder: 1}, sum.Outcomes)
	assert.Equal(t, "tentative", w.answers(t)["teacher"+itoa(w.lloyd)])
}
