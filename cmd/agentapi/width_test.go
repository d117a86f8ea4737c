package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDisplayWidth(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"外呼任务", 8},      // CJK Unified Ideographs
		{"任务-A1", 7},     // mixed
		{"、。「」", 8},      // CJK symbols and punctuation
		{"ひらがなカタカナ", 16}, // Hiragana, Katakana
		{"한국어", 6},       // Hangul syllables
		{"ＡＢＣ１２３", 12},   // fullwidth forms
		{"ｱｲｳ", 3},       // halfwidth Katakana stays narrow
		{"e\u0301", 1},   // combining acute accent
		{"a\tb", 2},      // control characters take no column
		{"𠀀", 2},         // CJK Extension B
		{"café 咖啡", 9},   // Latin-1 plus CJK
		{"\u00a0x", 2},   // no-break space
		{"\u3000", 2},    // ideographic space
		{"\u200b", 0},    // zero width space
		{"\xff", 1},      // invalid UTF-8 reads as U+FFFD
		{"👍", 2},         // emoji
		{"Ω", 1},         // Greek
	}
	for _, c := range cases {
		assert.Equal(t, c.want, displayWidth(c.in), "%q", c.in)
	}
}

func TestPadRight(t *testing.T) {
	assert.Equal(t, "任务  ", padRight("任务", 6))
	assert.Equal(t, "ab    ", padRight("ab", 6))
	assert.Equal(t, "longer", padRight("longer", 3))
}

func TestCellText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain 名字", "plain 名字"},
		{"a\nb\tc\x1b[31m", "a b c [31m"},
		{"abc\u202Edef", "abc<U+202E>def"}, // right-to-left override
		{"\u202A\u202B\u202C\u202D", "<U+202A><U+202B><U+202C><U+202D>"},
		{"\u2066x\u2067y\u2068z\u2069", "<U+2066>x<U+2067>y<U+2068>z<U+2069>"}, // isolates
		{"\u200E\u200F\u061C", "<U+200E><U+200F><U+061C>"},                     // marks
		{"a\u200Bb\u200Cc\u200Dd", "a<U+200B>b<U+200C>c<U+200D>d"},             // zero width
		{"\uFEFFbom\u2060", "<U+FEFF>bom<U+2060>"},
		{"line\u2028para\u2029", "line<U+2028>para<U+2029>"},
		{"外呼 é", "外呼 é"}, // combining marks and CJK stay
	}
	for _, c := range cases {
		got := cellText(c.in)
		assert.Equal(t, c.want, got, "%q", c.in)
		// What the width counts is what the terminal shows.
		if isASCII(got) {
			assert.Equal(t, len(got), displayWidth(got), "%q", got)
		}
	}
	assert.Equal(t, 16, displayWidth(cellText("\u202E\u200B")), "each escape is 8 columns wide")
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r > 0x7F }) < 0
}
