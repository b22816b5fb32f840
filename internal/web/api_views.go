package web

import (
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
)

// The API's response bodies. Domain structs are never marshalled directly:
// they carry fields some roles must not see (password hashes, feed tokens,
// a child's needs), and their Go names are not a contract. Each view below
// is what one kind of caller needs and nothing more.

type userView struct {
	ID    int64       `json:"id"`
	Name  string      `json:"name"`
	Email string      `json:"email"`
	Role  domain.Role `json:"role"`
	Lang  string      `json:"lang"`
}

type tokenView struct {
	Token     string   `json:"token"`
	ExpiresAt string   `json:"expires_at"`
	User      userView `json:"user"`
}

// familyItem is one family in the list: enough to choose the next piece of
// work without opening every case.
type familyItem struct {
	ID                 int64        `json:"id"`
	Ref                string       `json:"ref"`
	Stage              domain.Stage `json:"stage"`
	Next               string       `json:"next"`
	NextText           string       `json:"next_text"`
	ChildrenTakingPart int          `json:"children_taking_part"`
	Disciplinary       bool         `json:"disciplinary"`
}

type caseView struct {
	ID                  int64               `json:"id"`
	Ref                 string              `json:"ref"`
	PrisonID            int64               `json:"prison_id"`
	ParentName          string              `json:"parent_name"`
	PrisonNumber        string              `json:"prison_number"`
	ParentStatus        domain.ParentStatus `json:"parent_status"`
	ReleaseDate         string              `json:"release_date"`
	Remand              bool                `json:"remand"`
	HighConfidentiality bool                `json:"high_confidentiality"`
	ReferralSource      string              `json:"referral_source"`
	ReferrerName        string              `json:"referrer_name"`
	ReferredOn          string              `json:"referred_on"`
	Notes               string              `json:"notes"`
	Carers              []carerView         `json:"carers"`
	Children            []childView         `json:"children"`
	Progress            progressView        `json:"progress"`
	Steps               []stepView          `json:"steps"`
}

type carerView struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
	Phone        string `json:"phone"`
	Email        string `json:"email"`
	Lang         string `json:"lang"`
	Primary      bool   `json:"primary"`
}

type childView struct {
	ID            int64     `json:"id"`
	FirstName     string    `json:"first_name"`
	LastName      string    `json:"last_name"`
	YearGroup     string    `json:"year_group"`
	SchoolID      int64     `json:"school_id"`
	Lang          string    `json:"lang"`
	NeedsQuiet    bool      `json:"needs_quiet"`
	NeedsStepFree bool      `json:"needs_step_free"`
	TakingPart    bool      `json:"taking_part"`
	Voice         voiceView `json:"voice"`
}

// voiceView is the child's own say. RecordedOn is empty until the child's
// views have been gathered; until then the clearance gate stays shut.
type voiceView struct {
	WantsToAttend      domain.Wish      `json:"wants_to_attend"`
	PreferredTeacherID int64            `json:"preferred_teacher_id"`
	ObtainedHow        string           `json:"obtained_how"`
	RecordedOn         string           `json:"recorded_on"`
	MayKnow            []disclosureView `json:"may_know"`
}

type disclosureView struct {
	TeacherID  int64  `json:"teacher_id"`
	ApprovedBy string `json:"approved_by"`
	RecordedOn string `json:"recorded_on"`
}

type progressView struct {
	Stage         domain.Stage         `json:"stage"`
	Next          string               `json:"next"`
	NextText      string               `json:"next_text"`
	ConsentStands bool                 `json:"consent_stands"`
	Disciplinary  bool                 `json:"disciplinary"`
	Consent       *stepView            `json:"consent"`
	Clearance     *stepView            `json:"clearance"`
	Schools       []schoolProgressView `json:"schools"`
	VoiceMissing  []int64              `json:"voice_missing"`
	Conflicts     []conflictView       `json:"conflicts"`
}

type conflictView struct {
	Kind      domain.ConflictKind `json:"kind"`
	ChildID   int64               `json:"child_id"`
	SchoolID  int64               `json:"school_id"`
	TeacherID int64               `json:"teacher_id"`
}

type schoolProgressView struct {
	SchoolID  int64        `json:"school_id"`
	Agreed    bool         `json:"agreed"`
	Agreement *stepView    `json:"agreement"`
	Session   *sessionView `json:"session"`
}

// stepView is one recorded step: what, who recorded it, when it happened
// and how (the route), so the record answers "who told whom, when".
type stepView struct {
	ID             int64       `json:"id"`
	Kind           string      `json:"kind"`
	Outcome        string      `json:"outcome"`
	SchoolID       int64       `json:"school_id,omitempty"`
	ChildID        int64       `json:"child_id,omitempty"`
	Route          string      `json:"route,omitempty"`
	ReasonCategory string      `json:"reason_category,omitempty"`
	OccurredOn     string      `json:"occurred_on"`
	RecordedBy     recorderRef `json:"recorded_by"`
	RecordedAt     string      `json:"recorded_at"`
	Notes          string      `json:"notes"`
	TeacherIDs     []int64     `json:"teacher_ids,omitempty"`
}

