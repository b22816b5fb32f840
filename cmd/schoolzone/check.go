package main

import (
	"context"
	"errors"
	"fmt"

	"schoolzone/internal/store"
)

// errBroken is check's exit: at least one safeguard is broken.
var errBroken = errors.New("safeguards broken")

// runCheck is `schoolzone check --db PATH`: it lists every broken
// safeguard at showcases not yet held (a seated family that fails a gate,
// a family seated twice, a family with no meeting, a meeting the child's
// register does not allow). Every change keeps them in its transaction, so
// this should print "safeguards hold"; it is for a database restored from a
// backup or edited by hand. It prints references only.
func runCheck(ctx context.Context, args []string, e env) error {
	fs := newFlags("check", "check [--db PATH]", e)
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
	vs, err := st.CheckSafeguards(ctx)
	if err != nil {
		return err
	}
	for _, v := range vs {
		fmt.Fprintln(e.stdout, v)
	}
	if len(vs) > 0 {
		return fmt.Errorf("%w: %d", errBroken, len(vs))
	}
	fmt.Fprintln(e.stdout, "safeguards hold")
	return nil
}
