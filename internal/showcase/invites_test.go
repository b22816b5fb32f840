package showcase_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/mail"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
	"schoolzone/internal/testutil"
)

// TestInviteGolden pins one teacher's and one carer's invite byte for byte.
func TestInviteGolden(t *testing.T) {
	f := newFixture(t)
	b, err := f.svc.Bundle(context.Background(), eventID)
	require.NoError(t, err)
	for _, name := range []string{"invite-TCH-0008.ics", "invite-FAM-0012.ics"} {
		t.Run(name, func(t *testing.T) {
			d, ok := b.Find(name)
			require.True(t, ok, "no %s in the bundle", name)
			got, err := d.Bytes()
			require.NoError(t, err)
			testutil.Golden(t, "showcase/"+name, got)
			cal, err := goical.NewDecoder(bytes.NewReader(got)).Decode()
			require.NoError(t, err)
			assert.Equal(t, "REQUEST", calMethod(cal))
			assert.Equal(t, "0", prop(event(t, cal), goical.PropSequence))
		})
	}
}

// TestPlanContents checks what each recipient's invite says.
func TestPlanContents(t *testing.T) {
	f := newFixture(t)
	p, err := f.svc.Plan(context.Background(), eventID)
	require.NoError(t, err)
	items := map[string]showcase.Item{}
	for _, it := range p.Items {
		items[it.Ref] = it
	}
	london := showcase.London
	cases := []struct {
		ref, uid, table, when string
		start, end            time.Time
	}{
		{"TCH-0007", "sz-ev3-teacher7@schoolzone.example", "14:00–14:10 bwrdd 1", "Dydd Mawrth 14 Ebrill 2026, 14:00–14:10",
			time.Date(2026, 4, 14, 14, 0, 0, 0, london), time.Date(2026, 4, 14, 14, 10, 0, 0, london)},
		{"TCH-0008", "sz-ev3-teacher8@schoolzone.example", "14:10–14:20 table 4; 14:30–14:40 table 1", "Tuesday 14 April 2026, 14:10–14:40",
			time.Date(2026, 4, 14, 14, 10, 0, 0, london), time.Date(2026, 4, 14, 14, 40, 0, 0, london)},
		// A carer's invite runs from arrival to the end of the showcase
		// (food and the certificate come after the meetings), not to the
		// family's last meeting (14:40 and 14:30).
		{"FAM-0012", "sz-ev3-carer31@schoolzone.example", "1", "Dydd Mawrth 14 Ebrill 2026, 13:15–15:00",
			time.Date(2026, 4, 14, 13, 15, 0, 0, london), time.Date(2026, 4, 14, 15, 0, 0, 0, london)},
		{"FAM-0015", "sz-ev3-carer32@schoolzone.example", "4", "Tuesday 14 April 2026, 13:15–15:00",
			time.Date(2026, 4, 14, 13, 15, 0, 0, london), time.Date(2026, 4, 14, 15, 0, 0, 0, london)},
	}
	for _, tc := range cases {
		t.Run(tc.ref, func(t *testing.T) {
			it, ok := items[tc.ref]
			require.True(t, ok)
			assert.Equal(t, showcase.ActionNew, it.Action)
			assert.Equal(t, tc.uid, it.UID)
			assert.Equal(t, tc.table, it.Details.Table)
			assert.Equal(t, tc.when, it.Details.When)
			assert.True(t, tc.start.Equal(it.Start), "start %s", it.Start)
			assert.True(t, tc.end.Equal(it.End), "end %s", it.End)
		})
	}
	require.Len(t, p.NoEmail(), 1)
	assert.Equal(t, "TCH-0009", p.NoEmail()[0].Ref)
}

