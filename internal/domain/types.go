// Package domain holds School Zone's records and the workflow rules that
// protect the child: carer consent before any school is contacted, the
// headteacher's agreement before an awareness session, and the prison's
// clearance before a family can be allocated. It has no HTTP or SQL in it.
package domain

import (
	"cmp"
	"slices"
	"time"
)

// Role decides what a signed-in user may see and do.
type Role string

const (
	RoleAdmin        Role = "admin"
	RoleCoordinator  Role = "coordinator"
	RolePrisonStaff  Role = "prison_staff"
	RoleCommissioner Role = "commissioner"
)

// Roles lists every role, in the order the UI offers them.
var Roles = []Role{RoleAdmin, RoleCoordinator, RolePrisonStaff, RoleCommissioner}

// Actor is who made a change; every audit row and workflow step names one.
type Actor struct {
	ID   int64
	Name string
	Role Role
	// Scope limits what the actor's changes may touch; the store checks it
	// inside the change's transaction.
	Scope Scope
}

// System is the actor for changes made by the app itself (demo load, jobs).
var System = Actor{Name: "system", Scope: Unrestricted}

type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	Lang         string
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	// FailedLogins counts wrong passwords since the last sign-in; too many
	// lock the account until LockedUntil.
	FailedLogins int
	LockedUntil  time.Time
	// Prisons and Authorities are the account's scope as recorded; Scope
	// says what they mean for its role.
	Prisons     []int64
	Authorities []int64
}

