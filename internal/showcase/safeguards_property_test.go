package showcase

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/mail"
	"schoolzone/internal/store"
)

// The safeguards across every seam: random workflows mix steps in every
// order, consent withdrawals, register changes, nominations, resolutions,
// custody changes, allocation (including saving a plan made before another
// change, as a slow solver would), hand moves, teacher withdrawals, a second
// showcase and sending invitations. After every action the test checks the
// store's safeguards and what each role would receive: teacher packs,
// invites, emails and feeds name only children whose register names that
// teacher; the run sheet names no child; a carer with a live invitation
// belongs to a seated family that passes every gate.
//
// PROPERTY_SEEDS sets the number of seeds (default 500); a failure prints
// the seed and the actions that led to it.

const propToday = "2026-11-23"

var propNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// Children's names are unusual on purpose: any appearance in a document is
// this child, not a word that happens to match.
var propNames = []string{"Aerwenna", "Bryndisa", "Cadwythen", "Dilwenna", "Elunedda", "Ffionwyn", "Gwynforia", "Heleddwen", "Iolowynne", "Jacintha"}

type propWorld struct {
	t        *testing.T
	rng      *rand.Rand
	st       *store.Store
	svc      *Service
	ctx      context.Context
	prison   int64
	schools  []int64
	staff    map[int64][]int64 // school → teachers
	families []int64
	events   []int64
	named    int   // children named so far
	outbox   int64 // outbox rows already checked
	sends    bool  // this seed sends invitations (they render PDFs, so only some seeds do)
	log      []string
}

func newPropWorld(t *testing.T, seed uint64, dir string) *propWorld {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("p%d.db", seed)), store.WithClock(func() time.Time { return propNow }))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	w := &propWorld{t: t, rng: rand.New(rand.NewPCG(seed, 0x5eed)), st: st, ctx: ctx, staff: map[int64][]int64{}, sends: seed%20 == 0}
	w.svc = &Service{Store: st, Cat: propCat, BaseURL: "https://schoolzone.example", Now: func() time.Time { return propNow },
		Organizer: ical.Person{Name: "Coordinator", Email: "coordinator@example.org"}, Scope: domain.Unrestricted}
	sys := domain.System
	w.prison, err = st.CreatePrison(ctx, sys, domain.Prison{Name: "HMP Parc", Phone: "01632 960 418"})
	require.NoError(t, err)
	var tables []domain.HallTable
	for i := range 6 {
		tables = append(tables, domain.HallTable{Label: fmt.Sprint(i + 1), Col: i, Seats: 6, StepFree: true})
	}
	require.NoError(t, st.SetHall(ctx, sys, w.prison, tables, nil))
	la, err := st.CreateLocalAuthority(ctx, sys, "Bridgend")
	require.NoError(t, err)
	for i := range 2 {
		sc, err := st.CreateSchool(ctx, sys, domain.School{Name: fmt.Sprintf("School %d", i+1), Type: domain.SchoolPrimary, LanguageMedium: "english", LocalAuthorityID: la, Lang: "en"})
		require.NoError(t, err)
		w.schools = append(w.schools, sc)
		for j := range 2 {
			lang := []string{"en", "cy"}[w.rng.IntN(2)]
			id, err := st.CreateTeacher(ctx, sys, domain.Teacher{SchoolID: sc, Name: fmt.Sprintf("Teacher %d-%d", i+1, j+1),
				Email: fmt.Sprintf("t%d%d@school.example", i+1, j+1), Role: "class_teacher", Lang: lang})
			require.NoError(t, err)
			w.staff[sc] = append(w.staff[sc], id)
		}
	}
	for i, starts := range []time.Time{time.Date(2026, 12, 10, 14, 0, 0, 0, time.UTC), time.Date(2027, 6, 10, 13, 0, 0, 0, time.UTC)} {
		id, err := st.CreateEvent(ctx, sys, domain.Event{PrisonID: w.prison, Title: fmt.Sprintf("Showcase %d", i+1), StartsAt: starts, SlotMinutes: 10, Slots: 8, ArrivalMinutes: 45})
		require.NoError(t, err)
		w.events = append(w.events, id)
	}
	for i := range 3 {
		var kids []domain.Child
		for range 1 + w.rng.IntN(2) {
			kids = append(kids, w.newChild())
		}
		in := domain.ReferralInput{PrisonID: w.prison, ParentName: fmt.Sprintf("Parent Number%d", i), PrisonNumber: fmt.Sprintf("A%04dBC", i),
			ReferralSource: "carer", ReferredOn: propToday, Carer: domain.Carer{Name: fmt.Sprintf("Carer Number%d", i), Relationship: "parent",
				Phone: "07700 900123", Email: fmt.Sprintf("carer%d@example.org", i), Lang: []string{"en", "cy"}[w.rng.IntN(2)]}, Children: kids}
		require.NoError(t, in.Validate(propToday))
		id, err := st.CreateReferral(ctx, sys, in)
		require.NoError(t, err)
		w.families = append(w.families, id)
	}
	return w
}

