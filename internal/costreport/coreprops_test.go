package costreport

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"schoolzone/internal/i18n"
)

// Readers that match names by prefix, as exceljs does, need every element
// of docProps/core.xml under its usual prefix and no default namespace.
// This checks the structure without any outside reader.
func TestCorePropertiesArePrefixed(t *testing.T) {
	prefixes := map[string]string{"cp": nsCoreProperties, "dc": nsDublinCore, "dcterms": nsDCTerms}
	for name, data := range workbooks(t) {
		t.Run(name, func(t *testing.T) {
			core, ok := unzip(t, data)[corePropsPath]
			require.True(t, ok, "no %s", corePropsPath)
			declared := map[string]string{}
			var elements []string
			d := xml.NewDecoder(strings.NewReader(core))
			for {
				tok, err := d.RawToken()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				se, ok := tok.(xml.StartElement)
				if !ok {
					continue
				}
				for _, a := range se.Attr {
					if a.Name.Space == "" && a.Name.Local == "xmlns" {
						t.Errorf("<%s> declares a default namespace %q", se.Name.Local, a.Value)
					}
					if a.Name.Space == "xmlns" {
						declared[a.Name.Local] = a.Value
					}
				}
				elements = append(elements, se.Name.Space+":"+se.Name.Local)
				if assert.Contains(t, prefixes, se.Name.Space, "<%s:%s> has no known prefix", se.Name.Space, se.Name.Local) {
					assert.Equal(t, prefixes[se.Name.Space], declared[se.Name.Space], "namespace of prefix %s", se.Name.Space)
				}
			}
			assert.Equal(t, []string{"cp:coreProperties", "dc:creator", "dc:language", "dcterms:created", "dcterms:modified"}, elements)
		})
	}
}

// The properties say who made the workbook, in which language and when,
// rather than excelize's template ("xuri", 2006).
func TestCorePropertiesValues(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(eventBook(t, i18n.Welsh)))
	require.NoError(t, err)
	defer f.Close()
	props, err := f.GetDocProps()
	require.NoError(t, err)
	assert.Equal(t, "Parth Ysgol", props.Creator, "the app's name in the workbook's language")
	assert.Equal(t, "cy", props.Language)
	assert.Equal(t, fixedNow.Format(time.RFC3339), props.Created)
	assert.Equal(t, fixedNow.Format(time.RFC3339), props.Modified)
	assert.Empty(t, props.LastModifiedBy)
}

// workbooks is every kind of workbook the package writes, in both
// languages, by file name.
func workbooks(t testing.TB) map[string][]byte {
	t.Helper()
	return map[string][]byte{
		"event-en.xlsx":        eventBook(t, i18n.English),
		"event-cy.xlsx":        eventBook(t, i18n.Welsh),
		"commissioner-en.xlsx": commissionerBook(t, i18n.English),
		"commissioner-cy.xlsx": commissionerBook(t, i18n.Welsh),
	}
}
