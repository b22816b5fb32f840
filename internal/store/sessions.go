package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"schoolzone/internal/domain"
)

// Session kinds: a browser's cookie works on pages only, an API client's
// bearer token on /api only, so neither can stand in for the other.
const (
	SessionWeb = "web"
	SessionAPI = "api"
)

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// touchEvery is how stale last_seen_at may get before a request marks the
// session seen again: the idle expiry needs minutes, not every request's
// write.
const touchEvery = time.Minute

// touches are the sessions seen since they were last written, with when.
// They are written together, in one commit at the first request of each
// minute (and on Close): every commit ends every kept page (see
// DataVersion), and one commit a minute per session would end them all
// every few seconds once a few dozen people are signed in. The idle
// expiry then runs up to a minute early, which for hours of idleness is
// nothing.
type touches struct {
	mu    sync.Mutex
	seen  map[int64]time.Time // session ID → when
	since int64               // the minute of the first of them
}

// markSeen notes that session id was used at t.
func (s *Store) markSeen(id int64, t time.Time) {
	s.touches.mu.Lock()
	defer s.touches.mu.Unlock()
	if s.touches.seen == nil {
		s.touches.seen = map[int64]time.Time{}
	}
	if len(s.touches.seen) == 0 {
		s.touches.since = t.Unix() / 60
	}
	if cur, ok := s.touches.seen[id]; !ok || t.After(cur) {
		s.touches.seen[id] = t
	}
}

// writeSeen writes the sessions seen before this minute (or all of them,
// when always), so at most once a minute. The requests that come
// meanwhile do not wait for it.
func (s *Store) writeSeen(ctx context.Context, now time.Time, always bool) error {
	t := &s.touches
	t.mu.Lock()
	if len(t.seen) == 0 || (!always && now.Unix()/60 <= t.since) {
		t.mu.Unlock()
		return nil
	}
	batch := t.seen
	t.seen = map[int64]time.Time{}
	t.mu.Unlock()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for id, at := range batch {
			if _, err := tx.Exec(`UPDATE sessions SET last_seen_at = ? WHERE id = ?`, at.UTC().Format(time.RFC3339), id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for id, at := range batch { // for the next minute, unless used since
			s.markSeen(id, at)
		}
		return fmt.Errorf("store: mark sessions seen: %w", err)
	}
	return nil
}

// CreateSession stores a login session under the hash of its token; it
// ends at the latest after ttl, whatever its use.
func (s *Store) CreateSession(ctx context.Context, token string, userID int64, kind string, ttl time.Duration) error {
	now := s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM sessions WHERE expires_at < ?`, now.Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: prune sessions: %w", err)
		}
		_, err := tx.Exec(`INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			hashToken(token), userID, kind, now.Format(time.RFC3339), now.Format(time.RFC3339), now.Add(ttl).Format(time.RFC3339))
		if err != nil {
			return fmt.Errorf("store: create session: %w", err)
		}
		return nil
	})
}

// SessionUser returns the user of a session token of the given kind that
// has neither passed its absolute expiry nor been idle for longer than
// idle, with the prisons and local authorities that limit everything they
// do. Using the session keeps it alive.
func (s *Store) SessionUser(ctx context.Context, token, kind string, idle time.Duration) (domain.User, error) {
	now := s.now().UTC()
	// Written first, so the idle check below sees every use before this one.
	if err := s.writeSeen(ctx, now, false); err != nil {
		return domain.User{}, err
	}
	var id int64
	var seen string
	row := s.read.QueryRowContext(ctx, `SELECT `+prefixed("u", userCols)+`, s.id, s.last_seen_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.kind = ? AND s.expires_at > ? AND s.last_seen_at > ? AND u.disabled = 0`,
		hashToken(token), kind, now.Format(time.RFC3339), now.Add(-idle).Format(time.RFC3339))
	u, err := scanUser(withCols{row, []any{&id, &seen}})
	if u, err = scannedUser(ctx, s.read, u, err, "session"); err != nil {
		return u, err
	}
	if now.Sub(parseTime(seen)) >= touchEvery {
		s.markSeen(id, now)
	}
	return u, nil
}

// withCols scans a row's extra columns after a user's.
type withCols struct {
	row   *sql.Row
	extra []any
}

func (w withCols) Scan(dest ...any) error { return w.row.Scan(append(dest, w.extra...)...) }

// DeleteSession logs a session out.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, hashToken(token))
		return err
	})
}

// UserSessions lists an account's live sessions, newest first.
func (s *Store) UserSessions(ctx context.Context, userID int64) ([]domain.Session, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, kind, created_at, last_seen_at, expires_at FROM sessions
		WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, id DESC`, userID, s.stamp())
	if err != nil {
		return nil, fmt.Errorf("store: user sessions: %w", err)
	}
	defer rows.Close()
	var out []domain.Session
	for rows.Next() {
		var x domain.Session
		var created, seen, expires string
		if err := rows.Scan(&x.ID, &x.Kind, &created, &seen, &expires); err != nil {
			return nil, fmt.Errorf("store: user sessions: %w", err)
		}
		x.CreatedAt, x.LastSeenAt, x.ExpiresAt = parseTime(created), parseTime(seen), parseTime(expires)
		out = append(out, x)
	}
	return out, rows.Err()
}

// RevokeSession ends one of an account's sessions.
func (s *Store) RevokeSession(ctx context.Context, actor domain.Actor, userID, sessionID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM sessions WHERE id = ? AND user_id = ?`, sessionID, userID)
		if err != nil {
			return fmt.Errorf("store: revoke session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: session %d of user %d: %w", sessionID, userID, domain.ErrNotFound)
		}
		return s.audit(tx, actor, "revoke_session", "user", userID, map[string]any{"session": sessionID}, nil)
	})
}

// endSessions ends an account's sessions, all but the one whose token is
// keep (none when keep is "").
func endSessions(tx *sql.Tx, userID int64, keep string) error {
	if _, err := tx.Exec(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, hashToken(keep)); err != nil {
		return fmt.Errorf("store: end sessions: %w", err)
	}
	return nil
}
