// Package links makes the personal links carers and teachers get instead
// of an account: a random token in the URL, kept by the app only as its
// hash, so a copy of the database opens no one's page.
package links

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// tokenBytes is 256 bits: far beyond guessing, even at the rate limit for
// years.
const tokenBytes = 32

// New returns a fresh token for a URL and the hash to store.
func New() (token, hash string, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("links: random: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, Hash(token), nil
}

// Hash is what the database keeps of a token. A token has 256 random bits,
// so a plain SHA-256 is enough: there is nothing to guess from.
func Hash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// Plausible reports whether s could be a token at all, so that obvious
// junk is refused before any lookup.
func Plausible(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
