package ical

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func isValidUTF8(s string) bool { return utf8.ValidString(s) }

func TestFold(t *testing.T) {
	ascii75 := strings.Repeat("a", 75)
	tests := []struct {
		name, in, want string
	}{
		{"short line untouched", "A:b\r\n", "A:b\r\n"},
		{"exactly 75 octets untouched", ascii75 + "\r\n", ascii75 + "\r\n"},
		{"76 octets folds", ascii75 + "b\r\n", ascii75 + "\r\n b\r\n"},
		{
			// 74 ASCII octets then ŵ (2 octets) would straddle octet 75.
			"multibyte rune moves whole to the next line",
			strings.Repeat("a", 74) + "ŵxyz\r\n",
			strings.Repeat("a", 74) + "\r\n ŵxyz\r\n",
		},
		{
			"continuation lines hold 74 octets after the space",
			ascii75 + strings.Repeat("c", 80) + "\r\n",
			ascii75 + "\r\n " + strings.Repeat("c", 74) + "\r\n " + "cccccc\r\n",
		},
		{"missing final CRLF is added", "A:b", "A:b\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, fold(&b, []byte(tt.in)))
			assert.Equal(t, tt.want, b.String())
		})
	}
}

// Every split point inside a run of 2-, 3- and 4-octet runes must still
// give lines of valid UTF-8 no longer than 75 octets that unfold losslessly.
func TestFoldNeverSplitsRunes(t *testing.T) {
	for prefix := 0; prefix < 4; prefix++ {
		line := "DESCRIPTION:" + strings.Repeat("x", prefix) + strings.Repeat("ŵŷ–🏴", 40)
		var b bytes.Buffer
		require.NoError(t, fold(&b, []byte(line+"\r\n")))
		parts := strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n")
		for i, p := range parts {
			assert.LessOrEqual(t, len(p), maxLine)
			assert.True(t, utf8.ValidString(p), "prefix %d part %d: %q", prefix, i, p)
			if i > 0 {
				assert.True(t, strings.HasPrefix(p, " "))
			}
		}
		assert.Equal(t, line, strings.ReplaceAll(strings.TrimSuffix(b.String(), "\r\n"), "\r\n ", ""))
	}
}
