package showcase_test

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/mail"
	"schoolzone/internal/store"
	"schoolzone/internal/testutil"
)

// inbox is an SMTP server on 127.0.0.1 that keeps what it is sent.
type inbox struct {
	mu  sync.Mutex
	got map[string][]byte // recipient → message
}

func startInbox(t *testing.T) (*inbox, mail.SMTPConfig) {
	t.Helper()
	in := &inbox{got: map[string][]byte{}}
	srv := smtp.NewServer(in)
	srv.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(l.Addr().String())
	p, _ := strconv.Atoi(port)
	return in, mail.SMTPConfig{Host: host, Port: p, TLS: mail.NoTLS, From: "bounces@schoolzone.example"}
}

func (in *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &inboxSession{in: in}, nil }

type inboxSession struct {
	in *inbox
	to []string
}

func (s *inboxSession) Reset()                               { s.to = nil }
func (s *inboxSession) Logout() error                        { return nil }
func (s *inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *inboxSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *inboxSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.in.mu.Lock()
	defer s.in.mu.Unlock()
	for _, to := range s.to {
		s.in.got[to] = b
	}
	return nil
}

// TestInvitationsArriveOverSMTP sends invitations through the outbox and
// the real sender to a loopback SMTP server and looks at what arrived.
func TestInvitationsArriveOverSMTP(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	res, err := f.svc.SendInvitations(ctx, domain.System, eventID)
	require.NoError(t, err)
	assert.Equal(t, 4, res.Emails)
	require.Len(t, res.NoEmail, 1)
	assert.Equal(t, "TCH-0009", res.NoEmail[0].Ref)

	in, cfg := startInbox(t)
	sender := &mail.Sender{Queue: f.store, Transport: mail.NewSMTP(cfg), Now: func() time.Time { return *f.clock }}
	n, failed, err := sender.Tick(ctx)
	require.NoError(t, err)
	require.Equal(t, 4, n)
	require.Zero(t, failed)
	for _, m := range f.outbox() {
		assert.Equal(t, store.OutboxSent, m.Status)
	}

	cases := []struct {
		to, subject, pdf string
	}{
		{"llyr@ywern.example", "Gwahoddiad: Cyfarfod Parth Ysgol, CEF Parc", "teacher-pack-TCH-0007-cy.pdf"},
		{"sjones@bridgend.example", "Invitation: School Zone meeting, HMP Parc", "teacher-pack-TCH-0008-en.pdf"},
		{"angharad@example.org", "Gwahoddiad: Cyfarfod Parth Ysgol, CEF Parc", "carer-letter-FAM-0012-cy.pdf"},
		{"kelly@example.org", "Invitation: School Zone meeting, HMP Parc", "carer-letter-FAM-0015-en.pdf"},
	}
	for _, tc := range cases {
		t.Run(tc.to, func(t *testing.T) {
			in.mu.Lock()
			raw := in.got[tc.to]
			in.mu.Unlock()
			require.NotEmpty(t, raw, "nothing arrived for %s", tc.to)
			s := parseEML(t, store.OutboxMessage{}, raw)
			assert.Equal(t, tc.subject, decodeHeader(t, s.header.Get("Subject")))
			assert.Equal(t, "REQUEST", s.calMethod, "text/calendar; method=REQUEST")
			assert.Equal(t, "REQUEST", calMethod(s.cal))
			assert.Contains(t, string(raw), "text/calendar; charset=UTF-8; method=REQUEST")
			pdf := s.attachments[tc.pdf]
			require.NotEmpty(t, pdf, "attachments: %v", keys(s.attachments))
			assert.True(t, strings.HasPrefix(string(pdf), "%PDF-"))
			assert.NotEmpty(t, s.attachments["invite.ics"])
		})
	}
}