// TestRescheduleAndCancel sends, moves a meeting, sends again, withdraws
// a family and sends again, parsing every calendar that went out.
func TestRescheduleAndCancel(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	send := func() map[string]sent {
		before := map[int64]bool{}
		for _, m := range f.outbox() {
			before[m.ID] = true
		}
		_, err := f.svc.SendInvitations(ctx, domain.System, eventID)
		require.NoError(t, err)
		out := map[string]sent{}
		for _, m := range f.outbox() {
			if !before[m.ID] {
				out[m.RecipientKind+itoa(m.RecipientID)] = f.parse(m)
			}
		}
		return out
	}
	first := send()
	require.Len(t, first, 4, "teachers 7 and 8, carers 31 and 32; teacher 9 has no email")
	uid := map[string]string{}
	for k, s := range first {
		ev := event(t, s.cal)
		assert.Equal(t, "REQUEST", calMethod(s.cal), k)
		assert.Equal(t, "REQUEST", s.calMethod, k)
		assert.Equal(t, "0", prop(ev, goical.PropSequence), k)
		uid[k] = prop(ev, goical.PropUID)
	}
	assert.Empty(t, send(), "nothing changed, nothing sent")

	// Move teacher 8's meeting with family 12 one slot later.
	f.exec(`UPDATE meetings SET slot = 4 WHERE event_id = 3 AND teacher_id = 8 AND family_id = 12`)
	*f.clock = f.clock.Add(time.Hour)
	second := send()
	require.ElementsMatch(t, []string{"teacher8", "carer31"}, keys(second))
	for k, s := range second {
		ev := event(t, s.cal)
		assert.Equal(t, "REQUEST", calMethod(s.cal), k)
		assert.Equal(t, uid[k], prop(ev, goical.PropUID), k)
		assert.Equal(t, "1", prop(ev, goical.PropSequence), k)
		assert.Equal(t, string(mail.KindUpdate), s.msg.Kind, k)
	}
	end, err := event(t, second["teacher8"].cal).DateTimeEnd(nil)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 4, 14, 13, 50, 0, 0, time.UTC), end.UTC())

	// Family 15 withdraws: its carer and teacher 9 (no email) are
	// cancelled, teacher 8 still meets family 12 and is updated.
	f.exec(`UPDATE event_families SET status = 'cancelled', table_id = NULL WHERE event_id = 3 AND family_id = 15`)
	third := send()
	require.ElementsMatch(t, []string{"teacher8", "carer32"}, keys(third))
	c := third["carer32"]
	ev := event(t, c.cal)
	assert.Equal(t, "CANCEL", calMethod(c.cal))
	assert.Equal(t, "CANCEL", c.calMethod)
	assert.Equal(t, "CANCELLED", prop(ev, goical.PropStatus))
	assert.Equal(t, uid["carer32"], prop(ev, goical.PropUID))
	assert.Equal(t, "1", prop(ev, goical.PropSequence))
	assert.Empty(t, c.attachments["carer-letter-FAM-0015-en.pdf"], "a cancellation carries no letter")
	assert.Equal(t, "2", prop(event(t, third["teacher8"].cal), goical.PropSequence))

	recs, err := f.store.Invites(ctx, eventID)
	require.NoError(t, err)
	status := map[string]string{}
	for _, r := range recs {
		status[r.RecipientKind+itoa(r.RecipientID)] = r.Status + "/" + itoa(int64(r.Sequence))
	}
	assert.Equal(t, map[string]string{"teacher7": "active/0", "teacher8": "active/2", "teacher9": "cancelled/1",
		"carer31": "active/1", "carer32": "cancelled/1"}, status)
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestNoNamesInCalendarsOrFiles scans every file name and every SUMMARY
// and DESCRIPTION for the names of parents and children.
func TestNoNamesInCalendarsOrFiles(t *testing.T) {
	f := newFixture(t)
	b, err := f.svc.Bundle(context.Background(), eventID)
	require.NoError(t, err)
	_, err = f.svc.SendInvitations(context.Background(), domain.System, eventID)
	require.NoError(t, err)
	f.exec(`UPDATE event_families SET status = 'cancelled' WHERE family_id = 15`)
	_, err = f.svc.SendInvitations(context.Background(), domain.System, eventID)
	require.NoError(t, err)

	var texts []string
	for _, d := range b.Documents {
		texts = append(texts, d.Filename)
		if d.Kind == showcase.KindInvite {
			data, err := d.Bytes()
			require.NoError(t, err)
			cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
			require.NoError(t, err)
			ev := event(t, cal)
			texts = append(texts, textProp(t, ev, goical.PropSummary), textProp(t, ev, goical.PropDescription))
		}
	}
	for _, m := range f.outbox() {
		s := f.parse(m)
		ev := event(t, s.cal)
		texts = append(texts, textProp(t, ev, goical.PropSummary), textProp(t, ev, goical.PropDescription), m.Subject)
		for name := range s.attachments {
			texts = append(texts, name)
		}
	}
	require.Greater(t, len(texts), 10)
	for _, text := range texts {
		for _, name := range custodyAndChildNames {
			assert.NotContains(t, text, name)
		}
	}
}

