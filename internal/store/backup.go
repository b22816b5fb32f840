package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrBadCopy marks a file that is not a sound School Zone database, so
// restore refuses it.
var ErrBadCopy = errors.New("not a sound School Zone database")

// ErrInUse marks a database that another process (a running server) has
// open, so restore will not replace it underneath.
var ErrInUse = errors.New("the database is in use; stop the server first")

// Backup writes a consistent copy of the database to out while the app
// runs. VACUUM INTO reads inside one read transaction, so the copy holds
// exactly the commits made before it began and writers are not held up. The
// copy is written beside out and renamed into place once synced, so out is
// never a half-written file; an existing out is refused, not overwritten.
func (s *Store) Backup(ctx context.Context, out string) error {
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("store: backup: %s already exists", out)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".part-*")
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName) // a no-op once renamed
	if _, err := s.read.ExecContext(ctx, "VACUUM INTO ?", tmpName); err != nil {
		return fmt.Errorf("store: backup to %s: %w", out, err)
	}
	if err := syncFile(tmpName); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := os.Rename(tmpName, out); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return syncDir(filepath.Dir(out))
}

// Verify checks that path is a School Zone database that SQLite finds
// whole (PRAGMA integrity_check) and that has a schema version. It opens
// the file immutable, so checking a copy never changes it.
func Verify(ctx context.Context, path string) error {
	if fi, err := os.Stat(path); err != nil {
		return fmt.Errorf("store: verify: %w", err)
	} else if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return fmt.Errorf("store: verify %s: %w: empty or not a file", path, ErrBadCopy)
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return fmt.Errorf("store: verify %s: %w", path, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("store: verify %s: %w: %v", path, ErrBadCopy, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return fmt.Errorf("store: verify %s: %w", path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return fmt.Errorf("store: verify %s: %w: %v", path, ErrBadCopy, err)
	}
	rows.Close()
	if len(problems) > 0 {
		return fmt.Errorf("store: verify %s: %w: %s", path, ErrBadCopy, strings.Join(problems, "; "))
	}
	var version int64
	if err := db.QueryRowContext(ctx, "SELECT max(version_id) FROM goose_db_version").Scan(&version); err != nil || version < 1 {
		return fmt.Errorf("store: verify %s: %w: no schema version", path, ErrBadCopy)
	}
	return nil
}

// Restore puts the copy at from back as the database at path, which must
// not be open in any process. The copy is verified first, and again once
// copied beside path; the database it replaces is kept, whole and with its
// log folded in, as path.before-restore-TIME, whose name Restore returns.
// On any failure path is left as it was.
func Restore(ctx context.Context, from, path string, now time.Time) (kept string, err error) {
	if err := Verify(ctx, from); err != nil {
		return "", err
	}
	tmp, err := copyBeside(from, path)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp) // a no-op once renamed
	if err := Verify(ctx, tmp); err != nil {
		return "", err
	}
	if _, err := os.Stat(path); err == nil {
		if err := quiesce(ctx, path); err != nil {
			return "", err
		}
		kept = path + ".before-restore-" + now.UTC().Format("20060102T150405Z")
		if err := os.Rename(path, kept); err != nil {
			return "", fmt.Errorf("store: restore: keep current database: %w", err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		if kept != "" {
			err = errors.Join(err, os.Rename(kept, path))
		}
		return "", fmt.Errorf("store: restore: %w", err)
	}
	return kept, syncDir(filepath.Dir(path))
}

// quiesce folds path's write-ahead log into the file and makes sure no
// other connection has it open, so the file alone is the whole database
// and no server writes to it after it has been moved aside. An exclusive
// lock with no busy wait fails at once if anyone else holds the file.
func quiesce(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=busy_timeout(0)&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var busy, logged, moved int
	err = db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &moved)
	if err == nil && busy != 0 {
		err = errors.New("checkpoint blocked")
	}
	if err != nil {
		return fmt.Errorf("store: restore %s: %w (%v)", path, ErrInUse, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("store: restore %s: %w (its log is not empty)", path, ErrInUse)
	}
	// What is left of the log is empty or stale and belongs to no one; left
	// behind, it would sit beside the restored file as if it were its own.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("store: restore: %w", err)
		}
	}
	return nil
}

// copyBeside copies from into a new file in path's folder, synced, so the
// final rename cannot cross file systems or leave a partial file.
func copyBeside(from, path string) (string, error) {
	src, err := os.Open(from)
	if err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	defer src.Close()
	dst, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".restore-*")
	if err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	_, err = io.Copy(dst, src)
	err = errors.Join(err, dst.Sync(), dst.Close())
	if err != nil {
		os.Remove(dst.Name())
		return "", fmt.Errorf("store: restore: copy %s: %w", from, err)
	}
	return dst.Name(), nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("store: sync %s: %w", dir, err)
	}
	return errors.Join(d.Sync(), d.Close())
}
