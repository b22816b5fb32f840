// Package disclosure decides which cells of the commissioner's tables may
// be published, so that no figure about fewer than MinFamilies families can
// be read off a page, a workbook or a CSV, nor worked out from the figures
// that are shown. Every commissioner output goes through Protect.
//
// It follows the cell-suppression method for tabular data in Hundepool et
// al., "Statistical Disclosure Control" (Wiley, 2012), chapter 4: primary
// suppression of every sensitive cell by a threshold rule, then secondary
// (complementary) suppression so that no suppressed cell can be recovered
// from the published cells and the additive relations between them. The
// audit of a suppression pattern as a system of linear equations is Cox,
// "Suppression methodology and statistical disclosure control", JASA 75
// (1980); the treatment of linked tables sharing cells as one system is
// Willenborg and de Waal, "Elements of Statistical Disclosure Control"
// (Springer, 2001), ch. 6. The threshold of 3 and the one marker for every
// suppressed cell, whatever its reason, follow the Government Statistical
// Service's guidance on disclosure control for tables and on symbols in
// tables ("[c]" for confidential).
//
// Instead of a list of relations ("total = sum of parts") that a caller
// could forget to extend when a breakdown is added, each cell names the
// atoms it sums: cost lines for money, families for counts. Every additive
// relation between published cells, across every breakdown, total and
// trend row, is then a linear dependency between these 0/1 vectors, and a
// suppressed cell can be recovered exactly if and only if its vector lies
// in the span of the published ones. Protect keeps every sensitive vector
// out of that span: suppressed cells, and also the finest sets of atoms no
// cell separates (say, one family's travel at one showcase), so a figure
// that is never published cannot be worked out by subtraction either.
package disclosure

import (
	"encoding/binary"
	"slices"
	"sort"
)

// MinFamilies is the threshold rule: a figure built from 1 to MinFamilies-1
// families is suppressed. With about 16 families at a showcase, a figure
// about one or two of them can point to a particular child.
const MinFamilies = 3

// Atom is the smallest unit a cell sums: one cost line, or one family in a
// count. Families are those the atom is about: for a line, the family it is
// paid for or the families whose children's school it serves; for a count,
// the family itself.
type Atom struct {
	Families []int64
	// FamilyMoney marks money borne by families (travel, lost earnings). It
	// is shown only where at least MinFamilies families are behind it, even
	// when the line is linked to no family at all.
	FamilyMoney bool
}

// Cell is one published figure: the sum of its atoms. Weight orders the
// cells for publication, highest first, so the complements chosen are the
// cells with the least weight (Hundepool et al. §4.2.3: a cost function on
// the cells, here the number of families behind a cell, then its size).
type Cell struct {
	Atoms  []int
	Weight int64
	// Unpublished marks a figure no table shows but that must not be worked
	// out either, such as everything one family costs at one showcase. It
	// is never published; if sensitive, it is protected.
	Unpublished bool
}

// Status is what may be done with a cell.
type Status uint8

// The statuses. Both hidden statuses are shown to readers with the same
// marker: telling them apart would tell an attacker which hidden cells hold
// only one or two families, and so bound them.
const (
	Shown      Status = iota
	Primary           // built from fewer than MinFamilies families
	Complement        // hidden so that no sensitive figure can be worked out
)

// Hidden reports whether the cell must not be published.
func (s Status) Hidden() bool { return s != Shown }

// Sensitive reports whether a cell built from atoms needs primary
// suppression: it sums something, and fewer than MinFamilies families are
// behind it. A cell about no family at all (prison staffing at a showcase
// nobody has been seated at yet) is not sensitive unless it is money borne
// by families.
func Sensitive(atoms []Atom, ids []int) bool {
	fams := map[int64]bool{}
	familyMoney := false
	for _, a := range ids {
		familyMoney = familyMoney || atoms[a].FamilyMoney
		for _, f := range atoms[a].Families {
			fams[f] = true
		}
	}
	return len(ids) > 0 && len(fams) < MinFamilies && (len(fams) > 0 || familyMoney)
}

