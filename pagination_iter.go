package agentapi

import (
	"context"
	"iter"
)

// More reports whether Next may return another page. It is false once the
// walk has reached its end, once All or Pages has returned, and once Next has
// returned an error.
func (p *Pager[T]) More() bool {
	return p.err == nil && (len(p.pending) > 0 || !p.done)
}

// Next returns the next page, as the server sent it (cut short under
// WithMaxItems), or a page read again after the list changed (see the Pager's
// Drift section). Once More reports false it returns ErrNoMorePages (as it
// does when the only pages left were dropped by a shrinking last_page), or,
// after an error, that same error on every later call: an error, a cancelled
// ctx included, ends the walk.
//
// With WithConcurrency(n), a call that has no page in hand fetches up to n
// pages at once, waits for all of them, returns the first and keeps the
// others for the next calls: no request and no goroutine outlives the call
// that started it.
func (p *Pager[T]) Next(ctx context.Context) (*Page[T], error) {
	if err := p.begin(ctx); err != nil {
		return nil, err
	}
	for {
		if p.err != nil {
			return nil, p.err
		}
		if len(p.pending) == 0 {
			if p.done {
				return nil, ErrNoMorePages
			}
			p.fetchBatch(ctx)
			if len(p.pending) == 0 {
				if err := p.exhausted(); err != nil {
					return nil, err
				}
				return nil, ErrNoMorePages
			}
		}
		r := p.pending[0]
		p.pending[0] = result[T]{}
		p.pending = p.pending[1:]
		pg, err := p.take(r, false)
		if err != nil {
			return nil, err
		}
		if pg != nil {
			return pg, nil
		}
	}
}

// All returns an iterator over every item of every page, in order; each
// item's key (a task's UUID) is yielded at most once, so that items shifted
// across pages by drift are not seen twice, and items recovered by reading
// a page again after the list changed come after the pages before them. An
// error is yielded once, as the zero T and the error, after every item that
// arrived before it; then the iteration ends.
//
// Breaking out of the loop or cancelling ctx stops the walk: no request
// starts afterwards, the requests in flight are cancelled, and every
// goroutine has returned before the loop ends. A pager is used once: ranging
// over All or Pages again yields nothing, or the same error again if the walk
// ended with one, and makes no request.
func (p *Pager[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var cancelled error
		err := p.run(ctx, true, func(pg *Page[T]) bool {
			for i := range pg.Items {
				// A cancelled ctx also stops the page in hand.
				if err := ctx.Err(); err != nil {
					cancelled = p.fail(wrapf("%w", err))
					return false
				}
				if !yield(pg.Items[i], nil) {
					return false
				}
			}
			return true
		})
		if err == nil {
			err = cancelled
		}
		if err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// Pages returns an iterator over every page, in order, as the server sent
// them: items are not deduplicated (the no-progress guard still applies), a
// page read again after the list changed comes again, and under
// WithMaxItems the last page is cut short. An error is yielded once, with a
// nil page, and ends the iteration. Breaking out of the loop, cancelling ctx and a second
// use behave as for All.
func (p *Pager[T]) Pages(ctx context.Context) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		if err := p.run(ctx, false, func(pg *Page[T]) bool { return yield(pg, nil) }); err != nil {
			yield(nil, err)
		}
	}
}

// begin returns the error that stops a call before any request: an invalid
// option (reported once, then kept as the walk's error) or a nil ctx.
func (p *Pager[T]) begin(ctx context.Context) error {
	if p.cfgErr != nil && p.err == nil {
		p.err = p.cfgErr
		return p.err
	}
	if ctx == nil {
		return invalidf("nil context.Context")
	}
	return nil
}

// run walks the rest of the pages for All (dedupe) and Pages, handing each
// to deliver until it returns false. It returns the error that ended the
// walk, or nil at the end or when deliver stopped it; in both cases the
// pager is spent.
func (p *Pager[T]) run(ctx context.Context, dedupe bool, deliver func(*Page[T]) bool) error {
	if err := p.begin(ctx); err != nil {
		return err
	}
	if p.err != nil {
		return p.err
	}
	defer func() {
		p.done = true
		p.pending = nil
	}()
	// Pages that Next fetched ahead come first.
	for len(p.pending) > 0 && p.err == nil {
		r := p.pending[0]
		p.pending = p.pending[1:]
		pg, err := p.take(r, dedupe)
		if err != nil {
			return err
		}
		if pg != nil && !deliver(pg) {
			return nil
		}
	}
	if p.done {
		return nil
	}
	return p.walk(ctx, dedupe, deliver)
}

// take accepts a fetched page into the walk, returning it as it is to be
// delivered (nil when dropped). An error is kept as the walk's error.
func (p *Pager[T]) take(r result[T], dedupe bool) (*Page[T], error) {
	if r.err != nil {
		return nil, p.fail(r.err)
	}
	pg, err := p.accept(r, dedupe)
	if err != nil {
		return nil, p.fail(err)
	}
	if p.ended && len(p.drift.recoveries) == 0 {
		p.done = true
		p.pending = nil // pages fetched past the end
	}
	return pg, nil
}

// fail ends the walk with err and returns it.
func (p *Pager[T]) fail(err error) error {
	p.err = err
	p.pending = nil
	return err
}

// exhausted is the end of a walk that can launch no page before reaching
// its end: the page bound.
func (p *Pager[T]) exhausted() error {
	if p.next-p.start >= p.maxPages {
		return p.fail(wrapf("%d pages walked without reaching the last page: %w", p.maxPages, ErrMalformedResponse))
	}
	p.done = true
	return nil
}
