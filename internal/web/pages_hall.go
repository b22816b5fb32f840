package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// spareHallRows is how many empty rows the hall form offers for new tables.
const spareHallRows = 6

// hallRow is one table as the form shows it: every value as typed, so a
// form with errors comes back exactly as it was sent.
type hallRow struct {
	N                                int
	Label, Row, Col, Seats, Adjacent string
	Quiet, StepFree                  bool
}

// Field names one of this row's inputs, e.g. "label_3".
func (r hallRow) Field(name string) string { return name + "_" + strconv.Itoa(r.N) }

// hallPage sets up a prison's visits hall once: tables with their
// position, seats and quiet/step-free marks, and which tables are next to
// each other (keep-apart families must not be).
type hallPage struct {
	Layout
	Prison domain.Prison
	Rows   []hallRow
}

func (s *Server) hallPrison(c echo.Context) (domain.Prison, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.Prison{}, domain.ErrNotFound
	}
	return s.store.Prison(c.Request().Context(), scopeOf(c), id)
}

func (s *Server) hallForm(c echo.Context) error {
	pr, err := s.hallPrison(c)
	if err != nil {
		return err
	}
	tables, err := s.store.HallTables(c.Request().Context(), pr.ID)
	if err != nil {
		return err
	}
	label := map[int64]string{}
	for _, t := range tables {
		label[t.ID] = t.Label
	}
	p := &hallPage{Layout: s.layout(c, "hall.title"), Prison: pr}
	for i, t := range tables {
		var adj []string
		for _, a := range t.Adjacent {
			adj = append(adj, label[a])
		}
		p.Rows = append(p.Rows, hallRow{N: i, Label: t.Label, Row: strconv.Itoa(t.Row), Col: strconv.Itoa(t.Col),
			Seats: strconv.Itoa(t.Seats), Quiet: t.Quiet, StepFree: t.StepFree, Adjacent: strings.Join(adj, ", ")})
	}
	p.addSpare()
	return s.render(c, http.StatusOK, "hall", p)
}

func (p *hallPage) addSpare() {
	n := len(p.Rows)
	for i := range spareHallRows {
		p.Rows = append(p.Rows, hallRow{N: n + i, Seats: "6"})
	}
}

func (s *Server) saveHall(c echo.Context) error {
	pr, err := s.hallPrison(c)
	if err != nil {
		return err
	}
	p := &hallPage{Layout: s.layout(c, "hall.title"), Prison: pr}
	n := int(formInt(c, "rows"))
	if n > domain.MaxHallTables {
		// Refused before reading a row: the count is what is wrong.
		p.Problem("label_0", "hall.err_too_many")
		p.Errors.Fields[0].Params = map[string]any{"Max": domain.MaxHallTables}
		p.addSpare()
		return s.render(c, http.StatusBadRequest, "hall", p)
	}
	for i := range n {
		k := "_" + strconv.Itoa(i)
		p.Rows = append(p.Rows, hallRow{N: i, Label: strings.TrimSpace(c.FormValue("label" + k)), Row: strings.TrimSpace(c.FormValue("row" + k)),
			Col: strings.TrimSpace(c.FormValue("col" + k)), Seats: strings.TrimSpace(c.FormValue("seats" + k)),
			Adjacent: strings.TrimSpace(c.FormValue("adjacent" + k)), Quiet: c.FormValue("quiet"+k) != "", StepFree: c.FormValue("step_free"+k) != ""})
	}
	tables, adjacent, err := parseHall(p.Rows)
	if err == nil && !confirmed(c) {
		if ask, err := s.hallInUse(c, pr.ID); err != nil || ask {
			if err != nil {
				return err
			}
			return s.confirmHall(c, pr)
		}
	}
	if err == nil {
		err = s.store.SetHall(c.Request().Context(), currentUser(c).Actor(), pr.ID, tables, adjacent)
	}
	if err == nil {
		flash(c, "hall.saved")
		return c.Redirect(http.StatusSeeOther, "/prisons/"+strconv.FormatInt(pr.ID, 10)+"/hall")
	}
	if !p.Fail(err) {
		return err
	}
	if len(p.Rows) == 0 {
		p.addSpare() // so the error can point at a row to fill in
	}
	return s.render(c, http.StatusBadRequest, "hall", p)
}

