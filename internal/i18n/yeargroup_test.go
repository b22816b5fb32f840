package i18n

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestYearGroupInEachLanguage(t *testing.T) {
	c := MustLoad()
	for _, tc := range []struct {
		typed, en, cy string
	}{
		{"Year 4", "Year 4", "Blwyddyn 4"},
		{"Blwyddyn 10", "Year 10", "Blwyddyn 10"},
		{"y6", "Year 6", "Blwyddyn 6"},
		{"Reception", "Reception", "Reception"},
	} {
		assert.Equal(t, tc.en, c.YearGroup(English, tc.typed), tc.typed)
		assert.Equal(t, tc.cy, c.YearGroup(Welsh, tc.typed), tc.typed)
	}
}
