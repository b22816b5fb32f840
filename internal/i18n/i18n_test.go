package i18n

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Welsh and English are equals: every message must exist in both, and every
// plural message must carry each form its language's CLDR rules use.
func TestCatalogueIsComplete(t *testing.T) {
	c, err := Load()
	require.NoError(t, err)
	en, cy := c.IDs(English), c.IDs(Welsh)
	require.NotEmpty(t, en)
	assert.Equal(t, en, cy, "message IDs differ between en and cy")

	forms := map[Lang][]string{English: {"one", "other"}, Welsh: {"zero", "one", "two", "few", "many", "other"}}
	for _, l := range Langs {
		for _, id := range c.IDs(l) {
			m, _ := c.Message(l, id)
			if m.Other == "" {
				t.Errorf("%s/%s: empty message", l, id)
			}
			plural := m.One != "" || m.Few != "" || m.Many != "" || m.Two != "" || m.Zero != ""
			if !plural {
				continue
			}
			have := map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other}
			for _, f := range forms[l] {
				if have[f] == "" && !(l == English && f == "zero") {
					t.Errorf("%s/%s: plural form %q missing", l, id, f)
				}
			}
		}
	}
}

func TestWelshPluralRules(t *testing.T) {
	c := MustLoad()
	cases := []struct {
		lang Lang
		n    int
		want string
	}{
		{English, 1, "1 family"},
		{English, 3, "3 families"},
		{Welsh, 0, "dim teuluoedd"},
		{Welsh, 1, "1 teulu"},
		{Welsh, 2, "2 deulu"},
		{Welsh, 3, "3 theulu"},
		{Welsh, 6, "6 theulu"},
		{Welsh, 16, "16 teulu"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, c.N(tc.lang, "count.families", tc.n), "%s n=%d", tc.lang, tc.n)
	}
}

func TestFallbacks(t *testing.T) {
	fsys := fstest.MapFS{
		"l/a.en.json": {Data: []byte(`{"only.en": "Hello {{.Name}}"}`)},
		"l/a.cy.json": {Data: []byte(`{}`)},
	}
	c, err := LoadFS(fsys, "l")
	require.NoError(t, err)
	assert.Equal(t, "Hello Sam", c.T(Welsh, "only.en", map[string]any{"Name": "Sam"}), "falls back to English")
	assert.Equal(t, "no.such.key", c.T(Welsh, "no.such.key"))
	assert.False(t, c.Has(Welsh, "only.en"))
	assert.True(t, c.Has(English, "only.en"))
}

func TestLoadRejectsBrokenFiles(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"malformed":   {"l/a.en.json": {Data: []byte(`{"x": `)}},
		"unsupported": {"l/a.fr.json": {Data: []byte(`{"x": "y"}`)}},
		"duplicate":   {"l/a.en.json": {Data: []byte(`{"x": "y"}`)}, "l/b.en.json": {Data: []byte(`{"x": "z"}`)}},
	} {
		_, err := LoadFS(fsys, "l")
		assert.Error(t, err, name)
	}
}

func TestParse(t *testing.T) {
	assert.Equal(t, Welsh, Parse("cy-GB"))
	assert.Equal(t, English, Parse("fr"))
	assert.Equal(t, English, Parse(""))
	assert.True(t, strings.HasPrefix(string(Parse(" CY ")), "cy"))
}

// T picks a plural message's form from a whole-number Count, and leaves a
// plain message that merely shows a Count alone (in Welsh, 3 asks for the
// "few" form, which a plain message has not got).
func TestTPluralOnlyForPluralMessages(t *testing.T) {
	c := MustLoad()
	assert.Equal(t, "2 deulu", c.T(Welsh, "count.families", map[string]any{"Count": 2}))
	assert.Equal(t, "1 family", c.T(English, "count.families", map[string]any{"Count": 1}))
	got := c.T(Welsh, "allocate.err.quiet_tables", map[string]any{"Count": 3, "Have": 2})
	assert.NotContains(t, got, "families", "a plain message stays in Welsh")
}
