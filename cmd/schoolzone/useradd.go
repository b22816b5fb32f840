package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// minPassword matches the web app's first-run form.
const minPassword = 12

// runUseradd is `schoolzone useradd`: how a server gets its first
// administrator without a default password. The password comes from the
// first line of stdin so it never appears in the process list or shell
// history.
func runUseradd(ctx context.Context, args []string, e env) error {
	fs := newFlags("useradd", "useradd --email E --name N --role R [--lang en|cy] [--db PATH] < password", e)
	db, fb := dbFlag(fs, e)
	email := fs.String("email", "", "sign-in email address")
	name := fs.String("name", "", "full name, shown in the audit log")
	role := fs.String("role", "", "one of: "+roleList())
	lang := fs.String("lang", "en", "interface language: en or cy")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fb.apply(); err != nil {
		return err
	}
	u := domain.User{Email: strings.TrimSpace(*email), Name: strings.TrimSpace(*name), Role: domain.Role(*role), Lang: *lang}
	if err := checkUser(u); err != nil {
		fmt.Fprintf(e.stderr, "%v\n", err)
		fs.Usage()
		return errUsage
	}
	pw, err := readPassword(e.stdin)
	if err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	u.PasswordHash = string(hash)
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	id, err := st.CreateUser(ctx, domain.Actor{Name: "schoolzone useradd"}, u)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s account %d for %s\n", u.Role, id, u.Email)
	return nil
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
	if len(pw) < minPassword {
		return "", fmt.Errorf("the password on stdin must be at least %d characters", minPassword)
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
