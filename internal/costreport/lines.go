package costreport

import (
	"schoolzone/internal/costs"
	"schoolzone/internal/i18n"
)

// lineCols are the Lines sheet's and the CSV's columns, in order.
var lineCols = []column{
	{id: "id", width: 28}, {id: "category", width: 26}, {id: "bearer", width: 16},
	{id: "school", width: 28}, {id: "family", width: 10}, {id: "teacher", width: 10},
	{id: "la", width: 20}, {id: "school_type", width: 12}, {id: "description", width: 36},
	{id: "quantity", width: 10}, {id: "unit", width: 10}, {id: "unit_cost", width: 12, money: true},
	{id: "estimated", width: 14, money: true}, {id: "actual", width: 14, money: true},
	{id: "claimed", width: 14, money: true}, {id: "approved", width: 14, money: true},
	{id: "source", width: 20}, {id: "overridden", width: 10}, {id: "override_reason", width: 30},
	{id: "evidence", width: 20}, {id: "notes", width: 40},
}

// lineRow is one cost line as typed cells; both the workbook and the CSV
// render it, so they always agree.
func (l labels) lineRow(ev costs.EventCosts, ln costs.Line) []any {
	school := ""
	if ln.SchoolID != 0 {
		sc, _ := ev.School(ln.SchoolID)
		school = sc.Name
	}
	// Hand-entered lines often have a total but no quantity or unit cost;
	// leave those cells blank rather than claim "0 × £0.00".
	var qty, unitCost any = ln.Quantity, ln.UnitCost
	typ := ""
	if ln.SchoolType != "" {
		typ = l.schoolType(ln.SchoolType)
	}
	if ln.Quantity == 0 && ln.UnitCost == 0 {
		qty, unitCost = nil, nil
	}
	return []any{
		ln.ID, l.category(ln.Category), l.bearer(ln.Bearer),
		school, ref(ln.FamilyID), ref(ln.TeacherID),
		i18n.Council(l.lang, ev.LocalAuthorityName(ln.LocalAuthorityID), ev.LocalAuthorityNameCy(ln.LocalAuthorityID)), typ, ln.Describe(func(id string, args map[string]any) string { return l.c.T(l.lang, id, args) }),
		qty, l.unit(ln.Unit), unitCost,
		ln.Estimated, ln.Actual, ln.Claimed, ln.Approved,
		l.source(ln.Source), l.yesNo(ln.Overridden), ln.OverrideReason,
		ln.EvidenceRef, ln.Notes,
	}
}

// lines writes every cost line in the order given, with totals of the
// money columns except unit cost, which is not additive.
func (b *book) lines(ev costs.EventCosts) error {
	name, err := b.sheet("lines")
	if err != nil {
		return err
	}
	rows := make([][]any, len(ev.Lines))
	for i, ln := range ev.Lines {
		rows[i] = b.l.lineRow(ev, ln)
	}
	total := make([]any, len(lineCols))
	total[0] = b.l.t("row.total")
	for i := 12; i <= 15; i++ {
		total[i] = sumCol
	}
	_, err = b.table(name, lineCols, rows, total)
	return err
}