// TestStandDownOnTheMorning transfers family 12's parent at 08:00 on the
// day: the carer and teacher 7 (who meets only them) get CANCEL, teacher 8
// an updated REQUEST, and the carer and the Welsh-medium school a Welsh
// "please do not travel".
func TestStandDownOnTheMorning(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.SendInvitations(ctx, domain.System, eventID)
	require.NoError(t, err)
	sentBefore := len(f.outbox())

	*f.clock = time.Date(2026, 4, 14, 7, 0, 0, 0, time.UTC) // 08:00 in Bridgend
	f.exec(`UPDATE families SET parent_status = 'transferred' WHERE id = 12`)
	res, err := f.svc.StandDown(ctx, domain.Actor{Name: "Visits officer", Role: domain.RolePrisonStaff, Scope: domain.Unrestricted}, 12, "transferred")
	require.NoError(t, err)
	assert.Equal(t, 2, res.Cancelled)
	assert.Equal(t, 1, res.Updated)
	assert.Equal(t, 2, res.DoNotTravel)

	msgs := f.outbox()
	require.Len(t, msgs, sentBefore+5)
	got := byRecipient(msgs[:5]) // newest first
	cases := []struct {
		key, method, subject string
	}{
		{"carer/31/cancel", "CANCEL", "Wedi’i ganslo: Cyfarfod Parth Ysgol, CEF Parc"},
		{"teacher/7/cancel", "CANCEL", "Wedi’i ganslo: Cyfarfod Parth Ysgol, CEF Parc"},
		{"teacher/8/update", "REQUEST", "Changed: School Zone meeting, HMP Parc"},
		{"carer/31/do_not_travel", "", "Peidiwch â theithio: Cyfarfod Parth Ysgol, CEF Parc"},
		{"school/1/do_not_travel", "", "Peidiwch â theithio: Cyfarfod Parth Ysgol, CEF Parc"},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			m, ok := got[tc.key]
			require.True(t, ok, "no %s in %v", tc.key, keys(got))
			assert.Equal(t, tc.subject, m.Subject)
			s := f.parse(m)
			if tc.method == "" {
				assert.Nil(t, s.cal, "a do-not-travel email is plain text")
				assert.Contains(t, s.text, "Peidiwch â theithio i CEF Parc")
				return
			}
			assert.Equal(t, tc.method, s.calMethod)
			assert.Equal(t, tc.method, calMethod(s.cal))
			if tc.method == "CANCEL" {
				assert.Equal(t, "CANCELLED", prop(event(t, s.cal), goical.PropStatus))
				assert.Equal(t, "1", prop(event(t, s.cal), goical.PropSequence))
			}
		})
	}
	assert.Equal(t, "pennaeth@ywern.example", got["school/1/do_not_travel"].To)

	d, err := f.store.ShowcaseData(ctx, domain.Unrestricted, eventID)
	require.NoError(t, err)
	for _, fam := range d.Families {
		if fam.Family.ID == 12 {
			assert.Equal(t, "cancelled", fam.Status)
			assert.Equal(t, "transferred", fam.Reason)
			assert.Zero(t, fam.TableID)
		}
	}
	for _, m := range d.Meetings {
		assert.NotEqual(t, int64(12), m.FamilyID, "the family's meetings are freed")
	}
	// A second stand-down finds nothing left to do.
	res, err = f.svc.StandDown(ctx, domain.System, 12, "transferred")
	require.NoError(t, err)
	assert.Zero(t, res.Emails)
}

