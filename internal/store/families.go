package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// querier is what both *sql.DB and *sql.Tx offer, so case loading runs the
// same inside a write transaction (for gate checks) and outside it.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// CreateReferral records a new referral: the family, its first carer and
// its children, in one transaction. It returns the family ID. A prison or
// school that is not on record is a *domain.ValidationError, checked in the
// transaction so that every caller gets a field message, never a failed
// insert. A prison outside the actor's scope is as unknown as one never
// recorded.
func (s *Store) CreateReferral(ctx context.Context, actor domain.Actor, in domain.ReferralInput) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.createReferral(ctx, tx, actor, in)
		return err
	})
	return id, err
}

// ImportReferrals records every referral of a checked spreadsheet in one
// transaction, so an import is all or nothing: if any family cannot be
// saved, none is. One audit row says an import happened and how big it
// was; each family has its own "create" row, as from the form.
func (s *Store) ImportReferrals(ctx context.Context, actor domain.Actor, ins []domain.ReferralInput) ([]Created, error) {
	var out []Created
	err := s.tx(ctx, func(tx *sql.Tx) error {
		children := 0
		for i, in := range ins {
			id, err := s.createReferral(ctx, tx, actor, in)
			if err != nil {
				return fmt.Errorf("store: import family %d of %d: %w", i+1, len(ins), err)
			}
			c := Created{ID: id}
			if err := tx.QueryRowContext(ctx, `SELECT ref FROM families WHERE id = ?`, id).Scan(&c.Ref); err != nil {
				return fmt.Errorf("store: imported family's ref: %w", err)
			}
			out = append(out, c)
			children += len(in.Children)
		}
		return s.audit(tx, actor, "import", "referrals", 0, nil, map[string]any{"families": len(ins), "children": children})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Created is a record a change made, by ID and by the reference people use.
type Created struct {
	ID  int64  `json:"id"`
	Ref string `json:"ref"`
}

func (s *Store) createReferral(ctx context.Context, tx *sql.Tx, actor domain.Actor, in domain.ReferralInput) (int64, error) {
	look := &lookup{ctx: ctx, tx: tx}
	refs := in.CheckReferences(look.prisonIn(actor.Scope), look.exists("schools"))
	if err := cmp.Or(look.err, refs); err != nil {
		return 0, err
	}
	res, err := tx.Exec(`INSERT INTO families (ref, prison_id, parent_name, prison_number, referral_source, referrer_name, referred_on, notes, created_at)
		VALUES ('pending-' || hex(randomblob(8)), ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.PrisonID, in.ParentName, in.PrisonNumber, in.ReferralSource, in.ReferrerName, in.ReferredOn, in.Notes, s.stamp())
	if err != nil {
		return 0, fmt.Errorf("store: create family: %w", err)
	}
	id, _ := res.LastInsertId()
	// The reference is what documents and file names carry instead of names.
	if _, err := tx.Exec(`UPDATE families SET ref = printf('FAM-%04d', id) WHERE id = ?`, id); err != nil {
		return 0, fmt.Errorf("store: family ref: %w", err)
	}
	c := in.Carer
	if _, err := tx.Exec(`INSERT INTO carers (family_id, name, relationship, phone, email, lang, distance_miles, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
		id, c.Name, c.Relationship, c.Phone, c.Email, c.Lang, c.DistanceMiles); err != nil {
		return 0, fmt.Errorf("store: create carer: %w", err)
	}
	for _, ch := range in.Children {
		if err := insertChild(tx, id, ch); err != nil {
			return 0, err
		}
	}
	if err := deriveFamilies(ctx, tx, byIDs(id)); err != nil {
		return 0, err
	}
	return id, s.audit(tx, actor, "create", "family", id, nil, map[string]any{
		"prison_id": in.PrisonID, "referral_source": in.ReferralSource, "referred_on": in.ReferredOn, "children": len(in.Children)})
}

// lookup answers whether rows exist inside a transaction, for domain
// checks that take a question rather than a table. It keeps the first
// query error, so a fault is reported as one and not as a missing record.
type lookup struct {
	ctx context.Context
	tx  *sql.Tx
	err error
}

func (l *lookup) exists(table string) func(id int64) bool {
	return func(id int64) bool {
		var ok bool
		err := l.tx.QueryRowContext(l.ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE id = ?)`, id).Scan(&ok)
		if err != nil && l.err == nil {
			l.err = fmt.Errorf("store: look up %s %d: %w", table, id, err)
		}
		return ok
	}
}

func insertChild(tx *sql.Tx, familyID int64, ch domain.Child) error {
	if ch.WantsToAttend == "" {
		ch.WantsToAttend = domain.WishUndecided
	}
	_, err := tx.Exec(`INSERT INTO children (family_id, first_name, last_name, year_group, school_id, local_authority_id, lang,
		needs_quiet, needs_step_free, needs_notes, dietary, share_needs_with_school, wants_to_attend)
		VALUES (?, ?, ?, ?, ?, COALESCE(?, (SELECT local_authority_id FROM schools WHERE id = ?)), ?, ?, ?, ?, ?, ?, ?)`,
		familyID, ch.FirstName, ch.LastName, ch.YearGroup, nullInt(ch.SchoolID), nullInt(ch.LocalAuthorityID), nullInt(ch.SchoolID), ch.Lang,
		b2i(ch.NeedsQuiet), b2i(ch.NeedsStepFree), ch.NeedsNotes, ch.Dietary, b2i(ch.ShareNeeds), ch.WantsToAttend)
	if err != nil {
		return fmt.Errorf("store: create child: %w", err)
	}
	return nil
}

const familyCols = `id, ref, prison_id, parent_name, prison_number, parent_status, COALESCE(release_date,''), remand, high_confidentiality,
	referral_source, referrer_name, referred_on, notes, created_at, erased_at IS NOT NULL`

func scanFamily(r interface{ Scan(...any) error }) (domain.Family, error) {
	var f domain.Family
	var created string
	err := r.Scan(&f.ID, &f.Ref, &f.PrisonID, &f.ParentName, &f.PrisonNumber, &f.ParentStatus, &f.ReleaseDate, &f.Remand, &f.HighConfidentiality,
		&f.ReferralSource, &f.ReferrerName, &f.ReferredOn, &f.Notes, &created, &f.Erased)
	f.CreatedAt = parseTime(created)
	return f, err
}

// Case loads a family with everything the workflow needs, if sc may see
// it; otherwise it is ErrNotFound.
func (s *Store) Case(ctx context.Context, sc domain.Scope, familyID int64) (domain.Case, error) {
	return loadScopedCase(ctx, s.read, sc, familyID)
}

func loadCase(ctx context.Context, q querier, familyID int64) (domain.Case, error) {
	cs, err := loadCases(ctx, q, byIDs(familyID))
	if err != nil {
		return domain.Case{}, err
	}
	if len(cs) == 0 {
		return domain.Case{}, fmt.Errorf("store: family %d: %w", familyID, domain.ErrNotFound)
	}
	return cs[0], nil
}

func schoolSessions(ctx context.Context, q querier, schoolID int64) ([]domain.AwarenessSession, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, school_id, delivered_on, delivered_by, attendees, route, notes, recorded_at FROM awareness_sessions WHERE school_id = ? ORDER BY delivered_on, id`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	defer rows.Close()
	var out []domain.AwarenessSession
	for rows.Next() {
		var a domain.AwarenessSession
		var at string
		if err := rows.Scan(&a.ID, &a.SchoolID, &a.DeliveredOn, &a.DeliveredBy, &a.Attendees, &a.Route, &a.Notes, &at); err != nil {
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		a.RecordedAt = parseTime(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Cases loads every family's case that sc may see, optionally at one
// prison.
func (s *Store) Cases(ctx context.Context, sc domain.Scope, prisonID int64) ([]domain.Case, error) {
	return scopedCases(ctx, s.read, sc, prisonID)
}

func (s *Store) familyIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	return column[int64](ctx, q, "family ids", query, args...)
}

// SetParentStatus records the parent's custody status (held, transferred,
// released) and release date, for a family in the actor's scope, and
// settles its places in the same transaction. It sends no messages: pages
// and the API use RecordCustody, which stands the family down (cancels and
// "please do not travel") in the same transaction as the status.
func (s *Store) SetParentStatus(ctx context.Context, actor domain.Actor, familyID int64, status domain.ParentStatus, releaseDate string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.setParentStatus(ctx, tx, actor, familyID, status, releaseDate)
		if err != nil {
			return err
		}
		return s.settleFamily(ctx, tx, actor, before)
	})
}

// setParentStatus changes the status and returns the case as it was.
func (s *Store) setParentStatus(ctx context.Context, tx *sql.Tx, actor domain.Actor, familyID int64, status domain.ParentStatus, releaseDate string) (domain.Case, error) {
	before, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
	if err != nil {
		return before, err
	}
	if _, err := tx.Exec(`UPDATE families SET parent_status = ?, release_date = ? WHERE id = ?`, status, nullStr(releaseDate), familyID); err != nil {
		return before, fmt.Errorf("store: parent status: %w", err)
	}
	return before, s.audit(tx, actor, "set_parent_status", "family", familyID,
		map[string]any{"status": before.Family.ParentStatus, "release_date": before.Family.ReleaseDate},
		map[string]any{"status": status, "release_date": releaseDate})
}

// AddChild adds a child to an existing family in the actor's scope. A new
// child has no views yet, so a seated family goes back to the child's-voice
// step.
func (s *Store) AddChild(ctx context.Context, actor domain.Actor, familyID int64, ch domain.Child) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
		if err != nil {
			return err
		}
		if err := insertChild(tx, familyID, ch); err != nil {
			return err
		}
		if err := s.audit(tx, actor, "add_child", "family", familyID, nil, map[string]any{"school_id": ch.SchoolID, "year_group": ch.YearGroup}); err != nil {
			return err
		}
		return s.settleFamily(ctx, tx, actor, before)
	})
}

func parseIDs(s string) []int64 {
	var out []int64
	var n int64
	has := false
	for _, r := range s + "," {
		if r >= '0' && r <= '9' {
			n = n*10 + int64(r-'0')
			has = true
		} else if has {
			out = append(out, n)
			n, has = 0, false
		}
	}
	return out
}
