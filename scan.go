package agentapi

import (
	"encoding/json"
	"time"
)

// maxDepth bounds the nesting of values the decoder skips or keeps raw, so
// that a body such as [[[[…]]]] a million deep cannot exhaust the stack.
const maxDepth = 10000

// decoder is a single-pass reader over one response body. It validates the
// JSON syntax as it goes; the typed readers (tolerant.go, tolerant_list.go)
// and the per-type decoders (decode_task.go, decode_types.go) are built on it.
//
// Memory: strings without escapes are substrings of s, the one string copy
// of the body, and json.RawMessage values (Task.Raw included) are capped
// slices of raw, the one byte copy of the body. That is two allocations per
// page instead of one per string and per value, most of the difference from
// encoding/json's ~90 allocations a task. The price is retention: a string
// or raw value that a caller keeps holds its page's two copies (about 500 KB
// for 100 tasks) alive. Task.UUID is the exception, copied, since the pager
// keeps every UUID it has seen; a caller that keeps a few fields of many
// pages should strings.Clone them. Per-task copies of Raw were not taken:
// they cost an allocation a task and free nothing while any string of the
// page lives.
type decoder struct {
	data []byte         // the body as received
	s    string         // string(data), made once
	raw  []byte         // a copy of data that raw values slice; made on first use
	pos  int            // next byte to read
	loc  *time.Location // zone of timestamps sent without one

	// Scratch space of the list readers: a list is read into it and then
	// copied into a slice of the exact size, one allocation per list.
	ints  []int
	hours []WorkHour
	raws  []json.RawMessage

	guessed bool // whether readList has guessed a list's length yet
}

// newDecoder returns a decoder over data whose zone-less timestamps read in loc.
func newDecoder(data []byte, loc *time.Location) *decoder {
	return &decoder{data: data, s: string(data), loc: loc}
}

// syntaxError reports the byte at pos as unexpected, or the end of input.
func (d *decoder) syntaxError(context string) error {
	if d.pos >= len(d.data) {
		return errorf("unexpected end of input %s at offset %d", context, d.pos)
	}
	return errorf("invalid character %q %s at offset %d", d.data[d.pos], context, d.pos)
}

// ws skips white space.
func (d *decoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\n', '\r', '\t':
			d.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, or 0 at the end.
func (d *decoder) peek() byte {
	d.ws()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// literal consumes the literal word (true, false, null) at pos.
func (d *decoder) literal(word string) error {
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
func (d *decoder) next(closing byte) (bool, error) {
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

// key reads a member's key and its colon, leaving pos at the value.
func (d *decoder) key() (string, error) {
	if d.peek() != '"' {
		return "", d.syntaxError("looking for an object key")
	}
	k, err := d.str()
	if err != nil {
		return "", err
	}
	if d.peek() != ':' {
		return "", d.syntaxError("after an object key")
	}
	d.pos++
	d.ws()
	return k, nil
}

// number consumes the number at pos, checking JSON's grammar, and returns its text.
func (d *decoder) number() (string, error) {
	start := d.pos
	i := d.pos
	if i < len(d.data) && d.data[i] == '-' {
		i++
	}
	switch {
	case i < len(d.data) && d.data[i] == '0':
		i++
	case i < len(d.data) && '1' <= d.data[i] && d.data[i] <= '9':
		i = digits(d.data, i)
	default:
		d.pos = i
		return "", d.syntaxError("in number")
	}
	if i < len(d.data) && d.data[i] == '.' {
		j := digits(d.data, i+1)
		if j == i+1 {
			d.pos = j
			return "", d.syntaxError("after decimal point in number")
		}
		i = j
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		j := digits(d.data, i)
		if j == i {
			d.pos = j
			return "", d.syntaxError("in exponent of number")
		}
		i = j
	}
	d.pos = i
	return d.s[start:i], nil
}

// digits returns the index of the first non-digit of b from i.
func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// skip skips the value at pos, checking its syntax.
func (d *decoder) skip() error { return d.skipValue(0) }

// skipValue skips one value nested depth levels deep.
func (d *decoder) skipValue(depth int) error {
	switch d.peek() {
	case '"':
		return d.skipStr()
	case '{':
		return d.skipContainer(depth, '}')
	case '[':
		return d.skipContainer(depth, ']')
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		_, err := d.number()
		return err
	default:
		return d.syntaxError("looking for beginning of value")
	}
}

// skipContainer skips the object or list at pos whose closing byte is closing.
func (d *decoder) skipContainer(depth int, closing byte) error {
	if depth >= maxDepth {
		return errorf("values nested deeper than %d at offset %d", maxDepth, d.pos)
	}
	d.pos++
	if d.peek() == closing {
		d.pos++
		return nil
	}
	for {
		if closing == '}' {
			if d.peek() != '"' {
				return d.syntaxError("looking for an object key")
			}
			if err := d.skipStr(); err != nil {
				return err
			}
			if d.peek() != ':' {
				return d.syntaxError("after an object key")
			}
			d.pos++
		}
		if err := d.skipValue(depth + 1); err != nil {
			return err
		}
		if more, err := d.next(closing); err != nil || !more {
			return err
		}
	}
}
