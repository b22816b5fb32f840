package main

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"os"
	"path/filepath"
	"time"

	"schoolzone/internal/costreport"
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
	fb.str(&baseURL, "base-url", "http://localhost:8080", "public URL of the app, used in UIDs and links")
	fs.Int64Var(&eventID, "event", 0, "showcase ID")
	fs.StringVar(&out, "out", "", "directory to write invites/ and packs/ into")
	fs.StringVar(&organizer, "organizer", "", `coordinator's monitored mailbox for new invites, e.g. "Ceri Llywelyn <schoolzone@example.org>"`)
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
	var org ical.Person
	if organizer != "" {
		a, err := netmail.ParseAddress(organizer)
		if err != nil {
			return fmt.Errorf("--organizer %q: %w", organizer, err)
		}
		org = ical.Person{Name: a.Name, Email: a.Address}
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	cat, err := i18n.Load()
	if err != nil {
		return fmt.Errorf("load messages: %w", err)
	}
	svc := &showcase.Service{Store: st, Cat: cat, BaseURL: baseURL, Organizer: org,
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

// writeCostsWorkbook writes DIR/costs.xlsx, the showcase's cost workbook
// for its commissioners' and the coordinator's records.
func writeCostsWorkbook(ctx context.Context, st *store.Store, cat *i18n.Catalogue, eventID int64, dir string, now time.Time) (string, error) {
	ec, err := st.EventCosts(ctx, eventID)
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