var propCat = i18n.MustLoad()

func (w *propWorld) newChild() domain.Child {
	name := propNames[w.named%len(propNames)]
	w.named++
	return domain.Child{FirstName: name, YearGroup: "Year 4", SchoolID: w.schools[w.rng.IntN(len(w.schools))], Lang: "en",
		WantsToAttend: domain.WishYes, NeedsNotes: "needs of " + name, ShareNeeds: true}
}

func (w *propWorld) pick(ids []int64) int64 { return ids[w.rng.IntN(len(ids))] }

// subset is a random non-empty subset of ids.
func (w *propWorld) subset(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if w.rng.IntN(2) == 0 {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		out = append(out, w.pick(ids))
	}
	return out
}

func (w *propWorld) caseOf(id int64) domain.Case {
	c, err := w.st.Case(w.ctx, domain.Unrestricted, id)
	require.NoError(w.t, err)
	return c
}

// expected reports whether err is a refusal the rules are meant to give:
// a gate, a bad field, an infeasible allocation. Anything else is a bug.
func expected(err error) bool {
	var g *domain.GateError
	var v *domain.ValidationError
	var infeasible *allocate.Error
	return err == nil || errors.As(err, &g) || errors.As(err, &v) || errors.As(err, &infeasible)
}

func (w *propWorld) steps(family int64, decide func(domain.Case) ([]domain.Step, error)) error {
	_, err := w.st.RecordSteps(w.ctx, domain.System, family, decide)
	return err
}

