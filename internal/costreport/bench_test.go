package costreport

import (
	"io"
	"testing"

	"schoolzone/internal/costs"
	"schoolzone/internal/i18n"
)

// BenchmarkCommissionerWorkbook aggregates and writes 200 showcases of
// realistic size (16 families, 20 teachers, 60 lines each).
func BenchmarkCommissionerWorkbook(b *testing.B) {
	events := syntheticEvents(200)
	opt := opts(i18n.English)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteCommissionerWorkbook(io.Discard, costs.Aggregate(events), opt); err != nil {
			b.Fatal(err)
		}
	}
}
