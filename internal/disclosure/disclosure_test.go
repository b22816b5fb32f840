package disclosure

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"schoolzone/internal/disclosure/sdctest"
)

// fams builds count atoms: atom i is family i.
func fams(n int) []Atom {
	out := make([]Atom, n)
	for i := range out {
		out[i] = Atom{Families: []int64{int64(i + 1)}}
	}
	return out
}

func atomRange(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// weighted weighs each cell by its families, as the cost reports do.
func weighted(atoms []Atom, sets ...[]int) []Cell {
	out := make([]Cell, len(sets))
	for i, s := range sets {
		fams := map[int64]bool{}
		for _, a := range s {
			for _, f := range atoms[a].Families {
				fams[f] = true
			}
		}
		out[i] = Cell{Atoms: s, Weight: int64(len(fams))}
	}
	return out
}

func sets(s ...[]int) [][]int { return s }

func TestProtect(t *testing.T) {
	for _, tc := range []struct {
		name  string
		atoms []Atom
		cells [][]int
		want  []Status
	}{
		{
			name:  "nothing small: everything shown",
			atoms: fams(10),
			cells: sets(atomRange(0, 10), atomRange(0, 5), atomRange(5, 10)),
			want:  []Status{Shown, Shown, Shown},
		},
		{
			name:  "one hidden part of a shown total takes the smallest other part with it",
			atoms: fams(15),
			cells: sets(atomRange(0, 15), atomRange(0, 7), atomRange(7, 8), atomRange(8, 12), atomRange(12, 15)),
			want:  []Status{Shown, Shown, Primary, Shown, Complement},
		},
		{
			name:  "two parts: the total is kept, the 7 is the complement",
			atoms: fams(8),
			cells: sets(atomRange(0, 8), atomRange(0, 7), atomRange(7, 8)),
			want:  []Status{Shown, Complement, Primary},
		},
		{
			name:  "overlapping groups are not a relation: the 7 stays",
			atoms: fams(7),
			cells: sets(atomRange(0, 7), atomRange(0, 7), []int{0}),
			want:  []Status{Shown, Shown, Primary},
		},
		{
			name:  "zero is not sensitive",
			atoms: fams(4),
			cells: sets(atomRange(0, 4), nil, atomRange(0, 4)),
			want:  []Status{Shown, Shown, Shown},
		},
		{
			name:  "money about no family is not sensitive, family money is",
			atoms: []Atom{{}, {}, {FamilyMoney: true}, {Families: []int64{1, 2, 3}}},
			cells: sets([]int{0, 1, 2, 3}, []int{0, 1}, []int{2}, []int{3}),
			want:  []Status{Shown, Complement, Primary, Shown},
		},
		{
			name: "a difference that is never published is protected too",
			// Cells: total, category A, prison X, prison Y (all in A). No cell
			// is about fewer than 3 families, but "prison X, category B" is
			// one family's and equals total − A: A is hidden to protect it.
			atoms: []Atom{
				{Families: []int64{1, 2, 3}}, {Families: []int64{4}}, // prison X: A, B
				{Families: []int64{5, 6, 7}}, // prison Y: A
			},
			cells: sets([]int{0, 1, 2}, []int{0, 2}, []int{0, 1}, []int{2}),
			want:  []Status{Shown, Complement, Shown, Shown},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cells := weighted(tc.atoms, tc.cells...)
			got := Protect(tc.atoms, cells)
			assert.Equal(t, tc.want, got)
			assertSafeAndMinimal(t, tc.atoms, cells, got)
		})
	}
}

// Random tables over many seeds: hierarchical and crossed breakdowns of
// random families, as the cost reports have.
func TestProtectRandomTables(t *testing.T) {
	seen := map[Status]int{}
	for seed := range 300 {
		rng := rand.New(rand.NewPCG(uint64(seed), 1))
		n := 1 + rng.IntN(30)
		atoms := make([]Atom, n)
		dims := make([][]int, n) // each atom's value in 3 breakdowns
		for i := range atoms {
			atoms[i] = Atom{Families: []int64{int64(1 + rng.IntN(n))}, FamilyMoney: rng.IntN(5) == 0}
			dims[i] = []int{rng.IntN(4), rng.IntN(3), rng.IntN(5)}
		}
		var cells []Cell
		add := func(pred func(int) bool) {
			var set []int
			fams := map[int64]bool{}
			for i := range atoms {
				if pred(i) {
					set = append(set, i)
					fams[atoms[i].Families[0]] = true
				}
			}
			cells = append(cells, Cell{Atoms: set, Weight: int64(len(fams))})
		}
		add(func(int) bool { return true })
		for d := range 3 {
			for v := range 5 {
				add(func(i int) bool { return dims[i][d] == v })
				add(func(i int) bool { return dims[i][d] == v && dims[i][(d+1)%3] == 0 })
			}
		}
		status := Protect(atoms, cells)
		assertSafeAndMinimal(t, atoms, cells, status)
		for _, s := range status {
			seen[s]++
		}
	}
	t.Logf("cells shown %d, primary %d, complement %d", seen[Shown], seen[Primary], seen[Complement])
	for _, s := range []Status{Shown, Primary, Complement} {
		assert.Positive(t, seen[s], "the seeds exercise status %d", s)
	}
}

// assertSafeAndMinimal attacks the published cells with exact rational
// elimination: no hidden cell and no sensitive set of atoms that no cell
// separates may be determined; and each complement must be needed.
func assertSafeAndMinimal(t *testing.T, atoms []Atom, cells []Cell, status []Status) {
	t.Helper()
	var published, targets [][]int
	for i, c := range cells {
		if !status[i].Hidden() {
			published = append(published, c.Atoms)
			continue
		}
		if len(c.Atoms) > 0 {
			targets = append(targets, c.Atoms)
		}
		assert.Equal(t, Sensitive(atoms, c.Atoms), status[i] == Primary, "cell %d: primary exactly when sensitive", i)
	}
	for i := range cells {
		if !status[i].Hidden() {
			assert.False(t, Sensitive(atoms, cells[i].Atoms), "cell %d published but sensitive", i)
		}
	}
	sensitiveClasses := classesOf(atoms, cells)
	for i, det := range sdctest.Determined(published, append(targets, sensitiveClasses...)) {
		assert.False(t, det, "target %d determined by the published cells", i)
	}
	for i, c := range cells {
		if status[i] != Complement {
			continue
		}
		more := append(append([][]int{}, published...), c.Atoms)
		det := sdctest.Determined(more, append(targets, sensitiveClasses...))
		assert.Contains(t, det, true, "complement %d is not needed", i)
	}
}

// classesOf lists the sensitive sets of atoms that every cell either
// contains whole or not at all, computed naively.
func classesOf(atoms []Atom, cells []Cell) [][]int {
	in := func(a int, c Cell) bool {
		for _, x := range c.Atoms {
			if x == a {
				return true
			}
		}
		return false
	}
	var out [][]int
	done := make([]bool, len(atoms))
	for a := range atoms {
		if done[a] {
			continue
		}
		class := []int{a}
		anyCell := false
		for b := a + 1; b < len(atoms); b++ {
			same := true
			for _, c := range cells {
				if in(a, c) != in(b, c) {
					same = false
					break
				}
			}
			if same {
				class = append(class, b)
				done[b] = true
			}
		}
		for _, c := range cells {
			anyCell = anyCell || in(a, c)
		}
		if anyCell && Sensitive(atoms, class) {
			out = append(out, class)
		}
	}
	return out
}