// actions are the things people do, by name, each returning the error the
// app would show (or nil).
func (w *propWorld) actions() map[string]func() error {
	sys := domain.System
	return map[string]func() error{
		"consent": func() error {
			f := w.pick(w.families)
			outcome := []string{domain.ConsentGiven, domain.ConsentGiven, domain.ConsentGiven, domain.ConsentWithdrawn, domain.ConsentWithdrawn, domain.ConsentDeclined}[w.rng.IntN(6)]
			w.note("consent %d %s", f, outcome)
			err := w.steps(f, func(c domain.Case) ([]domain.Step, error) {
				st, err := c.DecideConsent(domain.ConsentInput{Outcome: outcome, Route: "phone", OccurredOn: propToday}, propToday)
				return []domain.Step{st}, err
			})
			return w.followUp(f, err)
		},
		"agreement": func() error {
			f := w.pick(w.families)
			c := w.caseOf(f)
			schools := c.SchoolIDs()
			if len(schools) == 0 {
				return nil
			}
			sc := w.pick(schools)
			in := domain.AgreementInput{SchoolID: sc, Outcome: domain.Agreed, Route: "email", OccurredOn: propToday, TeacherIDs: w.subset(w.staff[sc])}
			if w.rng.IntN(8) == 0 {
				in.Outcome, in.TeacherIDs = domain.NotAgreed, nil
			}
			if w.rng.IntN(2) == 0 {
				in.OverrideReason = "the head could not release the teacher asked for"
			}
			return w.agreeWith(f, in)
		},
		"awareness": func() error {
			sc := w.pick(w.schools)
			w.note("awareness school %d", sc)
			_, err := w.st.RecordAwareness(w.ctx, sys, sc, func(agreed bool) (domain.AwarenessSession, error) {
				return domain.DecideAwareness(domain.AwarenessInput{SchoolID: sc, DeliveredOn: propToday, DeliveredBy: "Coordinator", Attendees: 3, Route: "in_person"}, agreed, propToday)
			})
			return err
		},
		"voice": func() error {
			f := w.pick(w.families)
			c := w.caseOf(f)
			ch := c.Children[w.rng.IntN(len(c.Children))]
			in := domain.VoiceInput{ChildID: ch.ID, WantsToAttend: []domain.Wish{domain.WishYes, domain.WishYes, domain.WishYes, domain.WishNo, domain.WishUndecided}[w.rng.IntN(5)],
				ApprovedBy: []string{"child", "carer", "both"}[w.rng.IntN(3)], ObtainedHow: "asked at home", OccurredOn: propToday}
			staff := w.staff[ch.SchoolID]
			if w.rng.IntN(3) > 0 {
				in.MayKnow = w.subset(staff)
			}
			if w.rng.IntN(2) == 0 {
				in.PreferredTeacherID = w.pick(staff)
			}
			return w.voice(f, in)
		},
		"resolve": func() error {
			f := w.pick(w.families)
			cs := w.caseOf(f).Conflicts()
			if len(cs) == 0 {
				return nil
			}
			x := cs[w.rng.IntN(len(cs))]
			w.note("resolve family %d %s child %d teacher %d", f, x.Kind, x.ChildID, x.TeacherID)
			err := w.st.RecordResolution(w.ctx, sys, f, func(c domain.Case) (domain.Step, *domain.Disclosure, error) {
				return c.DecideResolve(domain.ResolveInput{ChildID: x.ChildID, TeacherID: x.TeacherID, Kind: x.Kind, DecidedBy: "both", Why: "they agreed", OccurredOn: propToday}, propToday)
			})
			return w.followUp(f, err)
		},
		"clearance": func() error {
			f := w.pick(w.families)
			in := domain.ClearanceInput{Outcome: domain.Cleared, OccurredOn: propToday}
			if w.rng.IntN(10) == 0 {
				in.Outcome, in.ReasonCategory = domain.Refused, "security"
			}
			w.note("clearance %d %s", f, in.Outcome)
			err := w.steps(f, func(c domain.Case) ([]domain.Step, error) {
				st, err := c.DecideClearance(in, propToday)
				return []domain.Step{st}, err
			})
			return w.followUp(f, err)
		},
		"custody": func() error {
			f := w.pick(w.families)
			status := []domain.ParentStatus{domain.Held, domain.Transferred, domain.Released}[w.rng.IntN(3)]
			w.note("custody %d %s", f, status)
			_, err := w.svc.RecordCustody(w.ctx, sys, f, domain.CustodyInput{Status: status})
			return err
		},
		"add child": func() error {
			if w.named >= len(propNames) {
				return nil
			}
			f := w.pick(w.families)
			ch := w.newChild()
			w.note("add child %s to %d", ch.FirstName, f)
			return w.followUp(f, w.st.AddChild(w.ctx, sys, f, ch))
		},
		"allocate": func() error {
			ev := w.pick(w.events)
			w.note("allocate %d", ev)
			in, _, err := w.st.AllocationInput(w.ctx, domain.Unrestricted, ev)
			require.NoError(w.t, err)
			r, err := allocate.Allocate(in)
			if err != nil {
				return err
			}
			return w.st.SaveAllocation(w.ctx, sys, ev, r)
		},
		"slow allocate": func() error {
			// The solver works from records that change before it saves.
			ev := w.pick(w.events)
			in, _, err := w.st.AllocationInput(w.ctx, domain.Unrestricted, ev)
			require.NoError(w.t, err)
			r, err := allocate.Allocate(in)
			if err != nil {
				return err
			}
			w.note("slow allocate %d: worked out, then…", ev)
			w.act(w.rng.IntN(8)) // a workflow action in between
			w.note("…saved")
			return w.st.SaveAllocation(w.ctx, sys, ev, r)
		},
		"withdraw teacher": func() error {
			ev := w.pick(w.events)
			_, refs, err := w.st.AllocationInput(w.ctx, domain.Unrestricted, ev)
			require.NoError(w.t, err)
			if len(refs.Nominated) == 0 {
				return nil
			}
			tid, _ := store.ParseKey("TCH", refs.Nominated[w.rng.IntN(len(refs.Nominated))])
			w.note("withdraw teacher %d at %d", tid, ev)
			if err := w.st.SetTeacherUnavailable(w.ctx, sys, ev, tid, []int{0, 1, 2, 3, 4, 5, 6, 7}); err != nil {
				return err
			}
			prev, err := w.st.Allocation(w.ctx, domain.Unrestricted, ev)
			require.NoError(w.t, err)
			in, _, err := w.st.AllocationInput(w.ctx, domain.Unrestricted, ev)
			require.NoError(w.t, err)
			r, err := allocate.Reallocate(in, prev)
			if err != nil {
				return err
			}
			if err := w.st.SaveAllocation(w.ctx, sys, ev, r); err != nil {
				return err
			}
			return w.followUpEvent(ev)
		},
		"move": func() error {
			ev := w.pick(w.events)
			r, err := w.st.Allocation(w.ctx, domain.Unrestricted, ev)
			require.NoError(w.t, err)
			var fams []string
			for f := range r.Tables {
				fams = append(fams, f)
			}
			if len(fams) < 2 {
				return nil
			}
			slices.Sort(fams)
			a, b := fams[w.rng.IntN(len(fams))], fams[w.rng.IntN(len(fams))]
			r.Tables[a], r.Tables[b] = r.Tables[b], r.Tables[a]
			w.note("move %s and %s at %d", a, b, ev)
			return w.st.SaveAllocation(w.ctx, sys, ev, r)
		},
		"next step": func() error {
			// What the family page's "Next step" panel suggests, as a
			// coordinator working through their list would do it.
			f := w.pick(w.families)
			c := w.caseOf(f)
			p := c.Progress()
			w.note("next step for %d: %s", f, p.Next)
			switch p.Next {
			case "next.get_consent", "next.none_declined", "next.none_withdrawn":
				// Carers change their minds.
				return w.followUp(f, w.steps(f, func(c domain.Case) ([]domain.Step, error) {
					st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentGiven, Route: "phone", OccurredOn: propToday}, propToday)
					return []domain.Step{st}, err
				}))
			case "next.parent_not_held":
				return w.st.SetParentStatus(w.ctx, sys, f, domain.Held, "")
			case "next.head_declined":
				for _, sp := range p.Schools {
					if !sp.Agreed() {
						return w.agree(f, sp.SchoolID, w.subset(w.staff[sp.SchoolID]))
					}
				}
			case "next.ask_head":
				for _, sp := range p.Schools {
					if sp.Agreement == nil {
						return w.agree(f, sp.SchoolID, w.subset(w.staff[sp.SchoolID]))
					}
				}
			case "next.run_session":
				for _, sp := range p.Schools {
					if sp.Session == nil {
						_, err := w.st.RecordAwareness(w.ctx, sys, sp.SchoolID, func(agreed bool) (domain.AwarenessSession, error) {
							return domain.DecideAwareness(domain.AwarenessInput{SchoolID: sp.SchoolID, DeliveredOn: propToday, DeliveredBy: "Coordinator", Attendees: 3, Route: "in_person"}, agreed, propToday)
						})
						return err
					}
				}
			case "next.record_voice":
				// Mostly the child agrees to the teachers already nominated.
				ch := p.VoiceMissing[0]
				in := domain.VoiceInput{ChildID: ch.ID, WantsToAttend: domain.WishYes, ApprovedBy: "both", ObtainedHow: "asked at home", OccurredOn: propToday}
				in.MayKnow = c.Nominated(ch.SchoolID)
				if len(in.MayKnow) == 0 || w.rng.IntN(4) == 0 {
					in.MayKnow = w.subset(w.staff[ch.SchoolID])
				}
				in.PreferredTeacherID = in.MayKnow[0]
				return w.voice(f, in)
			case "next.request_clearance":
				return w.actions()["clearance"]()
			case "next.resolve_conflict":
				return w.actions()["resolve"]()
			case "next.allocate":
				return w.actions()["allocate"]()
			}
			return nil
		},
		"send": func() error {
			if !w.sends {
				return nil
			}
			ev := w.pick(w.events)
			w.note("send invitations %d", ev)
			_, err := w.svc.SendInvitations(w.ctx, sys, ev)
			return err
		},
	}
}

