package referralimport

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"schoolzone/internal/domain"
)

// Directory is what the rows may name: the prisons the importing account
// works with and the schools on record.
type Directory struct {
	Prisons []domain.Prison
	Schools []domain.School
}

// Problem is one thing wrong with the file, where a person can find it:
// the spreadsheet row and the column, by the header as written (Header) or,
// for a missing column, by its key (Column). Key and Params are a catalogue
// message saying what to do.
type Problem struct {
	Row    int
	Column string
	Header string
	Key    string
	Params map[string]any
}

// Family is one referral built from one or more rows, one row per child.
type Family struct {
	Rows  []int
	Input domain.ReferralInput
}

// Result is a whole file, checked. Nothing may be saved unless Problems is
// empty: the import is all or nothing.
type Result struct {
	Families []Family
	Problems []Problem
	Rows     int
}

// OK reports whether every row is good.
func (r Result) OK() bool { return len(r.Problems) == 0 && len(r.Families) > 0 }

// Children counts the children of every family.
func (r Result) Children() int {
	n := 0
	for _, f := range r.Families {
		n += len(f.Input.Children)
	}
	return n
}

// Check reads a file and checks every row against the directory and the
// same domain rules as the referral form. A file that cannot be read at all
// is an error on the "file" field.
func (im *Importer) Check(data []byte, dir Directory, today string) (Result, error) {
	t, err := Read(data)
	if err != nil {
		return Result{}, err
	}
	return im.Parse(t, dir, today), nil
}

// sheet is a table whose header has been matched to the columns.
type sheet struct {
	index   map[string]int // column key -> cell index
	headers map[string]string
	res     *Result
	seen    map[[2]any]bool
}

func (s *sheet) problem(row int, col, key string, params ...map[string]any) {
	// One message per cell: a value the import could not read would
	// otherwise be reported again, as missing, by the domain's checks.
	k := [2]any{row, col}
	if s.seen[k] {
		return
	}
	s.seen[k] = true
	p := Problem{Row: row, Column: col, Header: s.headers[col], Key: key}
	if len(params) > 0 {
		p.Params = params[0]
	}
	s.res.Problems = append(s.res.Problems, p)
}

// Parse checks a table. Problems come in row order, then column order.
func (im *Importer) Parse(t Table, dir Directory, today string) Result {
	res := Result{Rows: len(t.Rows)}
	s := &sheet{index: map[string]int{}, headers: map[string]string{}, res: &res, seen: map[[2]any]bool{}}
	if !im.matchHeader(s, t.Header) {
		return res
	}
	look := newLookup(dir)
	groups := im.group(s, t.Rows)
	prisonNumbers := map[string]int{}
	for _, g := range groups {
		fam := im.family(s, look, g, today)
		if n := fam.Input.PrisonNumber; n != "" {
			if first, dup := prisonNumbers[n]; dup {
				s.problem(g.from["prison_number"], "prison_number", "import.err.duplicate_prison_number", map[string]any{"Value": n, "Row": first})
			} else {
				prisonNumbers[n] = g.rows[0].N
			}
		}
		res.Families = append(res.Families, fam)
	}
	order := map[string]int{}
	for i, c := range columns {
		order[c.key] = i
	}
	sort.SliceStable(res.Problems, func(i, j int) bool {
		a, b := res.Problems[i], res.Problems[j]
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return order[a.Column] < order[b.Column]
	})
	return res
}

// matchHeader maps the header row to columns. A column the import does not
// know is a problem rather than ignored, so no one's data is dropped
// without a word.
func (im *Importer) matchHeader(s *sheet, header []string) bool {
	ok := true
	for i, h := range header {
		if h == "" {
			continue
		}
		key, known := im.headers[normalise(h)]
		_, dup := s.index[key]
		switch {
		case !known:
			s.headers[h] = h
			s.problem(1, h, "import.err.unknown_column", map[string]any{"Header": h})
			ok = false
		case dup:
			s.problem(1, key+"#dup", "import.err.duplicate_column", map[string]any{"Header": h})
			ok = false
		default:
			s.index[key], s.headers[key] = i, h
		}
	}
	for _, c := range columns {
		if _, there := s.index[c.key]; c.required && !there {
			s.problem(1, c.key, "import.err.missing_column")
			ok = false
		}
	}
	return ok
}

