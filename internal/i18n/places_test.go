package i18n

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCouncilNamesInEachLanguage(t *testing.T) {
	for _, x := range []struct {
		name, welsh, en, cy string
	}{
		{"Cardiff", "", "Cardiff", "Caerdydd"},
		{"Bridgend", "", "Bridgend", "Pen-y-bont ar Ogwr"},
		{"Neath Port Talbot", "", "Neath Port Talbot", "Castell-nedd Port Talbot"},
		{"Swansea", "", "Swansea", "Abertawe"},
		{"Vale of Glamorgan", "", "Vale of Glamorgan", "Bro Morgannwg"},
		{"Rhondda Cynon Taf", "", "Rhondda Cynon Taf", "Rhondda Cynon Taf"},
		{"City and County of Swansea", "", "City and County of Swansea", "Abertawe"},
		{"Wrexham County Borough", "", "Wrexham County Borough", "Wrecsam"},
		{"  isle of  Anglesey ", "", "  isle of  Anglesey ", "Ynys Môn"},
		{"Herefordshire", "", "Herefordshire", "Herefordshire"},                  // over the border: no Welsh name
		{"Herefordshire", "Swydd Henffordd", "Herefordshire", "Swydd Henffordd"}, // one recorded wins
		{"Cardiff", "Cyngor Caerdydd", "Cardiff", "Cyngor Caerdydd"},
	} {
		assert.Equal(t, x.en, Council(English, x.name, x.welsh), x.name)
		assert.Equal(t, x.cy, Council(Welsh, x.name, x.welsh), x.name)
	}
}

func TestPrisonNamesInEachLanguage(t *testing.T) {
	for _, x := range []struct{ name, cy string }{
		{"HMP Glanfa", "CEF Glanfa"},
		{"HMP Cardiff", "CEF Caerdydd"},
		{"HMP Swansea", "CEF Abertawe"},
		{"HMP Usk", "CEF Brynbuga"},
		{"HMP Parc", "CEF Parc"},
		{"HM Prison Berwyn", "CEF Berwyn"},
		{"hmp  Prescoed", "CEF Prescoed"},
		{"Glanfa", "Glanfa"}, // no title: the name as typed
		{"HMP", "HMP"},       // a title alone is not a prison's name
		{"HMPS Example", "HMPS Example"},
		{"HMP & YOI Parc", "HMP & YOI Parc"}, // two titles: as typed, not half translated
		{"HMP/YOI Parc", "HMP/YOI Parc"},
	} {
		assert.Equal(t, x.name, Prison(English, x.name), "English keeps the name as typed")
		assert.Equal(t, x.cy, Prison(Welsh, x.name), x.name)
	}
}
