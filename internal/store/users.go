package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"schoolzone/internal/domain"
)

// ErrEmailTaken is returned when a user's email is already registered.
var ErrEmailTaken = errors.New("email already registered")

const userCols = `id, email, name, role, password_hash, lang, disabled, created_at`

func scanUser(r interface{ Scan(...any) error }) (domain.User, error) {
	var u domain.User
	var created string
	err := r.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Lang, &u.Disabled, &created)
	u.CreatedAt = parseTime(created)
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
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO users (email, name, role, password_hash, lang, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			strings.TrimSpace(u.Email), u.Name, u.Role, u.PasswordHash, u.Lang, s.stamp())
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return ErrEmailTaken
			}
			return fmt.Errorf("store: create user: %w", err)
		}
		id, _ = res.LastInsertId()
		if err := writeUserScope(tx, id, u); err != nil {
			return err
		}
		return s.audit(tx, actor, "create", "user", id, nil, map[string]any{"email": u.Email, "name": u.Name, "role": u.Role,
			"prisons": u.Prisons, "authorities": u.Authorities})
	})
	return id, err
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

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession stores a login session under the hash of its token.
func (s *Store) CreateSession(ctx context.Context, token string, userID int64, ttl time.Duration) error {
	now := s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM sessions WHERE expires_at < ?`, now.Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: prune sessions: %w", err)
		}
		_, err := tx.Exec(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			hashToken(token), userID, now.Format(time.RFC3339), now.Add(ttl).Format(time.RFC3339))
		if err != nil {
			return fmt.Errorf("store: create session: %w", err)
		}
		return nil
	})
}

// SessionUser returns the user of an unexpired session token, with the
// prisons and local authorities that limit everything they do.
func (s *Store) SessionUser(ctx context.Context, token string) (domain.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT u.`+strings.ReplaceAll(userCols, ", ", ", u.")+`
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`, hashToken(token), s.stamp()))
	return scannedUser(ctx, s.read, u, err, "session")
}

// DeleteSession logs a session out.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, hashToken(token))
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
