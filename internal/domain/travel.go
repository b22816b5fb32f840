package domain

import (
	"regexp"
	"strings"
)

// TravelInput is a carer's answer about travel, as typed: whether they
// want help with the cost, and how far they come, as miles each way or,
// when they do not know, the first half of their postcode.
type TravelInput struct {
	WantsHelp     string // "yes" or "no"
	DistanceMiles string
	PostcodeArea  string
}

// TravelRequest is a checked TravelInput. Miles is 0 when not given.
type TravelRequest struct {
	WantsHelp    bool
	Miles        int
	PostcodeArea string
}

// outwardCode is the first half of a UK postcode ("CF31", "SA1", "NP10",
// "W1A", "EC1V"). Only that half is asked for: it is enough to cost a
// journey and says far less about where a family lives.
var (
	outwardCode = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?$`)
	inwardCode  = regexp.MustCompile(`^[0-9][A-Z]{2}$`)
)

// Decide checks a carer's travel answer. Someone asking for help must say
// how far they come, in miles or by postcode area, or the coordinator has
// nothing to cost; someone who needs no help may still give the distance.
// A whole postcode is cut to its first half rather than refused, since
// that is what people type.
func (in TravelInput) Decide() (TravelRequest, error) {
	var p Problems
	var out TravelRequest
	switch in.WantsHelp {
	case "yes":
		out.WantsHelp = true
	case "no":
	default:
		p.Add("wants_help", "travel.err.wants_help")
	}
	out.Miles = ParseWhole(&p, "distance_miles", in.DistanceMiles, 0, true)
	area := strings.ToUpper(strings.TrimSpace(in.PostcodeArea))
	if first, _, ok := strings.Cut(area, " "); ok {
		area = first
	} else if n := len(area); n >= 5 && inwardCode.MatchString(area[n-3:]) && outwardCode.MatchString(area[:n-3]) {
		// "CF311AA" typed without its space: the inward half is always
		// a digit and two letters.
		area = area[:len(area)-3]
	}
	if area != "" && !outwardCode.MatchString(area) {
		p.Add("postcode_area", "travel.err.postcode_area")
	}
	out.PostcodeArea = area
	typed := strings.TrimSpace(in.DistanceMiles)
	if out.WantsHelp && (typed == "" || typed == "0") && area == "" {
		p.Add("distance_miles", "travel.err.distance_or_area")
	}
	return out, p.Err()
}