func (w *propWorld) agree(f, school int64, teachers []int64) error {
	return w.agreeWith(f, domain.AgreementInput{SchoolID: school, Outcome: domain.Agreed, Route: "email", OccurredOn: propToday,
		TeacherIDs: teachers, OverrideReason: "the head chose"})
}

func (w *propWorld) agreeWith(f int64, in domain.AgreementInput) error {
	w.note("agreement %d school %d %s %v", f, in.SchoolID, in.Outcome, in.TeacherIDs)
	teachers, err := w.st.Teachers(w.ctx, in.SchoolID)
	require.NoError(w.t, err)
	err = w.steps(f, func(c domain.Case) ([]domain.Step, error) { return c.DecideAgreement(in, teachers, propToday) })
	return w.followUp(f, err)
}

func (w *propWorld) voice(f int64, in domain.VoiceInput) error {
	w.note("voice family %d child %d %s prefers %d may know %v", f, in.ChildID, in.WantsToAttend, in.PreferredTeacherID, in.MayKnow)
	teachers, err := w.st.Teachers(w.ctx, 0)
	require.NoError(w.t, err)
	err = w.st.RecordVoice(w.ctx, domain.System, f, func(c domain.Case) (domain.Child, error) { return c.DecideVoice(in, teachers, propToday) })
	return w.followUp(f, err)
}

