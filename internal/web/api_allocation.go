package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// The allocation as the API shows it: family references, table labels and
// teachers, never a family's names and never the keep-apart pairs, like
// the page's floor plan and timetables.
type allocationView struct {
	EventID    int64              `json:"event_id"`
	HallTables int                `json:"hall_tables"`
	Ready      int                `json:"ready"`
	SlotsUsed  int                `json:"slots_used"`
	Seats      []seatView         `json:"seats"`
	Meetings   []meetingView      `json:"meetings"`
	Problems   []string           `json:"problems"`
	NotReady   []string           `json:"not_ready"`
	Unmet      []string           `json:"unmet"`
	Nominated  []allocTeacherView `json:"nominated"`
	Withdrawn  []allocTeacherView `json:"withdrawn"`
}

type seatView struct {
	FamilyID   int64  `json:"family_id"`
	FamilyRef  string `json:"family_ref"`
	TableID    int64  `json:"table_id"`
	TableLabel string `json:"table_label"`
}

// meetingView counts slots from 1, as people do and as moves take them.
type meetingView struct {
	FamilyID   int64  `json:"family_id"`
	FamilyRef  string `json:"family_ref"`
	TeacherID  int64  `json:"teacher_id"`
	Slot       int    `json:"slot"`
	Start      string `json:"start"`
	End        string `json:"end"`
	TableLabel string `json:"table_label"`
}

type allocTeacherView struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	SchoolID int64  `json:"school_id"`
}

func (s *Server) apiShowAllocation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.apiAllocation(c, http.StatusOK, id)
}

func (s *Server) apiAllocation(c echo.Context, status int, id int64) error {
	ctx := c.Request().Context()
	in, refs, err := s.store.AllocationInput(ctx, scopeOf(c), id)
	if err != nil {
		return err
	}
	saved, err := s.store.Allocation(ctx, scopeOf(c), id)
	if err != nil {
		return err
	}
	v := allocationView{EventID: id, HallTables: len(refs.Tables), Ready: len(in.Families), SlotsUsed: saved.SlotsUsed,
		Seats: []seatView{}, Meetings: []meetingView{}, Problems: []string{}, NotReady: nonNil(refs.NotReady), Unmet: nonNil(refs.NoMeetings),
		Nominated: []allocTeacherView{}, Withdrawn: []allocTeacherView{}}
	if len(saved.Tables) > 0 || len(saved.Meetings) > 0 {
		for _, x := range allocate.Check(in, saved) {
			v.Problems = append(v.Problems, localizeViolation(s, langOf(c), x, refs))
		}
	}
	for _, t := range refs.Tables { // hall order
		for f, tk := range saved.Tables {
			if tk == store.TableKey(t.ID) {
				fid, _ := store.ParseKey("F", f)
				v.Seats = append(v.Seats, seatView{FamilyID: fid, FamilyRef: refs.FamilyRef[f], TableID: t.ID, TableLabel: t.Label})
			}
		}
	}
	for _, m := range saved.Meetings {
		fid, _ := store.ParseKey("F", m.Family)
		v.Meetings = append(v.Meetings, meetingView{FamilyID: fid, FamilyRef: refs.FamilyRef[m.Family], TeacherID: refs.Teacher[m.Teacher].ID,
			Slot: m.Slot + 1, Start: m.Start.In(london).Format(time.RFC3339), End: m.End.In(london).Format(time.RFC3339),
			TableLabel: refs.TableLabel[saved.Tables[m.Family]]})
	}
	for _, k := range refs.Nominated {
		t := refs.Teacher[k]
		v.Nominated = append(v.Nominated, allocTeacherView{ID: t.ID, Name: t.Name, SchoolID: t.SchoolID})
	}
	for _, t := range refs.Withdrawn {
		v.Withdrawn = append(v.Withdrawn, allocTeacherView{ID: t.ID, Name: t.Name, SchoolID: t.SchoolID})
	}
	return c.JSON(status, v)
}

