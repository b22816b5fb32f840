// Package referralimport reads referrals from the spreadsheets schools and
// prisons send (CSV or XLSX, one row per child) and checks every row before
// anything is saved. It has no HTTP or SQL in it: the page, the API and the
// store's all-or-nothing commit share what it finds.
package referralimport

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"schoolzone/internal/domain"
)

// Limits keep one upload from tying up the server; a term's referrals from
// every school in a large area are a few hundred rows.
const (
	MaxBytes = 1 << 20
	MaxRows  = 2000
)

// Table is a sheet as text: the header row and the rows under it.
type Table struct {
	Header []string
	Rows   []Row
}

// Row is one row under the header. N is the row number a spreadsheet
// program shows for it (the header is row 1), so problems can be found.
type Row struct {
	N     int
	Cells []string
}

// Cell returns column i of the row, or "" past its end.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

func (r Row) blank() bool {
	for i := range r.Cells {
		if r.Cell(i) != "" {
			return false
		}
	}
	return true
}

// fileError is a problem with the file as a whole, on the "file" field.
func fileError(key string, params ...map[string]any) error {
	var p domain.Problems
	p.Add("file", key, params...)
	return p.Err()
}

// Read turns an uploaded file into a Table. The content decides the format,
// not the name, since files are often renamed: an XLSX is a zip, anything
// else is read as delimited text.
func Read(data []byte) (Table, error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return Table{}, fileError("import.err.empty")
	case len(data) > MaxBytes:
		return Table{}, fileError("import.err.too_big", map[string]any{"Max": MaxBytes >> 20})
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(data)
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		// The pre-2007 binary format, which no maintained Go library reads.
		return Table{}, fileError("import.err.xls")
	}
	return readCSV(data)
}

func readXLSX(data []byte) (Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return Table{}, fileError("import.err.format")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return Table{}, fileError("import.err.empty")
	}
	// Raw values keep dates as serial numbers, which mean one thing, rather
	// than text in whatever format the cell was given.
	rows, err := f.GetRows(sheets[f.GetActiveSheetIndex()], excelize.Options{RawCellValue: true})
	if err != nil {
		return Table{}, fileError("import.err.format")
	}
	t := Table{}
	for i, cells := range rows {
		if err := t.add(Row{N: i + 1, Cells: cells}); err != nil {
			return Table{}, err
		}
	}
	return t.done()
}

func readCSV(data []byte) (Table, error) {
	text, err := decodeText(data)
	if err != nil {
		return Table{}, err
	}
	// encoding/csv knows \n and \r\n; a lone \r (old Mac exports) is a line end too.
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := Table{}
	// Spreadsheet row numbers count a quoted cell's line breaks as one row,
	// and csv's line numbers count them all.
	extra := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Table{}, fileError("import.err.format")
		}
		start, _ := r.FieldPos(0)
		endLine, _ := r.FieldPos(len(rec) - 1)
		n := start - extra
		extra += endLine - start + strings.Count(rec[len(rec)-1], "\n")
		if err := t.add(Row{N: n, Cells: rec}); err != nil {
			return Table{}, err
		}
	}
	return t.done()
}

// decodeText reads the encodings spreadsheet programs save CSV in: UTF-8
// with or without a byte-order mark, UTF-16 ("Unicode text"), and, when the
// bytes are not UTF-8, Windows-1252 (Excel's plain "CSV" on Windows).
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", fileError("import.err.format")
		}
		data = out
	}
	if !utf8.Valid(data) {
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", fileError("import.err.format")
		}
		data = out
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", fileError("import.err.format")
	}
	return string(data), nil
}

// delimiter picks the separator the header line uses most: Excel in many
// European locales writes semicolons, and "text" exports use tabs.
func delimiter(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(line, ",")
	for _, d := range []rune{';', '\t'} {
		if c := strings.Count(line, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

// add keeps the first non-blank row as the header and skips blank rows,
// which spreadsheets leave between blocks.
func (t *Table) add(r Row) error {
	if r.blank() {
		return nil
	}
	if t.Header == nil {
		t.Header = make([]string, len(r.Cells))
		for i := range r.Cells {
			t.Header[i] = r.Cell(i)
		}
		return nil
	}
	if len(t.Rows) >= MaxRows {
		return fileError("import.err.too_many_rows", map[string]any{"Max": MaxRows})
	}
	t.Rows = append(t.Rows, r)
	return nil
}

func (t *Table) done() (Table, error) {
	if t.Header == nil {
		return Table{}, fileError("import.err.empty")
	}
	if len(t.Rows) == 0 {
		return Table{}, fileError("import.err.no_rows")
	}
	return *t, nil
}
