package showcase

// StandDowns lets tests hold a stand-down that was worked out but not yet
// saved, as a slow request would.
var StandDowns = (*Service).standDowns