func nonNil[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

// confirmRequest is the body of an action the page asks to confirm first:
// the API asks for "confirm": true instead.
type confirmRequest struct {
	Confirm bool `json:"confirm"`
}

// needConfirm refuses an unconfirmed destructive request, naming the field
// and saying what would be lost.
func needConfirm(confirmed bool, key string) error {
	if confirmed {
		return nil
	}
	return bodyProblem("confirm", key, nil)
}

// infeasible answers the engine's reason a showcase cannot be fitted.
func (s *Server) infeasible(c echo.Context, err error, refs store.AllocationRefs) error {
	var ae *allocate.Error
	if !errors.As(err, &ae) {
		return err
	}
	return c.JSON(http.StatusUnprocessableEntity, apiError{Error: localizeError(s, langOf(c), ae, refs)})
}

// apiRunAllocation allocates afresh. Where a plan is saved already, doing so
// throws away its tables, slots and hand moves, so it must be confirmed.
func (s *Server) apiRunAllocation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req confirmRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	saved, err := s.store.Allocation(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	if len(saved.Tables) > 0 {
		if err := needConfirm(req.Confirm, "api.err.confirm_allocate"); err != nil {
			return err
		}
	}
	if refs, err := s.allocateAgain(c, id); err != nil {
		return s.infeasible(c, err, refs)
	}
	return s.apiAllocation(c, http.StatusOK, id)
}

type moveAPIRequest struct {
	Kind      string `json:"kind"`
	FamilyID  int64  `json:"family_id"`
	TableID   int64  `json:"table_id"`
	TeacherID int64  `json:"teacher_id"`
	Slot      int    `json:"slot"`
	Confirm   bool   `json:"confirm"`
}

// moveView is a hand move checked against every rule: what it does, what
// it breaks, and whether it was saved.
type moveView struct {
	apiError
	What       string   `json:"what"`
	Violations []string `json:"violations"`
	Saved      bool     `json:"saved"`
}

// apiMoveAllocation is the page's move and its confirm step in one: without
// confirm it only checks; with it, a move that breaks nothing is saved and
// one that breaks a rule is refused (422) with the rules it breaks.
func (s *Server) apiMoveAllocation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req moveAPIRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	mr := moveRequest{Kind: req.Kind, Slot: strconv.Itoa(req.Slot - 1)}
	if req.FamilyID > 0 {
		mr.Family = store.FamilyKey(req.FamilyID)
	}
	if req.TableID > 0 {
		mr.Table = store.TableKey(req.TableID)
	}
	if req.Kind == "meeting" {
		mr.Meeting = mr.Family + " " + store.TeacherKey(req.TeacherID)
	}
	mp, err := s.proposeMove(c, id, mr)
	if err != nil {
		return moveFieldPaths(err)
	}
	lang := langOf(c)
	what := mp.What
	for i, a := range what.Args {
		if t, ok := a.(time.Time); ok {
			what.Args[i] = t.In(london).Format("15:04")
		}
	}
	v := moveView{What: s.cat.T(lang, what.Key, pairs(what.Args)), Violations: []string{}}
	for _, x := range mp.Violations {
		v.Violations = append(v.Violations, localizeViolation(s, lang, x, mp.Refs))
	}
	switch {
	case !req.Confirm:
		return c.JSON(http.StatusOK, v)
	case len(mp.Violations) > 0:
		v.Error, v.Field = s.cat.T(lang, "allocation.cannot_save"), "confirm"
		return c.JSON(http.StatusUnprocessableEntity, v)
	}
	if err := s.saveMove(c, id, mp); err != nil {
		return err
	}
	v.Saved = true
	return c.JSON(http.StatusOK, v)
}

// moveFieldPaths names the API's fields in the move's validation errors.
func moveFieldPaths(err error) error {
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	rename := map[string]string{"family": "family_id", "table": "table_id", "meeting": "teacher_id"}
	for i, f := range ve.Fields {
		if to, ok := rename[f.Field]; ok {
			ve.Fields[i].Field = to
		}
	}
	return ve
}

// apiWithdrawTeacher marks a nominated teacher as not coming and
// re-allocates around them. The withdrawal stands even when the showcase
// can then not be fitted (422 with the reason, the plan as it was).
func (s *Server) apiWithdrawTeacher(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	tid, err := pathInt(c, "tid")
	if err != nil {
		return err
	}
	var req confirmRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := needConfirm(req.Confirm, "api.err.confirm_withdraw"); err != nil {
		return err
	}
	if refs, err := s.withdrawAndReallocate(c, id, tid); err != nil {
		return s.infeasible(c, err, refs)
	}
	return s.apiAllocation(c, http.StatusOK, id)
}

