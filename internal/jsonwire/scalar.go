package jsonwire

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// The tolerance of the decoder lives here, in one reader per kind of field.
// Each reads the value at pos in whatever shape the API sends it (PHP and
// Laravel send numbers as strings, booleans as 0/1, empty objects as [],
// lists as objects with numeric keys) and refuses, with an error naming the
// value, what would lose information: a fraction or a word where an integer
// belongs, an object where a string belongs.

// fastDigits is how many decimal digits always fit in an int.
const fastDigits = 9 + 9*(strconv.IntSize/64)

// isNumberStart reports whether c can begin a JSON number.
func isNumberStart(c byte) bool { return c == '-' || ('0' <= c && c <= '9') }

// ReadInt reads an int field: a number, a numeric string ("10", "10.00"),
// or null or "" as 0. A fraction, a word, a bool, an object or a list is an
// error.
func (d *Decoder) ReadInt() (int, error) {
	switch c := d.Peek(); {
	case isNumberStart(c):
		return d.intNumber()
	case c == '"':
		s, err := d.str()
		if err != nil || s == "" {
			return 0, err
		}
		n, problem := parseInt(s)
		if problem != "" {
			return 0, Errorf("string %s %s", Quote(s), problem)
		}
		return n, nil
	case c == 'n':
		return 0, d.Literal("null")
	default:
		return 0, d.KindError("an integer")
	}
}

// intNumber reads the number at pos as an int; plain integers take the fast path.
func (d *Decoder) intNumber() (int, error) {
	if i := d.pos; i+1 < len(d.data) { // one digit and a separator: most of the API's ints
		if c, next := d.data[i]-'0', d.data[i+1]; c <= 9 && (next == ',' || next == '}' || next == ']') {
			d.pos = i + 1
			return int(c), nil
		}
	}
	i, neg := d.pos, d.data[d.pos] == '-'
	if neg {
		i++
	}
	start := i
	var n uint64
	for ; i < len(d.data); i++ {
		c := d.data[i]
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + uint64(c-'0')
	}
	nd := i - start
	if nd > 0 && nd <= fastDigits && (nd == 1 || d.data[start] != '0') &&
		(i == len(d.data) || (d.data[i] != '.' && d.data[i] != 'e' && d.data[i] != 'E')) {
		d.pos = i
		if neg {
			return -int(n), nil
		}
		return int(n), nil
	}
	text, err := d.number()
	if err != nil {
		return 0, err
	}
	v, problem := parseInt(text)
	if problem != "" {
		return 0, Errorf("number %s %s", text, problem)
	}
	return v, nil
}

// ReadBool reads a bool field: true/false, a number (non-zero is true, as
// in PHP), "0"/"1"/"true"/"false" or a numeric string, and "" or null as
// false. Any other string, an object or a list is an error.
func (d *Decoder) ReadBool() (bool, error) {
	switch c := d.Peek(); {
	case c == 't':
		return true, d.Literal("true")
	case c == 'f':
		return false, d.Literal("false")
	case c == 'n':
		return false, d.Literal("null")
	case isNumberStart(c):
		text, err := d.number()
		return nonZero(text), err
	case c == '"':
		s, err := d.str()
		if err != nil {
			return false, err
		}
		switch s {
		case "", "0", "false":
			return false, nil
		case "1", "true":
			return true, nil
		}
		if _, _, _, _, ok := splitNumber(s); ok {
			return nonZero(s), nil
		}
		return false, Errorf("string %s is not a boolean", Quote(s))
	default:
		return false, d.KindError("a boolean")
	}
}

// ReadString reads a string field: a string, null as "", a number as its
// literal text (PHP sends ids both ways), a bool as "true" or "false". An
// object or a list is an error. Outside Own, the string is a copy.
func (d *Decoder) ReadString() (string, error) {
	var s string
	var err error
	switch c := d.Peek(); {
	case c == '"':
		s, err = d.str()
	case c == 'n':
		return "", d.Literal("null")
	case isNumberStart(c):
		s, err = d.number()
	case c == 't':
		return "true", d.Literal("true")
	case c == 'f':
		return "false", d.Literal("false")
	default:
		return "", d.KindError("a string")
	}
	if !d.owned && s != "" {
		s = strings.Clone(s)
	}
	return s, err
}

// ReadRaw reads a raw field: the value's bytes as received, or nil for
// null. Within Own, they alias Own's copy (capped, so that an append cannot
// write into a neighbour); outside, they are a copy.
func (d *Decoder) ReadRaw() (json.RawMessage, error) {
	if d.Peek() == 'n' {
		return nil, d.Literal("null")
	}
	start := d.pos
	if err := d.Skip(); err != nil {
		return nil, err
	}
	if d.owned {
		return d.data[start:d.pos:d.pos], nil
	}
	return append(json.RawMessage(nil), d.data[start:d.pos]...), nil
}

// ReadTime reads a timestamp field: see ParseTime; null is the zero Time.
func (d *Decoder) ReadTime() (time.Time, error) {
	switch d.Peek() {
	case 'n':
		return time.Time{}, d.Literal("null")
	case '"':
		s, err := d.str()
		if err != nil {
			return time.Time{}, err
		}
		t, ok := ParseTime(s, d.loc)
		if !ok {
			return time.Time{}, Errorf("string %s is not a time", Quote(s))
		}
		return t, nil
	default:
		return time.Time{}, d.KindError("a time")
	}
}
