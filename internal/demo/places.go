package demo

import (
	"context"
	"fmt"
	"strings"

	"schoolzone/internal/domain"
)

const (
	hallRows = 4
	hallCols = 6
)

func (l *loader) prison(ctx context.Context) error {
	id, err := l.s.CreatePrison(ctx, l.coord, domain.Prison{
		Name: "HMP Glanfa", Address: "Heol y Lanfa, Glanfa, South Wales",
		Phone: "01632 960418", Email: "family.services@hmpglanfa.example",
	})
	if err != nil {
		return fmt.Errorf("demo: prison: %w", err)
	}
	l.prisonID = id
	// The coordinator who added the prison belongs to it (the store did
	// that); the prison's officer works there and nowhere else. Each then
	// acts within that scope, as they would signed in.
	l.coord.Scope = domain.Scope{Prisons: []int64{id}}
	if err := l.s.SetUserScope(ctx, domain.System, l.officer.ID, []int64{id}, nil); err != nil {
		return fmt.Errorf("demo: prison officer: %w", err)
	}
	l.officer.Scope = domain.Scope{Prisons: []int64{id}, FromClearance: true}
	tables, adjacent := hall()
	if err := l.s.SetHall(ctx, l.coord, id, tables, adjacent); err != nil {
		return fmt.Errorf("demo: visits hall: %w", err)
	}
	return nil
}

// hall is a 4×6 visits hall with tables numbered 1…24 row by row, the
// numbers painted on the tables, so the floor plan, the run sheet and every
// pack say the same table. Rows 1 and 2 (tables 1–12) by the entrance are
// level; rows 3 and 4 are up two steps. The far corner (6, 23, 24) is away
// from the servery and the search-room door, so those tables are the quiet
// ones. The grid makes tables side by side and one behind another
// neighbours; the pairs listed here by hand are the row neighbours again,
// as a hall set up before the grid counted would have them.
func hall() ([]domain.HallTable, map[string][]string) {
	quiet := map[string]bool{"6": true, "23": true, "24": true}
	big := map[string]bool{"7": true, "12": true} // room for a large sibling group
	var tables []domain.HallTable
	adjacent := map[string][]string{}
	for r := 0; r < hallRows; r++ {
		for c := 0; c < hallCols; c++ {
			label := fmt.Sprint(r*hallCols + c + 1)
			seats := 6
			if big[label] {
				seats = 8
			}
			tables = append(tables, domain.HallTable{Label: label, Row: r + 1, Col: c + 1, Seats: seats, Quiet: quiet[label], StepFree: r < 2})
			if c > 0 {
				adjacent[label] = []string{fmt.Sprint(r*hallCols + c)}
			}
		}
	}
	return tables, adjacent
}

type teacherSpec struct {
	key  string // unique across the demo, used by the family specs
	name string
	role domain.TeacherRole
}

type schoolSpec struct {
	key    string
	la     string
	school domain.School
	staff  []teacherSpec // the first one with role "head" is the headteacher
}

// localAuthorities are the demo's councils with their Welsh names, as a
// coordinator would type them on the places form.
var localAuthorities = []domain.LocalAuthority{
	{Name: "Bridgend", NameCy: "Pen-y-bont ar Ogwr"}, {Name: "Neath Port Talbot", NameCy: "Castell-nedd Port Talbot"},
	{Name: "Swansea", NameCy: "Abertawe"}, {Name: "Rhondda Cynon Taf", NameCy: "Rhondda Cynon Taf"},
	{Name: "Cardiff", NameCy: "Caerdydd"}, {Name: "Vale of Glamorgan", NameCy: "Bro Morgannwg"},
}

