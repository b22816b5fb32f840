package allocate

import (
	"encoding/json"
	"os"
	"testing"
)

// FuzzDecodePlan feeds the allocate command's plan reader anything: it
// must decode or refuse, never panic, and a plan it accepts must survive
// being written out and read again. (Allocating fuzzed plans as well was
// tried: some small plans kept Allocate busy for seconds, which is the
// allocator's business, not the reader's.) The seed corpus is in
// testdata/fuzz and runs with every go test.
func FuzzDecodePlan(f *testing.F) {
	if plan, err := os.ReadFile("../../testdata/allocate/plan.json"); err == nil {
		f.Add(plan)
	}
	f.Add([]byte(`{"event":{"start":"2026-12-03T14:00:00Z","slot_minutes":10,"slots":2},"tables":[{"id":"T1"}],"families":[{"id":"F1"}],"teachers":[{"id":"T","school":"S"}],"meetings":[{"family":"F1","teacher":"T"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := decodePlan(data)
		if err != nil {
			return
		}
		again, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("accepted plan cannot be written out: %v", err)
		}
		if _, err := decodePlan(again); err != nil {
			t.Fatalf("accepted plan, written out, is refused: %v\n%s", err, again)
		}
	})
}
