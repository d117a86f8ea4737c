// Package jsonwire reads the JSON of a PHP/Laravel back end tolerantly: numbers
// sent as strings, booleans as 0/1, empty objects as [], lists as objects with
// numeric keys. It is a single-pass reader that validates the syntax as it
// goes, with one reader per kind of field (ReadInt, ReadBool, ReadString,
// ReadRaw, ReadTime, List, Object). It knows JSON and those quirks, nothing of
// the models that are built on it.
package jsonwire

import (
	"time"
	"unsafe"
)

// MaxDepth bounds the nesting of values the decoder skips or keeps raw, so
// that a body such as [[[[…]]]] a million deep cannot exhaust the stack.
const MaxDepth = 10000

// Decoder reads one JSON document. The zero Decoder reads an empty input;
// Reset points it at a document.
//
// Memory: a string or raw value read from the input is a copy of its own,
// so that nothing a caller keeps holds the input alive (the input may be a
// pooled buffer). Within Own, strings without escapes and raw values alias
// the value's one private copy instead, so that a decoded object costs one
// allocation for all its text rather than one per string.
type Decoder struct {
	data  []byte         // the bytes being read: the input, or Own's copy
	s     string         // data seen as a string, without a copy
	pos   int            // next byte of data to read
	base  int            // offset of data[0] in the input, for messages
	owned bool           // whether data is Own's private copy
	loc   *time.Location // zone of timestamps sent without one

	guessed bool // whether List has guessed a list's length yet
	lastOwn int  // the size of Own's last copy, its guess for the next

	// The keys read since the last Own began, in order, each as its
	// quotes and colon (`"uuid":`): the next item of a page most likely
	// has the same keys in the same order, and a key that matches its
	// prediction needs no scan.
	keys  []string
	keyAt int // the index in keys of the next key
}

// NewDecoder returns a Decoder over data whose zone-less timestamps read in
// loc. data must not change while the Decoder reads it.
func NewDecoder(data []byte, loc *time.Location) *Decoder {
	d := new(Decoder)
	d.Reset(data, loc)
	return d
}

// Reset points d at data, as NewDecoder does.
func (d *Decoder) Reset(data []byte, loc *time.Location) {
	*d = Decoder{data: data, s: view(data), loc: loc}
}

// view returns b seen as a string, without a copy: b must not change while
// the string is in use.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// Loc returns the zone of timestamps sent without one.
func (d *Decoder) Loc() *time.Location { return d.loc }

// Peek skips white space and returns the next byte, or 0 at the end.
func (d *Decoder) Peek() byte {
	d.ws()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// SkipPrefix consumes prefix when the input starts with it (a byte order mark).
func (d *Decoder) SkipPrefix(prefix string) {
	if len(d.s)-d.pos >= len(prefix) && d.s[d.pos:d.pos+len(prefix)] == prefix {
		d.pos += len(prefix)
	}
}

// End fails unless only white space is left.
func (d *Decoder) End(what string) error {
	if d.ws(); d.pos < len(d.data) {
		return Errorf("unexpected %q after %s at offset %d", d.data[d.pos], what, d.base+d.pos)
	}
	return nil
}

// syntaxError reports the byte at pos as unexpected, or the end of input.
func (d *Decoder) syntaxError(context string) error {
	if d.pos >= len(d.data) {
		return Errorf("unexpected end of input %s at offset %d", context, d.base+d.pos)
	}
	return Errorf("invalid character %q %s at offset %d", d.data[d.pos], context, d.base+d.pos)
}

// Expect fails, naming the byte at pos, unless the next byte is c; it does
// not consume it.
func (d *Decoder) Expect(c byte, context string) error {
	if d.Peek() != c {
		return d.syntaxError(context)
	}
	return nil
}

// ws skips white space. The test for none, the common case in a compact
// body, is small enough to be inlined everywhere.
func (d *Decoder) ws() {
	if d.pos < len(d.data) && d.data[d.pos] > ' ' {
		return
	}
	d.skipWS()
}

// skipWS skips white space, for ws.
func (d *Decoder) skipWS() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\n', '\r', '\t':
			d.pos++
		default:
			return
		}
	}
}

// Literal consumes the literal word (true, false, null) at pos.
func (d *Decoder) Literal(word string) error {
	end := d.pos + len(word)
	if end > len(d.data) || d.s[d.pos:end] != word {
		for i := 0; i < len(word) && d.pos < len(d.data) && d.data[d.pos] == word[i]; i++ {
			d.pos++
		}
		return d.syntaxError("in literal " + word)
	}
	d.pos = end
	return nil
}

// next consumes the separator after a member or an element: true after a
// comma, false after the closing byte.
func (d *Decoder) next(closing byte) (bool, error) {
	d.ws()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ',':
			d.pos++
			return true, nil
		case closing:
			d.pos++
			return false, nil
		}
	}
	return false, d.syntaxError("after a value")
}

// key reads a member's key and its colon, leaving pos at the value. The key
// is not copied: it is for matching, not keeping.
//
// The input is first compared with the key read at the same place of the
// last item (see keys), recorded with its quotes and colon: the recorded
// keys are plain (substrings of what was read, so without escapes), and
// the same bytes are the same key.
func (d *Decoder) key() (string, error) {
	d.ws()
	i, j := d.pos, d.keyAt
	d.keyAt++
	if j < len(d.keys) {
		if rec := d.keys[j]; sameAt(d.s, i, rec) {
			d.pos = i + len(rec)
			d.ws()
			return rec[1 : len(rec)-2], nil
		}
	}
	if i >= len(d.data) || d.data[i] != '"' {
		return "", d.syntaxError("looking for an object key")
	}
	k, err := d.str()
	if err != nil {
		return "", err
	}
	plain := d.pos == i+len(k)+2 && unsafe.StringData(k) == unsafe.StringData(d.s[i+1:])
	if d.pos < len(d.data) && d.data[d.pos] == ':' && plain {
		if rec := d.s[i : d.pos+1]; j < len(d.keys) {
			d.keys[j] = rec
		} else if j == len(d.keys) {
			d.keys = append(d.keys, rec)
		}
	}
	if d.Peek() != ':' {
		return "", d.syntaxError("after an object key")
	}
	d.pos++
	d.ws()
	return k, nil
}
