package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/password"
	"schoolzone/internal/store"
)

// runUseradd is `schoolzone useradd`: how a server gets its first
// administrator without a default password. The password comes from the
// first line of stdin so it never appears in the process list or shell
// history.
func runUseradd(ctx context.Context, args []string, e env) error {
	fs := newFlags("useradd", "useradd --email E --name N --role R [--prison ID]... [--authority ID]... [--lang en|cy] [--db PATH] < password", e)
	db, fb := dbFlag(fs, e)
	email := fs.String("email", "", "sign-in email address")
	name := fs.String("name", "", "full name, shown in the audit log")
	role := fs.String("role", "", "one of: "+roleList())
	lang := fs.String("lang", "en", "interface language: en or cy")
	var prisons, authorities idList
	fs.Var(&prisons, "prison", "a prison the account works with, by ID; repeat for more (coordinators: one or more; prison_staff: exactly one; commissioners: none means all)")
	fs.Var(&authorities, "authority", "commissioners only: a local authority their figures are limited to, by ID; repeat for more")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	u := domain.User{Email: strings.TrimSpace(*email), Name: strings.TrimSpace(*name), Role: domain.Role(*role), Lang: *lang,
		Prisons: prisons, Authorities: authorities}
	if err := checkUser(u); err != nil {
		fmt.Fprintf(e.stderr, "%v\n", err)
		fs.Usage()
		return errUsage
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := checkScope(ctx, st, &u); err != nil {
		fmt.Fprintf(e.stderr, "%v\n", err)
		fs.Usage()
		return errUsage
	}
	pw, err := readPassword(e.stdin)
	if err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	id, err := st.CreateUser(ctx, domain.Actor{Name: "schoolzone useradd"}, u)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s account %d for %s\n", u.Role, id, u.Email)
	return nil
}

// idList is a repeatable flag of record IDs.
type idList []int64

func (l *idList) String() string { return fmt.Sprint([]int64(*l)) }

func (l *idList) Set(v string) error {
	id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%q is not a record ID", v)
	}
	*l = append(*l, id)
	return nil
}

// checkScope checks the account's prisons and local authorities against
// the records, with the same rule as the accounts page, and says which
// flag to change.
func checkScope(ctx context.Context, st *store.Store, u *domain.User) error {
	prisons, err := st.Prisons(ctx, domain.Unrestricted)
	if err != nil {
		return err
	}
	las, err := st.LocalAuthorities(ctx)
	if err != nil {
		return err
	}
	var ve *domain.ValidationError
	if err := u.CheckScope(prisons, las); !errors.As(err, &ve) {
		return err
	}
	var problems []string
	for _, f := range ve.Fields {
		switch {
		case f.Field == "authorities":
			problems = append(problems, "--authority: no local authority has that ID (see the Prisons and areas page)")
		case f.Key == "err.choice":
			problems = append(problems, "--prison: no prison has that ID (see the Prisons and areas page)")
		case u.Role == domain.RolePrisonStaff:
			problems = append(problems, "--prison: prison_staff work at exactly one prison; give --prison once")
		default:
			problems = append(problems, "--prison: a coordinator works with at least one prison; repeat --prison for more")
		}
	}
	return errors.New(strings.Join(problems, "\n"))
}

func checkUser(u domain.User) error {
	var problems []string
	if !domain.ValidEmail(u.Email) {
		problems = append(problems, "--email: a plain email address is required")
	}
	if u.Name == "" {
		problems = append(problems, "--name is required")
	}
	if !slices.Contains(domain.Roles, u.Role) {
		problems = append(problems, "--role must be one of: "+roleList())
	}
	if !i18n.Valid(u.Lang) {
		problems = append(problems, "--lang must be en or cy")
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// readPassword takes the first line of r, without its line ending.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	switch password.Problem(pw) {
	case "err.password_short":
		return "", fmt.Errorf("the password on stdin must be at least %d characters", password.MinLength)
	case "err.password_long":
		return "", fmt.Errorf("the password on stdin must be at most %d characters", password.MaxLength)
	case "err.password_common":
		return "", errors.New("the password on stdin is one of the most common passwords; choose another")
	}
	return pw, nil
}

func roleList() string {
	names := make([]string, len(domain.Roles))
	for i, r := range domain.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}
