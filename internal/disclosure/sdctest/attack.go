// Package sdctest is the attacker of the disclosure tests: given what was
// published, it recovers every figure that exact linear algebra can. It is
// imported only by tests, and deliberately shares no code with package
// disclosure, so a mistake there is not repeated here.
package sdctest

import "math/big"

// Determined reports, for each target, whether its value is fixed by the
// published cells. Every cell and target is a set of atom indices whose
// values it sums; the attacker knows which atoms each published cell sums
// (the tables' structure) and its value. A target is determined exactly
// when its 0/1 vector lies in the row space of the published vectors,
// which is decided here by Gaussian elimination over the rationals
// (math/big.Rat), with no rounding and no modulus.
//
// This is the same test as "its unit vector lies in the row space of the
// relation matrix restricted to the hidden cells" (Cox 1980): relations
// with published cells are linear equations in the hidden unknowns, and
// one hidden cell is pinned down exactly when they imply its value.
func Determined(published [][]int, targets [][]int) []bool {
	dim := 0
	for _, set := range append(append([][]int{}, published...), targets...) {
		for _, a := range set {
			dim = max(dim, a+1)
		}
	}
	var basis [][]*big.Rat
	var pivots []int
	reduce := func(v []*big.Rat) {
		for i, row := range basis {
			if f := v[pivots[i]]; f.Sign() != 0 {
				f = new(big.Rat).Set(f)
				for j, x := range row {
					if x.Sign() != 0 {
						v[j].Sub(v[j], new(big.Rat).Mul(f, x))
					}
				}
			}
		}
	}
	for _, set := range published {
		v := dense(dim, set)
		reduce(v)
		piv := firstNonZero(v)
		if piv < 0 {
			continue
		}
		inv := new(big.Rat).Inv(v[piv])
		for j := range v {
			v[j].Mul(v[j], inv)
		}
		basis = append(basis, v)
		pivots = append(pivots, piv)
	}
	out := make([]bool, len(targets))
	for i, t := range targets {
		v := dense(dim, t)
		reduce(v)
		out[i] = firstNonZero(v) < 0
	}
	return out
}

func dense(dim int, set []int) []*big.Rat {
	v := make([]*big.Rat, dim)
	for j := range v {
		v[j] = new(big.Rat)
	}
	for _, a := range set {
		v[a].SetInt64(1)
	}
	return v
}

func firstNonZero(v []*big.Rat) int {
	for j, x := range v {
		if x.Sign() != 0 {
			return j
		}
	}
	return -1
}
