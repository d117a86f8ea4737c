package agentapi

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
)

// ErrNoMorePages is what Pager.Next returns once More reports false.
var ErrNoMorePages = errors.New("agentapi: no more pages")

// maxPages bounds a walk, so that a server that never reports its last page
// cannot keep a pager going forever.
const maxPages = 100_000

// maxStalePages is how many pages in a row may bring no new item while the
// server still claims more, before the walk gives up.
const maxStalePages = 3

// Page is one page of a list endpoint.
type Page[T any] struct {
	Items     []T
	Meta      PageMeta
	Message   string      // the envelope's "message"
	Header    http.Header // the response's headers (request id, rate-limit counters, ...)
	RateLimit RateLimit   // the response's X-RateLimit-* headers
}

// TaskPage is a page of tasks.
type TaskPage = Page[Task]

// PagerOption configures a Pager. An invalid value makes the pager's first
// Next, All or Pages fail with an error wrapping ErrInvalidArgument, before
// any request.
type PagerOption func(*pagerConfig)

type pagerConfig struct {
	concurrency int
	maxItems    int
}

// WithConcurrency sets how many page requests may be in flight at once, once
// the first page (always fetched alone) has told the last page number;
// default 1. Pages are still delivered strictly in order: a page that
// arrives before the one ahead of it waits, and a walk holds at most 2n
// pages at a time, whatever the list's length. When a page's request
// meets HTTP 429, even one that a retry got past, the pager halves its
// concurrency (down to 1) for the rest of the walk. n must be at least 1.
// The client's own transport keeps 32 idle connections per host, so up to
// 32 pages in flight reuse their connections; for more, pass a transport
// with a larger MaxIdleConnsPerHost through WithHTTPClient.
func WithConcurrency(n int) PagerOption { return func(c *pagerConfig) { c.concurrency = n } }

// WithMaxItems stops the walk after n items, and fetches no page that cannot
// be needed for them; 0, the default, means every item. n must not be
// negative.
func WithMaxItems(n int) PagerOption { return func(c *pagerConfig) { c.maxItems = n } }

// Pager walks every page of a list endpoint, from a start page to the last
// page the server reports. It is used once, by one goroutine at a time:
// through Next (page by page, under the caller's control), All (item by
// item) or Pages (page by page, as an iterator). All or Pages called after
// Next continue the walk where Next left it.
//
// The walk ends without error at a page whose current_page is at least
// last_page, or at an empty page; it never requests a page past the newest
// last_page it knows, so an empty list costs one request. When pages drift
// (tasks created or deleted during the walk) the newest last_page is
// followed and pages fetched past a last_page that shrank are dropped. The
// walk ends with an error wrapping ErrMalformedResponse when three pages in
// a row bring no new item while the server still claims more, or past
// 100,000 pages. Besides the pages in its window, the only memory a walk
// keeps is the set of item keys (task UUIDs) it has seen.
type Pager[T any] struct {
	fetch    func(ctx context.Context, page int) (*Page[T], error)
	key      func(*T) string
	maxItems int
	maxPages int   // maxPages; tests lower it
	cfgErr   error // an invalid option, reported by the first call

	start     int                 // first page of the walk
	next      int                 // number of the next page to request
	last      int                 // newest last_page; 0 before the first page
	conc      int                 // current concurrency
	epoch     int                 // halvings of conc so far
	perPage   int                 // items on the first page
	delivered int                 // items delivered, against maxItems
	stale     int                 // pages in a row with no new key
	seen      map[string]struct{} // keys of every item seen
	pending   []result[T]         // fetched by Next, not yet returned
	done      bool                // the walk reached its end, or All or Pages returned
	err       error               // sticky: returned by every later call
}

// result is one page's fetch, as it came back.
type result[T any] struct {
	num  int
	page *Page[T]
	err  error
}

// newPager returns a pager that fetches pages through fetch, from page start
// (1 when start < 1), identifying items by key (nil: items are never taken
// for duplicates). popts are applied to a copy; an invalid one is reported by
// the pager's first call.
func newPager[T any](fetch func(ctx context.Context, page int) (*Page[T], error), key func(*T) string, start int, popts []PagerOption) *Pager[T] {
	cfg := pagerConfig{concurrency: 1}
	for _, o := range popts {
		if o != nil {
			o(&cfg)
		}
	}
	p := &Pager[T]{
		fetch: fetch, key: key, maxItems: cfg.maxItems, maxPages: maxPages,
		start: max(start, 1), conc: cfg.concurrency, seen: make(map[string]struct{}),
	}
	p.next = p.start
	switch {
	case fetch == nil:
		p.cfgErr = fmt.Errorf("agentapi: pager without a fetch function: %w", ErrInvalidArgument)
	case cfg.concurrency < 1:
		p.cfgErr = fmt.Errorf("agentapi: concurrency %d is less than 1: %w", cfg.concurrency, ErrInvalidArgument)
	case cfg.maxItems < 0:
		p.cfgErr = fmt.Errorf("agentapi: max items %d is negative: %w", cfg.maxItems, ErrInvalidArgument)
	}
	return p
}

// More reports whether Next may return another page. It is false once the
// walk has reached its end, once All or Pages has returned, and once Next has
// returned an error.
func (p *Pager[T]) More() bool {
	return p.err == nil && (len(p.pending) > 0 || !p.done)
}

// Next returns the next page, as the server sent it (cut short under
// WithMaxItems). Once More reports false it returns ErrNoMorePages (as it
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
// across pages by drift are not seen twice. An error is yielded once, as the
// zero T and the error, after every item that arrived before it; then the
// iteration ends.
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
					cancelled = p.fail(fmt.Errorf("agentapi: %w", err))
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
// them: items are not deduplicated (the no-progress guard still applies),
// and under WithMaxItems the last page is cut short. An error is yielded
// once, with a nil page, and ends the iteration. Breaking out of the loop,
// cancelling ctx and a second use behave as for All.
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
		return fmt.Errorf("agentapi: nil context.Context: %w", ErrInvalidArgument)
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
	pg, err := p.accept(r.num, r.page, dedupe)
	if err != nil {
		return nil, p.fail(err)
	}
	if p.done {
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
		return p.fail(fmt.Errorf("agentapi: %d pages walked without reaching the last page: %w", p.maxPages, ErrMalformedResponse))
	}
	p.done = true
	return nil
}
