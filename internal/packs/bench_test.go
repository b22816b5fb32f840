package packs

import (
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// bigRunSheet is a full hall: 24 tables, 16 families over three slots.
func bigRunSheet() RunSheet {
	rs := fixtureRunSheet()
	rs.Tables, rs.Bookings, rs.Visitors, rs.Residents, rs.Children = nil, nil, nil, nil, nil
	for n := 1; n <= 24; n++ {
		rs.Tables = append(rs.Tables, Table{Number: n, Col: (n - 1) % 6, Row: (n - 1) / 6, Quiet: n%7 == 0, StepFree: n <= 3})
	}
	for f := 1; f <= 16; f++ {
		ref := fmt.Sprintf("FAM-%04d", f)
		table := f%24 + 1
		rs.Bookings = append(rs.Bookings, Booking{Slot: f % 3, Table: table, FamilyRef: ref,
			Teachers: []BookedTeacher{{Ref: fmt.Sprintf("TCH-%04d", f)}}})
		rs.Visitors = append(rs.Visitors,
			Visitor{Name: fmt.Sprintf("Carer %d Roberts", f), Role: RoleCarer, FamilyRef: ref, Table: table, Diet: []string{"", "Vegetarian", "Halal"}[f%3]},
			Visitor{Name: fmt.Sprintf("Teacher %d Huws", f), Role: RoleTeacher})
		rs.Residents = append(rs.Residents, Resident{Name: fmt.Sprintf("Parent %d Bevan", f), PrisonNumber: fmt.Sprintf("A%04dBC", f), FamilyRef: ref, Table: table})
		rs.Children = append(rs.Children, FamilyChildren{FamilyRef: ref, Table: table, Children: []Child{{Age: 4 + f%10}, {Age: 9}}})
	}
	return rs
}

func benchmarkWriter(b *testing.B, write func(io.Writer, Options) error) {
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, Options{Now: fixedNow, Lang: Bilingual}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTeacherPack(b *testing.B) {
	benchmarkWriter(b, func(w io.Writer, o Options) error { return WriteTeacherPack(w, fixtureTeacherPack(), o) })
}

func BenchmarkRunSheet(b *testing.B) {
	rs := bigRunSheet()
	benchmarkWriter(b, func(w io.Writer, o Options) error { return WriteRunSheet(w, rs, o) })
}

// BenchmarkShowcase writes every PDF of a 16-family showcase, the export
// the issue wants done in under two seconds.
func BenchmarkShowcase(b *testing.B) {
	rs := bigRunSheet()
	benchmarkWriter(b, func(w io.Writer, o Options) error {
		for range 16 {
			if err := WriteTeacherPack(w, fixtureTeacherPack(), o); err != nil {
				return err
			}
			if err := WriteCarerLetter(w, fixtureCarerLetter(), o); err != nil {
				return err
			}
			if err := WriteCertificate(w, fixtureCertificate(), o); err != nil {
				return err
			}
		}
		return WriteRunSheet(w, rs, o)
	})
}

// The benchmark's hall must itself be a valid, readable run sheet.
func TestBigRunSheet(t *testing.T) {
	pdf := render(t, func(w io.Writer, o Options) error { return WriteRunSheet(w, bigRunSheet(), o) }, English)
	qpdfCheck(t, "big.pdf", pdf)
}

// Documents share the parsed fonts, font subsets and zlib writers: a
// bilingual teacher pack once allocated 16 MB, most of it parsing the
// fonts again and making new compressors; now about 2 MB.
func TestWritingADocumentAllocatesLittle(t *testing.T) {
	write := func() {
		require.NoError(t, WriteTeacherPack(io.Discard, fixtureTeacherPack(), Options{Now: fixedNow, Lang: Bilingual}))
	}
	write() // the first document parses the fonts
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	write()
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d bytes allocated", allocated)
	require.Less(t, allocated, uint64(4<<20))
}
