package i18n

import "strings"

// councilsCy are the Welsh names of the 22 principal councils of Wales,
// as the Local Government (Wales) Act 1994 gives them, keyed by the
// English name folded to lower case. A name not listed (a council over the
// border, or one typed differently) is shown as typed in both languages.
var councilsCy = map[string]string{
	"blaenau gwent":     "Blaenau Gwent",
	"bridgend":          "Pen-y-bont ar Ogwr",
	"caerphilly":        "Caerffili",
	"cardiff":           "Caerdydd",
	"carmarthenshire":   "Sir Gaerfyrddin",
	"ceredigion":        "Ceredigion",
	"conwy":             "Conwy",
	"denbighshire":      "Sir Ddinbych",
	"flintshire":        "Sir y Fflint",
	"gwynedd":           "Gwynedd",
	"isle of anglesey":  "Ynys Môn",
	"anglesey":          "Ynys Môn",
	"merthyr tydfil":    "Merthyr Tudful",
	"monmouthshire":     "Sir Fynwy",
	"neath port talbot": "Castell-nedd Port Talbot",
	"newport":           "Casnewydd",
	"pembrokeshire":     "Sir Benfro",
	"powys":             "Powys",
	"rhondda cynon taf": "Rhondda Cynon Taf",
	"swansea":           "Abertawe",
	"torfaen":           "Tor-faen",
	"vale of glamorgan": "Bro Morgannwg",
	"wrexham":           "Wrecsam",
}

// prisonPlacesCy are the places Welsh prisons are named after whose
// Welsh name is not a council's.
var prisonPlacesCy = map[string]string{"usk": "Brynbuga"}

// Council gives a local authority's name in lang: "Cardiff" is "Caerdydd"
// in Welsh. welsh is the name recorded for it in Welsh, which wins when
// set; otherwise a principal council of Wales has its statutory Welsh name,
// and any other name is shown as it is.
func Council(lang Lang, name, welsh string) string {
	if lang != Welsh {
		return name
	}
	if w := strings.TrimSpace(welsh); w != "" {
		return w
	}
	key := strings.ToLower(strings.Join(strings.Fields(name), " "))
	key = strings.TrimSuffix(strings.TrimPrefix(key, "city and county of "), " council")
	key = strings.TrimPrefix(key, "city of ")
	key = strings.TrimSuffix(key, " county borough")
	if w, ok := councilsCy[key]; ok {
		return w
	}
	return name
}

// Prison gives a prison's name in lang. In Welsh "HMP" (Her, or His,
// Majesty's Prison) is "CEF" (Carchar Ei Fawrhydi), and a prison named
// after a place with a Welsh name takes it: "HMP Cardiff" is "CEF
// Caerdydd", "HMP Parc" is "CEF Parc". A name without the title, or with
// more than the one title ("HMP & YOI Parc"), is shown as typed.
func Prison(lang Lang, name string) string {
	if lang != Welsh {
		return name
	}
	fields := strings.Fields(name)
	var rest []string
	switch {
	case len(fields) > 1 && strings.EqualFold(fields[0], "HMP"):
		rest = fields[1:]
	case len(fields) > 2 && strings.EqualFold(fields[0], "HM") && strings.EqualFold(fields[1], "Prison"):
		rest = fields[2:]
	default:
		return name
	}
	place := strings.Join(rest, " ")
	if strings.ContainsAny(place, "&/") || strings.Contains(strings.ToUpper(place), "YOI") {
		// "HMP & YOI Parc": the institution's Welsh title is not settled
		// here, and half a translation is worse than the name as typed.
		return name
	}
	if w, ok := prisonPlacesCy[strings.ToLower(place)]; ok {
		place = w
	} else {
		place = Council(Welsh, place, "")
	}
	return "CEF " + place
}
