package agentapi

import (
	"context"
	"strconv"
	"strings"
)

// result is one request's outcome, as it came back.
type result[T any] struct {
	num      int       // the page asked for
	redo     *recovery // the recovery this request reads a page again for; nil for a forward page
	launched int       // the walk's landings count when it was sent
	landed   int       // the walk's landings count once it answered
	page     *Page[T]
	err      error
}

// flight is one page request, run by a goroutine of its own. The goroutine
// owns it until it sends it on the window's results channel; then the
// walker does.
type flight[T any] struct {
	result[T]
	info   fetchInfo          // what the call saw besides its result
	sent   bool               // the fetch was called (the walk had not stopped)
	here   bool               // the walker has received it
	conc   int                // the pager's concurrency when it was launched
	cancel context.CancelFunc // cancels this request alone
}

// window is the requests of one walk (or one Next batch) that are launched
// and not yet taken, in launch order. Only the walking goroutine touches it;
// each request's goroutine hands its flight back through results, once.
type window[T any] struct {
	p       *Pager[T]
	ctx     context.Context
	cancel  context.CancelFunc
	results chan *flight[T] // finished requests; read by the walker alone
	queue   []*flight[T]
	flying  int  // launched and not yet received
	failed  bool // a request failed: launch nothing more
}

func (p *Pager[T]) newWindow(ctx context.Context) *window[T] {
	ctx, cancel := context.WithCancel(ctx)
	// Concurrency only ever falls, so no goroutine ever waits to send.
	return &window[T]{p: p, ctx: ctx, cancel: cancel, results: make(chan *flight[T], max(p.conc, 1))}
}

// walk fetches the rest of the pages with up to p.conc requests in flight,
// accepting and delivering them in launch order until the end, an error, or
// deliver returning false. A request slot is refilled as soon as any request
// finishes, not only when the head of the window is delivered, so that one
// slow page does not idle every other slot; the window holds at most
// 2*p.conc pages. Every goroutine has returned when walk returns.
func (p *Pager[T]) walk(ctx context.Context, dedupe bool, deliver func(*Page[T]) bool) error {
	w := p.newWindow(ctx)
	defer w.close()
	for {
		w.fill(0)
		if len(w.queue) == 0 {
			if err := w.ctx.Err(); err != nil {
				return p.fail(&pageError{num: p.next, err: err})
			}
			return p.exhausted()
		}
		f := w.queue[0]
		if !f.here {
			select {
			case g := <-w.results:
				w.land(g)
			case <-w.ctx.Done():
			}
		}
		// Once ctx is cancelled nothing more is delivered, even a page at hand.
		if err := w.ctx.Err(); err != nil {
			return p.fail(&pageError{num: f.num, err: err})
		}
		if !f.here {
			continue
		}
		w.queue[0] = nil
		w.queue = w.queue[1:]
		pg, err := p.take(f.result, dedupe)
		if err != nil {
			return err
		}
		if pg != nil && !deliver(pg) {
			return nil
		}
		if p.done {
			return nil
		}
	}
}

// fetchBatch fetches, for Next, the next requests at once (one until the
// first page has told the last page number, then up to p.conc), waits for
// all of them, and appends their results, in launch order, to p.pending,
// stopping at the first error. Every goroutine has returned when it returns.
func (p *Pager[T]) fetchBatch(ctx context.Context) {
	w := p.newWindow(ctx)
	defer w.close()
	w.fill(p.width())
	if err := w.ctx.Err(); err != nil && len(w.queue) == 0 {
		p.pending = append(p.pending, result[T]{num: p.next, err: &pageError{num: p.next, err: err}})
		return
	}
	w.drain()
	for _, f := range w.queue {
		p.pending = append(p.pending, f.result)
		if f.err != nil {
			return
		}
	}
}

// close cancels every request still in flight, waits for its goroutine,
// and empties the window.
func (w *window[T]) close() {
	w.cancel()
	w.drain()
	w.queue = nil
}

// drain waits for every request in flight to come back.
func (w *window[T]) drain() {
	for w.flying > 0 {
		w.land(<-w.results)
	}
}

// width is how many requests may be in flight: one until the first page has
// told the last page number, then the current concurrency.
func (p *Pager[T]) width() int {
	if p.last == 0 {
		return 1
	}
	return p.conc
}

// fill launches requests, pages to read again first (unless the pages in
// the window may reach WithMaxItems' bound), until p.width() are in
// flight, the window holds 2*p.width() pages, no page can be needed, or,
// when limit > 0, limit pages are in the window. It launches nothing once a
// request has failed, nor while the first page is in the window and not
// yet taken: whatever the goroutines' schedule, the first page goes alone.
func (w *window[T]) fill(limit int) {
	p := w.p
	for !w.failed && w.ctx.Err() == nil && p.err == nil && !p.done &&
		w.flying < p.width() && len(w.queue) < 2*p.width() && (limit == 0 || len(w.queue) < limit) {
		switch {
		case p.last == 0 && len(w.queue) > 0:
			return
		case p.wanted(len(w.queue)) && p.drift.claim(w.launch):
			// A read again goes first: the pages after it can wait.
		case p.mayLaunch(len(w.queue)):
			w.launch(p.next, nil)
			p.next++
		default:
			return
		}
	}
}

// launch starts the request for page num, reading it again for redo when
// not nil.
func (w *window[T]) launch(num int, redo *recovery) {
	ctx, cancel := context.WithCancel(w.ctx)
	f := &flight[T]{result: result[T]{num: num, redo: redo, launched: w.p.landings}, conc: w.p.conc, cancel: cancel}
	w.queue = append(w.queue, f)
	w.flying++
	fetch := w.p.fetch
	go func() {
		defer cancel()
		// A request launched just before the walk stopped is not sent.
		if err := ctx.Err(); err != nil {
			f.err = err
		} else {
			f.sent = true
			f.page, f.info, f.err = fetch(ctx, num)
		}
		if f.err != nil {
			f.err = &pageError{num: num, err: f.err}
		}
		w.results <- f
	}()
}

// land takes a finished request back from its goroutine: it counts it,
// notes its meta (pages dropped later included), halves the concurrency
// when it met HTTP 429, and when it failed, cancels
// the requests launched after it, which can no longer be delivered.
func (w *window[T]) land(f *flight[T]) {
	p := w.p
	p.landings++
	f.landed, f.here = p.landings, true
	w.flying--
	changed := f.err == nil && f.page != nil && p.drift.note(f.page.Meta)
	p.count(func(s *WalkStats) {
		s.Changed = s.Changed || changed
		if f.sent {
			s.Requests++
			if f.redo != nil {
				s.Refetched++
			}
		}
		s.Throttled += f.info.throttled
	})
	// Only requests launched since the last halving count: a burst of 429s
	// that hits every page in flight is one signal, not one per page.
	if f.info.throttled > 0 && f.conc == p.conc {
		p.conc = max(1, p.conc/2)
	}
	if f.err == nil {
		return
	}
	w.failed = true
	after := false
	for _, g := range w.queue {
		if after {
			g.cancel()
		}
		after = after || g == f
	}
}

// pageError is a request's failure, naming its page. The "agentapi:" prefix
// of the cause is not repeated.
type pageError struct {
	num int
	err error
}

// Error names the page, then the cause, with the package's prefix once.
func (e *pageError) Error() string {
	return "agentapi: page " + strconv.Itoa(e.num) + ": " + strings.TrimPrefix(e.err.Error(), "agentapi: ")
}

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *pageError) Unwrap() error { return e.err }