// TestExportedPDFsOpenAndKeepWelsh exports the showcase and checks every
// PDF with qpdf and pdftotext.
func TestExportedPDFsOpenAndKeepWelsh(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	res, err := f.svc.Export(context.Background(), eventID, dir)
	require.NoError(t, err)
	want := []string{
		"invites/invite-TCH-0007.ics", "invites/invite-TCH-0008.ics", "invites/invite-FAM-0012.ics", "invites/invite-FAM-0015.ics",
		"packs/teacher-pack-TCH-0007-cy.pdf", "packs/teacher-pack-TCH-0008-en.pdf", "packs/teacher-pack-TCH-0009-en.pdf",
		"packs/carer-letter-FAM-0012-cy.pdf", "packs/carer-letter-FAM-0015-en.pdf",
		"packs/run-sheet-EV-0003-en.pdf", "packs/run-sheet-EV-0003-cy.pdf",
		"packs/certificate-FAM-0012.pdf", "packs/certificate-FAM-0015.pdf",
	}
	assert.ElementsMatch(t, want, res.Files)
	qpdf := testutil.NeedTool(t, "qpdf", "qpdf")
	pdftotext := testutil.NeedTool(t, "pdftotext", "poppler-utils")
	text := map[string]string{}
	for _, rel := range res.Files {
		for _, name := range custodyAndChildNames {
			assert.NotContains(t, rel, name)
		}
		if !strings.HasSuffix(rel, ".pdf") {
			continue
		}
		path := filepath.Join(dir, rel)
		out, err := exec.Command(qpdf, "--check", path).CombinedOutput()
		require.NoError(t, err, "qpdf --check %s:\n%s", rel, out)
		out, err = exec.Command(pdftotext, "-enc", "UTF-8", path, "-").CombinedOutput()
		require.NoError(t, err, "pdftotext %s: %s", rel, out)
		text[filepath.Base(rel)] = string(out)
	}
	welsh := text["teacher-pack-TCH-0007-cy.pdf"]
	assert.Contains(t, welsh, "Llŷr", "ŷ survives extraction")
	assert.Contains(t, welsh, "cŵn", "ŵ survives extraction")
	assert.Contains(t, welsh, "Gwenllïan", "the pupil's first name, shared with their teacher")
	assert.Contains(t, welsh, "Frightened of dogs", "needs the carer agreed to share")
	english := text["teacher-pack-TCH-0008-en.pdf"]
	assert.Contains(t, english, "Siôn")
	assert.NotContains(t, english, "Autistic", "needs the carer did not agree to share")
	assert.NotContains(t, english, "Gwenllïan", "a child the teacher is not there for")
	for name, body := range text {
		if strings.HasPrefix(name, "teacher-pack") || strings.HasPrefix(name, "carer-letter") {
			for _, n := range []string{"Rhodri", "Gareth", "A1234BC", "B5678CD"} {
				assert.NotContains(t, body, n, name)
			}
		}
	}
	assert.Contains(t, text["run-sheet-EV-0003-en.pdf"], "A1234BC", "the gate needs prison numbers")
	assert.Contains(t, text["certificate-FAM-0012.pdf"], "Rhodri Bevan", "the certificate is the parent's")
}

// BenchmarkExportShowcase exports a demo-sized showcase: 16 families, 16
// teachers, 24 tables. The issue wants all documents in under 2 s.
func BenchmarkExportShowcase(b *testing.B) {
	f := newFixture(b, benchSeed(16))
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		res, err := f.svc.Export(context.Background(), eventID, dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Files) != 16*2+16*3+2 {
			b.Fatalf("%d files", len(res.Files))
		}
	}
}

func benchSeed(families int) string {
	var sb strings.Builder
	sb.WriteString(`INSERT INTO prisons (id, name, address, phone) VALUES (1, 'HMP Parc', 'Heol Hopcyn John, Bridgend', '01632 960 418');
INSERT INTO local_authorities (id, name) VALUES (1, 'Pen-y-bont ar Ogwr');
INSERT INTO schools (id, name, type, local_authority_id, head_email, lang) VALUES (1, 'Ysgol y Wern', 'primary', 1, 'head@wern.example', 'cy');
INSERT INTO events (id, prison_id, title, starts_at, slot_minutes, slots, arrival_minutes, created_at) VALUES (3, 1, 'Showcase', '2026-04-14T13:00:00Z', 10, 12, 45, '2026-02-01T10:00:00Z');
`)
	for i := 1; i <= 24; i++ {
		fmt.Fprintf(&sb, "INSERT INTO hall_tables (id, prison_id, label, row, col) VALUES (%d, 1, '%c%d', %d, %d);\n", i, 'A'+(i-1)/6, (i-1)%6+1, (i-1)/6, (i-1)%6)
	}
	langs := []string{"en", "cy"}
	for i := 1; i <= families; i++ {
		l := langs[i%2]
		fmt.Fprintf(&sb, "INSERT INTO teachers (id, school_id, name, email, role, lang) VALUES (%d, 1, 'Teacher %d', 't%d@wern.example', 'class_teacher', '%s');\n", i, i, i, l)
		fmt.Fprintf(&sb, "INSERT INTO families (id, ref, prison_id, parent_name, prison_number, referral_source, referred_on, created_at) VALUES (%d, 'FAM-%04d', 1, 'Parent %d', 'A%04dBC', 'carer', '2026-01-01', '2026-01-01T00:00:00Z');\n", i, i, i, i)
		fmt.Fprintf(&sb, "INSERT INTO carers (family_id, name, relationship, email, lang, is_primary) VALUES (%d, 'Carer %d', 'parent', 'c%d@example.org', '%s', 1);\n", i, i, i, l)
		fmt.Fprintf(&sb, "INSERT INTO children (family_id, first_name, year_group, school_id, share_needs_with_school, wants_to_attend) VALUES (%d, 'Child %d', 'Year %d', 1, 1, 'yes'), (%d, 'Sibling %d', 'Year 2', 1, 0, 'yes');\n", i, i, i%6+1, i, i)
		fmt.Fprintf(&sb, "INSERT INTO event_families (event_id, family_id, table_id) VALUES (3, %d, %d);\n", i, i)
	}
	for i := 1; i <= families; i++ {
		fmt.Fprintf(&sb, "INSERT INTO meetings (event_id, family_id, teacher_id, slot) VALUES (3, %d, %d, %d), (3, %d, %d, %d);\n", i, i, i%12, i, i%families+1, (i+5)%12)
	}
	return sb.String()
}

func decodeHeader(t testing.TB, v string) string {
	t.Helper()
	out, err := new(mime.WordDecoder).DecodeHeader(v)
	require.NoError(t, err)
	return out
}