// Protect returns the status of each cell.
//
// Primary suppression hides every sensitive cell. Secondary suppression
// then publishes the other cells one at a time in order of weight, and
// refuses a cell whenever publishing it would bring a protected vector into
// the span of the published ones. The protected vectors are every
// suppressed cell, every sensitive interior cell (the atoms no published
// cell tells apart) and every sensitive Unpublished cell. The result is
// a fixed point that is also minimal: every complement is needed, because
// publishing it alone would let a protected figure be worked out; and no
// complement can itself be worked out (if it could, publishing it would
// change nothing and it would have been published).
//
// The span is computed over the integers modulo a 61-bit prime, which
// agrees with exact rational arithmetic unless the prime divides a minor of
// the 0/1 relation matrix: an error of that kind could only make a cell
// look recoverable when it is not (more suppression), or the reverse with
// negligible probability. The tests check the published result with exact
// rational elimination (package sdctest).
func Protect(atoms []Atom, cells []Cell) []Status {
	status := make([]Status, len(cells))
	norm := make([][]int, len(cells))
	for i, c := range cells {
		norm[i] = dedupe(c.Atoms)
	}
	classOf, classes := atomClasses(len(atoms), norm)
	published := make([][]int, len(cells))
	for i, ids := range norm {
		if !cells[i].Unpublished {
			published[i] = ids
		}
	}
	_, interior := atomClasses(len(atoms), published)
	vecs := make([][]int, len(cells))
	for i, ids := range norm {
		vecs[i] = classVector(classOf, ids)
	}
	var protect [][]int
	seen := map[string]bool{}
	addProtected := func(v []int) {
		if k := key(v); !seen[k] {
			seen[k] = true
			protect = append(protect, v)
		}
	}
	for i, ids := range norm {
		switch {
		case Sensitive(atoms, ids):
			status[i] = Primary
			addProtected(vecs[i])
		case cells[i].Unpublished:
			status[i] = Complement
		}
	}
	for _, members := range interior {
		if Sensitive(atoms, members) {
			addProtected(classVector(classOf, members))
		}
	}

	s := newSpan(len(classes), protect)
	order := make([]int, 0, len(cells))
	for i := range cells {
		if status[i] == Shown && len(vecs[i]) > 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return cells[order[a]].Weight > cells[order[b]].Weight })
	for _, i := range order {
		if !s.publish(vecs[i]) {
			status[i] = Complement
		}
	}
	return status
}

// atomClasses groups atoms by the set of cells that contain them. Every
// cell is constant on a class, so the classes of all cells are the unknowns
// an attacker faces (atoms in no cell are dropped), and the classes of the
// published cells alone are the tables' interior cells: the finest figures
// the tables describe, each protected when it is sensitive.
func atomClasses(n int, cells [][]int) (classOf []int, classes [][]int) {
	sig := make([][]byte, n)
	for i, ids := range cells {
		for _, a := range ids {
			sig[a] = binary.AppendUvarint(sig[a], uint64(i))
		}
	}
	classOf = make([]int, n)
	byKey := map[string]int{}
	for a := range n {
		if len(sig[a]) == 0 {
			classOf[a] = -1
			continue
		}
		c, ok := byKey[string(sig[a])]
		if !ok {
			c = len(classes)
			byKey[string(sig[a])] = c
			classes = append(classes, nil)
		}
		classOf[a] = c
		classes[c] = append(classes[c], a)
	}
	return classOf, classes
}

func classVector(classOf []int, ids []int) []int {
	var v []int
	for _, a := range ids {
		if c := classOf[a]; c >= 0 {
			v = append(v, c)
		}
	}
	return dedupe(v)
}

func dedupe(ids []int) []int {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func key(v []int) string {
	var b []byte
	for _, x := range v {
		b = binary.AppendUvarint(b, uint64(x))
	}
	return string(b)
}
