package password

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"
)

// cheap keeps the tests quick; TestHashUsesOWASP shows Hash itself uses
// the production setting.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashUsesOWASP(t *testing.T) {
	h, err := Hash("a long enough passphrase")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$"), h)
	ok, rehash, err := Verify(h, "a long enough passphrase")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.False(t, rehash, "a production hash is kept")
}

func TestVerify(t *testing.T) {
	long := strings.Repeat("a passphrase well past bcrypt's 72 bytes ", 4)
	argon, err := HashWith(cheap, long)
	require.NoError(t, err)
	old, err := bcrypt.GenerateFromPassword([]byte("an old bcrypt password"), bcrypt.MinCost)
	require.NoError(t, err)
	tests := []struct {
		name, stored, pw string
		ok, rehash       bool
		err              bool
	}{
		{"argon2id, right", argon, long, true, true, false},
		{"argon2id, one byte short", argon, long[:len(long)-1], false, false, false},
		{"argon2id, a 72-byte prefix is not enough", argon, long[:72], false, false, false},
		{"bcrypt, right, to be rehashed", string(old), "an old bcrypt password", true, true, false},
		{"bcrypt, wrong", string(old), "another password", false, false, false},
		{"bcrypt, a password over 72 bytes is just wrong", string(old), long, false, false, false},
		{"garbage", "plaintext", "plaintext", false, false, true},
		{"argon2i is not read", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "x", false, false, true},
		{"zero passes", "$argon2id$v=19$m=64,t=0,p=1$c2FsdA$a2V5", "x", false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := Verify(tt.stored, tt.pw)
			assert.Equal(t, tt.err, err != nil, "%v", err)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.rehash, rehash)
		})
	}
}

func TestProblem(t *testing.T) {
	tests := []struct{ pw, want string }{
		{"short", "err.password_short"},
		{"ŵŵŵŵŵŵŵŵŵŵŵ", "err.password_short"}, // 11 characters, 22 bytes
		{"ŵŵŵŵŵŵŵŵŵŵŵŵ", ""},
		{"Password1234", "err.password_common"},
		{"Correct Horse Battery Staple", "err.password_common"},
		{"correct  horse battery staple", "err.password_common"},
		{"QWERTYUIOP123", "err.password_common"},
		{"tea at the hall at four", ""},
		{strings.Repeat("x", MaxLength+1), "err.password_long"},
		{strings.Repeat("long passphrase ", 20), ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Problem(tt.pw), "%.30q", tt.pw)
	}
}

func TestDummyIsMadeOnFirstUse(t *testing.T) {
	assert.Empty(t, dummy, "nothing is hashed when the package loads")
	Dummy("anything")
	assert.True(t, strings.HasPrefix(dummy, "$argon2id$"))
}
