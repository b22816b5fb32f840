package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"schoolzone/internal/allocate"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// env is the process's outside world, passed in so tests can replace it.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// logger writes JSON lines to stderr. Callers log IDs and counts, never
// names, emails or anything else personal.
func (e env) logger() *slog.Logger { return slog.New(slog.NewJSONHandler(e.stderr, nil)) }

const usage = `School Zone: showcase events for children with a parent in prison.

Usage: schoolzone <command> [flags]

Commands:
  serve     run the web app (the default when no command is given)
  demo      load the fictional demo into a database and print its logins
  migrate   apply database migrations and print the schema version
  check     list any broken safeguard (seats, meetings, the child's register)
  useradd   create an account; the password is read from stdin
  allocate  allocate tables and meeting slots for a plan file (JSON)
  export    write a showcase's invites and documents to a directory
  backup    copy the database to a file, safely while the server runs
  restore   check a backup and put it back as the database (server stopped)
  retention erase personal data kept longer than the retention period
  erase     erase one family's personal data on request
  access    print everything held about one person (subject access), as JSON
  routes    list every web and API route with the roles allowed on it
  help      show this text

Run "schoolzone <command> -h" for a command's flags.
`

// run dispatches to a subcommand and returns the exit status.
func run(ctx context.Context, args []string, e env) int {
	cmd, rest := "serve", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = runServe(ctx, rest, e)
	case "demo":
		err = runDemo(ctx, rest, e)
	case "migrate":
		err = runMigrate(ctx, rest, e)
	case "check":
		err = runCheck(ctx, rest, e)
	case "useradd":
		err = runUseradd(ctx, rest, e)
	case "routes":
		err = runRoutes(ctx, rest, e)
	case "export":
		err = runExport(ctx, rest, e)
	case "backup":
		err = runBackup(ctx, rest, e)
	case "restore":
		err = runRestore(ctx, rest, e)
	case "retention":
		err = runRetention(ctx, rest, e)
	case "erase":
		err = runErase(ctx, rest, e)
	case "access":
		err = runAccess(ctx, rest, e)
	case "allocate":
		return allocate.RunCLI(rest, e.stdin, e.stdout, e.stderr)
	case "help":
		fmt.Fprint(e.stderr, usage)
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "schoolzone: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp), errors.Is(err, errUsage):
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "schoolzone %s: %v\n", cmd, err)
		return exitError
	}
}

// errUsage marks bad command-line input already explained on stderr.
var errUsage = errors.New("usage")

// newFlags makes a flag set whose errors go to stderr and never exit the
// process, so tests can run every path.
func newFlags(name, synopsis string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: schoolzone %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, refusing stray positional arguments too.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
