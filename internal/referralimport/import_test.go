package referralimport

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
)

const today = "2026-11-28"

// dir is the directory every test reads against: one prison the importer
// works with, and two schools with the same name in different areas.
var dir = Directory{
	Prisons: []domain.Prison{{ID: 1, Name: "HMP Parc"}},
	Schools: []domain.School{
		{ID: 2, Name: "Ysgol Gynradd Aberdâr", LocalAuthority: "Rhondda Cynon Taf"},
		{ID: 3, Name: "Cardiff High School", LocalAuthority: "Cardiff"},
		{ID: 4, Name: "St Mary's", LocalAuthority: "Cardiff"},
		{ID: 5, Name: "St Mary's", LocalAuthority: "Newport"},
	},
}

func importer(t *testing.T) *Importer {
	t.Helper()
	return New(i18n.MustLoad())
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// problems renders a result's problems as "row column key", for tables.
func problems(r Result) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, fmt.Sprintf("%02d %s %s", p.Row, p.Column, p.Key))
	}
	return out
}

func TestAGoodFileBecomesFamilies(t *testing.T) {
	res, err := importer(t).Check(fixture(t, "good.csv"), dir, today)
	require.NoError(t, err)
	require.Empty(t, res.Problems)
	require.True(t, res.OK())
	require.Len(t, res.Families, 3)

	a := res.Families[0]
	assert.Equal(t, []int{2, 3}, a.Rows)
	assert.Equal(t, "Rhodri Ŵyn", a.Input.ParentName, "Welsh letters survive the byte-order mark and CRLF")
	assert.Equal(t, int64(1), a.Input.PrisonID)
	assert.Equal(t, "school", a.Input.ReferralSource)
	assert.Equal(t, "2026-11-03", a.Input.ReferredOn, "UK dates are day first")
	assert.Equal(t, "grandparent", a.Input.Carer.Relationship)
	assert.Equal(t, "cy", a.Input.Carer.Lang)
	require.Len(t, a.Input.Children, 2)
	assert.Equal(t, "Gwenllïan", a.Input.Children[0].FirstName)
	assert.True(t, a.Input.Children[0].NeedsQuiet)
	assert.Equal(t, int64(2), a.Input.Children[1].SchoolID)

	b := res.Families[1]
	assert.Equal(t, []int{4}, b.Rows)
	assert.Equal(t, "prison_staff", b.Input.ReferralSource)
	assert.Equal(t, "Two lines\nof notes", b.Input.Notes)
	assert.Equal(t, "en", b.Input.Carer.Lang)

	c := res.Families[2]
	assert.Equal(t, []int{5}, c.Rows, "a cell with a line break is one spreadsheet row")
	assert.Equal(t, "prison_staff", c.Input.ReferralSource, "Welsh labels are answers too")
	assert.Equal(t, "grandparent", c.Input.Carer.Relationship)
	assert.Equal(t, "2026-11-05", c.Input.ReferredOn, "Welsh month names")
	assert.Equal(t, int64(2), c.Input.Children[0].SchoolID, "a school by its ID")
}

func TestEveryBadRowIsNamedByRowAndColumn(t *testing.T) {
	res, err := importer(t).Check(fixture(t, "bad.csv"), dir, today)
	require.NoError(t, err)
	assert.False(t, res.OK())
	// Row 3 is blank and skipped, but the rows after it keep their numbers.
	assert.Equal(t, []string{
		"04 prison import.err.unknown_prison",
		"04 referral_source import.err.choice",
		"04 referred_on import.err.date",
		"04 carer_email err.email",
		"04 carer_lang import.err.choice",
		"04 child_first_name import.err.child_first_name",
		"04 school import.err.unknown_school",
		"05 referred_on err.date_future",
		"05 carer_phone err.carer_contact",
	}, problems(res))
	require.Len(t, res.Families, 3, "the good row is still read, for the preview")
}