// TestApplyInvitesConflict: an invite changed meanwhile aborts everything.
func TestApplyInvitesConflict(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.SendInvitations(ctx, domain.System, eventID)
	require.NoError(t, err)
	conflict := f.store.ApplyInvites(ctx, domain.System, store.InviteBatch{EventID: eventID, StandDownFamily: 15, Reason: "withdrawn",
		Changes: []store.InviteChange{{Record: store.InviteRecord{ID: 1, Sequence: 5}, PrevSequence: 4}}})
	require.ErrorIs(t, conflict, store.ErrInviteConflict)
	d, err := f.store.ShowcaseData(ctx, domain.Unrestricted, eventID)
	require.NoError(t, err)
	for _, fam := range d.Families {
		assert.NotEqual(t, "cancelled", fam.Status, "nothing of a failed batch is saved")
	}
	assert.True(t, strings.Contains(conflict.Error(), "invite"))
}

// Defect 5: withdrawing the teachers a family meets left the carer invited
// to "your meeting". Withdrawing Llŷr (teacher 7) and Sarah (teacher 8)
// leaves family 12 with no meeting, so the store takes it out in the same
// transaction, and the follow-up cancels the carer's invitation and the
// withdrawn teachers' at once; family 15 keeps Tom (teacher 9, no email)
// at the same times, so its carer hears nothing new.
func TestWithdrawingEveryTeacherOfAFamilyCancelsTheCarer(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.SendInvitations(ctx, domain.System, eventID)
	require.NoError(t, err)
	before := map[int64]bool{}
	for _, m := range f.outbox() {
		before[m.ID] = true
	}
	for _, teacher := range []int64{7, 8} {
		require.NoError(t, f.store.SetTeacherUnavailable(ctx, domain.System, eventID, teacher, []int{0, 1, 2, 3, 4, 5}))
	}
	res, err := f.svc.FollowUp(ctx, domain.System, 0, eventID)
	require.NoError(t, err)
	assert.Equal(t, 3, res.Cancelled, "carer 31, teachers 7 and 8")
	got := map[string]string{}
	for _, m := range f.outbox() {
		if !before[m.ID] {
			got[m.RecipientKind+itoa(m.RecipientID)] = m.Kind
		}
	}
	// Family 15 keeps a meeting but loses the one with teacher 8, so its
	// carer's letter gives new meeting times: an update.
	assert.Equal(t, map[string]string{"carer31": string(mail.KindCancel), "teacher7": string(mail.KindCancel),
		"teacher8": string(mail.KindCancel), "carer32": string(mail.KindUpdate)}, got)

	// Nothing left to say: a second follow-up sends nothing.
	res, err = f.svc.FollowUp(ctx, domain.System, 0, eventID)
	require.NoError(t, err)
	assert.Zero(t, res.New+res.Updated+res.Cancelled)
}

