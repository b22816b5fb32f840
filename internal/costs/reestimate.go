package costs

// Reestimate merges fresh automatic lines (from Estimate, after a
// re-allocation or a rate change) into the event's existing lines:
//
//   - manual lines are kept untouched;
//   - automatic lines with an actual are kept untouched: a recorded actual
//     is history, and a new rate must never rewrite it;
//   - overridden automatic lines keep the coordinator's figure but take the
//     fresh AutoEstimated, quantity and unit cost, so the override can be
//     reviewed against the new computed amount;
//   - other automatic lines are replaced by their fresh version, or dropped
//     when the allocation no longer produces them.
//
// The result lists fresh lines first (in Estimate's order), then frozen
// automatic lines no longer produced, then manual lines.
func Reestimate(existing, fresh []Line) []Line {
	old := map[string]Line{}
	for _, l := range existing {
		if l.Source == AutoEstimate {
			old[l.ID] = l
		}
	}
	out := make([]Line, 0, len(existing)+len(fresh))
	seen := map[string]bool{}
	for _, f := range fresh {
		seen[f.ID] = true
		o, ok := old[f.ID]
		switch {
		case ok && o.HasActual():
			out = append(out, o)
		case ok && o.Overridden:
			o.AutoEstimated, o.Quantity, o.UnitCost = f.AutoEstimated, f.Quantity, f.UnitCost
			out = append(out, o)
		default:
			out = append(out, f)
		}
	}
	for _, l := range existing {
		if l.Source == AutoEstimate && !seen[l.ID] && (l.HasActual() || l.Overridden) {
			out = append(out, l)
		}
	}
	for _, l := range existing {
		if l.Source != AutoEstimate {
			out = append(out, l)
		}
	}
	return out
}
