package agentapi

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
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

// readInt reads an int field: a number, a numeric string ("10", "10.00"),
// or null or "" as 0. A fraction, a word, a bool, an object or a list is an
// error.
func (d *decoder) readInt() (int, error) {
	switch c := d.peek(); {
	case isNumberStart(c):
		return d.intNumber()
	case c == '"':
		s, err := d.str()
		if err != nil || s == "" {
			return 0, err
		}
		n, problem := parseInt(s)
		if problem != "" {
			return 0, errorf("string %s %s", quote(s), problem)
		}
		return n, nil
	case c == 'n':
		return 0, d.literal("null")
	default:
		return 0, d.kindError("an integer")
	}
}

// intNumber reads the number at pos as an int; plain integers take the fast path.
func (d *decoder) intNumber() (int, error) {
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
		return 0, errorf("number %s %s", text, problem)
	}
	return v, nil
}

// parseInt reads s, a JSON number, as an int when its value is an integer
// (1.0, 1e2). It returns the problem otherwise.
func parseInt(s string) (int, string) {
	neg, intPart, frac, exp, ok := splitNumber(s)
	if !ok {
		return 0, "is not an integer"
	}
	// The value is 0.mant × 10^point once leading zeros are dropped.
	mant := intPart + frac
	point := len(intPart) + exp
	lead := len(mant) - len(strings.TrimLeft(mant, "0"))
	mant, point = strings.TrimRight(mant[lead:], "0"), point-lead
	switch {
	case mant == "":
		return 0, ""
	case point < len(mant):
		return 0, "is not an integer"
	case point > 20:
		return 0, "is out of range"
	}
	u, err := strconv.ParseUint(mant+strings.Repeat("0", point-len(mant)), 10, 64)
	switch {
	case err != nil:
		return 0, "is out of range"
	case neg && u <= uint64(math.MaxInt)+1:
		return int(-u), ""
	case !neg && u <= math.MaxInt:
		return int(u), ""
	}
	return 0, "is out of range"
}

// splitNumber splits s, which must follow JSON's number grammar, into its
// sign, integer digits, fraction digits and exponent (clamped to ±10^6).
func splitNumber(s string) (neg bool, intPart, frac string, exp int, ok bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		neg, i = true, i+1
	}
	j := i
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j == i || (s[i] == '0' && j > i+1) {
		return false, "", "", 0, false
	}
	intPart, i = s[i:j], j
	if i < len(s) && s[i] == '.' {
		j = i + 1
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return false, "", "", 0, false
		}
		frac, i = s[i+1:j], j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := i < len(s) && s[i] == '-'
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if i == len(s) {
			return false, "", "", 0, false
		}
		for ; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false, "", "", 0, false
			}
			if exp < 1e6 {
				exp = exp*10 + int(s[i]-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	return neg, intPart, frac, exp, i == len(s)
}

// nonZero reports whether the JSON number text is not zero.
func nonZero(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == 'e' || c == 'E':
			return false
		case '1' <= c && c <= '9':
			return true
		}
	}
	return false
}

// readBool reads a bool field: true/false, a number (non-zero is true, as
// in PHP), "0"/"1"/"true"/"false" or a numeric string, and "" or null as
// false. Any other string, an object or a list is an error.
func (d *decoder) readBool() (bool, error) {
	switch c := d.peek(); {
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return false, d.literal("null")
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
		return false, errorf("string %s is not a boolean", quote(s))
	default:
		return false, d.kindError("a boolean")
	}
}

// readString reads a string field: a string, null as "", a number as its
// literal text (PHP sends ids both ways), a bool as "true" or "false". An
// object or a list is an error.
func (d *decoder) readString() (string, error) {
	switch c := d.peek(); {
	case c == '"':
		return d.str()
	case c == 'n':
		return "", d.literal("null")
	case isNumberStart(c):
		return d.number()
	case c == 't':
		return "true", d.literal("true")
	case c == 'f':
		return "false", d.literal("false")
	default:
		return "", d.kindError("a string")
	}
}

// readRaw reads a json.RawMessage field: the value's bytes as received, or
// nil for null.
func (d *decoder) readRaw() (json.RawMessage, error) {
	if d.peek() == 'n' {
		return nil, d.literal("null")
	}
	start := d.pos
	if err := d.skip(); err != nil {
		return nil, err
	}
	return d.rawSpan(start, d.pos), nil
}

// rawSpan returns the body's bytes from a to b, from the decoder's one copy
// of the body, capped so that an append cannot write into its neighbour.
func (d *decoder) rawSpan(a, b int) json.RawMessage {
	if d.raw == nil {
		d.raw = make([]byte, len(d.data))
		copy(d.raw, d.data)
	}
	return d.raw[a:b:b]
}

// readTime reads a Time field: see parseTime; null is the zero Time.
func (d *decoder) readTime() (Time, error) {
	switch d.peek() {
	case 'n':
		return Time{}, d.literal("null")
	case '"':
		s, err := d.str()
		if err != nil {
			return Time{}, err
		}
		t, ok := parseTime(s, d.loc)
		if !ok {
			return Time{}, errorf("string %s is not a time", quote(s))
		}
		return Time{t}, nil
	default:
		return Time{}, d.kindError("a time")
	}
}

// kindError reports the value at pos as not being what the field wants.
func (d *decoder) kindError(want string) error {
	var got string
	switch c := d.peek(); {
	case c == '{':
		got = "an object"
	case c == '[':
		got = "a list"
	case c == '"':
		s, err := d.str()
		if err != nil {
			return err
		}
		got = "string " + quote(s)
	case c == 't' || c == 'f' || c == 'n':
		word := "null"
		if c == 't' {
			word = "true"
		} else if c == 'f' {
			word = "false"
		}
		if err := d.literal(word); err != nil {
			return err
		}
		got = word
	case isNumberStart(c):
		text, err := d.number()
		if err != nil {
			return err
		}
		got = "number " + text
	default:
		return d.syntaxError("looking for beginning of value")
	}
	return errorf("%s is not %s", got, want)
}
