package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

type schoolRequest struct {
	Name             string `json:"name"`
	Type             string `json:"type"`
	LanguageMedium   string `json:"language_medium"`
	LocalAuthorityID int64  `json:"local_authority_id"`
	HeadName         string `json:"head_name"`
	HeadEmail        string `json:"head_email"`
	Phone            string `json:"phone"`
	Address          string `json:"address"`
	Lang             string `json:"lang"`
	DistanceMiles    *int   `json:"distance_miles"`
}

// input is the request as the domain's form-shaped input.
func (r schoolRequest) input() domain.SchoolInput {
	return domain.SchoolInput{Name: r.Name, Type: r.Type, LanguageMedium: r.LanguageMedium,
		LocalAuthorityID: idText(r.LocalAuthorityID), HeadName: r.HeadName, HeadEmail: r.HeadEmail, Phone: r.Phone,
		Address: r.Address, Lang: r.Lang, DistanceMiles: intText(r.DistanceMiles)}
}

// idText and intText hand JSON numbers to the domain's form-shaped inputs,
// which take text; absent (zero ID, null number) becomes blank so the
// domain reports "required" rather than an unknown ID 0.
func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func intText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func (s *Server) apiListSchools(c echo.Context) error {
	schools, err := s.store.Schools(c.Request().Context())
	if err != nil {
		return err
	}
	out := []schoolView{}
	for _, x := range schools {
		out = append(out, newSchoolView(x))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiCreateSchool(c echo.Context) error {
	var req schoolRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	las, err := s.store.LocalAuthorities(ctx)
	if err != nil {
		return err
	}
	x, err := req.input().Validate(las)
	if err != nil {
		return err
	}
	id, err := s.store.CreateSchool(ctx, currentUser(c).Actor(), x)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/schools/"+strconv.FormatInt(id, 10))
	return s.apiSchool(c, http.StatusCreated, id)
}

func (s *Server) apiShowSchool(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.apiSchool(c, http.StatusOK, id)
}

// apiSchool shows a school with its staff and awareness sessions, and
// whether a headteacher's agreement stands there (the session gate).
func (s *Server) apiSchool(c echo.Context, status int, id int64) error {
	ctx := c.Request().Context()
	x, err := s.store.School(ctx, id)
	if err != nil {
		return err
	}
	v := schoolDetail{schoolView: newSchoolView(x), Teachers: []teacherView{}, Sessions: []sessionView{}}
	teachers, err := s.store.Teachers(ctx, id)
	if err != nil {
		return err
	}
	for _, t := range teachers {
		v.Teachers = append(v.Teachers, newTeacherView(t))
	}
	sessions, err := s.store.SchoolSessions(ctx, id)
	if err != nil {
		return err
	}
	for _, a := range sessions {
		v.Sessions = append(v.Sessions, newSessionView(a))
	}
	if v.HeadAgreed, err = s.store.HeadAgreedAt(ctx, scopeOf(c), id); err != nil {
		return err
	}
	return c.JSON(status, v)
}

type teacherRequest struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Role  string `json:"role"`
	Lang  string `json:"lang"`
}

func (s *Server) apiCreateTeacher(c echo.Context) error {
	schoolID, err := pathID(c)
	if err != nil {
		return err
	}
	var req teacherRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.store.School(ctx, schoolID); err != nil {
		return err
	}
	t := domain.Teacher{SchoolID: schoolID, Name: req.Name, Email: req.Email, Role: domain.TeacherRole(req.Role), Lang: req.Lang}
	if err := t.Validate(); err != nil {
		return err
	}
	if t.ID, err = s.store.CreateTeacher(ctx, currentUser(c).Actor(), t); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/schools/"+strconv.FormatInt(schoolID, 10))
	return c.JSON(http.StatusCreated, newTeacherView(t))
}

type sessionRequest struct {
	DeliveredOn string `json:"delivered_on"`
	DeliveredBy string `json:"delivered_by"`
	Attendees   int    `json:"attendees"`
	Route       string `json:"route"`
	Notes       string `json:"notes"`
}

// apiRecordSession records an awareness session; the store tells the domain
// whether any headteacher there has agreed, and without that it is a 409.
func (s *Server) apiRecordSession(c echo.Context) error {
	schoolID, err := pathID(c)
	if err != nil {
		return err
	}
	var req sessionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.store.School(ctx, schoolID); err != nil {
		return err
	}
	in := domain.AwarenessInput{SchoolID: schoolID, DeliveredOn: req.DeliveredOn, DeliveredBy: req.DeliveredBy,
		Attendees: req.Attendees, Route: req.Route, Notes: req.Notes}
	id, err := s.store.RecordAwareness(ctx, currentUser(c).Actor(), schoolID, func(agreed bool) (domain.AwarenessSession, error) {
		return domain.DecideAwareness(in, agreed, s.today())
	})
	if err != nil {
		return err
	}
	sessions, err := s.store.SchoolSessions(ctx, schoolID)
	if err != nil {
		return err
	}
	for _, a := range sessions {
		if a.ID == id {
			return c.JSON(http.StatusCreated, newSessionView(a))
		}
	}
	return fmt.Errorf("api: session %d missing after insert", id)
}

type eventRequest struct {
	PrisonID       int64  `json:"prison_id"`
	Title          string `json:"title"`
	Date           string `json:"date"`
	Time           string `json:"time"`
	SlotMinutes    *int   `json:"slot_minutes"`
	Slots          *int   `json:"slots"`
	ArrivalMinutes *int   `json:"arrival_minutes"`
}

func (s *Server) apiListEvents(c echo.Context) error {
	events, err := s.store.Events(c.Request().Context(), scopeOf(c))
	if err != nil {
		return err
	}
	out := []eventView{}
	for _, e := range events {
		out = append(out, newEventView(e))
	}
	return c.JSON(http.StatusOK, out)
}

// apiCreateEvent plans a showcase. Its date and time are UK local time, as
// people plan them; the domain converts to an instant.
func (s *Server) apiCreateEvent(c echo.Context) error {
	var req eventRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	prisons, err := s.store.Prisons(ctx, scopeOf(c))
	if err != nil {
		return err
	}
	e, err := domain.EventInput{PrisonID: idText(req.PrisonID), Title: req.Title, Date: req.Date, Time: req.Time,
		SlotMinutes: intText(req.SlotMinutes), Slots: intText(req.Slots), ArrivalMinutes: intText(req.ArrivalMinutes)}.Validate(prisons, london, s.today())
	if err != nil {
		return err
	}
	id, err := s.store.CreateEvent(ctx, currentUser(c).Actor(), e)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/events/"+strconv.FormatInt(id, 10))
	return s.apiEvent(c, http.StatusCreated, id)
}

func (s *Server) apiShowEvent(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.apiEvent(c, http.StatusOK, id)
}

func (s *Server) apiEvent(c echo.Context, status int, id int64) error {
	e, err := s.store.Event(c.Request().Context(), scopeOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(status, newEventView(e))
}
