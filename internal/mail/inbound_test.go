package mail

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCalendarPartsFromEachClientsShape(t *testing.T) {
	for _, tt := range []struct {
		file string
		want string
	}{
		{"outlook.eml", "UID:sz-ev1-teacher1@schoolzone.test"},     // base64 alternative
		{"google.eml", "UID:sz-ev1-carer1@schoolzone.test"},        // 7bit alternative and the same as an attachment
		{"thunderbird.eml", "UID:sz-ev1-teacher2@schoolzone.test"}, // 8bit inline
	} {
		raw, err := os.ReadFile(filepath.Join("..", "replies", "testdata", tt.file))
		require.NoError(t, err)
		parts, err := CalendarParts(raw)
		require.NoError(t, err, tt.file)
		require.Len(t, parts, 1, "%s: copies of one reply count once", tt.file)
		assert.Contains(t, string(parts[0]), "METHOD:REPLY", tt.file)
		assert.Contains(t, string(parts[0]), tt.want, tt.file)
	}
	parts, err := CalendarParts([]byte("Subject: hello\r\nContent-Type: text/plain\r\n\r\nNo calendar here.\r\n"))
	require.NoError(t, err)
	assert.Empty(t, parts)
	nested := "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + strings.Repeat("--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n", 100)
	_, err = CalendarParts([]byte(nested))
	assert.Error(t, err, "a message nested without end is refused, not walked")
}

// FuzzCalendarParts: no message, however malformed, panics the reader.
func FuzzCalendarParts(f *testing.F) {
	for _, name := range []string{"outlook.eml", "google.eml", "thunderbird.eml"} {
		raw, err := os.ReadFile(filepath.Join("..", "replies", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		_, _ = CalendarParts(raw)
	})
}
