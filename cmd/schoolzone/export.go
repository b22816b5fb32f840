package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"schoolzone/internal/costreport"
	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/ical"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

// runExport is `schoolzone export --db PATH --event ID --out DIR`: every
// document of one showcase written to disk, for printing or for a
// coordinator without the web app to hand. It sends nothing and changes no
// invite: the .ics files carry the SEQUENCE that sending now would give.
func runExport(ctx context.Context, args []string, e env) error {
	fs := newFlags("export", "export --db PATH --event ID --out DIR [--organizer ADDRESS]", e)
	db, fb := dbFlag(fs, e)
	var baseURL, organizer, out string
	var eventID int64
	fb.str(&baseURL, "base-url", "", "public URL of the app, used in UIDs and links (default: http://localhost and the port of SCHOOLZONE_ADDR, or 8080)")
	fs.Int64Var(&eventID, "event", 0, "showcase ID")
	fs.StringVar(&out, "out", "", "directory to write invites/ and packs/ into")
	organizerFlag(fb, &organizer)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	if eventID <= 0 || out == "" {
		fmt.Fprintln(e.stderr, "--event and --out are required")
		fs.Usage()
		return errUsage
	}
	// The same links as the server that sends these invitations would give.
	baseURL, err := baseURLFor(baseURL, cmp.Or(e.getenv(envName("addr")), ":8080"))
	if err != nil {
		return err
	}
	org, err := parseOrganizer(organizer)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if org.Email == "" {
		if org, err = demoOrganizer(ctx, st); err != nil {
			return err
		}
	}
	cat, err := i18n.Load()
	if err != nil {
		return fmt.Errorf("load messages: %w", err)
	}
	svc := &showcase.Service{Scope: domain.Unrestricted, Store: st, Cat: cat, BaseURL: baseURL, Organizer: org,
		Now: func() time.Time { return time.Now().UTC().Truncate(time.Second) }}
	res, err := svc.Export(ctx, eventID, out)
	if err != nil {
		return err
	}
	for _, f := range res.Files {
		fmt.Fprintln(e.stdout, f)
	}
	for _, it := range res.NoEmail {
		fmt.Fprintf(e.stderr, "no email address for %s %s: post the pack or letter\n", it.Kind, it.Ref)
	}
	path, err := writeCostsWorkbook(ctx, st, cat, eventID, out, svc.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, path)
	return nil
}

// demoOrganizer is the demo's own organizer on a database the demo filled,
// so the README's commands work on it as written; anywhere else the
// organizer must be configured.
func demoOrganizer(ctx context.Context, st *store.Store) (ical.Person, error) {
	isDemo, err := demo.IsDemo(ctx, st)
	if err != nil {
		return ical.Person{}, err
	}
	if !isDemo {
		return ical.Person{}, errNoOrganizer
	}
	return demo.Organizer(), nil
}

// writeCostsWorkbook writes DIR/costs.xlsx, the showcase's cost workbook
// for its commissioners' and the coordinator's records.
func writeCostsWorkbook(ctx context.Context, st *store.Store, cat *i18n.Catalogue, eventID int64, dir string, now time.Time) (string, error) {
	ec, err := st.EventCosts(ctx, domain.Unrestricted, eventID)
	if err != nil {
		return "", fmt.Errorf("costs: %w", err)
	}
	uk, err := time.LoadLocation("Europe/London")
	if err != nil {
		return "", fmt.Errorf("costs: time zone: %w", err)
	}
	path := filepath.Join(dir, "costs.xlsx")
	f, err := os.Create(path)
	if err != nil {
		return "", fmt.Errorf("costs: %w", err)
	}
	werr := costreport.WriteEventWorkbook(f, ec, costreport.Options{Lang: i18n.English, Catalogue: cat, Now: now, Location: uk})
	if err := errors.Join(werr, f.Close()); err != nil {
		return "", fmt.Errorf("costs: write %s: %w", path, err)
	}
	return path, nil
}
