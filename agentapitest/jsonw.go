package agentapitest

import (
	"encoding/json"
	"unicode/utf8"
)

// quoteJSON returns s as a JSON string literal. encoding/json is fine here:
// it runs once per account or fault, or for a string that needs escapes,
// never per task.
func quoteJSON(s string) []byte {
	b, err := json.Marshal(s)
	if err != nil { // unreachable: Marshal replaces invalid UTF-8
		return []byte(`""`)
	}
	return b
}

// appendString appends s as a JSON string, quickly when it needs no escape.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return append(b, quoteJSON(s)...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendPHPEscaped appends the JSON text src to dst as PHP's json_encode
// writes it without flags: "/" as "\/" and every non-ASCII character as
// \uXXXX (a UTF-16 surrogate pair beyond the BMP). Both occur only inside
// strings in JSON text, so the rewrite is safe byte by byte.
func appendPHPEscaped(dst, src []byte) []byte {
	const hexDigits = "0123456789abcdef"
	u := func(dst []byte, r rune) []byte {
		return append(dst, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/':
			dst = append(dst, '\\', '/')
			i++
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(src[i:])
			i += size
			if r > 0xffff {
				r -= 0x10000
				dst = u(dst, 0xd800+(r>>10))
				r = 0xdc00 + r&0x3ff
			}
			dst = u(dst, r)
		}
	}
	return dst
}
