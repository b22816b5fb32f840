package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/testutil"
)

var now = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

func inviteICS(t testing.TB, m ical.Method, seq int) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, ical.Encode(&b, ical.Invite{
		UID: "event-7-teacher-12@schoolzone.example", Sequence: seq, Method: m,
		Organizer: ical.Person{Name: "School Zone coordinator", Email: "coordinator@prison.example"},
		Attendees: []ical.Person{{Name: "Ms Rhian Davies", Email: "r.davies@school.example"}},
		Summary:   "School Zone meeting, HMP Parc",
		Start:     time.Date(2026, 6, 16, 13, 20, 0, 0, time.UTC),
		End:       time.Date(2026, 6, 16, 13, 40, 0, 0, time.UTC),
		Stamp:     now,
	}))
	return b.Bytes()
}

func teacherMessage(t testing.TB) Message {
	return Message{
		From:     Address{Name: "School Zone coordinator", Email: "coordinator@prison.example"},
		To:       Address{Name: "Ms Rhian Davies", Email: "r.davies@school.example"},
		Subject:  "School Zone meeting, HMP Parc, Tuesday 16 June",
		Text:     "Where: HMP Parc\nArrive by: 13:30\nTable: 4\n",
		HTML:     "<p>Where: HMP Parc<br>Arrive by: 13:30<br>Table: 4</p>",
		Calendar: &Calendar{Method: "REQUEST", Data: inviteICS(t, ical.Request, 0)},
		Attachments: []Attachment{{
			Filename: "prep-pack-E7-T12.pdf", ContentType: "application/pdf",
			Data: []byte("%PDF-1.4\n% a stand-in for the real pack\n%%EOF\n"),
		}},
		Lang: i18n.English,
	}
}

// leaf is a decoded non-multipart part.
type leaf struct {
	mediaType string
	params    map[string]string
	header    map[string][]string
	body      []byte
}

// parse reads raw with the standard library only, as a mail client would,
// and returns the message and its leaves in order, with the structure as
// a string such as "mixed(alternative(text/plain,text/calendar),application/ics)".
func parse(t *testing.T, raw []byte) (*netmail.Message, []leaf, string) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	require.NoError(t, err)
	var leaves []leaf
	var walk func(h map[string][]string, body io.Reader) string
	walk = func(h map[string][]string, body io.Reader) string {
		mt, params, err := mime.ParseMediaType(first(h["Content-Type"]))
		require.NoError(t, err)
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			var kids []string
			for {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				kids = append(kids, walk(p.Header, p))
			}
			return strings.TrimPrefix(mt, "multipart/") + "(" + strings.Join(kids, ",") + ")"
		}
		data, err := io.ReadAll(body)
		require.NoError(t, err)
		switch first(h["Content-Transfer-Encoding"]) {
		case "base64":
			data, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(data)))
		case "quoted-printable":
			data, err = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(data)))
		}
		require.NoError(t, err)
		leaves = append(leaves, leaf{mt, params, h, data})
		return mt
	}
	shape := walk(msg.Header, msg.Body)
	return msg, leaves, shape
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func TestBuildInvite(t *testing.T) {
	m := teacherMessage(t)
	raw, err := Build(m, now)
	require.NoError(t, err)
	testutil.Golden(t, "eml/teacher_invite.eml", raw)

	msg, leaves, shape := parse(t, raw)
	assert.Equal(t, "mixed(alternative(text/plain,text/html,text/calendar),application/ics,application/pdf)", shape)
	assert.Equal(t, `"School Zone coordinator" <coordinator@prison.example>`, msg.Header.Get("From"))
	assert.Equal(t, `"Ms Rhian Davies" <r.davies@school.example>`, msg.Header.Get("To"))
	assert.Equal(t, "Fri, 01 May 2026 09:00:00 +0000", msg.Header.Get("Date"))
	assert.Regexp(t, `^<[0-9a-f]{32}@prison\.example>$`, msg.Header.Get("Message-ID"))
	assert.Equal(t, "en", msg.Header.Get("Content-Language"))

	text, html, cal, ics, pdf := leaves[0], leaves[1], leaves[2], leaves[3], leaves[4]
	assert.Equal(t, "Where: HMP Parc\r\nArrive by: 13:30\r\nTable: 4\r\n", string(text.body))
	assert.Equal(t, "UTF-8", text.params["charset"])
	assert.Equal(t, m.HTML+"\r\n", string(html.body), "text bodies end with a line break")

	// The MIME method must equal the METHOD inside the calendar.
	assert.Equal(t, "REQUEST", cal.params["method"])
	assert.Equal(t, "UTF-8", cal.params["charset"])
	assert.Equal(t, m.Calendar.Data, cal.body, "the calendar must arrive byte for byte")
	parsed, err := goical.NewDecoder(bytes.NewReader(cal.body)).Decode()
	require.NoError(t, err)
	assert.Equal(t, cal.params["method"], parsed.Props.Get(goical.PropMethod).Value)

	assert.Equal(t, InviteFilename, ics.params["name"])
	assert.Equal(t, `attachment; filename=invite.ics`, first(ics.header["Content-Disposition"]))
	assert.Equal(t, m.Calendar.Data, ics.body)
	assert.Equal(t, "prep-pack-E7-T12.pdf", pdf.params["name"])
	assert.Equal(t, m.Attachments[0].Data, pdf.body)
}

