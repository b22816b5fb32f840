package main

import (
	"context"
	"fmt"
	"time"

	"schoolzone/internal/store"
)

// runBackup is `schoolzone backup --db PATH --out FILE`: a consistent copy
// of the database, safe to take while the server runs.
func runBackup(ctx context.Context, args []string, e env) error {
	fs := newFlags("backup", "backup --db PATH --out FILE", e)
	db, fb := dbFlag(fs, e)
	out := fs.String("out", "", "file to write the copy to; it must not exist yet")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "--out is required: the file to write the copy to")
		fs.Usage()
		return errUsage
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", *db, *out)
	return nil
}

// runRestore is `schoolzone restore --from FILE --db PATH`, run with the
// server stopped. A copy that fails PRAGMA integrity_check is refused, and
// the database it replaces is kept beside it.
func runRestore(ctx context.Context, args []string, e env) error {
	fs := newFlags("restore", "restore --from FILE --db PATH", e)
	db, fb := dbFlag(fs, e)
	from := fs.String("from", "", "backup file to restore")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	if *from == "" {
		fmt.Fprintln(e.stderr, "--from is required: the backup file to restore")
		fs.Usage()
		return errUsage
	}
	kept, err := store.Restore(ctx, *from, *db, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s from %s\n", *db, *from)
	if kept != "" {
		fmt.Fprintf(e.stdout, "the database it replaced is kept as %s\n", kept)
	}
	return nil
}
