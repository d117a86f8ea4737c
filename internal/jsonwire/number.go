package jsonwire

import (
	"math"
	"strconv"
	"strings"
)

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

// KindError reports the value at pos as not being what the field wants.
func (d *Decoder) KindError(want string) error {
	var got string
	switch c := d.Peek(); {
	case c == '{':
		got = "an object"
	case c == '[':
		got = "a list"
	case c == '"':
		s, err := d.str()
		if err != nil {
			return err
		}
		got = "string " + Quote(s)
	case c == 't' || c == 'f' || c == 'n':
		word := "null"
		if c == 't' {
			word = "true"
		} else if c == 'f' {
			word = "false"
		}
		if err := d.Literal(word); err != nil {
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
	return Errorf("%s is not %s", got, want)
}