// group is the rows of one family, with each family column's value and the
// row it was first given on.
type group struct {
	rows   []Row
	values map[string]string
	from   map[string]int
}

func (s *sheet) cell(r Row, key string) string {
	i, ok := s.index[key]
	if !ok {
		return ""
	}
	return r.Cell(i)
}

// group gathers rows into families: by the "family" column where it is
// filled in, otherwise by the parent, prison number, prison and carer.
func (im *Importer) group(s *sheet, rows []Row) []*group {
	var out []*group
	byKey := map[string]*group{}
	for _, r := range rows {
		key := "family:" + normalise(s.cell(r, "family"))
		if key == "family:" {
			key = strings.Join([]string{normalise(s.cell(r, "parent_name")), normalise(s.cell(r, "prison_number")),
				normalise(s.cell(r, "prison")), normalise(s.cell(r, "carer_name"))}, "|")
		}
		g := byKey[key]
		if g == nil {
			g = &group{values: map[string]string{}, from: map[string]int{}}
			byKey[key] = g
			out = append(out, g)
		}
		g.rows = append(g.rows, r)
		for _, c := range columns {
			v := s.cell(r, c.key)
			if !c.family || v == "" {
				continue
			}
			if prev, given := g.values[c.key]; !given {
				g.values[c.key], g.from[c.key] = v, r.N
			} else if normalise(prev) != normalise(v) {
				s.problem(r.N, c.key, "import.err.differs", map[string]any{"Row": g.from[c.key]})
			}
		}
	}
	for _, g := range out {
		for _, c := range columns {
			if _, given := g.from[c.key]; !given {
				g.from[c.key] = g.rows[0].N
			}
		}
	}
	return out
}

// family builds one referral and checks it with the domain's own rules.
func (im *Importer) family(s *sheet, look lookup, g *group, today string) Family {
	v := g.values
	in := domain.ReferralInput{
		ParentName: v["parent_name"], PrisonNumber: v["prison_number"], ReferrerName: v["referrer_name"], Notes: v["notes"],
		Carer: domain.Carer{Name: v["carer_name"], Phone: v["carer_phone"], Email: v["carer_email"]},
	}
	if p := v["prison"]; p != "" {
		id, key := look.prison(p)
		if key != "" {
			s.problem(g.from["prison"], "prison", key, map[string]any{"Value": p})
		}
		in.PrisonID = id
	}
	if d := v["referred_on"]; d != "" {
		var ok bool
		if in.ReferredOn, ok = parseDate(d); !ok {
			s.problem(g.from["referred_on"], "referred_on", "import.err.date")
		}
	}
	in.ReferralSource = im.choice(s, g.from["referral_source"], "referral_source", v["referral_source"])
	in.Carer.Relationship = im.choice(s, g.from["carer_relationship"], "carer_relationship", v["carer_relationship"])
	in.Carer.Lang = im.choice(s, g.from["carer_lang"], "carer_lang", v["carer_lang"])

	fam := Family{}
	for _, r := range g.rows {
		fam.Rows = append(fam.Rows, r.N)
		ch := domain.Child{FirstName: s.cell(r, "child_first_name"), LastName: s.cell(r, "child_last_name"), YearGroup: s.cell(r, "year_group")}
		if ch.FirstName == "" {
			s.problem(r.N, "child_first_name", "import.err.child_first_name")
		}
		if name := s.cell(r, "school"); name != "" {
			id, key := look.school(name)
			if key != "" {
				s.problem(r.N, "school", key, map[string]any{"Value": name})
			}
			ch.SchoolID = id
		}
		for _, col := range []string{"needs_quiet", "needs_step_free"} {
			yes, ok := yesNo(s.cell(r, col))
			if !ok {
				s.problem(r.N, col, "import.err.yes_no")
			}
			if col == "needs_quiet" {
				ch.NeedsQuiet = yes
			} else {
				ch.NeedsStepFree = yes
			}
		}
		in.Children = append(in.Children, ch)
	}
	// Validate drops children without a first name, so keep the rows in step
	// only when every child is kept; otherwise the row problem above stands.
	kept := len(in.Children)
	err := in.Validate(today)
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			row, col := g.from[familyColumn(f.Field)], familyColumn(f.Field)
			if i, field, ok := childField(f.Field); ok && i < len(g.rows) && len(in.Children) == kept {
				row, col = g.rows[i].N, field
			}
			s.problem(row, col, f.Key, f.Params)
		}
	}
	fam.Input = in
	return fam
}

