package main

import (
	"fmt"
	"strings"
	"unicode"
)

// runeWidth returns the columns a terminal uses for r: 0 for control
// characters and combining marks, 2 for East Asian Wide and Fullwidth
// characters, 1 otherwise.
func runeWidth(r rune) int {
	switch {
	case r < 0x20 || (r >= 0x7F && r < 0xA0):
		return 0
	case r < 0x1100:
		// Below the first wide block only combining marks are narrower.
		if unicode.In(r, unicode.Mn, unicode.Me) {
			return 0
		}
		return 1
	case r == 0x200B || unicode.In(r, unicode.Mn, unicode.Me):
		return 0 // zero width space, combining marks
	}
	// wide holds the East Asian Wide and Fullwidth blocks that a terminal
	// draws two columns wide, sorted by first rune. text/tabwriter counts runes,
	// which misaligns a table of Chinese task names; this table is the few
	// blocks that task names use, not all of Unicode's EastAsianWidth.txt.
	wide := [...][2]rune{
		{0x1100, 0x115F},   // Hangul Jamo initial consonants
		{0x2E80, 0x303E},   // CJK radicals, Kangxi radicals, CJK symbols and punctuation
		{0x3041, 0x33FF},   // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, enclosed CJK
		{0x3400, 0x4DBF},   // CJK Unified Ideographs Extension A
		{0x4E00, 0x9FFF},   // CJK Unified Ideographs
		{0xA000, 0xA4CF},   // Yi syllables and radicals
		{0xA960, 0xA97F},   // Hangul Jamo Extended-A
		{0xAC00, 0xD7A3},   // Hangul syllables
		{0xF900, 0xFAFF},   // CJK Compatibility Ideographs
		{0xFE10, 0xFE19},   // vertical forms
		{0xFE30, 0xFE6F},   // CJK compatibility forms, small form variants
		{0xFF00, 0xFF60},   // fullwidth ASCII forms
		{0xFFE0, 0xFFE6},   // fullwidth signs
		{0x1F300, 0x1F64F}, // pictographs and emoticons
		{0x1F900, 0x1F9FF}, // supplemental symbols and pictographs
		{0x20000, 0x2FFFD}, // CJK Unified Ideographs Extensions B-F
		{0x30000, 0x3FFFD}, // CJK Unified Ideographs Extension G and later
	}
	for _, rg := range wide {
		if r < rg[0] {
			break
		}
		if r <= rg[1] {
			return 2
		}
	}
	return 1
}

// displayWidth returns the columns a terminal uses to draw s.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// cellText returns s fit for one table cell, as wide as displayWidth says.
// Control characters (a newline or tab in a task name, an escape sequence)
// become spaces, so a row stays one line and cannot drive the terminal.
// Invisible format characters are shown escaped, such as <U+202E>: the
// bidirectional controls (U+202A-202E, U+2066-2069, U+200E, U+200F,
// U+061C), which would reorder the rest of the line, the zero-width ones
// (U+200B-200D, U+2060, U+FEFF), which would break the alignment, and the
// rest of Unicode's format category and the line and paragraph separators.
func cellText(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || hidden(r) }) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case hidden(r):
			fmt.Fprintf(&b, "<U+%04X>", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hidden reports whether r is drawn as nothing yet changes how the text
// around it is drawn: Unicode's format characters (Cf, which holds every
// bidirectional control and zero-width character) and the line and
// paragraph separators.
func hidden(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// padRight returns s followed by enough spaces to fill width columns.
func padRight(s string, width int) string {
	if n := width - displayWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}
