package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"schoolzone/internal/domain"
)

// ErrEmailTaken is returned when a user's email is already registered.
var ErrEmailTaken = errors.New("email already registered")

const userCols = `id, email, name, role, password_hash, lang, disabled, created_at, failed_logins, locked_until`

func scanUser(r interface{ Scan(...any) error }) (domain.User, error) {
	var u domain.User
	var created, locked string
	err := r.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Lang, &u.Disabled, &created, &u.FailedLogins, &locked)
	u.CreatedAt, u.LockedUntil = parseTime(created), parseTime(locked)
	return u, err
}

// CreateUser adds an account with its prisons and local authorities; the
// password must already be hashed.
func (s *Store) CreateUser(ctx context.Context, actor domain.Actor, u domain.User) (int64, error) {
	u.NormaliseScope()
	if err := u.CheckStoredScope(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insertUser(tx, actor, u)
		return err
	})
	return id, err
}

// ErrSetupDone refuses first-run setup once any account exists.
var ErrSetupDone = errors.New("store: setup is done: an account exists")

// CreateFirstAdmin is first-run setup: it adds the administrator only
// while there is no account at all. The check and the insert share one
// write transaction, so however many people submit setup at once, exactly
// one administrator is made.
func (s *Store) CreateFirstAdmin(ctx context.Context, u domain.User) (int64, error) {
	if u.Role != domain.RoleAdmin {
		return 0, fmt.Errorf("store: first account must be an administrator, not %q", u.Role)
	}
	u.NormaliseScope()
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
			return fmt.Errorf("store: first admin: %w", err)
		}
		if n > 0 {
			return ErrSetupDone
		}
		var err error
		id, err = s.insertUser(tx, domain.Actor{Name: u.Name}, u)
		return err
	})
	return id, err
}

func (s *Store) insertUser(tx *sql.Tx, actor domain.Actor, u domain.User) (int64, error) {
	res, err := tx.Exec(`INSERT INTO users (email, name, role, password_hash, lang, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		strings.TrimSpace(u.Email), u.Name, u.Role, u.PasswordHash, u.Lang, s.stamp())
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return 0, ErrEmailTaken
		}
		return 0, fmt.Errorf("store: create user: %w", err)
	}
	id, _ := res.LastInsertId()
	if err := writeUserScope(tx, id, u); err != nil {
		return 0, err
	}
	return id, s.audit(tx, actor, "create", "user", id, nil, map[string]any{"email": u.Email, "name": u.Name, "role": u.Role,
		"prisons": u.Prisons, "authorities": u.Authorities})
}

// SetUserScope replaces an account's prisons and local authorities. The
// account's sessions pick the change up on their next request.
func (s *Store) SetUserScope(ctx context.Context, actor domain.Actor, userID int64, prisons, authorities []int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRow(`SELECT `+userCols+` FROM users WHERE id = ?`, userID))
		if err != nil {
			return notFound(err, "user", userID)
		}
		if err := loadUserScope(ctx, tx, &u); err != nil {
			return err
		}
		before := map[string]any{"prisons": u.Prisons, "authorities": u.Authorities}
		u.Prisons, u.Authorities = prisons, authorities
		u.NormaliseScope()
		if err := u.CheckStoredScope(); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM user_prisons WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("store: user scope: %w", err)
		}
		if _, err := tx.Exec(`DELETE FROM user_authorities WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("store: user scope: %w", err)
		}
		if err := writeUserScope(tx, userID, u); err != nil {
			return err
		}
		return s.audit(tx, actor, "set_scope", "user", userID, before, map[string]any{"prisons": u.Prisons, "authorities": u.Authorities})
	})
}

func writeUserScope(tx *sql.Tx, userID int64, u domain.User) error {
	for _, p := range u.Prisons {
		if _, err := tx.Exec(`INSERT INTO user_prisons (user_id, prison_id) VALUES (?, ?)`, userID, p); err != nil {
			return fmt.Errorf("store: user prison %d: %w", p, err)
		}
	}
	for _, la := range u.Authorities {
		if _, err := tx.Exec(`INSERT INTO user_authorities (user_id, local_authority_id) VALUES (?, ?)`, userID, la); err != nil {
			return fmt.Errorf("store: user local authority %d: %w", la, err)
		}
	}
	return nil
}

// prefixed qualifies each of cols with a table alias.
func prefixed(alias, cols string) string {
	return alias + "." + strings.ReplaceAll(cols, ", ", ", "+alias+".")
}

// loadUserScope reads an account's prisons and local authorities.
func loadUserScope(ctx context.Context, q querier, u *domain.User) error {
	var err error
	if u.Prisons, err = column[int64](ctx, q, "user prisons", `SELECT prison_id FROM user_prisons WHERE user_id = ? ORDER BY prison_id`, u.ID); err != nil {
		return err
	}
	u.Authorities, err = column[int64](ctx, q, "user authorities", `SELECT local_authority_id FROM user_authorities WHERE user_id = ? ORDER BY local_authority_id`, u.ID)
	return err
}

// scannedUser finishes loading a user read by one row: a missing row is
// ErrNotFound naming what, and the scope comes with it.
func scannedUser(ctx context.Context, q querier, u domain.User, err error, what string) (domain.User, error) {
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("store: %s: %w", what, domain.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("store: %s: %w", what, err)
	}
	return u, loadUserScope(ctx, q, &u)
}

// UserByEmail finds an enabled or disabled user by email, case-insensitively.
func (s *Store) UserByEmail(ctx context.Context, email string) (domain.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE email = ?`, strings.TrimSpace(email)))
	return scannedUser(ctx, s.read, u, err, "user by email")
}

// UserByID finds an account by its ID.
func (s *Store) UserByID(ctx context.Context, id int64) (domain.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id))
	return scannedUser(ctx, s.read, u, err, "user by id")
}

// Users lists every account.
func (s *Store) Users(ctx context.Context) ([]domain.User, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+userCols+` FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []domain.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	rows.Close()
	for i := range out {
		if err := loadUserScope(ctx, s.read, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CountUsers tells whether first-run setup is still needed.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// SetUserLang remembers a user's language choice.
func (s *Store) SetUserLang(ctx context.Context, id int64, lang string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE users SET lang = ? WHERE id = ?`, lang, id)
		return err
	})
}

// SetPasswordHash replaces an account's password hash without a record in
// the audit log: it is the same password, rehashed after a sign-in.
func (s *Store) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID); err != nil {
			return fmt.Errorf("store: rehash password: %w", err)
		}
		return nil
	})
}
