package costs

import (
	"cmp"
	"slices"

	"schoolzone/internal/disclosure"
)

// MinFamilies is the smallest number of families a commissioner figure may
// be built from (package disclosure's threshold).
const MinFamilies = disclosure.MinFamilies

// protector collects every group of the commissioner report, and of every
// showcase's report, as disclosure cells over one set of atoms (each cost
// line, and each family for the counts), and suppresses them together: the
// reports are linked tables that share cells, so they are protected as one
// system (Willenborg and de Waal, 2001, ch. 6), whichever page or workbook
// the commissioner opens.
type protector struct {
	atoms   []disclosure.Atom
	famAtom map[int64]int
	accs    []*acc
	status  []disclosure.Status
	// own holds, per family, the lines about that family alone and, apart,
	// the money it bore itself, at each showcase (by event index) and
	// across the report (event -1).
	own map[ownKey][]int
}

type ownKey struct {
	event  int
	family int64
	borne  bool
}

func newProtector() *protector { return &protector{famAtom: map[int64]int{}, own: map[ownKey][]int{}} }

func (b *protector) acc(key, label string) *acc {
	a := &acc{key: key, label: label, events: map[int]bool{}, families: map[int64]int{}}
	b.accs = append(b.accs, a)
	return a
}

// family is the count atom of a family: one per family across the report,
// so a family at two showcases is one family wherever both are summed.
func (b *protector) family(id int64) int {
	if a, ok := b.famAtom[id]; ok {
		return a
	}
	b.famAtom[id] = len(b.atoms)
	b.atoms = append(b.atoms, disclosure.Atom{Families: []int64{id}})
	return len(b.atoms) - 1
}

// line is the money atom of a cost line of event i.
func (b *protector) line(i int, ev *EventCosts, l Line) int {
	fams := lineFamilies(ev, l)
	b.atoms = append(b.atoms, disclosure.Atom{Families: fams, FamilyMoney: l.Bearer == Family})
	atom := len(b.atoms) - 1
	if len(fams) == 1 {
		for _, k := range []ownKey{{i, fams[0], false}, {-1, fams[0], false}, {i, fams[0], true}, {-1, fams[0], true}} {
			if !k.borne || l.Bearer == Family {
				b.own[k] = append(b.own[k], atom)
			}
		}
	}
	return atom
}

// lineFamilies are the families a line is about: the family it is paid for
// or by; else the families whose children attend the line's school (a
// teacher's cover for a PRU in one local authority is about the child or
// two who go there); else those matching the line's local authority and
// school type; else, for the prison's own costs, everyone at the showcase.
// A family-borne line linked to no family is about no known family, and
// disclosure.Atom.FamilyMoney keeps it hidden.
func lineFamilies(ev *EventCosts, l Line) []int64 {
	switch {
	case l.FamilyID != 0:
		return []int64{l.FamilyID}
	case l.Bearer == Family:
		return nil
	}
	var out []int64
	for _, f := range ev.Families {
		var about bool
		switch {
		case l.SchoolID != 0:
			about = slices.Contains(f.SchoolIDs, l.SchoolID)
		case l.LocalAuthorityID != 0 || l.SchoolType != "":
			about = (l.LocalAuthorityID == 0 || f.LocalAuthorityID == l.LocalAuthorityID) &&
				(l.SchoolType == "" || slices.Contains(f.SchoolTypes, l.SchoolType))
		default:
			about = true
		}
		if about {
			out = append(out, f.FamilyID)
		}
	}
	return out
}

// protect registers a money cell and a family-count cell for every group
// and runs the suppression.
func (b *protector) protect() {
	cells := make([]disclosure.Cell, 0, 2*len(b.accs))
	for _, a := range b.accs {
		a.moneyCell = len(cells)
		cells = append(cells, disclosure.Cell{Atoms: a.lines, Weight: b.weight(a.lines, a.amount)})
		a.countCell = len(cells)
		cells = append(cells, disclosure.Cell{Atoms: a.famAtoms, Weight: b.weight(a.famAtoms, 0)})
	}
	// A family's travel and its lost earnings may each be safe while their
	// sum, everything that family cost, could be worked out: protect the
	// sum too (the singleton problem of Hundepool et al. §4.2.4 in reverse).
	keys := make([]ownKey, 0, len(b.own))
	for k := range b.own {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y ownKey) int {
		return cmp.Or(cmp.Compare(x.event, y.event), cmp.Compare(x.family, y.family), cmp.Compare(b2i(x.borne), b2i(y.borne)))
	})
	for _, k := range keys {
		cells = append(cells, disclosure.Cell{Atoms: b.own[k], Unpublished: true})
	}
	b.status = disclosure.Protect(b.atoms, cells)
}

// weight ranks cells for publication: most families behind it first, then
// the largest amount, so complements are the smallest cells.
func (b *protector) weight(ids []int, amount Pence) int64 {
	fams := map[int64]bool{}
	for _, a := range ids {
		for _, f := range b.atoms[a].Families {
			fams[f] = true
		}
	}
	const cap = 1<<40 - 1
	return int64(len(fams))<<40 | min(int64(max(amount, -amount)), cap)
}

func (b *protector) cost(a *acc) Money {
	if b.status[a.moneyCell].Hidden() {
		return Money{Suppressed: true}
	}
	return Money{Amount: a.amount}
}

func (b *protector) group(a *acc) Group {
	g := Group{Key: a.key, Label: a.label, Events: len(a.events), Cost: b.cost(a)}
	if b.status[a.countCell].Hidden() {
		g.Families, g.Children = Count{Suppressed: true}, Count{Suppressed: true}
	} else {
		g.Families.N = len(a.families)
		for _, c := range a.families {
			g.Children.N += c
		}
	}
	if !g.Cost.Suppressed && g.Families.N > 0 {
		g.PerFamily = Ptr(PerHead(g.Cost.Amount, g.Families.N))
	}
	if !g.Cost.Suppressed && g.Children.N > 0 {
		g.PerChild = Ptr(PerHead(g.Cost.Amount, g.Children.N))
	}
	return g
}

func (b *protector) groups(as []*acc) []Group {
	out := make([]Group, len(as))
	for i, a := range as {
		out[i] = b.group(a)
	}
	return out
}

func (b *protector) money(as []*acc) []MoneyTotal {
	out := make([]MoneyTotal, len(as))
	for i, a := range as {
		out[i] = MoneyTotal{Key: a.key, Cost: b.cost(a)}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