// parseHall validates the form's rows. A row with no label and nothing else
// filled in is a spare row and is skipped.
func parseHall(rows []hallRow) ([]domain.HallTable, map[string][]string, error) {
	var p domain.Problems
	var tables []domain.HallTable
	seen := map[string]string{} // upper-case label → label as typed
	for _, r := range rows {
		if r.Label == "" {
			if r.Adjacent != "" || r.Quiet || r.StepFree {
				p.Add(r.Field("label"), "hall.err_label_missing")
			}
			continue
		}
		switch up := strings.ToUpper(r.Label); {
		case len([]rune(r.Label)) > domain.TextLimitOf("label").Max:
			p.Add(r.Field("label"), "hall.err_label_long")
		case seen[up] != "":
			p.Add(r.Field("label"), "hall.err_label_duplicate", map[string]any{"Label": r.Label})
		default:
			seen[up] = r.Label
		}
		t := domain.HallTable{Label: r.Label, Quiet: r.Quiet, StepFree: r.StepFree}
		t.Row = domain.ParseWhole(&p, r.Field("row"), r.Row, 0, true)
		t.Col = domain.ParseWhole(&p, r.Field("col"), r.Col, 0, true)
		t.Seats = domain.ParseWhole(&p, r.Field("seats"), r.Seats, 6, true)
		tables = append(tables, t)
	}
	// Saving no tables would delete the whole hall: a form posted without
	// rows is refused, not taken as "remove every table".
	if len(tables) == 0 {
		p.Add(hallRow{}.Field("label"), "hall.err_no_tables")
	}
	adjacent := map[string][]string{}
	for _, r := range rows {
		if r.Label == "" || r.Adjacent == "" {
			continue
		}
		for _, a := range strings.FieldsFunc(r.Adjacent, func(x rune) bool { return x == ',' || x == ';' || x == ' ' }) {
			label, ok := seen[strings.ToUpper(a)]
			switch {
			case !ok:
				p.Add(r.Field("adjacent"), "hall.err_adjacent_unknown", map[string]any{"Label": a})
			case strings.EqualFold(a, r.Label):
				p.Add(r.Field("adjacent"), "hall.err_adjacent_self")
			default:
				adjacent[r.Label] = append(adjacent[r.Label], label)
				continue
			}
			break
		}
	}
	return tables, adjacent, p.Err()
}

// HallCell is one text input of the hall form with its hidden label
// ("Label, table 3") and its error.
func (p *hallPage) HallCell(r hallRow, name, value string, n int) Field {
	f := r.Field(name)
	typ := "text"
	if name == "row" || name == "col" || name == "seats" {
		typ = "number"
	}
	return Field{Name: f, Label: p.T("hall."+name+"_n", "N", n), Type: typ, Value: value, Error: p.Err(f), ErrorPrefix: p.T("form.error_prefix")}
}

// hallInUse reports whether a showcase at the prison has families seated:
// saving the hall then marks its allocation out of date, and a family at a
// table taken out of the hall loses its place.
func (s *Server) hallInUse(c echo.Context, prisonID int64) (bool, error) {
	events, err := s.store.Events(c.Request().Context(), scopeOf(c))
	if err != nil {
		return false, err
	}
	for _, e := range events {
		if e.PrisonID != prisonID || e.Status == "held" || e.Status == "cancelled" {
			continue
		}
		r, err := s.store.Allocation(c.Request().Context(), scopeOf(c), e.ID)
		if err != nil {
			return false, err
		}
		if len(r.Tables) > 0 {
			return true, nil
		}
	}
	return false, nil
}

// confirmHall asks before the hall of a prison with seated families is
// saved, carrying everything typed to the save.
func (s *Server) confirmHall(c echo.Context, pr domain.Prison) error {
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	path := "/prisons/" + strconv.FormatInt(pr.ID, 10) + "/hall"
	cp := &confirmPage{Layout: s.layout(c, "confirm.hall_title"), Action: path, Back: path}
	cp.Caption = cp.PrisonName(pr.Name)
	cp.Lead, cp.Button = cp.T("confirm.hall_lead"), cp.T("hall.save")
	for k, vs := range form {
		if k == "_csrf" || k == "confirm" {
			continue
		}
		for _, v := range vs {
			cp.Hidden = append(cp.Hidden, hidden{k, v})
		}
	}
	slices.SortFunc(cp.Hidden, func(a, b hidden) int { return strings.Compare(a.Name, b.Name) })
	return s.renderConfirm(c, cp)
}
