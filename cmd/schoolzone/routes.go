package main

import (
	"context"
	"fmt"

	"schoolzone/internal/web"
)

// runRoutes is `schoolzone routes`: the route table with who may use each
// route, for reviewing access without reading code.
func runRoutes(_ context.Context, args []string, e env) error {
	fs := newFlags("routes", "routes", e)
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "PATH\tMETHOD\tROLES")
	for _, r := range web.Routes() {
		fmt.Fprintln(e.stdout, r)
	}
	return nil
}
