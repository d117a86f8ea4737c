package jsonwire

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// ones and highs are the byte-wise constants of the eight-bytes-at-a-time
// scans: 0x01 and 0x80 in every byte.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// str reads the string at pos (its opening quote). A string without
// escapes is a substring of the data being read (the caller copies it when
// it must outlive the input); one with escapes or invalid UTF-8 is
// unescaped into a new string.
func (d *Decoder) str() (string, error) {
	start := d.pos + 1
	i := plainRun(d.data, start)
	if i < len(d.data) && d.data[i] == '"' { // plain ASCII: the common case
		d.pos = i + 1
		return d.s[start:i], nil
	}
	high := false
	for i < len(d.data) {
		c := d.data[i]
		if c >= utf8.RuneSelf {
			// Text beyond ASCII (the API's Chinese names): look for the
			// end eight bytes at a time, then check the UTF-8 once.
			high = true
			i = stringRun(d.data, i+1)
			continue
		}
		switch {
		case c == '"':
			d.pos = i + 1
			if high && !utf8.ValidString(d.s[start:i]) {
				d.pos = start
				return d.unescape()
			}
			return d.s[start:i], nil
		case c == '\\':
			d.pos = start
			return d.unescape()
		case c < ' ':
			d.pos = i
			return "", d.syntaxError("in string")
		}
		i++
	}
	d.pos = len(d.data)
	return "", d.syntaxError("in string")
}

// stringRun returns the index of the first byte from i that may end a run
// of a string's bytes: a quote, a backslash or a control character; bytes
// beyond ASCII are part of the run. Eight bytes at a time: a byte's high bit
// ends up set where it is < 0x20, '"' or '\\', and (a borrow) possibly
// above such a byte, never below, so the lowest set bit is the answer.
func stringRun(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		q := w ^ ('"' * ones)
		s := w ^ ('\\' * ones)
		if m := ((w-' '*ones)&^w | (q-ones)&^q | (s-ones)&^s) & highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' || c < ' ' {
			return i
		}
	}
	return i
}

// quoteRun returns the index of the first quote or backslash from i, or
// len(b), eight bytes at a time as stringRun.
func quoteRun(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		q := w ^ ('"' * ones)
		s := w ^ ('\\' * ones)
		if m := ((q-ones)&^q | (s-ones)&^s) & highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// plainRun returns the index of the first byte from i that may need a
// closer look in a string: a quote, a backslash, a control character or a
// non-ASCII byte; len(b) when there is none. It tests eight bytes at a time
// (SWAR); the keys and most values of the API are plain ASCII. As in
// stringRun, the lowest set bit is the exact byte: a borrow only sets bits
// above a byte that is itself found.
func plainRun(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		q := w ^ ('"' * ones)  // a zero byte where b has '"'
		s := w ^ ('\\' * ones) // a zero byte where b has '\\'
		// A byte's high bit ends up set when it is < 0x20, is a zero of q
		// or s, or is itself non-ASCII.
		if m := ((w-' '*ones)&^w | (q-ones)&^q | (s-ones)&^s | w) & highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' || c < ' ' || c >= utf8.RuneSelf {
			return i
		}
	}
	return i
}

// unescape reads the rest of a string from pos (after its opening quote),
// decoding escapes; invalid UTF-8 and lone surrogates become U+FFFD, as
// encoding/json does.
func (d *Decoder) unescape() (string, error) {
	b := make([]byte, 0, 32)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(b), nil
		case c < ' ':
			return "", d.syntaxError("in string")
		case c == '\\':
			r, err := d.escape()
			if err != nil {
				return "", err
			}
			b = utf8.AppendRune(b, r)
		case c < utf8.RuneSelf:
			b = append(b, c)
			d.pos++
		default:
			r, size := utf8.DecodeRune(d.data[d.pos:])
			b = utf8.AppendRune(b, r) // RuneError for an invalid byte
			d.pos += size
		}
	}
	return "", d.syntaxError("in string")
}

// escape decodes the escape sequence at pos (its backslash).
func (d *Decoder) escape() (rune, error) {
	if d.pos+1 >= len(d.data) {
		d.pos = len(d.data)
		return 0, d.syntaxError("in string escape")
	}
	d.pos++
	c := d.data[d.pos]
	d.pos++
	switch c {
	case '"', '\\', '/':
		return rune(c), nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
		r, err := d.hex4()
		if err != nil {
			return 0, err
		}
		if !utf16.IsSurrogate(r) {
			return r, nil
		}
		// A high surrogate pairs with a following \uDC00-\uDFFF.
		if d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
			save := d.pos
			d.pos += 2
			r2, err := d.hex4()
			if err != nil {
				return 0, err
			}
			if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
				return pair, nil
			}
			d.pos = save // not a pair: the second escape stands alone
		}
		return utf8.RuneError, nil
	}
	d.pos--
	return 0, d.syntaxError("in string escape")
}

// hex4 reads the four hex digits of a \u escape.
func (d *Decoder) hex4() (rune, error) {
	if d.pos+4 > len(d.data) {
		d.pos = len(d.data)
		return 0, d.syntaxError("in \\u escape")
	}
	var r rune
	for i := 0; i < 4; i++ {
		c := d.data[d.pos]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, d.syntaxError("in \\u escape")
		}
		r = r<<4 | rune(c)
		d.pos++
	}
	return r, nil
}

// skipStr skips the string at pos, checking its escapes but not its UTF-8
// (a raw value keeps its bytes as received).
func (d *Decoder) skipStr() error {
	for i := d.pos + 1; i < len(d.data); {
		i = stringRun(d.data, i)
		if i == len(d.data) {
			break
		}
		switch c := d.data[i]; {
		case c == '"':
			d.pos = i + 1
			return nil
		case c == '\\':
			d.pos = i
			if _, err := d.escape(); err != nil {
				return err
			}
			i = d.pos
		default: // a control character
			d.pos = i
			return d.syntaxError("in string")
		}
	}
	d.pos = len(d.data)
	return d.syntaxError("in string")
}
