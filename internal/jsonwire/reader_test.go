package jsonwire

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// read runs fn over in, which must hold nothing after the value.
func read(in string, fn func(d *Decoder) error) error {
	d := NewDecoder([]byte(in), time.UTC)
	if err := fn(d); err != nil {
		return err
	}
	return d.End("the value")
}

func TestScalars(t *testing.T) {
	for _, tc := range []struct {
		in      string
		read    func(d *Decoder) (any, error)
		want    any
		wantErr string
	}{
		{`"10.00"`, func(d *Decoder) (any, error) { return d.ReadInt() }, 10, ""},
		{`1e2`, func(d *Decoder) (any, error) { return d.ReadInt() }, 100, ""},
		{`null`, func(d *Decoder) (any, error) { return d.ReadInt() }, 0, ""},
		{`1.5`, func(d *Decoder) (any, error) { return d.ReadInt() }, 0, "number 1.5 is not an integer"},
		{`"abc"`, func(d *Decoder) (any, error) { return d.ReadInt() }, 0, `string "abc" is not an integer`},
		{`"1"`, func(d *Decoder) (any, error) { return d.ReadBool() }, true, ""},
		{`2`, func(d *Decoder) (any, error) { return d.ReadBool() }, true, ""},
		{`"no"`, func(d *Decoder) (any, error) { return d.ReadBool() }, false, `string "no" is not a boolean`},
		{`101`, func(d *Decoder) (any, error) { return d.ReadString() }, "101", ""},
		{`"a\"b"`, func(d *Decoder) (any, error) { return d.ReadString() }, `a"b`, ""},
		{`{}`, func(d *Decoder) (any, error) { return d.ReadString() }, "", "an object is not a string"},
		{`"2024-09-02T13:45:18Z"`, func(d *Decoder) (any, error) { return d.ReadTime() },
			time.Date(2024, 9, 2, 13, 45, 18, 0, time.UTC), ""},
		{`[1, {"a":2}]`, func(d *Decoder) (any, error) { r, err := d.ReadRaw(); return string(r), err }, `[1, {"a":2}]`, ""},
	} {
		var got any
		err := read(tc.in, func(d *Decoder) (err error) {
			got, err = tc.read(d)
			return err
		})
		if tc.wantErr != "" {
			var jerr *Error
			require.ErrorAs(t, err, &jerr, tc.in)
			assert.Equal(t, tc.wantErr, jerr.Msg, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

func TestObjectForms(t *testing.T) {
	for _, tc := range []struct {
		in      string
		present bool
		keys    []string
		wantErr string
	}{
		{`{}`, false, nil, ""},
		{`[]`, false, nil, ""},
		{`null`, false, nil, ""},
		{`{"a":1,"b":{"x":[1]},"a":2}`, true, []string{"a", "b", "a"}, ""},
		{`[1]`, false, nil, "a non-empty list is not an object"},
		{`"x"`, false, nil, `string "x" is not an object`},
	} {
		var keys []string
		var present bool
		err := read(tc.in, func(d *Decoder) (err error) {
			present, err = d.Object(func(k string) error {
				keys = append(keys, k)
				return nil // reads nothing: the value is skipped
			})
			return err
		})
		if tc.wantErr != "" {
			assert.EqualError(t, err, tc.wantErr, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.present, present, tc.in)
		assert.Equal(t, tc.keys, keys, tc.in)
	}
}

func TestListForms(t *testing.T) {
	ints := func(in string) ([]int, error) {
		var out []int
		err := read(in, func(d *Decoder) (err error) {
			var scratch []int
			out, err = List(d, &scratch, func(v *int) (err error) {
				*v, err = d.ReadInt()
				return err
			})
			return err
		})
		return out, err
	}
	for in, want := range map[string][]int{
		`null`: nil, `[]`: {}, `{}`: {}, `[1,"2"]`: {1, 2},
		`{"3":30,"0":0,"1":10,"1":11}`: {0, 11, 30}, // PHP's filtered array; the last duplicate wins
	} {
		got, err := ints(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for in, want := range map[string]string{
		`[1,"x"]`:   `[1]: string "x" is not an integer`,
		`{"2":1.5}`: `[2]: number 1.5 is not an integer`,
		`{"a":1}`:   `key "a" is not a list index`,
		`"1,2"`:     `string "1,2" is not a list`,
		`[1,2x]`:    "[1]: invalid character 'x' after a value at offset 4",
	} {
		_, err := ints(in)
		assert.EqualError(t, err, want, in)
	}
}

func TestErrorPaths(t *testing.T) {
	err := read(`{"a":[{"b":{"c":"x"}}]}`, func(d *Decoder) error {
		return d.Members(func(string) error {
			_, err := List(d, nil, func(*struct{}) error {
				return d.Members(func(string) error {
					return d.Members(func(string) error {
						_, err := d.ReadInt()
						return err
					})
				})
			})
			return err
		})
	})
	var jerr *Error
	require.True(t, errors.As(err, &jerr))
	assert.Equal(t, "a[0].b.c", jerr.Path)
	assert.Equal(t, `string "x" is not an integer`, jerr.Msg)
	assert.Equal(t, `a[0].b.c: string "x" is not an integer`, err.Error())
	assert.Equal(t, "msg", (&Error{Msg: "msg"}).Error())
}

func TestOwnAndEmpty(t *testing.T) {
	body := []byte(`{"list":[{"s":"plain","r":[1, 2]},{"s":"esc\u00e9"}],"gone":{}}`)
	d := NewDecoder(body, time.UTC)
	type item struct {
		s   string
		r   json.RawMessage
		raw []byte
	}
	var items []item
	require.NoError(t, d.Members(func(k string) (err error) {
		if k != "list" {
			if !d.Empty() {
				t.Errorf("%s: not read as empty", k)
			}
			return nil
		}
		items, err = List(d, nil, func(v *item) (err error) {
			v.raw, err = d.Own(func() error {
				return d.Members(func(k string) (err error) {
					if k == "s" {
						v.s, err = d.ReadString()
					} else {
						v.r, err = d.ReadRaw()
					}
					return err
				})
			})
			return err
		})
		return err
	}))
	require.Len(t, items, 2)
	for i := range body {
		body[i] = 'X' // the values kept nothing of the input
	}
	assert.Equal(t, `{"s":"plain","r":[1, 2]}`, string(items[0].raw))
	assert.Equal(t, "plain", items[0].s)
	assert.Equal(t, `[1, 2]`, string(items[0].r))
	assert.Equal(t, cap(items[0].r), len(items[0].r), "capped: an append cannot write into the copy")
	assert.Equal(t, "esc\u00e9", items[1].s)

	d = NewDecoder([]byte(`{"a":1,}`), time.UTC)
	_, err := d.Own(func() error { return d.Members(func(string) error { return nil }) })
	assert.EqualError(t, err, `invalid character '}' looking for an object key at offset 7`)
	d = NewDecoder([]byte(`{"a":"x"}`), time.UTC)
	_, err = d.Own(func() error {
		return d.Members(func(string) error { _, err := d.ReadBool(); return err })
	})
	assert.EqualError(t, err, `a: string "x" is not a boolean`, "offsets and paths as without Own")
}

func TestStringRun(t *testing.T) {
	naive := func(b []byte, i int, control bool) int {
		for ; i < len(b); i++ {
			if c := b[i]; c == '"' || c == '\\' || (control && c < ' ') {
				return i
			}
		}
		return i
	}
	naivePlain := func(b []byte, i int) int {
		for ; i < len(b); i++ {
			if c := b[i]; c == '"' || c == '\\' || c < ' ' || c >= 0x80 {
				return i
			}
		}
		return i
	}
	alphabet := []byte{'a', ' ', '"', '\\', 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xa0, 0xe4, 0xff, 0x00, 0x5b, 0x5d}
	b := make([]byte, 24)
	for seed := 0; seed < 20000; seed++ {
		x := uint32(seed)*2654435761 + 1
		for i := range b {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b[i] = alphabet[x%uint32(len(alphabet))]
			if x%3 == 0 {
				b[i] = 'a' // long plain runs too
			}
		}
		for start := 0; start < 9; start++ {
			require.Equal(t, naive(b, start, true), stringRun(b, start), "%q from %d", b, start)
			require.Equal(t, naive(b, start, false), quoteRun(b, start), "%q from %d", b, start)
			require.Equal(t, naivePlain(b, start), plainRun(b, start), "%q from %d", b, start)
		}
	}
}
