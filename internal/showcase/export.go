package showcase

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"schoolzone/internal/packs"
)

// Exported says what Export wrote.
type Exported struct {
	Files   []string // paths relative to the output directory
	NoEmail []Item   // recipients with no address: no .ics, post the pack
}

// Export writes every document of a showcase under dir: invites/*.ics and
// packs/*.pdf (teacher packs, carer letters, the run sheet in English and
// Welsh, certificates). Nothing is sent and no invite state changes: the
// invites carry the SEQUENCE that sending now would give them.
func (s *Service) Export(ctx context.Context, eventID int64, dir string) (Exported, error) {
	var out Exported
	b, err := s.Bundle(ctx, eventID, packs.English, packs.Welsh)
	if err != nil {
		return out, err
	}
	for _, it := range b.Plan.Items {
		if it.Action != ActionCancelled && it.Email == "" {
			out.NoEmail = append(out.NoEmail, it)
		}
	}
	for _, sub := range []string{"invites", "packs"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o750); err != nil {
			return out, fmt.Errorf("showcase: export: %w", err)
		}
	}
	for _, d := range b.Documents {
		sub := "packs"
		if d.Kind == KindInvite {
			sub = "invites"
		}
		rel := filepath.Join(sub, d.Filename)
		if err := writeFile(filepath.Join(dir, rel), d); err != nil {
			return out, err
		}
		out.Files = append(out.Files, rel)
	}
	return out, nil
}

func writeFile(path string, d Document) (err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o640)
	if err != nil {
		return fmt.Errorf("showcase: export: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("showcase: export %s: %w", d.Filename, cerr)
		}
	}()
	if err := d.Render(f); err != nil {
		return fmt.Errorf("showcase: export %s: %w", d.Filename, err)
	}
	return nil
}
