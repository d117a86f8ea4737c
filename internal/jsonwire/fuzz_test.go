package jsonwire

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// walk reads any value at pos through the package's readers: objects by
// Members, lists by List, strings by ReadString (checked against
// encoding/json's reading), other scalars by ReadString or Literal.
func walk(t *testing.T, d *Decoder, depth int) error {
	switch d.Peek() {
	case '{':
		if depth > 64 {
			return d.Skip()
		}
		return d.Members(func(string) error { return walk(t, d, depth+1) })
	case '[':
		if depth > 64 {
			return d.Skip()
		}
		_, err := List(d, nil, func(*struct{}) error { return walk(t, d, depth+1) })
		return err
	case '"':
		start := d.Pos()
		s, err := d.ReadString()
		if err != nil {
			return err
		}
		var want string
		if jerr := json.Unmarshal(d.data[start:d.pos], &want); jerr != nil || want != s {
			t.Fatalf("string %q read as %q, encoding/json reads %q (%v)", d.data[start:d.pos], s, want, jerr)
		}
		return nil
	default:
		_, err := d.ReadString()
		return err
	}
}

// FuzzReader feeds the reader arbitrary input. It must never panic, and it
// must agree with the JSON grammar: whatever it accepts is json.Valid, and
// valid JSON within the depth bound is accepted, both by Skip and by the
// typed readers inside Own; and Own fails exactly as reading in place does.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `true`, `-0.5e+10`, `"a\u00e9\ud83d\ude00\n"`, `"\ud83d"`, `"\xff"`,
		`{"a":[1,"2",{"3":null}],"b":{"0":1,"x":[]}}`, `[1,]`, `{"a" 1}`, `01`, `1.`, `"\u12"`,
		`{"0":{"wday":"-1"},"2":{"wday":2}}`, `[{"a":"1"},{"a":"1234567890123456789012345"},{"a":x}]`, `[[[[[[[[]]]]]]]]`, " \t\n{ \"k\" : [ ] } ",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		deep := strings.Count(string(data), "[")+strings.Count(string(data), "{") > MaxDepth
		d := NewDecoder(data, time.UTC)
		err := d.Skip()
		if err == nil {
			err = d.End("the value")
		}
		if (err == nil) != valid && !deep {
			t.Fatalf("Skip: err %v, json.Valid %v", err, valid)
		}
		d.Reset(data, time.UTC)
		raw, err := d.Own(func() error { return walk(t, d, 0) })
		if err == nil {
			err = d.End("the value")
		}
		if (err == nil) != valid && !deep {
			t.Fatalf("Own: err %v, json.Valid %v", err, valid)
		}
		d.Reset(data, time.UTC)
		inPlace := walk(t, d, 0)
		if inPlace == nil {
			inPlace = d.End("the value")
		}
		if (err == nil) != (inPlace == nil) || (err != nil && err.Error() != inPlace.Error()) {
			t.Fatalf("Own: %v; in place: %v", err, inPlace)
		}
		if err == nil && !json.Valid(raw) {
			t.Fatalf("Own returned %q", raw)
		}
		// Each element of a list in an Own of its own: Own's guessed
		// copies fail exactly as reading in place does.
		d.Reset(data, time.UTC)
		if d.Peek() == '[' {
			_, owned := List(d, nil, func(*struct{}) error {
				_, err := d.Own(func() error { return walk(t, d, 1) })
				return err
			})
			d.Reset(data, time.UTC)
			_, plain := List(d, nil, func(*struct{}) error { return walk(t, d, 1) })
			if (owned == nil) != (plain == nil) || (owned != nil && owned.Error() != plain.Error()) {
				t.Fatalf("Own per element: %v; in place: %v", owned, plain)
			}
		}
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
		}
	})
}