func TestBuildWelshCancel(t *testing.T) {
	m := teacherMessage(t)
	m.Subject = "Wedi’i ganslo: Cyfarfod School Zone, CEM Parc, dydd Mawrth 16 Mehefin – peidiwch â theithio"
	m.Text = "Mae’r cyfarfod wedi’i ganslo. Peidiwch â theithio i’r carchar.\n"
	m.HTML = ""
	m.Attachments = nil
	m.Lang = i18n.Welsh
	m.Calendar = &Calendar{Method: "CANCEL", Data: inviteICS(t, ical.Cancel, 1)}
	raw, err := Build(m, now)
	require.NoError(t, err)
	testutil.Golden(t, "eml/teacher_cancel_cy.eml", raw)

	msg, leaves, shape := parse(t, raw)
	assert.Equal(t, "mixed(alternative(text/plain,text/calendar),application/ics)", shape)
	rawSubject := msg.Header["Subject"][0]
	assert.True(t, strings.HasPrefix(rawSubject, "=?UTF-8?q?"), "a Welsh subject must be RFC 2047-encoded: %q", rawSubject)
	subject, err := new(mime.WordDecoder).DecodeHeader(rawSubject)
	require.NoError(t, err)
	assert.Equal(t, m.Subject, subject)
	assert.Equal(t, "CANCEL", leaves[1].params["method"])
	assert.Equal(t, "Mae’r cyfarfod wedi’i ganslo. Peidiwch â theithio i’r carchar.\r\n", string(leaves[0].body))
	assert.Equal(t, "cy", msg.Header.Get("Content-Language"))
}

func TestBuildPlainMessageIsSinglePart(t *testing.T) {
	raw, err := Build(Message{
		From: Address{Email: "coordinator@prison.example"}, To: Address{Email: "office@school.example"},
		Subject: "Please do not travel", Text: "Please do not travel today.",
	}, now)
	require.NoError(t, err)
	msg, leaves, shape := parse(t, raw)
	assert.Equal(t, "text/plain", shape)
	assert.Equal(t, "Please do not travel", msg.Header.Get("Subject"))
	assert.Equal(t, "Please do not travel today.\r\n", string(leaves[0].body))
	assert.Empty(t, msg.Header.Get("Content-Language"))
}

