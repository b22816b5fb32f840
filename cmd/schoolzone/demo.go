package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"schoolzone/internal/demo"
	"schoolzone/internal/store"
)

// runDemo is `schoolzone demo --db PATH`: it fills a fresh database with the
// fictional demo and prints the logins, which exist nowhere else.
func runDemo(ctx context.Context, args []string, e env) error {
	fs := newFlags("demo", "demo [--db PATH]", e)
	db, fb := dbFlag(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	logins, err := demo.Load(ctx, st, time.Now())
	if errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("%s already has data; use a new file for the demo", *db)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Demo loaded into %s. Logins (fictional, for this demo only):\n", *db)
	for _, l := range logins {
		fmt.Fprintf(e.stdout, "  %-13s %-32s %s\n", l.Role, l.Email, l.Password)
	}
	return nil
}
