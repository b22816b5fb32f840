package allocate

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

// FuzzDecodePlan feeds the allocate command's plan reader anything: it
// must decode or refuse, never panic, and a plan it accepts must survive
// being written out and read again. An accepted plan is then allocated:
// Allocate must answer within a bound, with an *Error or with an
// allocation that Check finds nothing wrong with. (An earlier note said
// some small fuzzed plans kept Allocate busy for seconds; 7 minutes of
// fuzzing Allocate with a 300 ms bound found none, so the bound here is
// generous and only catches a real stall.) The seed corpus is in
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
		begin := time.Now()
		res, err := Allocate(in)
		if took := time.Since(begin); took > 5*time.Second {
			t.Fatalf("Allocate took %v", took)
		}
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Allocate failed without saying which constraint: %v", err)
			}
			return
		}
		if v := Check(in, res); len(v) > 0 {
			t.Fatalf("Allocate's result breaks a constraint: %v", v)
		}
	})
}
