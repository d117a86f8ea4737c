package jsonwire

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOwnGuessesTheNextSize(t *testing.T) {
	long := strings.Repeat("x", 300)
	tests := []struct {
		name, body string
		err        string
	}{
		{"alike", `[{"s":"a1"},{"s":"a2"},{"s":"a3"}]`, ""},
		{"longer after shorter: the guess is short", `[{"s":"a"},{"s":"` + long + `"},{"s":"b"}]`, ""},
		{"shorter after longer", `[{"s":"` + long + `"},{"s":"b"},{}]`, ""},
		{"an error past a short guess", `[{"s":"a"},{"s":"` + long + `","t":tru}]`, `[1].t: invalid character '}' in literal true at offset 326`},
		{"an error within the guess", `[{"s":"` + long + `"},{"s":1.}]`, `[1].s: invalid character '}' after decimal point in number at offset 317`},
		{"cut off", `[{"s":"a"},{"s":"b"`, `[1]: unexpected end of input after a value at offset 19`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			type item struct {
				s   string
				raw []byte
			}
			read := func(d *Decoder, own bool) ([]item, error) {
				return List(d, nil, func(v *item) error {
					member := func() error {
						return d.Members(func(k string) (err error) {
							if k == "s" {
								v.s, err = d.ReadString()
							}
							return err
						})
					}
					if !own {
						return member()
					}
					var err error
					v.raw, err = d.Own(member)
					return err
				})
			}
			_, inPlace := read(NewDecoder(body, time.UTC), false)
			items, err := read(NewDecoder(body, time.UTC), true)
			if tt.err != "" {
				assert.EqualError(t, err, tt.err)
				assert.EqualError(t, inPlace, tt.err, "as without Own")
				return
			}
			require.NoError(t, err)
			var want []json.RawMessage
			require.NoError(t, json.Unmarshal(body, &want))
			wantStrings := make([]string, len(want))
			for i, w := range want {
				var v struct{ S string }
				require.NoError(t, json.Unmarshal(w, &v))
				wantStrings[i] = v.S
			}
			for i := range body {
				body[i] = 'X' // the values kept nothing of the input
			}
			require.Len(t, items, len(want))
			for i, it := range items {
				assert.Equal(t, string(want[i]), string(it.raw))
				assert.Equal(t, len(it.raw), cap(it.raw), "capped at the value, not the guess")
				assert.Equal(t, wantStrings[i], it.s)
			}
		})
	}
}

func TestKeysPredictedFromTheLastItem(t *testing.T) {
	body := []byte(`[{"uuid":1,"name":2,"x":{"a":3}},` +
		`{"uuid":1,"name":2,"x":{"a":3}},` + // as predicted
		`{"name":2,"uuid":1,"x":{"b":3}},` + // another order
		`{"u\u0075id":1,"names":2,"x" :{"a":3}},` + // an escape, a longer key, a space
		`{"uuid":1,"nam":2,"x":{"":3}},` + // a shorter key, an empty one
		`{"uuid":1,"name":2,"x":{"a":3},"y":4},` + // one more
		`{"uuid":1}]`) // fewer
	want := [][]string{
		{"uuid", "name", "x", "a"},
		{"uuid", "name", "x", "a"},
		{"name", "uuid", "x", "b"},
		{"uuid", "names", "x", "a"},
		{"uuid", "nam", "x", ""},
		{"uuid", "name", "x", "a", "y"},
		{"uuid"},
	}
	d := NewDecoder(body, time.UTC)
	var walkKeys func(keys *[]string) error
	walkKeys = func(keys *[]string) error {
		return d.Members(func(k string) error {
			*keys = append(*keys, k)
			if d.Peek() == '{' {
				return walkKeys(keys)
			}
			return nil
		})
	}
	got, err := List(d, nil, func(keys *[]string) error {
		_, err := d.Own(func() error { return walkKeys(keys) })
		return err
	})
	require.NoError(t, err)
	assert.Equal(t, want, got)
}