func TestHeaderProblemsStopTheRows(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"a column nobody knows", "Family,Prison,Parent name,Referral source,Referred on,Carer name,Carer relationship,Carer phone,Carer language,Child first name,Shoe size\n1,HMP Parc,X,school,1/1/2026,Y,parent,1,en,Z,9\n",
			[]string{"01 Shoe size import.err.unknown_column"}},
		{"a missing required column", "Prison,Parent name,Referral source,Referred on,Carer name,Carer relationship,Carer phone,Child first name\nHMP Parc,X,school,1/1/2026,Y,parent,1,Z\n",
			[]string{"01 carer_lang import.err.missing_column"}},
		{"a column twice", "Prison,Parent name,Parent's name,Referral source,Referred on,Carer name,Carer relationship,Carer language,Child first name\nHMP Parc,X,X,school,1/1/2026,Y,parent,en,Z\n",
			[]string{"01 parent_name#dup import.err.duplicate_column"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := importer(t).Check([]byte(tt.file), dir, today)
			require.NoError(t, err)
			assert.Equal(t, tt.want, problems(res))
			assert.Empty(t, res.Families)
		})
	}
}

func TestFamiliesAcrossRows(t *testing.T) {
	head := "Prison,Parent name,Prison number,Referral source,Referred on,Carer name,Carer relationship,Carer phone,Carer language,Child first name,School\n"
	tests := []struct {
		name, rows string
		families   int
		want       []string
	}{
		{"same parent, prison and carer is one family without a Family column",
			"HMP Parc,Rhodri Wyn,A1234BC,school,1/11/2026,Sian,parent,1,en,Gwen,\nHMP Parc,rhodri wyn,a1234bc,school,1/11/2026,Sian,parent,1,en,Dai,\n", 1, nil},
		{"a family's details that differ on a later row",
			"HMP Parc,Rhodri Wyn,A1234BC,school,1/11/2026,Sian,parent,1,en,Gwen,\n" +
				"HMP Parc,Rhodri Wyn,A1234BC,school,2/11/2026,Sian,parent,1,en,Dai,\n", 1,
			[]string{"03 referred_on import.err.differs"}},
		{"one prison number for two families",
			"HMP Parc,Rhodri Wyn,A1234BC,school,1/11/2026,Sian,parent,1,en,Gwen,\nHMP Parc,Tom Evans,A1234BC,school,1/11/2026,Kerry,parent,1,en,Ella,\n", 2,
			[]string{"03 prison_number import.err.duplicate_prison_number"}},
		{"a school name two areas share, then named with its area",
			"HMP Parc,Rhodri Wyn,,school,1/11/2026,Sian,parent,1,en,Gwen,St Mary's\nHMP Parc,Tom Evans,,school,1/11/2026,Kerry,parent,1,en,Ella,St Mary's (Newport)\n", 2,
			[]string{"02 school import.err.ambiguous_school"}},
		{"a bad prison number and no way to contact the carer",
			"HMP Parc,Rhodri Wyn,12345,school,1/11/2026,Sian,parent,,en,Gwen,\n", 1,
			[]string{"02 prison_number err.prison_number", "02 carer_phone err.carer_contact"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := importer(t).Check([]byte(head+tt.rows), dir, today)
			require.NoError(t, err)
			assert.Equal(t, tt.want, problems(res))
			assert.Len(t, res.Families, tt.families)
		})
	}
}