// hallTableJSON is one table; ID is shown (moves name tables by it) and
// ignored when a hall is saved, since tables are matched by label.
type hallTableJSON struct {
	ID       int64    `json:"id,omitempty"`
	Label    string   `json:"label"`
	Row      *int     `json:"row"`
	Col      *int     `json:"col"`
	Seats    *int     `json:"seats"`
	Quiet    bool     `json:"quiet"`
	StepFree bool     `json:"step_free"`
	Adjacent []string `json:"adjacent"`
}

type hallView struct {
	PrisonID int64           `json:"prison_id"`
	Tables   []hallTableJSON `json:"tables"`
}

func (s *Server) apiShowHall(c echo.Context) error {
	pr, err := s.hallPrison(c)
	if err != nil {
		return err
	}
	return s.apiHall(c, pr.ID)
}

func (s *Server) apiHall(c echo.Context, prisonID int64) error {
	tables, err := s.store.HallTables(c.Request().Context(), prisonID)
	if err != nil {
		return err
	}
	label := map[int64]string{}
	for _, t := range tables {
		label[t.ID] = t.Label
	}
	v := hallView{PrisonID: prisonID, Tables: []hallTableJSON{}}
	for _, t := range tables {
		row, col, seats := t.Row, t.Col, t.Seats
		j := hallTableJSON{ID: t.ID, Label: t.Label, Row: &row, Col: &col, Seats: &seats, Quiet: t.Quiet, StepFree: t.StepFree, Adjacent: []string{}}
		for _, a := range t.Adjacent {
			j.Adjacent = append(j.Adjacent, label[a])
		}
		v.Tables = append(v.Tables, j)
	}
	return c.JSON(http.StatusOK, v)
}

type hallRequest struct {
	Tables  []hallTableJSON `json:"tables"`
	Confirm bool            `json:"confirm"`
}

// apiSaveHall replaces the prison's hall with the tables sent, checked by
// the page's own parseHall. Saving clears the tables of showcases already
// allocated there, so it must be confirmed.
func (s *Server) apiSaveHall(c echo.Context) error {
	pr, err := s.hallPrison(c)
	if err != nil {
		return err
	}
	var req hallRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	rows := make([]hallRow, len(req.Tables))
	for i, t := range req.Tables {
		rows[i] = hallRow{N: i, Label: strings.TrimSpace(t.Label), Row: intText(t.Row), Col: intText(t.Col), Seats: intText(t.Seats),
			Adjacent: strings.Join(t.Adjacent, ","), Quiet: t.Quiet, StepFree: t.StepFree}
	}
	if len(rows) == 0 {
		return bodyProblem("tables", "hall.err_no_tables", nil)
	}
	tables, adjacent, err := parseHall(rows)
	if err != nil {
		return hallFieldPaths(err)
	}
	if err := needConfirm(req.Confirm, "api.err.confirm_hall"); err != nil {
		return err
	}
	if err := s.store.SetHall(c.Request().Context(), currentUser(c).Actor(), pr.ID, tables, adjacent); err != nil {
		return err
	}
	return s.apiHall(c, pr.ID)
}

// hallFieldPaths turns the form's "label_3" into the JSON path
// "tables[3].label".
func hallFieldPaths(err error) error {
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	for i, f := range ve.Fields {
		if j := strings.LastIndex(f.Field, "_"); j > 0 {
			if n, err := strconv.Atoi(f.Field[j+1:]); err == nil {
				ve.Fields[i].Field = "tables[" + strconv.Itoa(n) + "]." + f.Field[:j]
			}
		}
	}
	return ve
}

type keepApartView struct {
	FamilyAID  int64  `json:"family_a_id"`
	FamilyARef string `json:"family_a_ref"`
	FamilyBID  int64  `json:"family_b_id"`
	FamilyBRef string `json:"family_b_ref"`
	PrisonID   int64  `json:"prison_id"`
	EnteredBy  string `json:"entered_by"`
	EnteredAt  string `json:"entered_at"`
}

