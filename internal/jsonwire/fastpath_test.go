package jsonwire

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestIntOneDigit checks the one-digit path of ReadInt against the general
// one: what follows the digit decides which runs, and both agree.
func TestIntOneDigit(t *testing.T) {
	tests := []struct {
		body string
		want []int
		err  bool
	}{
		{`[0,7,9]`, []int{0, 7, 9}, false},
		{`[1 ,2 ]`, []int{1, 2}, false},
		{`[-3,10,5]`, []int{-3, 10, 5}, false},
		{`[01]`, nil, true},
		{`[1.5]`, nil, true},
		{`[2e0,3]`, []int{2, 3}, false},
		{`[4`, nil, true},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.body), time.UTC)
		got, err := List(d, nil, func(v *int) (err error) {
			*v, err = d.ReadInt()
			return err
		})
		if tt.err {
			assert.Error(t, err, tt.body)
			continue
		}
		if assert.NoError(t, err, tt.body) {
			assert.Equal(t, tt.want, got, tt.body)
		}
	}
	d := NewDecoder([]byte(`{"a":8}`), time.UTC)
	var a int
	require.NoError(t, d.Members(func(string) (err error) { a, err = d.ReadInt(); return err }))
	assert.Equal(t, 8, a)
}
