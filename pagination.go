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
	Items   []T
	Meta    PageMeta
	Message string      // the envelope's "message"
	Header  http.Header // the response's headers (request id, rate-limit counters, ...)
}

// TaskPage is a page of tasks.
type TaskPage = Page[Task]

// PagerOption configures a Pager. An invalid value makes the pager's first
// Next, All or Pages fail with an error wrapping ErrInvalidArgument.
type PagerOption func(*pagerConfig)

type pagerConfig struct {
	concurrency int
	maxItems    int
}

// WithConcurrency sets how many pages may be in flight at once once the
// first page has told the last page number; default 1. Pages are still
// delivered strictly in order, and at most n of them are held in memory.
// When a page's request meets HTTP 429, the pager halves its concurrency
// (down to 1) for the rest of the walk. n must be at least 1.
func WithConcurrency(n int) PagerOption { return func(c *pagerConfig) { c.concurrency = n } }

// WithMaxItems stops the walk after n items, and fetches no page that
// cannot be needed for them; 0, the default, means every item. n must not
// be negative.
func WithMaxItems(n int) PagerOption { return func(c *pagerConfig) { c.maxItems = n } }

// fetchFunc fetches one page by number.
type fetchFunc[T any] func(ctx context.Context, page int) (*Page[T], error)

// Pager walks every page of a list endpoint, from a start page to the last
// page the server reports. It is used once, by one goroutine: through Next
// (page by page, under the caller's control), All (item by item) or Pages
// (page by page, as an iterator). After All or Pages returns, the walk is
// over and More reports false.
//
// The walk ends without error at a page whose current_page is at least
// last_page, or at an empty page; it never requests a page past last_page.
// When pages drift (tasks created or deleted during the walk) the newest
// last_page is followed, All yields each item at most once, and a walk that
// sees three pages in a row bring no new item while the server claims more,
// or passes 100,000 pages, ends with an error wrapping ErrMalformedResponse.
type Pager[T any] struct {
	fetch  fetchFunc[T]
	key    func(*T) string
	cfg    pagerConfig
	cfgErr error

	next      int                 // number of the next page to deliver
	last      int                 // newest last_page; 0 before the first page
	conc      int                 // current concurrency
	perPage   int                 // page size seen on the first page
	delivered int                 // items delivered, against cfg.maxItems
	stale     int                 // pages in a row with no new key
	fetched   int                 // pages fetched, against maxPages
	seen      map[string]struct{} // keys delivered so far
	buf       []*Page[T]          // pages fetched ahead by Next
	done      bool
	err       error // sticky: returned by every later call
}

// newPager returns a pager that fetches pages through fetch, from page start
// (1 when start < 1), identifying items by key.
func newPager[T any](fetch func(ctx context.Context, page int) (*Page[T], error), key func(*T) string, start int, popts []PagerOption) *Pager[T] {
	p := &Pager[T]{fetch: fetch, key: key, cfg: pagerConfig{concurrency: 1}, next: max(start, 1), seen: make(map[string]struct{})}
	for _, o := range popts {
		if o != nil {
			o(&p.cfg)
		}
	}
	switch {
	case p.cfg.concurrency < 1:
		p.cfgErr = fmt.Errorf("agentapi: concurrency %d is less than 1: %w", p.cfg.concurrency, ErrInvalidArgument)
	case p.cfg.maxItems < 0:
		p.cfgErr = fmt.Errorf("agentapi: max items %d is negative: %w", p.cfg.maxItems, ErrInvalidArgument)
	}
	p.conc = p.cfg.concurrency
	return p
}

// More reports whether Next may return another page. It is false once the
// walk has ended, by reaching its end or by an error (which Next returns).
func (p *Pager[T]) More() bool {
	return len(p.buf) > 0 || (!p.done && p.err == nil)
}

// Next returns the next page as the server sent it. It returns
// ErrNoMorePages once More reports false, and after an error the same error
// on every later call.
//
// With WithConcurrency(n), a call that has no page in hand fetches up to n
// pages at once and keeps the ones after the first for the next calls; no
// request outlives the call that started it.
func (p *Pager[T]) Next(ctx context.Context) (*Page[T], error) {
	if len(p.buf) > 0 {
		pg := p.buf[0]
		p.buf[0] = nil
		p.buf = p.buf[1:]
		return pg, nil
	}
	if err := p.begin(); err != nil {
		return nil, err
	}
	var out []*Page[T]
	err := p.walk(ctx, false, p.batch(), func(pg *Page[T]) bool {
		out = append(out, pg)
		return true
	})
	if len(out) == 0 {
		if err == nil {
			err = ErrNoMorePages
		}
		return nil, err
	}
	p.buf = out[1:]
	return out[0], nil
}

// batch is how many pages one Next call fetches: one until the first page
// has told the last page, then the concurrency.
func (p *Pager[T]) batch() int {
	if p.last == 0 {
		return 1
	}
	return p.conc
}

// All returns an iterator over every item of every page, in order. Each
// item's key (a task's UUID) is yielded at most once. An error is yielded
// once, as the zero T and the error, after every item that arrived before
// it; then the iteration ends. Breaking out of the loop or cancelling ctx
// stops every request in flight before All returns.
func (p *Pager[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if err := p.begin(); err != nil {
			if !errors.Is(err, ErrNoMorePages) {
				yield(zero, err)
			}
			return
		}
		stopped := false
		err := p.walk(ctx, true, 0, func(pg *Page[T]) bool {
			for i := range pg.Items {
				if !yield(pg.Items[i], nil) {
					stopped = true
					return false
				}
			}
			return true
		})
		p.finish()
		if err != nil && !stopped {
			yield(zero, err)
		}
	}
}

// Pages returns an iterator over every page, in order, as the server sent
// them (items are not deduplicated; with WithMaxItems the last page is cut
// short). An error is yielded once, with a nil page, and ends the
// iteration. Breaking out of the loop or cancelling ctx stops every request
// in flight before Pages returns.
func (p *Pager[T]) Pages(ctx context.Context) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		if err := p.begin(); err != nil {
			if !errors.Is(err, ErrNoMorePages) {
				yield(nil, err)
			}
			return
		}
		stopped := false
		err := p.walk(ctx, false, 0, func(pg *Page[T]) bool {
			if !yield(pg, nil) {
				stopped = true
				return false
			}
			return true
		})
		p.finish()
		if err != nil && !stopped {
			yield(nil, err)
		}
	}
}

// begin returns the error that stops a call before any request: an invalid
// option, an earlier error, or the end of the walk.
func (p *Pager[T]) begin() error {
	switch {
	case p.cfgErr != nil:
		return p.cfgErr
	case p.err != nil:
		return p.err
	case p.done:
		return ErrNoMorePages
	}
	return nil
}

// finish ends the walk after All or Pages: a pager is used once.
func (p *Pager[T]) finish() {
	p.done = true
	p.buf = nil
}
