package jsonwire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSameAt checks the in-line key comparison against Go's own, on keys
// of every length around the word size, differing at every byte.
func TestSameAt(t *testing.T) {
	const text = `{"a":1,"_origination_caller_id_number":2,"uuid":3,"maximumcall":4}`
	for i := 0; i <= len(text); i++ {
		for n := 0; n <= len(text)-i+2; n++ {
			end := min(i+n, len(text))
			rec := text[i:end] + "xx"[:n-(end-i)]
			want := i+len(rec) <= len(text) && text[i:i+len(rec)] == rec
			assert.Equal(t, want, sameAt(text, i, rec), "i=%d rec=%q", i, rec)
			for k := 0; k < len(rec); k++ { // one byte off, wherever it is
				b := []byte(rec)
				b[k] ^= 0x20
				assert.False(t, sameAt(text, i, string(b)), "i=%d rec=%q", i, b)
			}
		}
	}
}