// choice reads a value from a list of answers, by its key or by its label
// in either language.
func (im *Importer) choice(s *sheet, row int, col, value string) string {
	if value == "" {
		return ""
	}
	if v, ok := im.choices[col][normalise(value)]; ok {
		return v
	}
	s.problem(row, col, "import.err.choice", map[string]any{"Value": value})
	return ""
}

// familyColumn names the column a referral field comes from.
func familyColumn(field string) string {
	switch field {
	case "prison_id":
		return "prison"
	case "child_first_name":
		return "child_first_name"
	}
	return field
}

var childFieldRE = regexp.MustCompile(`^children\[(\d+)\]\.(\w+)$|^child_(\w+?)_(\d+)$`)

// childField reads the domain's names for a child's fields, both the API's
// "children[1].school_id" and the form's "child_school_1", as the child's
// position and the import's column.
func childField(field string) (int, string, bool) {
	m := childFieldRE.FindStringSubmatch(field)
	if m == nil {
		return 0, "", false
	}
	idx, name := m[1], m[2]
	if idx == "" {
		idx, name = m[4], m[3]
	}
	i, _ := strconv.Atoi(idx)
	switch name {
	case "school_id", "school":
		name = "school"
	case "year", "year_group":
		name = "year_group"
	default:
		name = "child_" + strings.TrimPrefix(name, "child_")
	}
	return i, name, true
}

// lookup finds prisons and schools by ID or by name.
type lookup struct {
	prisons map[string][]int64
	schools map[string][]int64
	ids     map[string]bool
}

func newLookup(dir Directory) lookup {
	l := lookup{prisons: map[string][]int64{}, schools: map[string][]int64{}, ids: map[string]bool{}}
	for _, p := range dir.Prisons {
		l.prisons[prisonName(p.Name)] = append(l.prisons[prisonName(p.Name)], p.ID)
		l.ids[fmt.Sprintf("p%d", p.ID)] = true
	}
	for _, x := range dir.Schools {
		l.schools[normalise(x.Name)] = append(l.schools[normalise(x.Name)], x.ID)
		// The referral form's label, "Name (Authority)", names one school
		// even when two areas have a school of the same name.
		withLA := normalise(x.Name + x.LocalAuthority)
		l.schools[withLA] = append(l.schools[withLA], x.ID)
		l.ids[fmt.Sprintf("s%d", x.ID)] = true
	}
	return l
}

// prisonName drops the "HMP" or "CEF" in front, which people add or leave out.
func prisonName(s string) string {
	n := normalise(s)
	for _, p := range []string{"hmp", "cef", "hmyoi", "hmpyoi"} {
		if rest, ok := strings.CutPrefix(n, p); ok && rest != "" {
			return rest
		}
	}
	return n
}

func (l lookup) prison(v string) (int64, string) {
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && l.ids[fmt.Sprintf("p%d", id)] {
		return id, ""
	}
	ids := l.prisons[prisonName(v)]
	if len(ids) == 1 {
		return ids[0], ""
	}
	return 0, "import.err.unknown_prison"
}

func (l lookup) school(v string) (int64, string) {
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && l.ids[fmt.Sprintf("s%d", id)] {
		return id, ""
	}
	switch ids := l.schools[normalise(v)]; len(ids) {
	case 1:
		return ids[0], ""
	case 0:
		return 0, "import.err.unknown_school"
	}
	return 0, "import.err.ambiguous_school"
}
