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
// fictional demo and prints the logins, which exist nowhere else. With
// --families N it grows the demo to N families over more invented prisons,
// for measuring the app at the size of a national roll-out.
func runDemo(ctx context.Context, args []string, e env) error {
	fs := newFlags("demo", "demo [--db PATH] [--families N] [--seed S]", e)
	db, fb := dbFlag(fs, e)
	n := fs.Int("families", 0, "grow the demo to this many families, spread over more invented prisons (0: the demo's own 17)")
	seed := fs.Uint64("seed", 1, "seed for the invented names of a grown demo; the same seed gives the same records")
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
	if *n < 0 {
		fmt.Fprintln(e.stderr, "--families must be 0 or more")
		return errUsage
	}
	logins, err := demo.LoadScaled(ctx, st, time.Now(), *n, *seed)
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