// What is stored must be transmittable as is: 7-bit, CRLF, short lines.
func TestBuildOutputIsSafeForSMTP(t *testing.T) {
	m := teacherMessage(t)
	m.Text = strings.Repeat("Mae’r cyfarfod yn CEM Parc. ", 40) // one 1,000+ octet line
	m.To.Name = "Siân Llŷr-Ŵatcyn"
	raw, err := Build(m, now)
	require.NoError(t, err)
	for i, c := range raw {
		require.Less(t, c, byte(0x80), "8-bit octet at %d", i)
		if c == '\n' {
			require.Equal(t, byte('\r'), raw[i-1], "bare LF at %d", i)
		}
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		assert.LessOrEqual(t, len(line), 78, "%q", line)
	}
	msg, leaves, _ := parse(t, raw)
	to, err := msg.Header.AddressList("To")
	require.NoError(t, err)
	assert.Equal(t, "Siân Llŷr-Ŵatcyn", to[0].Name)
	assert.Equal(t, m.Text+"\r\n", string(leaves[0].body), "soft line breaks must decode away")
}

func TestBuildIsStable(t *testing.T) {
	m := teacherMessage(t)
	a, err := Build(m, now)
	require.NoError(t, err)
	b, err := Build(m, now)
	require.NoError(t, err)
	assert.Equal(t, a, b)

	later, err := Build(m, now.Add(time.Second))
	require.NoError(t, err)
	ma, _ := netmail.ReadMessage(bytes.NewReader(a))
	ml, _ := netmail.ReadMessage(bytes.NewReader(later))
	assert.NotEqual(t, ma.Header.Get("Message-ID"), ml.Header.Get("Message-ID"))

	m.Domain = "schoolzone.example"
	c, err := Build(m, now)
	require.NoError(t, err)
	mc, _ := netmail.ReadMessage(bytes.NewReader(c))
	assert.True(t, strings.HasSuffix(mc.Header.Get("Message-ID"), "@schoolzone.example>"))
}

// A subject is user input: a line break must not become a new header.
func TestBuildSubjectCannotInjectHeaders(t *testing.T) {
	m := teacherMessage(t)
	m.Subject = "Hello\r\nBcc: everyone@example.org"
	raw, err := Build(m, now)
	require.NoError(t, err)
	msg, _, _ := parse(t, raw)
	assert.Empty(t, msg.Header.Get("Bcc"))
	assert.Equal(t, "Hello Bcc: everyone@example.org", msg.Header.Get("Subject"))
}

func TestBuildRejects(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Message)
		want   error
	}{
		{"bad from", func(m *Message) { m.From.Email = "coordinator" }, ErrBadAddress},
		{"empty to", func(m *Message) { m.To.Email = "" }, ErrBadAddress},
		{"to with display name", func(m *Message) { m.To.Email = "Rhian <r@school.example>" }, ErrBadAddress},
		{"bad reply-to", func(m *Message) { m.ReplyTo.Email = "nobody" }, ErrBadAddress},
		{"no text", func(m *Message) { m.Text = " \n" }, ErrNoText},
		{"bad domain", func(m *Message) { m.Domain = "a>b" }, ErrBadAddress},
		{"calendar not ical", func(m *Message) { m.Calendar.Data = []byte("hello") }, ErrBadCalendar},
		{"method mismatch", func(m *Message) { m.Calendar.Method = "CANCEL" }, ErrMethodMismatch},
		{"method missing", func(m *Message) { m.Calendar.Method = "" }, ErrMethodMismatch},
		{"attachment type", func(m *Message) { m.Attachments[0].ContentType = "" }, ErrBadAttachment},
		{"attachment name", func(m *Message) { m.Attachments[0].Filename = "../" }, ErrBadAttachment},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := teacherMessage(t)
			tt.change(&m)
			_, err := Build(m, now)
			require.ErrorIs(t, err, tt.want)
		})
	}
}

func TestSafeFilename(t *testing.T) {
	assert.Equal(t, "pack.pdf", safeFilename("../../etc/pack.pdf"))
	assert.Equal(t, "a_b.pdf", safeFilename("a\\b.pdf"))
	assert.Equal(t, "a_b.pdf", safeFilename("a\nb.pdf"))
	assert.Equal(t, "", safeFilename(".."))
}
