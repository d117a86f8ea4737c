package agentapi

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// flight is one page's fetch, running in a goroutine of its own.
type flight[T any] struct {
	result[T]
	epoch     int                // the pager's epoch when it was launched
	throttled *atomic.Bool       // set when a response to it was HTTP 429
	cancel    context.CancelFunc // cancels this fetch alone
	ready     chan struct{}      // closed once result is set
}

// window is the set of fetches in flight of one walk, in page order. Only
// the walking goroutine touches it, except the fetch goroutines' results,
// each published by closing its flight's ready channel.
type window[T any] struct {
	p      *Pager[T]
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	queue  []*flight[T]
	failed atomic.Int64  // lowest page number whose fetch failed; 0 = none
	wake   chan struct{} // a fetch failed: cancel the fetches after it
	landed chan struct{} // a fetch finished: a request slot is free
	flying atomic.Int64  // fetches not finished yet
}

func (p *Pager[T]) newWindow(ctx context.Context) *window[T] {
	ctx, cancel := context.WithCancel(ctx)
	return &window[T]{p: p, ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1), landed: make(chan struct{}, 1)}
}

// close cancels every fetch still in flight and waits for its goroutine.
func (w *window[T]) close() {
	w.cancel()
	w.wg.Wait()
	w.queue = nil
}

// walk fetches the rest of the pages with up to p.conc requests in flight,
// accepting and delivering them in page order until the end, an error, or
// deliver returning false. A request slot is refilled as soon as any fetch
// finishes, not only when the page at the head is delivered: otherwise one
// slow page would idle every other slot until it arrived. Pages that
// finished ahead of the head wait in the window, which holds at most
// 2*p.conc pages. Every goroutine has returned when walk returns.
func (p *Pager[T]) walk(ctx context.Context, dedupe bool, deliver func(*Page[T]) bool) error {
	w := p.newWindow(ctx)
	defer w.close()
	for {
		w.fill(0)
		f, err := w.head(true)
		if err != nil {
			return p.fail(err)
		}
		if f == nil {
			return p.exhausted()
		}
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

// fetchBatch fetches, for Next, the next pages at once (one until the first
// page has told the last page number, then up to p.conc), and appends their
// results, in page order, to p.pending, stopping at the first error. Every
// goroutine has returned when it returns.
func (p *Pager[T]) fetchBatch(ctx context.Context) {
	w := p.newWindow(ctx)
	defer w.close()
	w.fill(p.width())
	for {
		f, err := w.head(false)
		switch {
		case err != nil:
			p.pending = append(p.pending, result[T]{err: err})
			return
		case f == nil:
			return
		}
		p.pending = append(p.pending, f.result)
		if f.err != nil {
			return
		}
	}
}

// width is how many pages may be in flight: one until the first page has
// told the last page number, then the current concurrency.
func (p *Pager[T]) width() int {
	if p.last == 0 {
		return 1
	}
	return p.conc
}

// fill launches fetches until p.width() requests are in flight, the window
// holds 2*p.width() pages, no page can be needed, or, when limit > 0, limit
// pages are in the window. It launches nothing once a fetch has failed: the
// walk stops there.
func (w *window[T]) fill(limit int) {
	p := w.p
	for _, f := range w.queue {
		p.noteThrottle(f) // a 429 in flight slows the pages launched next
	}
	for int(w.flying.Load()) < p.width() && len(w.queue) < 2*p.width() &&
		(limit == 0 || len(w.queue) < limit) &&
		w.failed.Load() == 0 && w.ctx.Err() == nil && p.mayLaunch(len(w.queue)) {
		w.launch(p.next)
		p.next++
	}
}

// launch starts the fetch of page num.
func (w *window[T]) launch(num int) {
	ctx, cancel := context.WithCancel(w.ctx)
	ctx, flag := withThrottleFlag(ctx)
	f := &flight[T]{result: result[T]{num: num}, epoch: w.p.epoch, throttled: flag, cancel: cancel, ready: make(chan struct{})}
	w.queue = append(w.queue, f)
	w.wg.Add(1)
	w.flying.Add(1)
	go func() {
		defer w.wg.Done()
		defer cancel()
		// A fetch launched just before the walk stopped does not start.
		if err := ctx.Err(); err != nil {
			f.err = fmt.Errorf("agentapi: page %d: %w", num, err)
		} else if f.page, f.err = w.p.fetch(ctx, num); f.err != nil {
			f.err = fmt.Errorf("agentapi: page %d: %w", num, f.err)
		}
		if f.err != nil {
			w.noteFailure(num)
		}
		// The slot is free before the result is published, so that the walk,
		// once it has taken this page, sees the slot free and refills it.
		w.flying.Add(-1)
		close(f.ready)
		w.land()
	}()
}

// land wakes the walk to refill the request slot of a finished fetch.
func (w *window[T]) land() {
	select {
	case w.landed <- struct{}{}:
	default:
	}
}

// noteFailure records that page num failed and wakes the walk, which
// cancels the fetches after it: they can no longer be delivered.
func (w *window[T]) noteFailure(num int) {
	for {
		cur := w.failed.Load()
		if cur != 0 && cur <= int64(num) || w.failed.CompareAndSwap(cur, int64(num)) {
			break
		}
	}
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// head waits for the first fetch of the window and removes it; with
// refill, it launches more fetches as others finish meanwhile. It returns
// nil when the window is empty, and an error wrapping ctx.Err() when the
// walk's context ends first.
func (w *window[T]) head(refill bool) (*flight[T], error) {
	if len(w.queue) == 0 {
		return nil, nil
	}
	f := w.queue[0]
	for waiting := true; waiting; {
		select {
		case <-f.ready:
			waiting = false
		case <-w.ctx.Done():
			waiting = false
		case <-w.wake:
			failed := int(w.failed.Load())
			for _, g := range w.queue {
				if g.num > failed {
					g.cancel()
				}
			}
		case <-w.landed:
			if refill {
				w.fill(0)
			}
		}
	}
	// Once ctx is cancelled nothing more is delivered, even a page at hand.
	if err := w.ctx.Err(); err != nil {
		return nil, fmt.Errorf("agentapi: page %d: %w", f.num, err)
	}
	w.queue[0] = nil
	w.queue = w.queue[1:]
	w.p.noteThrottle(f)
	return f, nil
}

// noteThrottle halves the concurrency when f's request met HTTP 429. Only
// pages launched since the last halving count: a burst of 429s that hits
// every page in flight is one signal, not one per page.
func (p *Pager[T]) noteThrottle(f *flight[T]) {
	if f.epoch == p.epoch && f.throttled.Load() {
		p.conc = max(1, p.conc/2)
		p.epoch++
	}
}