// followUp sends the cancel and update messages after a change, as the
// pages and API do, in the seeds that send at all.
func (w *propWorld) followUp(family int64, err error) error {
	if err != nil || !w.sends {
		return err
	}
	_, err = w.svc.FollowUp(w.ctx, domain.System, family)
	return err
}

func (w *propWorld) followUpEvent(ev int64) error {
	if !w.sends {
		return nil
	}
	_, err := w.svc.FollowUp(w.ctx, domain.System, 0, ev)
	return err
}

func (w *propWorld) note(format string, args ...any) {
	w.log = append(w.log, fmt.Sprintf(format, args...))
}

// actionNames fixes the order, so a seed always means the same workflow.
// The first eight are workflow steps (used between a slow solver's start
// and its save).
var actionNames = []string{"consent", "agreement", "awareness", "voice", "resolve", "clearance", "custody", "add child",
	"allocate", "slow allocate", "withdraw teacher", "move", "send", "next step"}

func (w *propWorld) act(i int) {
	name := actionNames[i]
	err := w.actions()[name]()
	if !expected(err) {
		w.t.Fatalf("%s: unexpected error: %v\n%s", name, err, strings.Join(w.log, "\n"))
	}
	if err != nil {
		w.note("  refused: %v", err)
	}
}

// step takes one random action, weighted towards the workflow so families
// reach ready and get seated.
func (w *propWorld) step() {
	weights := []int{1, 1, 1, 2, 1, 1, 1, 1, 3, 2, 1, 1, 2, 16}
	total := 0
	for _, x := range weights {
		total += x
	}
	n := w.rng.IntN(total)
	for i, x := range weights {
		if n < x {
			w.act(i)
			return
		}
		n -= x
	}
}

