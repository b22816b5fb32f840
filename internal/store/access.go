package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// SubjectAccess is everything held about one person (the parent, a carer
// or a child), for a subject-access request. It holds only that person's
// own values: other members of the family appear by role, never by name,
// and staff by reference.
type SubjectAccess struct {
	Person    string         `json:"person"` // parent, carer or child
	FamilyRef string         `json:"family_ref"`
	Record    map[string]any `json:"record"`
	Steps     []AccessStep   `json:"steps"`
	Showcases []AccessPlace  `json:"showcases"`
	Messages  []AccessMsg    `json:"messages"`
	Audit     []AccessAudit  `json:"audit"`
}

// AccessStep is a workflow step that concerns the person.
type AccessStep struct {
	Kind       string `json:"kind"`
	Outcome    string `json:"outcome"`
	OccurredOn string `json:"occurred_on"`
	Route      string `json:"route,omitempty"`
}

// AccessPlace is the person's family's place at a showcase.
type AccessPlace struct {
	Showcase string `json:"showcase"`
	StartsAt string `json:"starts_at"`
	Status   string `json:"status"`
}

// AccessMsg is a message sent to the person.
type AccessMsg struct {
	Subject   string `json:"subject"`
	Status    string `json:"status"`
	CreatedAt string `json:"created_at"`
}

// AccessAudit is an audit entry about the person's record: when, by whom
// and what was done.
type AccessAudit struct {
	At     string `json:"at"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
}

// SubjectAccessExport gathers everything held about one person of a family
// in sc, and records in the audit log (without personal data) that it was
// made. person is "parent", or "carer" or "child" with personID.
func (s *Store) SubjectAccessExport(ctx context.Context, actor domain.Actor, familyID int64, person string, personID int64) (SubjectAccess, error) {
	var out SubjectAccess
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cs, err := loadScopedCase(ctx, tx, actor.Scope, familyID)
		if err != nil {
			return err
		}
		out = SubjectAccess{Person: person, FamilyRef: cs.Family.Ref, Steps: []AccessStep{}, Showcases: []AccessPlace{}, Messages: []AccessMsg{}, Audit: []AccessAudit{}}
		f := cs.Family
		auditEntity, auditID := "family", familyID
		switch person {
		case "parent":
			out.Record = map[string]any{"name": f.ParentName, "prison_number": f.PrisonNumber, "custody": f.ParentStatus, "release_date": f.ReleaseDate,
				"remand": f.Remand, "referred_on": f.ReferredOn, "referral_source": f.ReferralSource, "notes": f.Notes}
			for _, st := range cs.Steps {
				out.Steps = append(out.Steps, AccessStep{Kind: string(st.Kind), Outcome: st.Outcome, OccurredOn: st.OccurredOn, Route: string(st.Route)})
			}
		case "carer":
			for _, c := range cs.Carers {
				if c.ID == personID {
					out.Record = map[string]any{"name": c.Name, "relationship": c.Relationship, "phone": c.Phone, "email": c.Email, "language": c.Lang,
						"distance_miles": c.DistanceMiles, "main_carer": c.Primary}
				}
			}
			for _, st := range cs.Steps {
				if st.Kind == domain.StepConsent {
					out.Steps = append(out.Steps, AccessStep{Kind: string(st.Kind), Outcome: st.Outcome, OccurredOn: st.OccurredOn, Route: string(st.Route)})
				}
			}
		case "child":
			for _, c := range cs.Children {
				if c.ID == personID {
					out.Record = map[string]any{"first_name": c.FirstName, "last_name": c.LastName, "year_group": c.YearGroup, "school_id": c.SchoolID,
						"language": c.Lang, "needs_quiet": c.NeedsQuiet, "needs_step_free": c.NeedsStepFree, "needs_notes": c.NeedsNotes, "dietary": c.Dietary,
						"share_needs_with_school": c.ShareNeeds, "wants_to_attend": c.WantsToAttend, "views_obtained_how": c.ViewsObtainedHow,
						"views_recorded_on": c.ViewsRecordedOn, "may_know_teachers": len(c.MayKnow)}
				}
			}
			auditEntity, auditID = "child", personID
		}
		if out.Record == nil {
			return fmt.Errorf("store: %s %d of family %d: %w", person, personID, familyID, domain.ErrNotFound)
		}
		rows, err := tx.QueryContext(ctx, `SELECT printf('EV-%04d', e.id), e.starts_at, ef.status FROM event_families ef JOIN events e ON e.id = ef.event_id
			WHERE ef.family_id = ? ORDER BY e.starts_at`, familyID)
		if err != nil {
			return fmt.Errorf("store: subject access: %w", err)
		}
		for rows.Next() {
			var p AccessPlace
			if err := rows.Scan(&p.Showcase, &p.StartsAt, &p.Status); err != nil {
				rows.Close()
				return fmt.Errorf("store: subject access: %w", err)
			}
			out.Showcases = append(out.Showcases, p)
		}
		rows.Close()
		if person == "carer" {
			rows, err := tx.QueryContext(ctx, `SELECT subject, status, created_at FROM outbox WHERE recipient_kind = 'carer' AND recipient_id = ? ORDER BY id`, personID)
			if err != nil {
				return fmt.Errorf("store: subject access: %w", err)
			}
			for rows.Next() {
				var m AccessMsg
				if err := rows.Scan(&m.Subject, &m.Status, &m.CreatedAt); err != nil {
					rows.Close()
					return fmt.Errorf("store: subject access: %w", err)
				}
				out.Messages = append(out.Messages, m)
			}
			rows.Close()
		}
		rows, err = tx.QueryContext(ctx, `SELECT at, actor, action FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id`, auditEntity, auditID)
		if err != nil {
			return fmt.Errorf("store: subject access: %w", err)
		}
		for rows.Next() {
			var a AccessAudit
			if err := rows.Scan(&a.At, &a.Actor, &a.Action); err != nil {
				rows.Close()
				return fmt.Errorf("store: subject access: %w", err)
			}
			out.Audit = append(out.Audit, a)
		}
		rows.Close()
		return s.audit(tx, actor, "export_subject_access", auditEntity, auditID, nil, nil)
	})
	return out, err
}