// Every carer with an email address or a phone number is invited, in their
// own language, with their own personal link; a second carer's files are
// named by their reference, never their name; a carer with no contact
// gets nothing to lose in the post. Any carer's confirmation makes the
// family's carer answer confirmed on the readiness list.
func TestEveryCarerWithAContactIsInvited(t *testing.T) {
	f := newFixture(t)
	f.exec(`INSERT INTO carers (id, family_id, name, relationship, email, phone, lang, is_primary) VALUES
		(33, 12, 'Iolo Bevan', 'grandparent', 'iolo@example.org', '', 'en', 0),
		(34, 12, 'Mair Bevan', 'grandparent', '', '07700 900456', 'cy', 0),
		(35, 12, 'Nobody Reachable', 'other', '', '', 'en', 0)`)
	ctx := context.Background()
	p, err := f.svc.Plan(ctx, eventID)
	require.NoError(t, err)
	carers := map[int64]showcase.Item{}
	for _, it := range p.Items {
		if it.Kind == showcase.KindCarer {
			carers[it.RecipientID] = it
		}
	}
	require.Len(t, carers, 4, "the two main carers, Iolo and Mair; not the carer with no contact")
	assert.Equal(t, "FAM-0012", carers[31].Ref, "the main carer keeps the family's reference")
	assert.Equal(t, "CAR-0033", carers[33].Ref)
	assert.Equal(t, "en", string(carers[33].Lang), "Iolo's own language")
	assert.Equal(t, "CAR-0034", carers[34].Ref)
	assert.Empty(t, carers[34].Email, "Mair gets a letter to post or read out")

	res, err := f.svc.SendInvitations(ctx, domain.System, eventID)
	require.NoError(t, err)
	assert.Contains(t, res.ToPhone(), "CAR-0034")
	var iolo *sent
	for _, m := range f.outbox() {
		if m.RecipientKind == showcase.KindCarer && m.RecipientID == 33 {
			s := f.parse(m)
			iolo = &s
		}
		assert.False(t, m.RecipientKind == showcase.KindCarer && (m.RecipientID == 34 || m.RecipientID == 35), "no email without an address")
	}
	require.NotNil(t, iolo, "Iolo is emailed")
	assert.Contains(t, iolo.attachments, "carer-letter-CAR-0033-en.pdf")
	assert.Regexp(t, `/l/[A-Za-z0-9_-]{43}`, iolo.text, "with his own link")
	for name := range iolo.attachments {
		assert.NotContains(t, name, "Iolo")
	}
	b, err := f.svc.Bundle(ctx, eventID)
	require.NoError(t, err)
	var files []string
	for _, d := range b.Documents {
		files = append(files, d.Filename)
	}
	assert.Contains(t, files, "carer-letter-CAR-0034-cy.pdf", "Mair's letter, in Welsh")
	assert.Contains(t, files, "invite-CAR-0033.ics")

	f.exec(`UPDATE invites SET response = 'confirmed', responded_at = '2026-04-01T10:00:00Z' WHERE recipient_kind = 'carer' AND recipient_id = 33`)
	rs, err := f.svc.Readiness(ctx, eventID)
	require.NoError(t, err)
	for _, r := range rs {
		if r.Ref == "FAM-0012" {
			assert.Equal(t, store.ResponseConfirmed, r.CarerAnswer, "Iolo confirmed for the family")
		}
	}
}

// An invite names the prison in its reader's language ("CEF Parc" in
// Welsh), but its fingerprint holds the place the same in either, so a
// reader's language alone never sends an update.
func TestInviteLocationFollowsTheReadersLanguage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	carer := func() showcase.Item {
		p, err := f.svc.Plan(ctx, eventID)
		require.NoError(t, err)
		for _, it := range p.Items {
			if it.Kind == showcase.KindCarer && it.RecipientID == 31 {
				return it
			}
		}
		t.Fatal("no invite for carer 31")
		return showcase.Item{}
	}
	cy := carer()
	require.Equal(t, i18n.Welsh, cy.Lang)
	assert.True(t, strings.HasPrefix(cy.Location, "CEF Parc, "), cy.Location)
	f.exec(`UPDATE carers SET lang = 'en' WHERE id = 31`)
	en := carer()
	assert.True(t, strings.HasPrefix(en.Location, "HMP Parc, "), en.Location)
	assert.Equal(t, cy.Fingerprint, en.Fingerprint)
}
