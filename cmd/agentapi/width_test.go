package main

import (
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
	assert.Equal(t, "plain 名字", cellText("plain 名字"))
	assert.Equal(t, "a b c [31m", cellText("a\nb\tc\x1b[31m"))
}
