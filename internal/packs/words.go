package packs

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the same local times on every machine, with or without zoneinfo

	"schoolzone/internal/i18n"
)

// london is where every showcase happens, so every time is printed in it,
// whatever zone the caller's times carry.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("packs: embedded tzdata lacks Europe/London: " + err.Error())
	}
	return loc
}()

var catalogue = sync.OnceValues(i18n.Load)

// msg is text not yet put into a language: documents are described once and
// drawn in one language, or two side by side.
type msg func(i18n.Lang) string

// words turns catalogue IDs and values into msgs.
type words struct{ cat *i18n.Catalogue }

// m looks id up in the catalogue. Values in data may themselves be msgs
// (a date, a time), which are put into the same language as the sentence.
func (w words) m(id string, data ...map[string]any) msg {
	return func(l i18n.Lang) string { return w.cat.T(l, id, localize(l, data)...) }
}

func localize(l i18n.Lang, data []map[string]any) []map[string]any {
	if len(data) == 0 {
		return nil
	}
	out := make(map[string]any, len(data[0]))
	for k, v := range data[0] {
		if m, ok := v.(msg); ok {
			v = m(l)
		}
		out[k] = v
	}
	return []map[string]any{out}
}

// n is m for plural messages.
func (w words) n(id string, count int) msg {
	return func(l i18n.Lang) string { return w.cat.N(l, id, count) }
}

// lit is text that is the same in every language: names, references, numbers.
func lit(s string) msg { return func(i18n.Lang) string { return s } }

func text(t Text) msg { return t.In }

// date prints t as "Tuesday 10 March 2026" / "dydd Mawrth 10 Mawrth 2026".
func (w words) date(t time.Time) msg {
	t = t.In(london)
	return func(l i18n.Lang) string {
		return w.cat.T(l, "packs.date.long", map[string]any{
			"Weekday": w.cat.T(l, "packs.weekday."+strconv.Itoa(int(t.Weekday()))),
			"Day":     t.Day(),
			"Month":   w.cat.T(l, "packs.month."+strconv.Itoa(int(t.Month()))),
			"Year":    t.Year(),
		})
	}
}

// clock prints t as "10:30am" / "10:30yb", the GOV.UK style, in London time.
func (w words) clock(t time.Time) msg {
	t = t.In(london)
	id, h := "packs.time.am", t.Hour()
	if h >= 12 {
		id = "packs.time.pm"
	}
	if h = h % 12; h == 0 {
		h = 12
	}
	data := map[string]any{"Hour": h, "Minute": fmt.Sprintf("%02d", t.Minute())}
	return w.m(id, data)
}

func (w words) span(from, to time.Time) msg {
	return w.m("packs.time.range", map[string]any{"From": w.clock(from), "To": w.clock(to)})
}

// join puts a msg into one string for places with room for one line only,
// such as table cells: two languages are separated by a slash, Welsh first.
func join(m msg, langs []i18n.Lang) string { return joinWith(m, langs, " / ") }

func joinWith(m msg, langs []i18n.Lang, sep string) string {
	parts := make([]string, 0, len(langs))
	for _, l := range langs {
		s := m(l)
		if len(parts) > 0 && parts[len(parts)-1] == s {
			continue // a name or number reads the same in both
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, sep)
}
