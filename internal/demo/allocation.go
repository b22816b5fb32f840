package demo

import (
	"context"
	"fmt"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// AllocateDemo seats the demo showcase's ready families and times their
// meetings, exactly as the coordinator's "Allocate" button does, so the
// floor plan and timetables have something to show from the first login.
func AllocateDemo(ctx context.Context, s *store.Store, eventID int64) error {
	in, _, err := s.AllocationInput(ctx, domain.Unrestricted, eventID)
	if err != nil {
		return fmt.Errorf("demo: allocation input: %w", err)
	}
	r, err := allocate.Allocate(in)
	if err != nil {
		return fmt.Errorf("demo: allocate: %w", err)
	}
	if err := s.SaveAllocation(ctx, domain.System, eventID, r); err != nil {
		return fmt.Errorf("demo: save allocation: %w", err)
	}
	return nil
}
