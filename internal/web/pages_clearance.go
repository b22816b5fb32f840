package web

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
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
	List listForm
}

// consentStages are the stages at which the carer's consent stands: the
// clearance list's families.
var consentStages = []domain.Stage{domain.StageConsented, domain.StageAgreed, domain.StageAware, domain.StageConflict,
	domain.StageReady, domain.StageOnHold, domain.StageNotAgreed, domain.StageRefused}

// clearanceFilter is the list's filter with its stages kept to those where
// consent stands.
func clearanceFilter(c echo.Context) store.FamilyFilter {
	f := listFilter(c)
	if len(f.Stages) == 0 {
		f.Stages = consentStages
	} else {
		f.Stages = slices.DeleteFunc(f.Stages, func(st domain.Stage) bool { return !slices.Contains(consentStages, st) })
		if len(f.Stages) == 0 {
			f.Stages = []domain.Stage{"none"}
		}
	}
	return f
}

func (s *Server) clearanceList(c echo.Context) error {
	f := clearanceFilter(c)
	page, err := s.store.ListFamilies(c.Request().Context(), scopeOf(c), f)
	if err != nil {
		return err
	}
	shown := listFilter(c) // the form shows what was asked for
	p := &clearancePage{Layout: s.layout(c, "clearance.list_title"), List: listForm{Path: "/clearance", Filter: shown, Next: page.Next}}
	for _, cs := range page.Cases {
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