// apiKeepApart lists the non-associations between families the account may
// both see, by reference: it goes to prison staff and coordinators only.
func (s *Server) apiKeepApart(c echo.Context, status int) error {
	pairs, err := s.store.KeepApart(c.Request().Context(), scopeOf(c))
	if err != nil {
		return err
	}
	out := []keepApartView{}
	for _, p := range pairs {
		out = append(out, keepApartView{FamilyAID: p.FamilyA, FamilyARef: p.RefA, FamilyBID: p.FamilyB, FamilyBRef: p.RefB,
			PrisonID: p.PrisonID, EnteredBy: p.EnteredBy, EnteredAt: stamp(p.EnteredAt)})
	}
	return c.JSON(status, out)
}

func (s *Server) apiListKeepApart(c echo.Context) error { return s.apiKeepApart(c, http.StatusOK) }

type keepApartRequest struct {
	FamilyA string `json:"family_a"`
	FamilyB string `json:"family_b"`
}

// apiAddKeepApart takes two family references; the store checks both are
// the account's to see and at the same prison.
func (s *Server) apiAddKeepApart(c echo.Context) error {
	var req keepApartRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := s.store.AddKeepApart(c.Request().Context(), currentUser(c).Actor(), req.FamilyA, req.FamilyB); err != nil {
		return err
	}
	return s.apiKeepApart(c, http.StatusCreated)
}

type keepApartRemoveRequest struct {
	FamilyAID int64 `json:"family_a_id"`
	FamilyBID int64 `json:"family_b_id"`
	Confirm   bool  `json:"confirm"`
}

// apiRemoveKeepApart lifts a non-association; the two families may then sit
// side by side, so it must be confirmed.
func (s *Server) apiRemoveKeepApart(c echo.Context) error {
	var req keepApartRemoveRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	if req.FamilyAID <= 0 {
		p.Add("family_a_id", "err.required")
	}
	if req.FamilyBID <= 0 {
		p.Add("family_b_id", "err.required")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if err := needConfirm(req.Confirm, "api.err.confirm_keepapart_remove"); err != nil {
		return err
	}
	if err := s.store.RemoveKeepApart(c.Request().Context(), currentUser(c).Actor(), req.FamilyAID, req.FamilyBID); err != nil {
		return err
	}
	return s.apiKeepApart(c, http.StatusOK)
}

type prisonRequest struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
}

type prisonView struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Address string `json:"address"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
}

// apiCreatePrison adds a prison with the page's checks.
func (s *Server) apiCreatePrison(c echo.Context) error {
	var req prisonRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	prisons, err := s.store.Prisons(ctx, scopeOf(c))
	if err != nil {
		return err
	}
	pr := domain.Prison{Name: req.Name, Address: req.Address, Phone: req.Phone, Email: req.Email}
	if err := pr.Validate(prisons); err != nil {
		return err
	}
	if pr.ID, err = s.store.CreatePrison(ctx, currentUser(c).Actor(), pr); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/prisons/"+strconv.FormatInt(pr.ID, 10)+"/hall")
	return c.JSON(http.StatusCreated, prisonView{ID: pr.ID, Name: pr.Name, Address: pr.Address, Phone: pr.Phone, Email: pr.Email})
}

type authorityRequest struct {
	Name   string `json:"name"`
	NameCy string `json:"name_cy"`
}

func (s *Server) apiCreateAuthority(c echo.Context) error {
	var req authorityRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return err
	}
	name, err := domain.ValidateAuthorityName(req.Name, las)
	if err != nil {
		return authorityFieldPath(err)
	}
	la := domain.LocalAuthority{Name: name, NameCy: strings.TrimSpace(req.NameCy)}
	id, err := s.store.AddLocalAuthority(ctx, currentUser(c).Actor(), la)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, refView{ID: id, Name: name, NameCy: la.NameCy})
}

// authorityFieldPath renames the page's "la_name" to the API's "name".
func authorityFieldPath(err error) error {
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		for i, f := range ve.Fields {
			if f.Field == "la_name" {
				ve.Fields[i].Field = "name"
			}
		}
	}
	return err
}
