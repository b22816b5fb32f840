package costreport

import (
	"encoding/xml"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
)

// corePropsPath is the package part holding the workbook's creator,
// language and dates (ECMA-376 Part 2, core properties).
const corePropsPath = "docProps/core.xml"

// coreProperties is that part with every element under its usual prefix.
// excelize's SetDocProps (v2.11.1) writes the cp: elements unprefixed in a
// default namespace, always including an empty lastModifiedBy: valid XML,
// but exceljs matches names by prefix and rejects the whole workbook
// ("Unexpected xml node in parseOpen"). The prefixed tags are written
// literally, as excelize writes its own dc: and dcterms: ones.
type coreProperties struct {
	XMLName  xml.Name `xml:"cp:coreProperties"`
	CP       string   `xml:"xmlns:cp,attr"`
	DC       string   `xml:"xmlns:dc,attr"`
	DCTerms  string   `xml:"xmlns:dcterms,attr"`
	XSI      string   `xml:"xmlns:xsi,attr"`
	Creator  string   `xml:"dc:creator"`
	Language string   `xml:"dc:language"`
	Created  w3cdtf   `xml:"dcterms:created"`
	Modified w3cdtf   `xml:"dcterms:modified"`
}

type w3cdtf struct {
	Type string `xml:"xsi:type,attr"`
	Time string `xml:",chardata"`
}

// Namespaces of the core properties part.
const (
	nsCoreProperties = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
	nsDublinCore     = "http://purl.org/dc/elements/1.1/"
	nsDCTerms        = "http://purl.org/dc/terms/"
	nsXSI            = "http://www.w3.org/2001/XMLSchema-instance"
)

// setCoreProperties replaces the part excelize's template starts with
// (creator "xuri", dated 2006) in the file's package, where excelize keeps
// every part until Write.
func setCoreProperties(f *excelize.File, creator, lang string, created time.Time) error {
	at := w3cdtf{Type: "dcterms:W3CDTF", Time: created.UTC().Format(time.RFC3339)}
	out, err := xml.Marshal(coreProperties{CP: nsCoreProperties, DC: nsDublinCore, DCTerms: nsDCTerms, XSI: nsXSI,
		Creator: creator, Language: lang, Created: at, Modified: at})
	if err != nil {
		return fmt.Errorf("costreport: core properties: %w", err)
	}
	f.Pkg.Store(corePropsPath, append([]byte(xml.Header), out...))
	return nil
}
