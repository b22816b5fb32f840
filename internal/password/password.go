// Package password hashes and checks sign-in passwords. New hashes are
// argon2id (OWASP's first choice) in the PHC string format; bcrypt hashes
// from before still verify, and Verify says when one should be replaced.
package password

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
)

// Params are argon2id's cost settings.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// OWASP is the Password Storage Cheat Sheet's argon2id setting: 19 MiB,
// two passes, one thread. Production always hashes with it; tests may
// verify hashes made with cheaper settings, since the settings travel in
// the hash.
var OWASP = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
	// MinLength is the shortest password accepted, in characters.
	MinLength = 12
	// MaxLength keeps one request from making the server hash megabytes;
	// it is far above any passphrase (argon2 has no 72-byte limit).
	MaxLength = 1024
)

// Hash hashes pw with the OWASP setting.
func Hash(pw string) (string, error) { return HashWith(OWASP, pw) }

// HashWith hashes pw with p, as $argon2id$v=19$m=…,t=…,p=…$salt$key.
func HashWith(p Params, pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrUnknownHash is a stored hash in no format this package reads.
var ErrUnknownHash = errors.New("password: unknown hash format")

// Verify reports whether pw matches the stored hash, and whether the hash
// should be replaced by a new Hash (an old bcrypt one, or argon2id with
// other settings than production's).
func Verify(stored, pw string) (ok, rehash bool, err error) {
	if strings.HasPrefix(stored, "$2a$") || strings.HasPrefix(stored, "$2b$") || strings.HasPrefix(stored, "$2y$") {
		err := bcrypt.CompareHashAndPassword([]byte(stored), []byte(pw))
		if errors.Is(err, bcrypt.ErrMismatchedHashAndPassword) {
			return false, false, nil
		}
		if err != nil {
			// bcrypt refuses passwords over 72 bytes; such a password
			// cannot be the one this hash was made from.
			if errors.Is(err, bcrypt.ErrPasswordTooLong) {
				return false, false, nil
			}
			return false, false, fmt.Errorf("password: bcrypt: %w", err)
		}
		return true, true, nil
	}
	p, salt, key, err := decode(stored)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false, nil
	}
	return true, p != OWASP, nil
}

func decode(stored string) (Params, []byte, []byte, error) {
	parts := strings.Split(stored, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Params{}, nil, nil, ErrUnknownHash
	}
	var v int
	var p Params
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return Params{}, nil, nil, fmt.Errorf("%w: argon2 version %q", ErrUnknownHash, parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || p.Time == 0 || p.Threads == 0 {
		return Params{}, nil, nil, fmt.Errorf("%w: argon2 settings %q", ErrUnknownHash, parts[3])
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return Params{}, nil, nil, fmt.Errorf("%w: argon2 salt or key", ErrUnknownHash)
	}
	return p, salt, key, nil
}

var (
	dummyOnce sync.Once
	dummy     string
)

// Dummy verifies pw against a hash of nothing anyone knows, so that a
// sign-in for an unknown or disabled account takes as long as one with a
// wrong password. The hash is made on first use, not when the program
// starts: commands that never check a password never pay for it.
func Dummy(pw string) {
	dummyOnce.Do(func() { dummy, _ = Hash("not a password anyone has") })
	Verify(dummy, pw)
}

//go:embed common.txt
var commonList []byte

var common = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range bytes.Split(commonList, []byte("\n")) {
		if s := strings.TrimSpace(string(line)); s != "" && !strings.HasPrefix(s, "#") {
			m[strings.ToLower(s)] = true
		}
	}
	return m
})

// Problem says what is wrong with a new password, as a catalogue key, or ""
// when it is acceptable.
func Problem(pw string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinLength:
		return "err.password_short"
	case n > MaxLength:
		return "err.password_long"
	case common()[strings.ToLower(pw)] || common()[strings.ToLower(strings.Join(strings.Fields(pw), ""))]:
		return "err.password_common"
	}
	return ""
}
