package links

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokens(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		tok, hash, err := New()
		require.NoError(t, err)
		assert.Len(t, tok, 43, "256 bits in base64url")
		assert.True(t, Plausible(tok))
		assert.Equal(t, Hash(tok), hash)
		assert.NotContains(t, hash, tok)
		assert.False(t, seen[tok])
		seen[tok] = true
	}
	for _, junk := range []string{"", "abc", "../../etc/passwd", "a+b/cdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP", "€€€€€€€€€€€€€€"} {
		assert.False(t, Plausible(junk), junk)
	}
}
