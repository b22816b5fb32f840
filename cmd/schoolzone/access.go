package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// runAccess is `schoolzone access --db PATH --family REF --person WHO`:
// it prints, as JSON, everything held about one person of a family, for a
// subject-access request. WHO is parent, carer:ID or child:ID (the IDs are
// on the family's page). Making an export is audited.
func runAccess(ctx context.Context, args []string, e env) error {
	fs := newFlags("access", "access [--db PATH] --family REF --person parent|carer:ID|child:ID", e)
	db, fb := dbFlag(fs, e)
	ref := fs.String("family", "", "the family's reference, such as FAM-0012")
	who := fs.String("person", "", "parent, carer:ID or child:ID")
	pdfOut := fs.String("pdf", "", "also write the export as a readable PDF to this file")
	lang := fs.String("lang", "", "the PDF's language, en or cy (default: the person's own, English for the parent)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	kind, idText, _ := strings.Cut(*who, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if *lang != "" && !i18n.Valid(*lang) {
		fmt.Fprintln(e.stderr, "schoolzone access: --lang is en or cy")
		return errUsage
	}
	if *ref == "" || !(kind == "parent" && idText == "" || (kind == "carer" || kind == "child") && err == nil && id > 0) {
		fmt.Fprintln(e.stderr, "schoolzone access: give --family REF and --person as parent, carer:ID or child:ID")
		return errUsage
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	fam, err := st.FamilyByRef(ctx, domain.Unrestricted, *ref)
	if errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("no family %s", *ref)
	}
	if err != nil {
		return err
	}
	x, err := st.SubjectAccessExport(ctx, cliActor, fam, kind, id)
	if errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("%s has no %s", *ref, *who)
	}
	if err != nil {
		return err
	}
	if *pdfOut != "" {
		l := *lang
		if l == "" {
			l, _ = x.Record["language"].(string)
		}
		cat, err := i18n.Load()
		if err != nil {
			return err
		}
		svc := &showcase.Service{Store: st, Cat: cat}
		pdf, err := svc.SubjectAccessPDF(x, i18n.Parse(l))
		if err != nil {
			return err
		}
		if err := os.WriteFile(*pdfOut, pdf, 0o600); err != nil {
			return fmt.Errorf("write %s: %w", *pdfOut, err)
		}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(x)
}
