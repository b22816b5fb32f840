package main

import (
	"context"
	"fmt"

	"schoolzone/internal/store"
)

// runMigrate is `schoolzone migrate --db PATH`: opening the store applies
// any pending migrations, so this is for upgrading before a deploy and for
// checking which schema a file has.
func runMigrate(ctx context.Context, args []string, e env) error {
	fs := newFlags("migrate", "migrate [--db PATH]", e)
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
	v, err := st.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema version %d\n", v)
	return nil
}
