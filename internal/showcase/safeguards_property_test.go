package showcase

import (
	"bytes"
	"cmp"
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
	"regexp"
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
	"schoolzone/internal/links"
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
	// links are the personal links read from the emails, newest per
	// person, as the recipients hold them (some revoked since).
	links map[store.Recipient]string
}

func newPropWorld(t *testing.T, seed uint64, dir string) *propWorld {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("p%d.db", seed)), store.WithClock(func() time.Time { return propNow }))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	w := &propWorld{t: t, rng: rand.New(rand.NewPCG(seed, 0x5eed)), st: st, ctx: ctx, staff: map[int64][]int64{}, sends: seed%20 == 0,
		links: map[store.Recipient]string{}}
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
		// A child moves school, or only their needs change: the child's
		// edit form, through the same store call as the page and the API.
		"change child": func() error {
			f := w.pick(w.families)
			c := w.caseOf(f)
			ch := c.Children[w.rng.IntN(len(c.Children))]
			in := domain.ChildDetails{FirstName: ch.FirstName, LastName: ch.LastName, YearGroup: ch.YearGroup, SchoolID: ch.SchoolID,
				NeedsQuiet: w.rng.IntN(2) == 0, NeedsStepFree: ch.NeedsStepFree, ShareNeeds: ch.ShareNeeds}
			if w.rng.IntN(2) == 0 {
				in.SchoolID = w.pick(w.schools)
			}
			w.note("change child %d of family %d to school %d", ch.ID, f, in.SchoolID)
			return w.followUp(f, w.st.UpdateChild(w.ctx, sys, f, ch.ID, in))
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
			if err := w.st.SaveAllocation(w.ctx, sys, ev, r); err != nil {
				return err
			}
			return w.sendSaved(ev)
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
			if err := w.st.SaveAllocation(w.ctx, sys, ev, r); err != nil {
				return err
			}
			return w.sendSaved(ev)
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
		"carer link answer": func() error {
			// A carer answers through the link in their email; now and then
			// the form is forged to answer for another family's child.
			key, token, ok := w.pickLink(KindCarer)
			if !ok {
				return nil
			}
			l, err := w.st.LinkByHash(w.ctx, links.Hash(token))
			if errors.Is(err, domain.ErrNotFound) {
				return nil // revoked by a later email or a cancellation: the page is not found
			}
			require.NoError(w.t, err)
			c := w.caseOf(l.FamilyID)
			var a store.CarerAnswer
			for _, cr := range c.Carers {
				a.People = append(a.People, store.Attendance{Kind: "carer", ID: cr.ID, Coming: w.rng.IntN(4) > 0})
			}
			for _, ch := range c.Children {
				a.People = append(a.People, store.Attendance{Kind: "child", ID: ch.ID, Coming: w.rng.IntN(4) > 0})
			}
			other := w.pick(w.families)
			if forged := w.rng.IntN(6) == 0 && other != l.FamilyID && len(w.caseOf(other).Children) > 0; forged {
				a.People = append(a.People, store.Attendance{Kind: "child", ID: w.caseOf(other).Children[0].ID, Coming: false})
				w.note("carer link %v answers for family %d's child too", key, other)
				err := w.st.RecordCarerAnswer(w.ctx, links.Hash(token), a)
				require.ErrorIs(w.t, err, domain.ErrNotFound, "a link answers for its own family only")
				return nil
			}
			w.note("carer link %v answers", key)
			return w.st.RecordCarerAnswer(w.ctx, links.Hash(token), a)
		},
		"carer link wishes": func() error {
			// A carer changes a child's views through their link: the same
			// rules as the staff page, for their own family only.
			key, token, ok := w.pickLink(KindCarer)
			if !ok {
				return nil
			}
			l, err := w.st.LinkByHash(w.ctx, links.Hash(token))
			if errors.Is(err, domain.ErrNotFound) {
				return nil
			}
			require.NoError(w.t, err)
			c := w.caseOf(l.FamilyID)
			ch := c.Children[w.rng.IntN(len(c.Children))]
			if other := w.pick(w.families); w.rng.IntN(6) == 0 && other != l.FamilyID && len(w.caseOf(other).Children) > 0 {
				ch = w.caseOf(other).Children[0]
				w.note("carer link %v changes the views of family %d's child %d", key, other, ch.ID)
				before := w.caseOf(other).Children
				err := w.st.RecordVoiceByLink(w.ctx, links.Hash(token), func(cs domain.Case) (domain.Child, error) {
					return cs.DecideVoice(domain.VoiceInput{ChildID: ch.ID, WantsToAttend: domain.WishNo, ObtainedHow: "forged", OccurredOn: propToday}, nil, propToday)
				})
				require.ErrorIs(w.t, err, domain.ErrNotFound, "a link changes its own family's children only")
				require.Equal(w.t, before, w.caseOf(other).Children, "nothing saved for another family")
				return nil
			}
			staff := w.staff[ch.SchoolID]
			in := domain.VoiceInput{ChildID: ch.ID, WantsToAttend: []domain.Wish{domain.WishYes, domain.WishYes, domain.WishNo, domain.WishUndecided}[w.rng.IntN(4)],
				MayKnow: w.subset(staff), ApprovedBy: "both", ObtainedHow: "asked at home", OccurredOn: propToday}
			if w.rng.IntN(2) == 0 {
				in.PreferredTeacherID = w.pick(staff)
			}
			w.note("carer link %v wishes: child %d %s prefers %d may know %v", key, ch.ID, in.WantsToAttend, in.PreferredTeacherID, in.MayKnow)
			teachers, err := w.st.Teachers(w.ctx, 0)
			require.NoError(w.t, err)
			err = w.st.RecordVoiceByLink(w.ctx, links.Hash(token), func(cs domain.Case) (domain.Child, error) { return cs.DecideVoice(in, teachers, propToday) })
			return w.followUp(l.FamilyID, err)
		},
		"teacher link answer": func() error {
			key, token, ok := w.pickLink(KindTeacher)
			if !ok {
				return nil
			}
			w.note("teacher link %v answers", key)
			err := w.st.RecordTeacherAnswer(w.ctx, links.Hash(token), store.TeacherAnswer{Coming: w.rng.IntN(3) > 0, NeedsCover: w.rng.IntN(2) == 0})
			if errors.Is(err, domain.ErrNotFound) {
				return nil // a revoked link
			}
			return err
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

// sendSaved sends a showcase's invitations as soon as its plan is saved,
// as a coordinator does, in the seeds that send. A "send" drawn at random
// mostly comes before anyone is seated, and sends nothing: then no link
// ever reaches anyone, and the link actions test nothing.
func (w *propWorld) sendSaved(ev int64) error {
	if !w.sends {
		return nil
	}
	w.note("send invitations %d after saving", ev)
	_, err := w.svc.SendInvitations(w.ctx, domain.System, ev)
	return err
}

// pickLink picks a personal link of a kind from those sent so far.
func (w *propWorld) pickLink(kind string) (store.Recipient, string, bool) {
	var keys []store.Recipient
	for k := range w.links {
		if k.Kind == kind {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return store.Recipient{}, "", false
	}
	slices.SortFunc(keys, func(a, b store.Recipient) int { return cmp.Compare(a.ID, b.ID) })
	k := keys[w.rng.IntN(len(keys))]
	return k, w.links[k], true
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
	"allocate", "slow allocate", "withdraw teacher", "move", "send", "next step", "carer link answer", "teacher link answer", "carer link wishes",
	"change child"}

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
//
// Links reach people only in the seeds that send; there the link actions
// weigh as much as the coordinator's, and elsewhere nothing, so the other
// seeds' workflows are as they were.
func (w *propWorld) step() {
	weights := []int{1, 1, 1, 2, 1, 1, 1, 1, 3, 2, 1, 1, 2, 16, 0, 0, 0, 1}
	if w.sends {
		weights[14], weights[15], weights[16] = 3, 2, 2
	}
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
	var seated, conflicts, refused, sent, linked, linkedSeeds int
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
				before := linked
				for _, l := range w.log {
					if strings.HasPrefix(l, "  refused") {
						refused++
					}
					if strings.Contains(l, " link ") {
						linked++
					}
				}
				if linked > before {
					linkedSeeds++
				}
			})
		}
	})
	t.Logf("%d seeds × 40 actions: %d seats at the busiest moment of each seed (summed), %d family-steps with an open conflict, %d emails checked, %d actions refused, %d answers through personal links in %d seeds",
		seeds, seated, conflicts, sent, refused, linked, linkedSeeds)
	// The property means little if workflows never get anywhere.
	require.Greater(t, seated, seeds/4, "families were seldom seated: the workflows are too weak to test anything")
	require.Positive(t, conflicts, "no conflict ever arose")
	require.Positive(t, sent, "no invitation was ever sent")
	// Links reach people only in the seeds that send (one in 20), and only
	// once a family is seated: the short run's three such seeds seat
	// nobody, so only a run of 200 seeds or more must see an answer.
	if seeds >= 200 {
		require.Positive(t, linked, "nobody ever answered through a personal link")
	}
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
		eml, err := w.st.OutboxEML(w.ctx, domain.Unrestricted, m.ID)
		require.NoError(t, err)
		text := readableParts(t, eml)
		if found := linkInText.FindStringSubmatch(text); found != nil {
			w.links[store.Recipient{Kind: m.RecipientKind, ID: m.RecipientID}] = found[1]
		}
		if m.RecipientKind != KindTeacher {
			continue
		}
		scan(fmt.Sprintf("email %d to teacher %d", m.ID, m.RecipientID), text, forbidden(m.RecipientID))
	}
	w.outbox = last
	// Every link still working opens only its own person's page: a
	// teacher's names only children whose register names them, a carer's
	// only their own family.
	for key, token := range w.links {
		l, err := w.st.LinkByHash(w.ctx, links.Hash(token))
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		require.NoError(t, err)
		if key.Kind == KindTeacher {
			v, err := w.svc.TeacherView(w.ctx, l)
			require.NoError(t, err)
			page, err := json.Marshal(v)
			require.NoError(t, err)
			scan(fmt.Sprintf("teacher %d's link page", key.ID), string(page), forbidden(key.ID))
			continue
		}
		v, err := w.svc.CarerView(w.ctx, l)
		if errors.Is(err, domain.ErrNotFound) {
			continue // the family has left the showcase's records
		}
		require.NoError(t, err)
		own := cases[l.FamilyID]
		for _, cr := range v.Carers {
			if cr.FamilyID != own.Family.ID {
				fail("carer link of family %d shows carer %d of family %d", l.FamilyID, cr.ID, cr.FamilyID)
			}
		}
		for _, ch := range v.Children {
			if ch.FamilyID != own.Family.ID {
				fail("carer link of family %d shows child %d of family %d", l.FamilyID, ch.ID, ch.FamilyID)
			}
		}
	}
	return seated, conflicts
}

// linkInText finds a personal link in an email's text.
var linkInText = regexp.MustCompile(`/l/([A-Za-z0-9_-]{43})`)

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
