package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
)

// clearanceRow is what prison staff need for a public-protection check:
// who the parent is and who would visit. Nothing about schools or needs.
type clearanceRow struct {
	ID           int64
	Ref          string
	ParentName   string
	PrisonNumber string
	Adults       []string
	Children     int
	Status       domain.ParentStatus
	Decision     string // "", cleared or refused
	Waiting      bool   // every earlier gate met; the prison's decision is next
}

type clearancePage struct {
	Layout
	Rows []clearanceRow
}

func (s *Server) clearanceList(c echo.Context) error {
	cases, err := s.store.Cases(c.Request().Context(), scopeOf(c), 0)
	if err != nil {
		return err
	}
	p := &clearancePage{Layout: s.layout(c, "clearance.list_title")}
	for _, cs := range cases {
		if !cs.ConsentGiven() {
			continue
		}
		pr := cs.Progress()
		row := clearanceRow{ID: cs.Family.ID, Ref: cs.Family.Ref, ParentName: cs.Family.ParentName, PrisonNumber: cs.Family.PrisonNumber,
			Children: len(cs.AttendingChildren()), Status: cs.Family.ParentStatus, Waiting: pr.Next == "next.request_clearance"}
		for _, cr := range cs.Carers {
			row.Adults = append(row.Adults, cr.Name)
		}
		if pr.Clearance != nil {
			row.Decision = pr.Clearance.Outcome
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(c, http.StatusOK, "clearance", p)
}
