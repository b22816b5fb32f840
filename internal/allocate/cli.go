package allocate

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"schoolzone/internal/i18n"
)

// Exit statuses of RunCLI.
const (
	ExitOK         = 0
	ExitInfeasible = 1
	ExitUsage      = 2
)

// RunCLI is `schoolzone allocate --in plan.json`: args are the arguments after
// the subcommand. It prints the schedule as indented JSON on stdout. On an
// infeasible plan it prints the reason on stderr and returns 1; on bad
// flags, unreadable or malformed JSON, or invalid IDs it returns 2.
// --in - reads the plan from stdin; --lang cy prints messages in Welsh.
func RunCLI(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("allocate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	inPath := fs.String("in", "", "plan JSON file to allocate, or - for stdin")
	lang := fs.String("lang", "en", "language of error messages: en or cy")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: schoolzone allocate --in plan.json [--lang cy]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	if *inPath == "" || fs.NArg() > 0 || !i18n.Valid(*lang) {
		fs.Usage()
		return ExitUsage
	}
	data, err := readPlan(*inPath, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "allocate: %v\n", err)
		return ExitUsage
	}
	in, err := decodePlan(data)
	if err != nil {
		fmt.Fprintf(stderr, "allocate: %s: %v\n", *inPath, err)
		return ExitUsage
	}
	r, err := Allocate(in)
	if err != nil {
		return reportError(err, i18n.Lang(*lang), stderr)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		fmt.Fprintf(stderr, "allocate: write result: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}

func readPlan(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" {
		if stdin == nil {
			return nil, errors.New("read stdin: no input")
		}
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	return b, nil
}

// decodePlan rejects unknown fields, so a misspelt "step-free" is an error
// rather than a silently ignored need, and reports the line of a mistake.
func decodePlan(data []byte) (Input, error) {
	var in Input
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(&in)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the plan")
	}
	if err == nil {
		return in, nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return in, fmt.Errorf("line %d: %w", lineOf(data, syn.Offset), err)
	case errors.As(err, &typ):
		return in, fmt.Errorf("line %d: field %s: expected %s, got JSON %s", lineOf(data, typ.Offset), typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return in, errors.New("the plan is empty")
	}
	return in, err
}

func lineOf(data []byte, offset int64) int {
	offset = min(offset, int64(len(data)))
	return 1 + bytes.Count(data[:offset], []byte("\n"))
}

func reportError(err error, lang i18n.Lang, stderr io.Writer) int {
	var e *Error
	if !errors.As(err, &e) {
		fmt.Fprintf(stderr, "allocate: %v\n", err)
		return ExitInfeasible
	}
	msg := e.Error()
	if lang != i18n.English {
		if cat, lerr := catalogue(); lerr == nil {
			msg = e.Localize(cat, lang)
		}
	}
	fmt.Fprintf(stderr, "allocate: %s\n", msg)
	if e.Infeasible() {
		return ExitInfeasible
	}
	return ExitUsage
}
