// Package costs holds the pure rules for what a showcase costs and who bears
// it: money in integer pence, cost lines, dated rates, automatic estimates
// from an allocation, per-event summaries and the anonymised commissioner
// aggregation. It imports only the standard library so the store, web and
// export layers can all build on it without a database.
//
// Rounding is explicit and happens in one place, RoundDiv, which rounds half
// up (away from zero for negatives) so a figure computed here, in the
// workbook and on the page always agrees to the penny.
package costs