var schools = []schoolSpec{
	{"cwmglanfa", "Bridgend", domain.School{Name: "Ysgol Gymraeg Cwm Glanfa", Type: domain.SchoolPrimary, LanguageMedium: "welsh", Lang: "cy", DistanceMiles: 6},
		[]teacherSpec{{"cwmglanfa.head", "Dafydd ap Iorwerth", "head"}, {"cwmglanfa.class", "Lowri Huws", "class_teacher"}, {"cwmglanfa.class2", "Gethin Pugh", "class_teacher"}}},
	{"nantcoed", "Bridgend", domain.School{Name: "Nant Coed Primary School", Type: domain.SchoolPrimary, LanguageMedium: "english", Lang: "en", DistanceMiles: 9},
		[]teacherSpec{{"nantcoed.head", "Karen Oakley", "head"}, {"nantcoed.class", "Tom Whitcombe", "class_teacher"}, {"nantcoed.class2", "Hannah Beddoe", "class_teacher"}}},
	{"cwmaur", "Neath Port Talbot", domain.School{Name: "Cwm Aur Comprehensive School", Type: domain.SchoolSecondary, LanguageMedium: "english", Lang: "en", DistanceMiles: 17},
		[]teacherSpec{{"cwmaur.head", "Martin Prosser", "head"}, {"cwmaur.tutor", "Rachel Vines", "tutor"}, {"cwmaur.senco", "Ieuan Probert", "senco"}}},
	{"brynonnen", "Neath Port Talbot", domain.School{Name: "Ysgol Gymraeg Bryn Onnen", Type: domain.SchoolPrimary, LanguageMedium: "welsh", Lang: "cy", DistanceMiles: 21},
		[]teacherSpec{{"brynonnen.head", "Angharad Teifi", "head"}, {"brynonnen.class", "Elin Gwallter", "class_teacher"}, {"brynonnen.class2", "Iwan Bowen-Rees", "class_teacher"}}},
	{"caewennol", "Swansea", domain.School{Name: "Ysgol Cae Wennol", Type: domain.SchoolSpecial, LanguageMedium: "bilingual", Lang: "en", DistanceMiles: 24},
		[]teacherSpec{{"caewennol.head", "Susan Caddick", "head"}, {"caewennol.class", "Owen Tregarth", "class_teacher"}, {"caewennol.senco", "Mererid Gwynne", "senco"}}},
	{"heolfach", "Swansea", domain.School{Name: "Heol Fach Primary School", Type: domain.SchoolPrimary, LanguageMedium: "english", Lang: "en", DistanceMiles: 27},
		[]teacherSpec{{"heolfach.head", "Philip Ambrose", "head"}, {"heolfach.class", "Jenna Stroud", "class_teacher"}, {"heolfach.senco", "Nadia Farouk", "senco"}}},
	{"tyderw", "Rhondda Cynon Taf", domain.School{Name: "Tŷ Derw Learning Centre", Type: domain.SchoolPRU, LanguageMedium: "english", Lang: "en", DistanceMiles: 19},
		[]teacherSpec{{"tyderw.head", "Graham Lusty", "head"}, {"tyderw.class", "Sophie Kinsella-Rees", "class_teacher"}}},
	{"penrhos", "Rhondda Cynon Taf", domain.School{Name: "Penrhos Fawr Comprehensive School", Type: domain.SchoolSecondary, LanguageMedium: "english", Lang: "en", DistanceMiles: 23},
		[]teacherSpec{{"penrhos.head", "Deborah Hale", "head"}, {"penrhos.tutor", "Aled Treharne", "tutor"}}},
	{"pathways", "Cardiff", domain.School{Name: "Pathways Tuition Service (EOTAS)", Type: domain.SchoolEOTAS, LanguageMedium: "english", Lang: "en", DistanceMiles: 31},
		[]teacherSpec{{"pathways.head", "Yvonne Clissold", "head"}, {"pathways.ewo", "Paul Jenkyn", "ewo"}, {"pathways.tutor", "Shaheen Akhtar", "tutor"}}},
	{"bryncelyn", "Cardiff", domain.School{Name: "Bryn Celyn Primary School", Type: domain.SchoolPrimary, LanguageMedium: "english", Lang: "en", DistanceMiles: 29},
		[]teacherSpec{{"bryncelyn.head", "Neil Fairclough", "head"}, {"bryncelyn.class", "Amira Haddad", "class_teacher"}}},
	{"maesydelyn", "Vale of Glamorgan", domain.School{Name: "Maes-y-Delyn Primary School", Type: domain.SchoolPrimary, LanguageMedium: "english", Lang: "en", DistanceMiles: 25},
		[]teacherSpec{{"maesydelyn.head", "Gillian Thorne", "head"}, {"maesydelyn.class", "Becca Llewelyn", "class_teacher"}, {"maesydelyn.class2", "Jordan Astley", "class_teacher"}}},
}

func (l *loader) places(ctx context.Context) error {
	for _, la := range localAuthorities {
		id, err := l.s.AddLocalAuthority(ctx, l.coord, la)
		if err != nil {
			return fmt.Errorf("demo: local authority %s: %w", la.Name, err)
		}
		l.las[la.Name] = id
	}
	for i, sp := range schools {
		x := sp.school
		x.LocalAuthorityID = l.las[sp.la]
		x.Address = fmt.Sprintf("%s, %s", x.Name, sp.la)
		x.Phone = fmt.Sprintf("01632 960%03d", 500+i)
		domainPart := sp.key + ".sch.example"
		x.HeadName = sp.staff[0].name
		x.HeadEmail = "head@" + domainPart
		id, err := l.s.CreateSchool(ctx, l.coord, x)
		if err != nil {
			return fmt.Errorf("demo: school %s: %w", sp.key, err)
		}
		l.schools[sp.key] = id
		for _, t := range sp.staff {
			tid, err := l.s.CreateTeacher(ctx, l.coord, domain.Teacher{SchoolID: id, Name: t.name, Role: t.role, Lang: x.Lang, Email: emailFor(t.name, domainPart)})
			if err != nil {
				return fmt.Errorf("demo: teacher %s: %w", t.key, err)
			}
			l.teachers[t.key] = tid
		}
	}
	return nil
}

// emailFor makes "first.last@domain" from a name, dropping anything that is
// not a plain ASCII letter so Welsh names give valid addresses.
func emailFor(name, domainPart string) string {
	words := strings.Fields(strings.ToLower(name))
	clean := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r >= 'a' && r <= 'z' {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	return clean(words[0]) + "." + clean(words[len(words)-1]) + "@" + domainPart
}