func TestSafeguardsHoldOverRandomWorkflows(t *testing.T) {
	seeds := 500
	if testing.Short() {
		seeds = 50
	}
	if s := propSeedsFromEnv(); s > 0 {
		seeds = s
	}
	dir := t.TempDir()
	var mu sync.Mutex
	var seated, conflicts, refused, sent int
	t.Run("seeds", func(t *testing.T) {
		for seed := range uint64(seeds) {
			t.Run(fmt.Sprint(seed), func(t *testing.T) {
				t.Parallel()
				w := newPropWorld(t, seed, dir)
				most, open := 0, 0
				for range 40 {
					w.step()
					n, c := w.check()
					most, open = max(most, n), open+c
				}
				msgs, err := w.st.Outbox(w.ctx, store.OutboxFilter{Scope: domain.Unrestricted, Limit: 10000})
				require.NoError(t, err)
				mu.Lock()
				defer mu.Unlock()
				seated, conflicts, sent = seated+most, conflicts+open, sent+len(msgs)
				for _, l := range w.log {
					if strings.HasPrefix(l, "  refused") {
						refused++
					}
				}
			})
		}
	})
	t.Logf("%d seeds × 40 actions: %d seats at the busiest moment of each seed (summed), %d family-steps with an open conflict, %d emails checked, %d actions refused",
		seeds, seated, conflicts, sent, refused)
	// The property means little if workflows never get anywhere.
	require.Greater(t, seated, seeds/4, "families were seldom seated: the workflows are too weak to test anything")
	require.Positive(t, conflicts, "no conflict ever arose")
	require.Positive(t, sent, "no invitation was ever sent")
}