type recorderRef struct {
	ID   int64  `json:"id,omitempty"`
	Name string `json:"name"`
}

// clearanceView is all prison staff get: who the parent is, which adults
// would visit and how many children, and the prison's own decision. No
// schools, needs or children's views (domain.md section 2).
type clearanceView struct {
	ID                 int64               `json:"id"`
	Ref                string              `json:"ref"`
	ParentName         string              `json:"parent_name"`
	PrisonNumber       string              `json:"prison_number"`
	ParentStatus       domain.ParentStatus `json:"parent_status"`
	ReleaseDate        string              `json:"release_date"`
	Remand             bool                `json:"remand"`
	Adults             []adultView         `json:"adults"`
	ChildrenTakingPart int                 `json:"children_taking_part"`
	ConsentStands      bool                `json:"consent_stands"`
	AwaitingClearance  bool                `json:"awaiting_clearance"`
	Clearance          *stepView           `json:"clearance"`
}

type adultView struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
}

type schoolView struct {
	ID               int64             `json:"id"`
	Name             string            `json:"name"`
	Type             domain.SchoolType `json:"type"`
	LanguageMedium   string            `json:"language_medium"`
	LocalAuthorityID int64             `json:"local_authority_id"`
	LocalAuthority   string            `json:"local_authority"`
	HeadName         string            `json:"head_name"`
	HeadEmail        string            `json:"head_email"`
	Phone            string            `json:"phone"`
	Address          string            `json:"address"`
	Lang             string            `json:"lang"`
	DistanceMiles    int               `json:"distance_miles"`
}

type schoolDetail struct {
	schoolView
	HeadAgreed bool          `json:"head_agreed"`
	Teachers   []teacherView `json:"teachers"`
	Sessions   []sessionView `json:"sessions"`
}

type teacherView struct {
	ID       int64              `json:"id"`
	SchoolID int64              `json:"school_id"`
	Name     string             `json:"name"`
	Email    string             `json:"email"`
	Role     domain.TeacherRole `json:"role"`
	Lang     string             `json:"lang"`
}

type sessionView struct {
	ID          int64  `json:"id"`
	SchoolID    int64  `json:"school_id"`
	DeliveredOn string `json:"delivered_on"`
	DeliveredBy string `json:"delivered_by"`
	Attendees   int    `json:"attendees"`
	Route       string `json:"route"`
	Notes       string `json:"notes"`
	RecordedAt  string `json:"recorded_at"`
}

// eventView gives times both as instants (RFC 3339, UK offset) and as the
// local date and time people plan by.
type eventView struct {
	ID             int64  `json:"id"`
	PrisonID       int64  `json:"prison_id"`
	Title          string `json:"title"`
	Date           string `json:"date"`
	Time           string `json:"time"`
	StartsAt       string `json:"starts_at"`
	EndsAt         string `json:"ends_at"`
	SlotMinutes    int    `json:"slot_minutes"`
	Slots          int    `json:"slots"`
	ArrivalMinutes int    `json:"arrival_minutes"`
	Status         string `json:"status"`
}

type refView struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// NameCy is a local authority's recorded Welsh name, where it has one.
	NameCy string `json:"name_cy,omitempty"`
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func newFamilyItem(cs domain.Case, cat *i18n.Catalogue, lang i18n.Lang) familyItem {
	p := cs.Progress()
	return familyItem{ID: cs.Family.ID, Ref: cs.Family.Ref, Stage: p.Stage, Next: p.Next, NextText: cat.T(lang, p.Next),
		ChildrenTakingPart: len(cs.AttendingChildren()), Disciplinary: p.Disciplinary}
}

