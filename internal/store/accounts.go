package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"schoolzone/internal/domain"
)

// LockAfter is how many wrong passwords in a row lock an account, and
// LockFor how long the lock lasts unless an administrator lifts it sooner.
// The lock expires by itself so that a stranger guessing cannot keep the
// only administrator out for good.
const (
	LockAfter = 10
	LockFor   = time.Hour
)

// RecordLoginFailure counts a wrong password for the account and locks it
// at the LockAfter'th in a row; the lock is audited. It reports whether the
// account is now locked.
func (s *Store) RecordLoginFailure(ctx context.Context, userID int64) (locked bool, err error) {
	now := s.now().UTC()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		err := tx.QueryRow(`UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins`, userID).Scan(&n)
		if err != nil {
			return notFound(err, "user", userID)
		}
		if n < LockAfter {
			return nil
		}
		until := now.Add(LockFor).Format(time.RFC3339)
		if _, err := tx.Exec(`UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?`, until, userID); err != nil {
			return fmt.Errorf("store: lock user: %w", err)
		}
		locked = true
		return s.audit(tx, domain.System, "lock", "user", userID, nil, map[string]any{"failed_logins": n, "locked_until": until})
	})
	return locked, err
}

// LoginSucceeded starts the count of wrong passwords again.
func (s *Store) LoginSucceeded(ctx context.Context, userID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`UPDATE users SET failed_logins = 0 WHERE id = ? AND failed_logins > 0`, userID); err != nil {
			return fmt.Errorf("store: reset failed logins: %w", err)
		}
		return nil
	})
}

// UnlockUser lifts a lock after wrong passwords.
func (s *Store) UnlockUser(ctx context.Context, actor domain.Actor, userID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRow(`SELECT `+userCols+` FROM users WHERE id = ?`, userID))
		if err != nil {
			return notFound(err, "user", userID)
		}
		if _, err := tx.Exec(`UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = ?`, userID); err != nil {
			return fmt.Errorf("store: unlock user: %w", err)
		}
		return s.audit(tx, actor, "unlock", "user", userID, map[string]any{"locked_until": u.LockedUntil}, nil)
	})
}

// ErrLastAdmin refuses to disable the only administrator who can still
// sign in: nobody would be left to manage accounts.
var ErrLastAdmin = &domain.ValidationError{Fields: []domain.FieldError{{Field: "account", Key: "account.err_last_admin"}}}

// SetUserDisabled disables or re-enables an account. Disabling ends every
// session the account has, at once.
func (s *Store) SetUserDisabled(ctx context.Context, actor domain.Actor, userID int64, disabled bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRow(`SELECT `+userCols+` FROM users WHERE id = ?`, userID))
		if err != nil {
			return notFound(err, "user", userID)
		}
		if u.Disabled == disabled {
			return nil
		}
		if disabled && u.Role == domain.RoleAdmin {
			var others int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?`, userID).Scan(&others); err != nil {
				return fmt.Errorf("store: count admins: %w", err)
			}
			if others == 0 {
				return ErrLastAdmin
			}
		}
		if _, err := tx.Exec(`UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID); err != nil {
			return fmt.Errorf("store: disable user: %w", err)
		}
		action := "enable"
		if disabled {
			action = "disable"
			if err := endSessions(tx, userID, ""); err != nil {
				return err
			}
		}
		return s.audit(tx, actor, action, "user", userID, map[string]any{"disabled": u.Disabled}, map[string]any{"disabled": disabled})
	})
}

// ChangePassword sets an account's own new password (already hashed) and
// ends its other sessions, keeping the one whose token is keep.
func (s *Store) ChangePassword(ctx context.Context, actor domain.Actor, userID int64, hash, keep string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`UPDATE users SET password_hash = ?, failed_logins = 0 WHERE id = ?`, hash, userID); err != nil {
			return fmt.Errorf("store: change password: %w", err)
		}
		if err := endSessions(tx, userID, keep); err != nil {
			return err
		}
		return s.audit(tx, actor, "change_password", "user", userID, nil, nil)
	})
}

// PasswordResetKind is the outbox kind of a password reset email.
const PasswordResetKind = "password_reset"

// CreatePasswordReset records a one-time reset link's token (its hash
// only) and queues the email that carries it, together: a link is never
// recorded without its email, nor sent without being recorded. Earlier
// unused links for the account stop working.
func (s *Store) CreatePasswordReset(ctx context.Context, actor domain.Actor, userID int64, token string, ttl time.Duration, m OutboxMessage) error {
	if err := m.check(); err != nil {
		return err
	}
	now := s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM password_resets WHERE user_id = ? OR expires_at < ?`, userID, now.Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: password reset: %w", err)
		}
		if _, err := tx.Exec(`INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			hashToken(token), userID, now.Format(time.RFC3339), now.Add(ttl).Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: password reset: %w", err)
		}
		if err := s.enqueueTx(ctx, tx, m); err != nil {
			return err
		}
		return s.audit(tx, actor, "send_password_reset", "user", userID, nil, map[string]any{"expires_at": now.Add(ttl).Format(time.RFC3339)})
	})
}

// PasswordResetUser is the account a reset token may still be used for.
func (s *Store) PasswordResetUser(ctx context.Context, token string) (domain.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+prefixed("u", userCols)+`
		FROM password_resets r JOIN users u ON u.id = r.user_id
		WHERE r.token_hash = ? AND r.used_at = '' AND r.expires_at > ? AND u.disabled = 0`, hashToken(token), s.stamp()))
	return scannedUser(ctx, s.read, u, err, "password reset")
}

// ErrResetUsed is a reset link already used, expired or never made.
var ErrResetUsed = errors.New("store: password reset link is used, expired or unknown")

// UsePasswordReset sets a new password (already hashed) through a reset
// link, once: the link is spent, the account unlocked, and every session
// it had ended.
func (s *Store) UsePasswordReset(ctx context.Context, token, hash string) error {
	now := s.stamp()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var resetID, userID int64
		var name string
		err := tx.QueryRow(`SELECT r.id, r.user_id, u.name FROM password_resets r JOIN users u ON u.id = r.user_id
			WHERE r.token_hash = ? AND r.used_at = '' AND r.expires_at > ? AND u.disabled = 0`, hashToken(token), now).Scan(&resetID, &userID, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrResetUsed
		}
		if err != nil {
			return fmt.Errorf("store: password reset: %w", err)
		}
		if _, err := tx.Exec(`UPDATE password_resets SET used_at = ? WHERE id = ?`, now, resetID); err != nil {
			return fmt.Errorf("store: password reset: %w", err)
		}
		if _, err := tx.Exec(`UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = '' WHERE id = ?`, hash, userID); err != nil {
			return fmt.Errorf("store: password reset: %w", err)
		}
		if err := endSessions(tx, userID, ""); err != nil {
			return err
		}
		return s.audit(tx, domain.Actor{ID: userID, Name: name}, "reset_password", "user", userID, nil, nil)
	})
}
