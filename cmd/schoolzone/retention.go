package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// cliActor is who the audit log says made a change from the command line.
var cliActor = domain.Actor{Name: "command line", Scope: domain.Unrestricted}

// runRetention is `schoolzone retention --db PATH [--dry-run] [--months N]`:
// it erases the personal data of every family whose parent was released,
// or whose last showcase was, at least N months ago (the later of the two),
// and prints the references it erased (or would erase) as JSON. Each family
// is erased in its own transaction; one that fails is listed and the rest
// go on. serve runs the same every day.
func runRetention(ctx context.Context, args []string, e env) error {
	fs := newFlags("retention", "retention [--db PATH] [--dry-run] [--months N]", e)
	db, fb := dbFlag(fs, e)
	dry := fs.Bool("dry-run", false, "list the families due without erasing anything")
	months := fs.Int("months", domain.DefaultRetentionMonths, "months to keep a family's data after release or their last showcase, whichever is later")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	if *months < 1 {
		fmt.Fprintln(e.stderr, "schoolzone retention: --months must be 1 or more")
		return errUsage
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.ApplyRetention(ctx, retentionActor, *months, *dry)
	if err != nil {
		return err
	}
	out := struct {
		DryRun bool `json:"dry_run"`
		Months int  `json:"months"`
		store.RetentionResult
	}{*dry, *months, res}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if len(res.Failed) > 0 {
		return fmt.Errorf("%d families could not be erased", len(res.Failed))
	}
	return nil
}

// runErase is `schoolzone erase --db PATH --family REF --confirm REF`: it
// erases one family's personal data on request. Giving the reference twice
// is the confirm step a page would have.
func runErase(ctx context.Context, args []string, e env) error {
	fs := newFlags("erase", "erase [--db PATH] --family REF --confirm REF", e)
	db, fb := dbFlag(fs, e)
	ref := fs.String("family", "", "the family's reference, such as FAM-0012")
	confirm := fs.String("confirm", "", "the same reference again, to confirm")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	if *ref == "" || *confirm != *ref {
		fmt.Fprintln(e.stderr, "schoolzone erase: give the family's reference as --family and again as --confirm; erasure cannot be undone")
		return errUsage
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	id, err := st.FamilyByRef(ctx, domain.Unrestricted, *ref)
	if errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("no family %s", *ref)
	}
	if err != nil {
		return err
	}
	if err := st.EraseFamily(ctx, cliActor, id, store.EraseOnRequest); err != nil {
		var g *domain.GateError
		if errors.As(err, &g) && g.Key == "privacy.err_seated" {
			return fmt.Errorf("%s has a place at %v, still to come: take the family out of it first", *ref, g.Params["Event"])
		}
		return err
	}
	fmt.Fprintf(e.stdout, "erased %s\n", *ref)
	return nil
}

// runRetentionDaily applies the retention rule at start and then once a
// day until ctx ends. It logs counts, never references or names.
func runRetentionDaily(ctx context.Context, st *store.Store, months int, log *slog.Logger) {
	for {
		res, err := st.ApplyRetention(ctx, retentionActor, months, false)
		switch {
		case err != nil:
			log.Error("retention", "error", err.Error())
		case len(res.Erased) > 0 || len(res.Failed) > 0:
			log.Info("retention", "erased", len(res.Erased), "failed", len(res.Failed), "months", months)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(24 * time.Hour):
		}
	}
}

// retentionActor is who the audit log says erased a family by the rule.
var retentionActor = domain.Actor{Name: "retention rule", Scope: domain.Unrestricted}
