package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/f703e656/agentapi"
)

// progressEvery is how often tick rewrites the line.
const progressEvery = 100 * time.Millisecond

// progress shows how far a walk of every page has got, on one line of a
// terminal rewritten with \r, and the waits of the client (WithWaitNotify)
// while they last. A nil *progress shows nothing, so that stderr carries
// only errors when it is a file or a pipe. Its methods are safe for
// concurrent use: waits are told from the pager's goroutines.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	now      func() time.Time // injected by tests
	target   int              // tasks the walk will fetch; 0 = unknown
	filtered bool             // a --status filter drops some
	max      int              // --max, counted after the filter
	shown    time.Time        // when the line was last written
	last     int              // length of the line last written, to blank it out
}

// newProgress returns a progress on stderr when stderr is a terminal, and
// nil otherwise.
func newProgress(stderr io.Writer) *progress {
	if !isTerminal(stderr) {
		return nil
	}
	return &progress{w: stderr, now: time.Now}
}

// progress returns the progress of a command: on stderr when run found it
// a terminal, nil otherwise.
func (cio *cmdIO) progress() *progress {
	if !cio.ttyErr {
		return nil
	}
	return &progress{w: cio.stderr, now: time.Now}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool { return isTerminalFile(w) }

// isTerminalFile reports whether v, a stream, is a character device such
// as a terminal.
func isTerminalFile(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// start sets what the line counts to: target tasks fetched (what --max
// needs when it is less than the list), and whether a filter drops some.
func (p *progress) start(target int, filtered bool, max int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.target, p.filtered, p.max = target, filtered, max
}

// tick is update at most every progressEvery, for a call per task.
func (p *progress) tick(fetched, matched int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	due := p.now().Sub(p.shown) >= progressEvery
	p.mu.Unlock()
	if due {
		p.update(fetched, matched)
	}
}

// update shows the tasks fetched so far and, when a status filter drops
// some, how many of them matched.
func (p *progress) update(fetched, matched int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	line := fmt.Sprintf("%d tasks", fetched)
	if p.target > 0 {
		line = fmt.Sprintf("%d/%d tasks", fetched, max(fetched, p.target))
	}
	switch {
	case p.filtered && p.max > 0:
		line += fmt.Sprintf(", %d/%d matching", matched, p.max)
	case p.filtered:
		line += fmt.Sprintf(", %d matching", matched)
	}
	p.write(line)
}

// waiting shows that the command is held for the rate-limit window, d at
// most, rounded up to whole seconds. The next update replaces the line.
func (p *progress) waiting(d time.Duration) {
	p.wait("waiting %s for the rate limit", d)
}

// wait shows the wait d under format, which has one %s for it.
func (p *progress) wait(format string, d time.Duration) {
	if p == nil {
		return
	}
	secs := max((d+time.Second-1)/time.Second, 1) * time.Second
	p.mu.Lock()
	defer p.mu.Unlock()
	p.write(fmt.Sprintf(format, secs))
}

// notify is the client's WithWaitNotify for p: the server's window
// ("rate limit"), its Retry-After ("retry-after", on a 429 or a 503) and
// the client's own pace are all shown as the rate limit; a backoff
// between retries as a retry.
func (p *progress) notify(ev agentapi.WaitEvent) {
	switch ev.Reason {
	case "backoff":
		p.wait("retrying in %s", ev.Duration)
	default:
		p.waiting(ev.Duration)
	}
}

// clear blanks the progress line, before the output or an error.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == 0 {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.last))
	p.last = 0
}

// write replaces the line with s, blanking what is left of a longer one;
// p.mu is held.
func (p *progress) write(s string) {
	fmt.Fprintf(p.w, "\r%-*s", max(p.last, len(s)), s)
	p.last = len(s)
	if p.now != nil {
		p.shown = p.now()
	}
}

// driftNote is what stderr says after a walk that saw the list change
// (Pager.Stats: Changed, Refetched), "" when it did not.
func driftNote(changed bool, refetched int) string {
	if !changed {
		return ""
	}
	note := "agentapi: note: the list changed during the walk (tasks created or deleted)"
	if refetched > 0 {
		note += fmt.Sprintf("; %d pages were fetched again so that no task present throughout was missed", refetched)
	}
	return note + "\n"
}
