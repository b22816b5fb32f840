package allocate

import (
	"math"
	"math/bits"
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
// allowed[cl] is the set of positions class cl may take.
func bestOrder(S int, masks []uint32, weights []int64, allowed []uint32) []int {
	n := 1 << S
	dp := make([]int64, n)
	from := make([]int8, n)
	for i := range dp {
		dp[i] = math.MaxInt64
	}
	dp[0] = 0
	for set := 0; set < n; set++ {
		if dp[set] == math.MaxInt64 {
			continue
		}
		pos := bits.OnesCount32(uint32(set))
		for cl := range S {
			if set&(1<<cl) != 0 || allowed[cl]&(1<<pos) == 0 {
				continue
			}
			next := set | 1<<cl
			if v := dp[set] + stepCost(uint32(set), cl, masks, weights); v < dp[next] {
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

// swapOrder is the fallback for many slots: swap pairs of positions while
// that lowers the cost.
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
	}
	return order
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
