// Package backup takes the server's scheduled copies of the database and
// keeps the newest few. The copy itself is the store's (a consistent
// snapshot taken while the app runs); this package decides when, names the
// files and removes old ones.
package backup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Copier writes a consistent copy of the database to a new file.
type Copier interface {
	Backup(ctx context.Context, out string) error
}

// Schedule takes a copy into Dir every Every and keeps the newest Keep.
type Schedule struct {
	Copier Copier
	Dir    string
	Every  time.Duration
	Keep   int
	Log    *slog.Logger
	Now    func() time.Time
}

const (
	prefix = "schoolzone-"
	suffix = ".db"
	stamp  = "20060102T150405Z"
)

// Name is the file name of a copy taken at t: UTC and sortable, so the
// newest is last in a listing.
func Name(t time.Time) string { return prefix + t.UTC().Format(stamp) + suffix }

// Run takes a copy at once and then every s.Every until ctx ends. A failed
// copy is logged and tried again at the next tick: the app goes on serving.
func (s Schedule) Run(ctx context.Context) {
	tick := time.NewTicker(s.Every)
	defer tick.Stop()
	for {
		if path, err := s.Once(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			s.Log.Error("backup failed", "error", err.Error())
		} else {
			s.Log.Info("backup written", "file", filepath.Base(path))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Once takes one copy now and then removes all but the newest s.Keep.
func (s Schedule) Once(ctx context.Context) (string, error) {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	path := filepath.Join(s.Dir, Name(s.Now()))
	if err := s.Copier.Backup(ctx, path); err != nil {
		return "", err
	}
	if _, err := Prune(s.Dir, s.Keep); err != nil {
		return path, err
	}
	return path, nil
}

// Prune removes all but the newest keep copies in dir and returns the names
// it removed. Only files named as Name names them are counted or touched,
// so anything else an operator keeps in dir is left alone.
func Prune(dir string, keep int) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("backup: prune: %w", err)
	}
	var copies []string
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, suffix) {
			continue
		}
		if _, err := time.Parse(stamp, strings.TrimSuffix(strings.TrimPrefix(n, prefix), suffix)); err == nil {
			copies = append(copies, n)
		}
	}
	slices.Sort(copies)
	if len(copies) <= keep {
		return nil, nil
	}
	old := copies[:len(copies)-keep]
	var errs []error
	for _, n := range old {
		errs = append(errs, os.Remove(filepath.Join(dir, n)))
	}
	if err := errors.Join(errs...); err != nil {
		return old, fmt.Errorf("backup: prune: %w", err)
	}
	return old, nil
}
