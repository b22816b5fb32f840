package showcase_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// fixedNow is a fortnight before the fixture's showcase.
var fixedNow = time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)

// Names from the fixture that must never reach a calendar or a file name.
var custodyAndChildNames = []string{"Rhodri", "Bevan", "Gareth", "Pryce", "Gwenllïan", "Siôn", "A1234BC", "B5678CD"}

const eventID = 3

type fixture struct {
	t     testing.TB
	path  string
	store *store.Store
	svc   *showcase.Service
	clock *time.Time
}

// newFixture opens a fresh database with testdata/showcase.sql loaded.
func newFixture(t testing.TB, seed ...string) *fixture {
	t.Helper()
	f := &fixture{t: t, path: filepath.Join(t.TempDir(), "showcase.db")}
	now := fixedNow
	f.clock = &now
	st, err := store.Open(context.Background(), f.path, store.WithClock(func() time.Time { return *f.clock }))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	f.store = st
	if len(seed) == 0 {
		b, err := os.ReadFile(filepath.Join("testdata", "showcase.sql"))
		require.NoError(t, err)
		seed = []string{string(b)}
	}
	for _, s := range seed {
		f.exec(s)
	}
	f.svc = &showcase.Service{Scope: domain.Unrestricted, Store: st, Cat: i18n.MustLoad(), BaseURL: "https://schoolzone.example", Now: func() time.Time { return *f.clock },
		Organizer: ical.Person{Name: "Ceri Llywelyn", Email: "schoolzone@example.org"}}
	return f
}

// exec runs SQL on the database behind the store's back, as the
// allocation pages would change meetings and tables.
func (f *fixture) exec(query string, args ...any) {
	f.t.Helper()
	db, err := sql.Open("sqlite", "file:"+f.path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(ON)")
	require.NoError(f.t, err)
	defer db.Close()
	_, err = db.Exec(query, args...)
	require.NoError(f.t, err)
}

func (f *fixture) outbox() []store.OutboxMessage {
	f.t.Helper()
	msgs, err := f.store.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted, EventID: eventID})
	require.NoError(f.t, err)
	return msgs
}

// sent is one outbox email taken apart.
type sent struct {
	msg         store.OutboxMessage
	header      netmail.Header
	calMethod   string // method parameter of the text/calendar part
	cal         *goical.Calendar
	attachments map[string][]byte
	text        string
}

func (f *fixture) parse(m store.OutboxMessage) sent {
	f.t.Helper()
	eml, err := f.store.OutboxEML(context.Background(), domain.Unrestricted, m.ID)
	require.NoError(f.t, err)
	return parseEML(f.t, m, eml)
}

func parseEML(t testing.TB, m store.OutboxMessage, eml []byte) sent {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(eml))
	require.NoError(t, err)
	s := sent{msg: m, header: msg.Header, attachments: map[string][]byte{}}
	walk(t, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", msg.Body, &s)
	return s
}

func walk(t testing.TB, ct, cte, disposition string, body io.Reader, s *sent) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(ct)
	require.NoError(t, err)
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			require.NoError(t, err)
			walk(t, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p.Header.Get("Content-Disposition"), p, s)
		}
	}
	data := decodeBody(t, cte, body)
	switch {
	case strings.HasPrefix(disposition, "attachment"):
		_, dp, err := mime.ParseMediaType(disposition)
		require.NoError(t, err)
		s.attachments[dp["filename"]] = data
	case mt == "text/calendar":
		s.calMethod = params["method"]
		s.cal, err = goical.NewDecoder(bytes.NewReader(data)).Decode()
		require.NoError(t, err)
	case mt == "text/plain":
		s.text = string(data)
	}
}

func decodeBody(t testing.TB, cte string, r io.Reader) []byte {
	t.Helper()
	raw, err := io.ReadAll(r)
	require.NoError(t, err)
	switch strings.ToLower(cte) {
	case "base64":
		out, err := io.ReadAll(base64Reader(raw))
		require.NoError(t, err)
		return out
	case "quoted-printable":
		out, err := io.ReadAll(qpReader(raw))
		require.NoError(t, err)
		return out
	}
	return raw
}

// event returns the single VEVENT of a calendar.
func event(t testing.TB, cal *goical.Calendar) *goical.Event {
	t.Helper()
	evs := cal.Events()
	require.Len(t, evs, 1, "an invite carries exactly one VEVENT")
	return &evs[0]
}

func prop(ev *goical.Event, name string) string {
	if p := ev.Props.Get(name); p != nil {
		return p.Value
	}
	return ""
}

func textProp(t testing.TB, ev *goical.Event, name string) string {
	t.Helper()
	v, err := ev.Props.Text(name)
	require.NoError(t, err)
	return v
}

func calMethod(cal *goical.Calendar) string {
	if p := cal.Props.Get(goical.PropMethod); p != nil {
		return p.Value
	}
	return ""
}

// byRecipient indexes outbox messages by kind, recipient and mail kind.
func byRecipient(msgs []store.OutboxMessage) map[string]store.OutboxMessage {
	out := map[string]store.OutboxMessage{}
	for _, m := range msgs {
		out[m.RecipientKind+"/"+itoa(m.RecipientID)+"/"+m.Kind] = m
	}
	return out
}

func base64Reader(raw []byte) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, bytes.NewReader(raw))
}

func qpReader(raw []byte) io.Reader { return quotedprintable.NewReader(bytes.NewReader(raw)) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
