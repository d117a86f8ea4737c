package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// progress shows how far a walk of every page has got, on one line of a
// terminal rewritten with \r. A nil *progress shows nothing, so that
// stderr carries only errors when it is a file or a pipe.
type progress struct {
	w    io.Writer
	last int // length of the line last written, to blank it out
}

// newProgress returns a progress on stderr when stderr is a terminal, and
// nil otherwise.
func newProgress(stderr io.Writer) *progress {
	if !isTerminal(stderr) {
		return nil
	}
	return &progress{w: stderr}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update shows page of lastPage done, with tasks fetched so far and, when
// a status filter drops some, how many of them matched.
func (p *progress) update(page, lastPage, fetched, matched int, filtered bool) {
	if p == nil {
		return
	}
	line := fmt.Sprintf("page %d/%d, %d tasks", page, max(page, lastPage), fetched)
	if filtered {
		line += fmt.Sprintf(", %d matching", matched)
	}
	p.write(line)
}

// clear blanks the progress line, before the output or an error.
func (p *progress) clear() {
	if p == nil || p.last == 0 {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.last))
	p.last = 0
}

// write replaces the line with s, blanking what is left of a longer one.
func (p *progress) write(s string) {
	fmt.Fprintf(p.w, "\r%-*s", max(p.last, len(s)), s)
	p.last = len(s)
}
