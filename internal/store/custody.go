package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// CustodyChange is where a parent now is and, when they are no longer held
// at the prison, the stand-down that follows at each showcase not yet over:
// the family's place cancelled, invites cancelled or updated, and "please
// do not travel" queued. The showcase service works the stand-down out; the
// store saves it.
type CustodyChange struct {
	FamilyID    int64
	Status      domain.ParentStatus
	ReleaseDate string
	StandDown   []InviteBatch
}

// RecordCustody saves a custody change and its stand-down in one
// transaction, so a failure anywhere saves nothing: never a parent marked
// released while their family is still seated and their carer still
// expected. A family left seated at a showcase not yet over means the
// stand-down was worked out from data that has changed since; that is
// ErrInviteConflict, and the caller works it out again.
func (s *Store) RecordCustody(ctx context.Context, actor domain.Actor, ch CustodyChange) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.setParentStatus(ctx, tx, actor, ch.FamilyID, ch.Status, ch.ReleaseDate)
		if err != nil {
			return err
		}
		for _, b := range ch.StandDown {
			if err := s.applyInvites(ctx, tx, actor, b); err != nil {
				return err
			}
		}
		if ch.Status != domain.Held {
			seated, err := upcomingFamilyEvents(ctx, tx, ch.FamilyID, s.now())
			if err != nil {
				return err
			}
			if len(seated) > 0 {
				return fmt.Errorf("store: custody of family %d: still seated at event %d: %w", ch.FamilyID, seated[0], ErrInviteConflict)
			}
		}
		// After the stand-down nothing is left to take out; settling marks
		// the showcases out of date, and covers a parent back in custody.
		return s.settleFamily(ctx, tx, actor, before)
	})
}
