package packs

import (
	"cmp"
	"fmt"
	"io"
	"time"
)

// CarerLetter invites one family. It holds that family's details only:
// letters are generated one per family so that nothing about another family
// can be printed on them.
type CarerLetter struct {
	FamilyRef string // e.g. "FAM-0012"
	Carer     string // name used in the greeting
	Event     Event
	// MeetingStart and MeetingEnd are the family's own slot, which may be
	// shorter than the event.
	MeetingStart, MeetingEnd time.Time
	// Adults lists every adult coming with the family; each needs photo ID.
	Adults []string
	// ConfirmBy, ConfirmPhone and ConfirmURL tell the carer how to reply.
	// An empty phone falls back to the coordinator's.
	ConfirmBy    time.Time
	ConfirmPhone string
	ConfirmURL   string
}

func (c CarerLetter) validate() error {
	if _, err := Filename(KindCarerLetter, c.FamilyRef, English); err != nil {
		return err
	}
	if err := c.Event.validate(); err != nil {
		return err
	}
	if c.ConfirmURL == "" || c.ConfirmBy.IsZero() || cmp.Or(c.ConfirmPhone, c.Event.Coordinator.Phone) == "" {
		return fmt.Errorf("family %s: a reply date, phone number and link are all needed so the carer can confirm or cancel", c.FamilyRef)
	}
	if len(c.Adults) == 0 {
		return fmt.Errorf("family %s: no adults listed, so nobody could pass the ID check", c.FamilyRef)
	}
	return nil
}

// WriteCarerLetter writes one family's invitation letter as a PDF.
func WriteCarerLetter(w io.Writer, c CarerLetter, opt Options) error {
	if err := c.validate(); err != nil {
		return fmt.Errorf("packs: carer letter: %w", err)
	}
	d, err := newDoc(opt, docSpec{orientation: "P", title: "packs.carer.title", footer: "packs.carer.footer",
		data: map[string]any{"Ref": c.FamilyRef}})
	if err != nil {
		return err
	}
	d.passes(func() { d.carerLetter(c, opt.Now) })
	return d.finish(w, "carer letter "+c.FamilyRef)
}

func (d *doc) carerLetter(c CarerLetter, now time.Time) {
	ev := c.Event
	d.title(d.kicker(ev), d.m("packs.carer.title"))
	d.flow(caption, d.date(now), 5, nil)
	d.para(d.m("packs.carer.greeting", map[string]any{"Name": c.Carer}))
	d.para(d.m("packs.carer.intro"))

	d.heading(d.m("packs.carer.details.heading"))
	var extra []row
	if !c.MeetingStart.IsZero() {
		extra = append(extra, row{d.m("packs.label.meeting"), d.span(c.MeetingStart, c.MeetingEnd)})
	}
	d.eventSummary(ev, extra...)

	d.heading(d.m("packs.carer.getting_there.heading"))
	for _, t := range ev.Directions {
		d.para(text(t))
	}
	d.para(d.m("packs.carer.getting_there.allow_time"))

	d.heading(d.m("packs.carer.bring.heading"))
	d.warning(d.m("packs.security.id_warning"))
	d.para(d.m("packs.carer.bring.id_for"))
	names := make([]msg, len(c.Adults))
	for i, a := range c.Adults {
		names[i] = lit(a)
	}
	d.bullets(names...)
	d.bullets(d.m("packs.carer.bring.children"), d.m("packs.carer.bring.coin"), d.m("packs.carer.bring.comfort"))

	d.heading(d.m("packs.carer.dont_bring.heading"))
	d.bullets(d.m("packs.carer.dont_bring.phones"), d.m("packs.carer.dont_bring.food"),
		d.m("packs.carer.dont_bring.gifts"), d.m("packs.carer.dont_bring.medicines"))

	d.heading(d.m("packs.carer.arrival.heading"))
	d.para(d.m("packs.carer.arrival.text"))
	if len(ev.VisitorRules) > 0 {
		d.bullets(texts(ev.VisitorRules)...)
	}

	d.heading(d.m("packs.carer.travel.heading"))
	d.para(d.m("packs.carer.travel.text"))

	d.heading(d.m("packs.carer.confirm.heading"))
	phone := cmp.Or(c.ConfirmPhone, ev.Coordinator.Phone)
	d.para(d.m("packs.carer.confirm.text", map[string]any{"Date": d.date(c.ConfirmBy), "Phone": phone}))
	d.link(c.ConfirmURL)
	d.qrCode(c.ConfirmURL)
	d.para(d.m("packs.carer.confirm.cancel"))
	d.inset(d.m("packs.carer.short_notice"))

	d.space(2)
	d.para(d.m("packs.carer.sign_off"))
	d.flow(bodyBold, lit(ev.Coordinator.Name), 0, nil)
	d.flow(body, text(ev.Coordinator.Role), 0, nil)
	d.flow(body, lit(ev.Coordinator.Phone), 0, nil)
	d.flow(body, lit(ev.Coordinator.Email), 6, nil)
	if len(d.mode.langs()) == 1 {
		d.flow(small, d.m("packs.carer.other_language"), 0, nil)
	}
}