// Locked reports whether too many wrong passwords keep the account from
// signing in at now.
func (u User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

// Session is one signed-in browser or API client, as its account's
// administrator sees it: never its token.
type Session struct {
	ID int64
	// Kind is "web" (a browser's cookie, pages only) or "api" (a bearer
	// token, /api only).
	Kind                             string
	CreatedAt, LastSeenAt, ExpiresAt time.Time
}

// Actor returns the user as the author of a change, limited to their scope.
func (u User) Actor() Actor { return Actor{ID: u.ID, Name: u.Name, Role: u.Role, Scope: u.Scope()} }

type Prison struct {
	ID      int64
	Name    string
	Address string
	Phone   string
	Email   string
}

// HallTable is one table in a prison's visits hall.
type HallTable struct {
	ID       int64
	PrisonID int64
	Label    string
	Row, Col int
	Seats    int
	Quiet    bool
	StepFree bool
	Adjacent []int64
}

type LocalAuthority struct {
	ID   int64
	Name string
	// NameCy is the name in Welsh where one was recorded ("Caerdydd");
	// i18n.Council knows the principal councils of Wales without it.
	NameCy string
}

// SchoolType includes settings that are not mainstream schools: a child in a
// pupil referral unit or educated otherwise than at school still takes part.
type SchoolType string

const (
	SchoolPrimary    SchoolType = "primary"
	SchoolSecondary  SchoolType = "secondary"
	SchoolAllThrough SchoolType = "all_through"
	SchoolSpecial    SchoolType = "special"
	SchoolPRU        SchoolType = "pru"
	SchoolEOTAS      SchoolType = "eotas"
	SchoolCollege    SchoolType = "college"
)

var SchoolTypes = []SchoolType{SchoolPrimary, SchoolSecondary, SchoolAllThrough, SchoolSpecial, SchoolPRU, SchoolEOTAS, SchoolCollege}

var LanguageMediums = []string{"english", "welsh", "bilingual"}

type School struct {
	ID               int64
	Name             string
	Type             SchoolType
	LanguageMedium   string
	LocalAuthorityID int64
	LocalAuthority   string
	LocalAuthorityCy string // the authority's recorded Welsh name, if any
	HeadName         string
	HeadEmail        string
	Phone            string
	Address          string
	Lang             string
	DistanceMiles    int
}

// TeacherRole: an education welfare officer or tutor can be the "teacher"
// for a child who is not in school.
type TeacherRole string

var TeacherRoles = []TeacherRole{"class_teacher", "head", "deputy", "senco", "ewo", "tutor", "other"}

type Teacher struct {
	ID       int64
	SchoolID int64
	Name     string
	Email    string
	Role     TeacherRole
	Lang     string
}

type ParentStatus string

const (
	Held        ParentStatus = "held"
	Transferred ParentStatus = "transferred"
	Released    ParentStatus = "released"
)

var ParentStatuses = []ParentStatus{Held, Transferred, Released}

var ReferralSources = []string{"parent", "prison_staff", "school", "carer", "social_worker", "other"}

var Relationships = []string{"parent", "grandparent", "kinship", "foster", "social_worker", "other"}

// Family is one case: the parent in custody, carers and children.
type Family struct {
	ID                  int64
	Ref                 string
	PrisonID            int64
	ParentName          string
	PrisonNumber        string
	ParentStatus        ParentStatus
	ReleaseDate         string // YYYY-MM-DD or empty
	Remand              bool
	HighConfidentiality bool
	ReferralSource      string
	ReferrerName        string
	ReferredOn          string // YYYY-MM-DD
	Notes               string
	CreatedAt           time.Time
	// Erased families keep their reference, stage and steps for figures
	// and costs, but are never seated again and take no changes.
	Erased bool
}

type Carer struct {
	ID            int64
	FamilyID      int64
	Name          string
	Relationship  string
	Phone         string
	Email         string
	Lang          string
	DistanceMiles int
	Primary       bool
}

// Wish is the child's own answer to "do you want to go?".
type Wish string

const (
	WishYes       Wish = "yes"
	WishNo        Wish = "no"
	WishUndecided Wish = "undecided"
)

var Wishes = []Wish{WishYes, WishNo, WishUndecided}

type Child struct {
	ID               int64
	FamilyID         int64
	FirstName        string
	LastName         string
	YearGroup        string
	SchoolID         int64
	LocalAuthorityID int64
	Lang             string
	NeedsQuiet       bool
	NeedsStepFree    bool
	NeedsNotes       string
	Dietary          string
	ShareNeeds       bool
	// The child's voice.
	WantsToAttend      Wish
	PreferredTeacherID int64
	ViewsObtainedHow   string
	ViewsRecordedOn    string
	MayKnow            []Disclosure
}

// Disclosure is one person at school the child (or carer) agreed may know.
type Disclosure struct {
	TeacherID  int64
	ApprovedBy string // child, carer or both
	RecordedOn string
}

// Attending reports whether the child is still taking part: a child who said
// no is never pushed through the workflow.
func (c Child) Attending() bool { return c.WantsToAttend != WishNo }

// MayKnowTeacher reports whether teacherID is on the child's "may know" list.
func (c Child) MayKnowTeacher(teacherID int64) bool {
	for _, d := range c.MayKnow {
		if d.TeacherID == teacherID {
			return true
		}
	}
	return false
}

// Route is how a step was taken.
type Route string

var Routes = []Route{"phone", "paper", "in_person", "online", "email"}

// StepKind names a workflow step.
type StepKind string

const (
	StepConsent   StepKind = "consent"
	StepAgreement StepKind = "head_agreement"
	StepClearance StepKind = "clearance"
	StepOverride  StepKind = "override"
)

// Outcomes of steps.
const (
	ConsentGiven     = "given"
	ConsentDeclined  = "declined"
	ConsentWithdrawn = "withdrawn"
	Agreed           = "agreed"
	NotAgreed        = "declined"
	Cleared          = "cleared"
	Refused          = "refused"
)

// RefusalReasons categorise a clearance refusal or exclusion. Disciplinary
// exclusions are allowed but flagged: the showcase is the child's right, not
// the parent's reward.
var RefusalReasons = []string{"safeguarding", "public_protection", "contact_restriction", "security", "disciplinary", "other"}

// ReasonDisciplinary is the refusal reason the dashboard flags.
const ReasonDisciplinary = "disciplinary"

// Step is one recorded workflow step. Steps are never edited: a later step
// (a withdrawal, a fresh agreement) supersedes an earlier one.
type Step struct {
	ID             int64
	FamilyID       int64
	Kind           StepKind
	Outcome        string
	SchoolID       int64
	ChildID        int64
	Route          Route
	ReasonCategory string
	OccurredOn     string
	RecordedBy     int64
	RecordedByName string
	RecordedAt     time.Time
	Notes          string
	TeacherIDs     []int64
}

// AwarenessSession is the coordinator's session for staff at one school.
type AwarenessSession struct {
	ID          int64
	SchoolID    int64
	DeliveredOn string
	DeliveredBy string
	Attendees   int
	Route       string
	Notes       string
	RecordedAt  time.Time
}

// Event is a showcase.
type Event struct {
	ID             int64
	PrisonID       int64
	Title          string
	StartsAt       time.Time
	SlotMinutes    int
	Slots          int
	ArrivalMinutes int
	Status         string
	CreatedAt      time.Time
	// The saved allocation, or the cost estimate, was made before a change
	// to what it is built from: pages say so until it is run again.
	AllocationStale bool
	CostsStale      bool
}

// EndsAt is when the last meeting slot ends.
func (e Event) EndsAt() time.Time {
	return e.StartsAt.Add(time.Duration(e.Slots*e.SlotMinutes) * time.Minute)
}

// ComingFirst orders showcases for the people who run them: those from
// the start of today on, soonest first, then the past ones, latest first.
// In plain date order a service with years of showcases lists the coming
// ones on its last page.
func ComingFirst(events []Event, today time.Time) {
	slices.SortStableFunc(events, func(a, b Event) int {
		aComing, bComing := !a.StartsAt.Before(today), !b.StartsAt.Before(today)
		switch {
		case aComing != bComing:
			if aComing {
				return -1
			}
			return 1
		case aComing:
			return cmp.Or(a.StartsAt.Compare(b.StartsAt), cmp.Compare(a.ID, b.ID))
		default:
			return cmp.Or(b.StartsAt.Compare(a.StartsAt), cmp.Compare(b.ID, a.ID))
		}
	})
}

// AuditEntry is one row of the append-only audit log.
type AuditEntry struct {
	ID       int64
	At       time.Time
	ActorID  int64
	Actor    string
	Action   string
	Entity   string
	EntityID int64
	// FamilyID and FamilyRef name the family the change concerns, if any.
	FamilyID  int64
	FamilyRef string
	// Before and After are the changed values as JSON; empty once the
	// family's personal data is erased.
	Before string
	After  string
}
