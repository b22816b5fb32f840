package allocate

import (
	"math"
	"math/bits"
	"slices"
)

// stepCost is the cost of putting slot class cl next, after the classes in
// placed: every mask that has started but not finished, and does not
// contain cl, gains an empty slot.
func stepCost(placed uint32, cl int, masks []uint32, weights []int64) int64 {
	var sum int64
	bit := uint32(1) << cl
	for i, m := range masks {
		if m&bit == 0 && m&placed != 0 && m&^placed != 0 {
			sum += weights[i]
		}
	}
	return sum
}

// bestOrder is the exact dynamic programme over subsets of slot classes.
// allowed[cl] is the set of positions class cl may take. For each set of
// placed classes it sums the weight of masks that are open (started, not
// finished); placing cl next costs that sum minus the open masks holding cl.
func bestOrder(S int, masks []uint32, weights []int64, allowed []uint32) []int {
	n := 1 << S
	dp := make([]int64, n)
	from := make([]int8, n)
	for i := range dp {
		dp[i] = math.MaxInt64
	}
	dp[0] = 0
	holding := make([]int64, S)
	for set := 0; set < n; set++ {
		if dp[set] == math.MaxInt64 {
			continue
		}
		placed := uint32(set)
		var open int64
		clear(holding)
		for i, m := range masks {
			rest := m &^ placed
			if m&placed == 0 || rest == 0 {
				continue
			}
			open += weights[i]
			for ; rest != 0; rest &= rest - 1 {
				holding[bits.TrailingZeros32(rest)] += weights[i]
			}
		}
		pos := bits.OnesCount32(placed)
		for cl := range S {
			if set&(1<<cl) != 0 || allowed[cl]&(1<<pos) == 0 {
				continue
			}
			next := set | 1<<cl
			if v := dp[set] + open - holding[cl]; v < dp[next] {
				dp[next], from[next] = v, int8(cl)
			}
		}
	}
	order := make([]int, S)
	set := n - 1
	for i := S - 1; i >= 0; i-- {
		cl := int(from[set])
		order[i] = cl
		set &^= 1 << cl
	}
	return order
}

// swapOrder is the fallback for many slots: swap two slots, or move one
// slot elsewhere, while that lowers the cost.
func swapOrder(S int, masks []uint32, weights []int64, allowed []uint32) []int {
	order := make([]int, S)
	for i := range order {
		order[i] = i
	}
	best := orderCost(order, masks, weights)
	for improved := true; improved; {
		improved = false
		for i := 0; i < S; i++ {
			for j := i + 1; j < S; j++ {
				if allowed[order[i]]&(1<<j) == 0 || allowed[order[j]]&(1<<i) == 0 {
					continue
				}
				order[i], order[j] = order[j], order[i]
				if c := orderCost(order, masks, weights); c < best {
					best, improved = c, true
				} else {
					order[i], order[j] = order[j], order[i]
				}
			}
		}
		for i := 0; i < S; i++ {
			for j := 0; j < S; j++ {
				if i == j {
					continue
				}
				moved := moveTo(order, i, j)
				if validOrder(moved, allowed) {
					if c := orderCost(moved, masks, weights); c < best {
						best, improved, order = c, true, moved
					}
				}
			}
		}
	}
	return order
}

// moveTo returns order with the element at i moved to position j.
func moveTo(order []int, i, j int) []int {
	out := make([]int, 0, len(order))
	out = append(out, order[:i]...)
	out = append(out, order[i+1:]...)
	return slices.Insert(out, j, order[i])
}

func validOrder(order []int, allowed []uint32) bool {
	for pos, cl := range order {
		if allowed[cl]&(1<<pos) == 0 {
			return false
		}
	}
	return true
}

func orderCost(order []int, masks []uint32, weights []int64) int64 {
	var sum int64
	var placed uint32
	for _, cl := range order {
		sum += stepCost(placed, cl, masks, weights)
		placed |= 1 << cl
	}
	return sum
}