func newCaseView(cs domain.Case, cat *i18n.Catalogue, lang i18n.Lang) caseView {
	f := cs.Family
	v := caseView{ID: f.ID, Ref: f.Ref, PrisonID: f.PrisonID, ParentName: f.ParentName, PrisonNumber: f.PrisonNumber,
		ParentStatus: f.ParentStatus, ReleaseDate: f.ReleaseDate, Remand: f.Remand, HighConfidentiality: f.HighConfidentiality,
		ReferralSource: f.ReferralSource, ReferrerName: f.ReferrerName, ReferredOn: f.ReferredOn, Notes: f.Notes,
		Carers: []carerView{}, Children: []childView{}, Steps: []stepView{}}
	for _, c := range cs.Carers {
		v.Carers = append(v.Carers, carerView{ID: c.ID, Name: c.Name, Relationship: c.Relationship, Phone: c.Phone, Email: c.Email, Lang: c.Lang, Primary: c.Primary})
	}
	for _, ch := range cs.Children {
		cv := childView{ID: ch.ID, FirstName: ch.FirstName, LastName: ch.LastName, YearGroup: ch.YearGroup, SchoolID: ch.SchoolID,
			Lang: ch.Lang, NeedsQuiet: ch.NeedsQuiet, NeedsStepFree: ch.NeedsStepFree, TakingPart: ch.Attending(),
			Voice: voiceView{WantsToAttend: ch.WantsToAttend, PreferredTeacherID: ch.PreferredTeacherID, ObtainedHow: ch.ViewsObtainedHow,
				RecordedOn: ch.ViewsRecordedOn, MayKnow: []disclosureView{}}}
		for _, d := range ch.MayKnow {
			cv.Voice.MayKnow = append(cv.Voice.MayKnow, disclosureView{TeacherID: d.TeacherID, ApprovedBy: d.ApprovedBy, RecordedOn: d.RecordedOn})
		}
		v.Children = append(v.Children, cv)
	}
	for _, st := range cs.Steps {
		v.Steps = append(v.Steps, newStepView(st))
	}
	p := cs.Progress()
	v.Progress = progressView{Stage: p.Stage, Next: p.Next, NextText: cat.T(lang, p.Next), ConsentStands: cs.ConsentGiven(),
		Disciplinary: p.Disciplinary, Consent: stepRef(p.Consent), Clearance: stepRef(p.Clearance),
		Schools: []schoolProgressView{}, VoiceMissing: []int64{}, Conflicts: []conflictView{}}
	for _, x := range p.Conflicts {
		v.Progress.Conflicts = append(v.Progress.Conflicts, conflictView{Kind: x.Kind, ChildID: x.ChildID, SchoolID: x.SchoolID, TeacherID: x.TeacherID})
	}
	for _, sp := range p.Schools {
		spv := schoolProgressView{SchoolID: sp.SchoolID, Agreed: sp.Agreed(), Agreement: stepRef(sp.Agreement)}
		if sp.Session != nil {
			sv := newSessionView(*sp.Session)
			spv.Session = &sv
		}
		v.Progress.Schools = append(v.Progress.Schools, spv)
	}
	for _, ch := range p.VoiceMissing {
		v.Progress.VoiceMissing = append(v.Progress.VoiceMissing, ch.ID)
	}
	return v
}

func newStepView(st domain.Step) stepView {
	return stepView{ID: st.ID, Kind: string(st.Kind), Outcome: st.Outcome, SchoolID: st.SchoolID, ChildID: st.ChildID,
		Route: string(st.Route), ReasonCategory: st.ReasonCategory, OccurredOn: st.OccurredOn,
		RecordedBy: recorderRef{ID: st.RecordedBy, Name: st.RecordedByName}, RecordedAt: stamp(st.RecordedAt),
		Notes: st.Notes, TeacherIDs: st.TeacherIDs}
}

func stepRef(st *domain.Step) *stepView {
	if st == nil {
		return nil
	}
	v := newStepView(*st)
	return &v
}

func newClearanceView(cs domain.Case) clearanceView {
	f := cs.Family
	p := cs.Progress()
	v := clearanceView{ID: f.ID, Ref: f.Ref, ParentName: f.ParentName, PrisonNumber: f.PrisonNumber, ParentStatus: f.ParentStatus,
		ReleaseDate: f.ReleaseDate, Remand: f.Remand, Adults: []adultView{}, ChildrenTakingPart: len(cs.AttendingChildren()),
		ConsentStands: cs.ConsentGiven(), AwaitingClearance: p.Next == "next.request_clearance", Clearance: stepRef(p.Clearance)}
	for _, c := range cs.Carers {
		v.Adults = append(v.Adults, adultView{Name: c.Name, Relationship: c.Relationship})
	}
	return v
}

func newSchoolView(x domain.School) schoolView {
	return schoolView{ID: x.ID, Name: x.Name, Type: x.Type, LanguageMedium: x.LanguageMedium, LocalAuthorityID: x.LocalAuthorityID,
		LocalAuthority: x.LocalAuthority, HeadName: x.HeadName, HeadEmail: x.HeadEmail, Phone: x.Phone, Address: x.Address,
		Lang: x.Lang, DistanceMiles: x.DistanceMiles}
}

func newTeacherView(t domain.Teacher) teacherView {
	return teacherView{ID: t.ID, SchoolID: t.SchoolID, Name: t.Name, Email: t.Email, Role: t.Role, Lang: t.Lang}
}

func newSessionView(a domain.AwarenessSession) sessionView {
	return sessionView{ID: a.ID, SchoolID: a.SchoolID, DeliveredOn: a.DeliveredOn, DeliveredBy: a.DeliveredBy,
		Attendees: a.Attendees, Route: a.Route, Notes: a.Notes, RecordedAt: stamp(a.RecordedAt)}
}

func newEventView(e domain.Event) eventView {
	start := e.StartsAt.In(london)
	return eventView{ID: e.ID, PrisonID: e.PrisonID, Title: e.Title, Date: start.Format("2006-01-02"), Time: start.Format("15:04"),
		StartsAt: start.Format(time.RFC3339), EndsAt: e.EndsAt().In(london).Format(time.RFC3339),
		SlotMinutes: e.SlotMinutes, Slots: e.Slots, ArrivalMinutes: e.ArrivalMinutes, Status: e.Status}
}