// check tests every safeguard against the store and against what each
// role would receive. It returns how many families are seated and how many
// conflicts are open, so the test can show its workflows went somewhere.
func (w *propWorld) check() (seated, conflicts int) {
	t := w.t
	t.Helper()
	fail := func(format string, args ...any) {
		t.Fatalf(format+"\nafter:\n%s", append(args, strings.Join(w.log, "\n"))...)
	}
	vs, err := w.st.CheckSafeguards(w.ctx)
	require.NoError(t, err)
	if len(vs) > 0 {
		fail("safeguards broken: %v", vs)
	}
	// Who may hear about whom, from the records as they stand now.
	children := map[int64]domain.Child{}
	cases := map[int64]domain.Case{}
	for _, f := range w.families {
		c := w.caseOf(f)
		cases[f] = c
		conflicts += len(c.Conflicts())
		for _, ch := range c.Children {
			children[ch.ID] = ch
		}
	}
	forbidden := func(teacherID int64) []string {
		var out []string
		for _, ch := range children {
			if !ch.Attending() || !ch.MayKnowTeacher(teacherID) {
				out = append(out, ch.FirstName)
			}
		}
		return out
	}
	// The names are unusual enough that any occurrence is the child.
	scan := func(what, text string, names []string) {
		for _, n := range names {
			if strings.Contains(text, n) {
				fail("%s names %s, whose register does not name them", what, n)
			}
		}
	}
	allNames := propNames
	involved := map[int64]bool{} // teachers with a meeting or an invite: the others' feeds are empty
	for _, ev := range w.events {
		p, err := w.svc.Plan(w.ctx, ev)
		require.NoError(t, err)
		for _, it := range p.Items {
			if it.Kind == KindTeacher {
				involved[it.RecipientID] = true
			}
			if it.Kind != KindTeacher || it.Action == ActionCancelled {
				continue
			}
			names := forbidden(it.RecipientID)
			pack, err := json.Marshal(w.svc.teacherPack(p.view, it))
			require.NoError(t, err)
			scan(fmt.Sprintf("teacher %d's pack at event %d", it.RecipientID, ev), string(pack), names)
			var ics bytes.Buffer
			require.NoError(t, ical.Encode(&ics, it.Invite(w.svc, propNow)))
			scan(fmt.Sprintf("teacher %d's invite", it.RecipientID), unfold(ics.String()), names)
			subject, text, err := mail.Compose(w.svc.Cat, it.Lang, it.MailKind(), it.Details)
			require.NoError(t, err)
			scan(fmt.Sprintf("teacher %d's email", it.RecipientID), subject+"\n"+text, names)
		}
		rs, err := json.Marshal(w.svc.runSheet(p.view))
		require.NoError(t, err)
		scan(fmt.Sprintf("run sheet of event %d", ev), string(rs), allNames)
		for _, label := range []string{"pru", "special", "eotas"} {
			if strings.Contains(strings.ToLower(string(rs)), `"`+label+`"`) {
				fail("run sheet carries the school type %q", label)
			}
		}
		// A carer with a live invitation belongs to a seated family that
		// passes every gate (the seeds that send keep calendars current).
		recs, err := w.st.Invites(w.ctx, ev)
		require.NoError(t, err)
		r, err := w.st.Allocation(w.ctx, domain.Unrestricted, ev)
		require.NoError(t, err)
		seated += len(r.Tables)
		for _, rec := range recs {
			if rec.RecipientKind != KindCarer || rec.Status != store.InviteActive {
				continue
			}
			if _, ok := r.Tables[store.FamilyKey(rec.FamilyID)]; !ok {
				fail("carer of family %d still invited to event %d, where it has no place", rec.FamilyID, ev)
			}
			if err := cases[rec.FamilyID].CheckAllocatable(); err != nil {
				fail("carer of family %d invited to event %d, but: %v", rec.FamilyID, ev, err)
			}
		}
	}
	// Feeds.
	for _, sc := range w.schools {
		for _, tid := range w.staff[sc] {
			if !involved[tid] {
				continue
			}
			tch, err := w.st.TeacherByID(w.ctx, tid)
			require.NoError(t, err)
			var feed bytes.Buffer
			require.NoError(t, w.svc.WriteFeed(w.ctx, &feed, tch))
			scan(fmt.Sprintf("teacher %d's feed", tid), unfold(feed.String()), forbidden(tid))
		}
	}
	// Emails queued since the last check, read as the teacher would.
	msgs, err := w.st.Outbox(w.ctx, store.OutboxFilter{Scope: domain.Unrestricted, Limit: 10000})
	require.NoError(t, err)
	last := w.outbox
	for _, m := range msgs {
		if m.ID <= w.outbox {
			continue
		}
		last = max(last, m.ID)
		if m.RecipientKind != KindTeacher {
			continue
		}
		eml, err := w.st.OutboxEML(w.ctx, domain.Unrestricted, m.ID)
		require.NoError(t, err)
		scan(fmt.Sprintf("email %d to teacher %d", m.ID, m.RecipientID), readableParts(t, eml), forbidden(m.RecipientID))
	}
	w.outbox = last
	return seated, conflicts
}

// unfold undoes iCalendar line folding, so a folded name is still found.
func unfold(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n ", ""), "\r\n\t", "")
}

// readableParts decodes every text and calendar part of an email (PDFs
// are checked as data, through the pack).
func readableParts(t *testing.T, eml []byte) string {
	msg, err := netmail.ReadMessage(bytes.NewReader(eml))
	require.NoError(t, err)
	var out strings.Builder
	var walk func(ctype, enc string, body io.Reader)
	walk = func(ctype, enc string, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ctype)
		require.NoError(t, err)
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				require.NoError(t, err)
				walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p)
			}
		}
		if mt == "application/pdf" {
			return
		}
		var r io.Reader = body
		switch strings.ToLower(enc) {
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, body)
		case "quoted-printable":
			r = quotedprintable.NewReader(body)
		}
		b, err := io.ReadAll(r)
		require.NoError(t, err)
		out.WriteString(unfold(string(b)))
		out.WriteString("\n")
	}
	walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	return out.String()
}

func propSeedsFromEnv() int {
	var n int
	fmt.Sscan(os.Getenv("PROPERTY_SEEDS"), &n)
	return n
}