func TestFileEncodingsAndLineEndings(t *testing.T) {
	text := "Prison;Parent name;Referral source;Referred on;Carer name;Carer relationship;Carer phone;Carer language;Child first name\r" +
		"HMP Parc;Siân Llŷr;school;23/11/26;Gwenllïan;parent;1;cy;Ŵyn\r"
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(text, ";", "\t"))
	require.NoError(t, err)
	latin := "Prison,Parent name,Referral source,Referred on,Carer name,Carer relationship,Carer phone,Carer language,Child first name\n" +
		"HMP Parc,Siân Jones,school,23.11.2026,Mair,parent,1,cy,Gwenllïan\n"
	cp1252, err := charmap.Windows1252.NewEncoder().String(latin)
	require.NoError(t, err)
	tests := []struct {
		name  string
		data  []byte
		child string
	}{
		{"semicolons and old Mac line ends", []byte(text), "Ŵyn"},
		{"UTF-16 with tabs", []byte(utf16), "Ŵyn"},
		{"Windows-1252", []byte(cp1252), "Gwenllïan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := importer(t).Check(tt.data, dir, today)
			require.NoError(t, err)
			require.Empty(t, res.Problems)
			require.Len(t, res.Families, 1)
			assert.Equal(t, tt.child, res.Families[0].Input.Children[0].FirstName)
			assert.Equal(t, "2026-11-23", res.Families[0].Input.ReferredOn)
		})
	}
}

func TestAWorkbookWithDateCells(t *testing.T) {
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	rows := [][]any{
		{"Prison", "Parent name", "Referral source", "Referred on", "Carer name", "Carer relationship", "Carer phone", "Carer language", "Child first name", "School"},
		{"HMP Parc", "Rhodri Ŵyn", "A school", 46329, "Siân", "Parent", 7700900123, "Cymraeg", "Gwen", 2},
		{},
		{"HMP Parc", "Tom", "school", "1/2/2026", "Kerry", "parent", "0770", "en", "", "Nowhere"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow(sheet, cell, &r))
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	require.NoError(t, f.SetCellStyle(sheet, "D2", "D2", style))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))

	res, err := importer(t).Check(buf.Bytes(), dir, today)
	require.NoError(t, err)
	assert.Equal(t, []string{"04 child_first_name import.err.child_first_name", "04 school import.err.unknown_school"}, problems(res))
	require.Len(t, res.Families, 2)
	assert.Equal(t, "2026-11-03", res.Families[0].Input.ReferredOn, "a date cell is a serial number")
	assert.Equal(t, "2026-02-01", res.Families[1].Input.ReferredOn, "text dates are day first")
	assert.Equal(t, int64(2), res.Families[0].Input.Children[0].SchoolID)
}

func TestFilesThatCannotBeRead(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		key  string
	}{
		{"empty", []byte(" \n\n"), "import.err.empty"},
		{"header only", []byte("Prison,Parent name\n"), "import.err.no_rows"},
		{"old Excel", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), "import.err.xls"},
		{"a zip that is not a workbook", []byte("PK\x03\x04junk"), "import.err.format"},
		{"too big", bytes.Repeat([]byte("a,b\n"), MaxBytes/4+1), "import.err.too_big"},
		{"too many rows", []byte("a\n" + strings.Repeat("x\n", MaxRows+1)), "import.err.too_many_rows"},
		{"binary with NULs", []byte("a,b\n\x00\x00,c\n"), "import.err.format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importer(t).Check(tt.data, dir, today)
			var ve *domain.ValidationError
			require.ErrorAs(t, err, &ve)
			f, ok := ve.Field("file")
			require.True(t, ok)
			assert.Equal(t, tt.key, f.Key)
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"23/11/2026", "2026-11-23"}, {"3/1/2026", "2026-01-03"}, {"23-11-26", "2026-11-23"},
		{"23.11.2026", "2026-11-23"}, {"2026-11-23", "2026-11-23"}, {"23 Nov 2026", "2026-11-23"},
		{"23 November 2026", "2026-11-23"}, {"23 Tachwedd 2026", "2026-11-23"}, {"1 Mai 2026", "2026-05-01"},
		{"46349", "2026-11-23"}, {"31/02/2026", ""}, {"11/23/2026", ""}, {"2026", ""}, {"yesterday", ""}, {"1/1/202", ""},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		assert.Equal(t, tt.want != "", ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestEveryColumnHasAHeaderInBothLanguages(t *testing.T) {
	cat := i18n.MustLoad()
	for _, key := range Columns() {
		for _, lang := range i18n.Langs {
			assert.True(t, cat.Has(lang, "import.col."+key), "%s %s", lang, key)
		}
	}
}
