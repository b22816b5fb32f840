package packs

import (
	"strings"

	"schoolzone/internal/i18n"
)

// kicker is the line above a title: the programme and the prison.
func (d *doc) kicker(ev Event) msg {
	app := d.m("app.name")
	return d.m("packs.kicker", map[string]any{"App": app, "Prison": prisonName(ev.Prison)})
}

// eventSummary is the when-and-where block that opens teacher packs and
// carer letters; extra rows go after the date.
func (d *doc) eventSummary(ev Event, extra ...row) {
	rows := []row{{d.m("packs.label.date"), d.date(ev.Start)}}
	rows = append(rows, extra...)
	rows = append(rows,
		row{d.m("packs.label.arrive"), d.clock(ev.ArriveBy)},
		row{d.m("packs.label.place"), d.place(ev)},
	)
	if len(ev.Address) > 0 {
		rows = append(rows, row{d.m("packs.label.address"), lit(strings.Join(ev.Address, "\n"))})
	}
	d.summary(rows...)
}

func (d *doc) place(ev Event) msg { return twoLines(prisonName(ev.Prison), text(ev.Venue)) }

// prisonName is a prison's name in each language: "HMP Glanfa" is "CEF
// Glanfa" in Welsh.
func prisonName(name string) msg { return func(l i18n.Lang) string { return i18n.Prison(l, name) } }

// twoLines puts second under first, leaving it out where it is empty.
func twoLines(first, second msg) msg {
	return func(l i18n.Lang) string {
		if s := second(l); s != "" {
			return first(l) + "\n" + s
		}
		return first(l)
	}
}

func (d *doc) contact(c Contact) {
	rows := []row{{d.m("packs.label.name"), twoLines(lit(c.Name), text(c.Role))}}
	if c.Phone != "" {
		rows = append(rows, row{d.m("packs.label.phone"), lit(c.Phone)})
	}
	if c.Email != "" {
		rows = append(rows, row{d.m("packs.label.email"), lit(c.Email)})
	}
	d.summary(rows...)
}

func texts(ts []Text) []msg {
	out := make([]msg, len(ts))
	for i, t := range ts {
		out[i] = text(t)
	}
	return out
}
