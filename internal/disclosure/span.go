package disclosure

import "math/bits"

// prime is 2^61−1, a Mersenne prime, so reduction is a shift and an add.
const prime = 1<<61 - 1

func mulmod(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	x := hi<<3 | lo>>61 + lo&prime // 2^61 ≡ 1 (mod prime)
	x = x>>61 + x&prime
	if x >= prime {
		x -= prime
	}
	return x
}

func submod(a, b uint64) uint64 {
	if a >= b {
		return a - b
	}
	return a + prime - b
}

func inverse(a uint64) uint64 {
	r, e := uint64(1), uint64(prime-2)
	for e > 0 {
		if e&1 == 1 {
			r = mulmod(r, a)
		}
		a = mulmod(a, a)
		e >>= 1
	}
	return r
}

// span is the row space of the published cells in echelon form, with each
// protected vector kept reduced against it. A protected vector is in the
// span exactly when its residual is zero, so the invariant is that every
// residual is non-zero.
type span struct {
	dim      int
	basis    [][]uint64
	pivots   []int
	residual [][]uint64
	nnz      []int // non-zero entries of each residual: parallel ones agree
}

func newSpan(dim int, protected [][]int) *span {
	s := &span{dim: dim}
	for _, p := range protected {
		s.residual = append(s.residual, s.dense(p))
		s.nnz = append(s.nnz, len(p))
	}
	return s
}

func (s *span) dense(v []int) []uint64 {
	d := make([]uint64, s.dim)
	for _, c := range v {
		d[c] = 1
	}
	return d
}

func (s *span) reduce(v []uint64) {
	for i, row := range s.basis {
		if f := v[s.pivots[i]]; f != 0 {
			axpy(v, f, row)
		}
	}
}

// axpy sets v to v − f·row and returns the non-zero entries of v.
func axpy(v []uint64, f uint64, row []uint64) int {
	nnz := 0
	for j, x := range row {
		if x != 0 {
			v[j] = submod(v[j], mulmod(f, x))
		}
		if v[j] != 0 {
			nnz++
		}
	}
	return nnz
}

// publish adds v to the span unless that would bring a protected vector
// into it, and reports whether it did. After reduction, p lies in
// span(basis ∪ {v}) exactly when p's residual is a multiple of v's.
func (s *span) publish(cell []int) bool {
	v := s.dense(cell)
	s.reduce(v)
	piv := -1
	for j, x := range v {
		if x != 0 {
			piv = j
			break
		}
	}
	if piv < 0 {
		return true // already implied by what is published
	}
	inv := inverse(v[piv])
	nnz := 0
	for j := range v {
		if v[j] != 0 {
			v[j] = mulmod(v[j], inv)
			nnz++
		}
	}
	for i, r := range s.residual {
		if s.nnz[i] == nnz && parallel(r, v, piv) {
			return false
		}
	}
	for i, r := range s.residual {
		if f := r[piv]; f != 0 {
			s.nnz[i] = axpy(r, f, v)
		}
	}
	s.basis = append(s.basis, v)
	s.pivots = append(s.pivots, piv)
	return true
}

// parallel reports whether r = α·v for some α, given v[piv] = 1 and r ≠ 0.
func parallel(r, v []uint64, piv int) bool {
	a := r[piv]
	if a == 0 {
		return false
	}
	for j := range r {
		if r[j] != mulmod(a, v[j]) {
			return false
		}
	}
	return true
}
