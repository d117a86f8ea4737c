package agentapi

import (
	"context"
	"errors"
	"net/http"
	"sync"
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

// WalkStats is what a walk has cost and seen so far.
type WalkStats struct {
	Requests  int  // page requests sent (retries not counted)
	Refetched int  // pages requested again to recover items that deletions (or creations) shifted
	Throttled int  // responses with HTTP 429, retried or not
	Changed   bool // total or last_page changed during the walk
}

// Pager walks every page of a list endpoint, from a start page to the last
// page the server reports. It is used once, by one goroutine at a time:
// through Next (page by page, under the caller's control), All (item by
// item) or Pages (page by page, as an iterator). All or Pages called after
// Next continue the walk where Next left it. Stats may be called from any
// goroutine, during the walk and after.
//
// The first page is always fetched alone; it tells the last page, and only
// then do further pages go out, up to WithConcurrency at once. The walk ends
// without error at a page whose current_page is at least last_page; it never
// requests a page past the newest last_page it knows, so an empty list costs
// one request. A page that answers another current_page than the one asked
// for, or an empty page while last_page says more follow, ends the walk with
// an error wrapping ErrMalformedResponse, as do three pages in a row that
// bring no new item while the server still claims more, and a walk past
// 100,000 pages. Besides the pages in its window, the only memory a walk
// keeps is the set of item keys (task UUIDs) it has seen.
//
// # Drift
//
// The list may change while it is walked, and offset pages then shift: a
// deletion ahead of the walk pulls later items back onto pages already
// read, a creation pushes earlier items forward, which matters when pages
// in flight together are served out of order. The pager watches meta.total:
// when a page reports less than the page before it, items can have crossed
// the boundary between them unseen, by at most the difference. It then
// reads pages again, one at a time: down from the boundary when the walk
// has seen deletions (a total below the first page's), and up from it when
// it has seen creations (a total above) and the two pages were in flight
// together; until the pages read cover the change of the total since. These
// requests count in WalkStats.Refetched: about one page per boundary where
// the total fell, so none on a quiet list and usually a few on a walk that
// met deletions. All yields the items of a page read again that it had not
// yielded, after the pages before them; Pages and Next deliver such a page
// again, whole and as the server sent it (its Meta.CurrentPage says which),
// after the page that revealed the change. All still yields each key once.
//
// What this guarantees: every item that exists for the whole walk is
// yielded by All, at any concurrency, when during the walk items are only
// deleted (anywhere, any number), or only created (anywhere), and the list
// keeps its order. What it cannot: meta.total is all the pager sees, so when
// items are both created and deleted between two of its requests the
// total understates the shift (one deletion and one creation leave it
// unchanged) and an item can still be missed; nor can it follow a list
// whose order changes (a task edited into another place). WalkStats.Changed
// tells the caller the list moved during the walk: walk again when an exact
// snapshot matters.
type Pager[T any] struct {
	fetch    func(ctx context.Context, page int) (*Page[T], fetchInfo, error)
	key      func(*T) string
	maxItems int
	maxPages int   // maxPages; tests lower it
	cfgErr   error // an invalid option, reported by the first call

	start, next int                 // first page of the walk; next forward page to request
	last        int                 // newest last_page; 0 before the first page
	conc        int                 // current concurrency, halved by HTTP 429
	landings    int                 // requests answered so far, to order them
	perPage     int                 // items a page holds, from the first page
	delivered   int                 // items delivered, against maxItems
	ended       bool                // the forward pages reached the last page (or WithMaxItems)
	stale       int                 // forward pages in a row with no new key
	seen        map[string]struct{} // keys of every item seen
	drift       drift               // totals seen, pages to read again
	pending     []result[T]         // fetched by Next, not yet returned
	done        bool                // the walk reached its end, or All or Pages returned
	err         error               // sticky: returned by every later call

	statsMu sync.Mutex
	stats   WalkStats
}

// newPager returns a pager that fetches pages through fetch, from page start
// (1 when start < 1), identifying items by key (nil: items are never taken
// for duplicates). popts are applied to a copy; an invalid one is reported by
// the pager's first call. fetch reports with each result the HTTP 429
// responses its call saw.
func newPager[T any](fetch func(ctx context.Context, page int) (*Page[T], fetchInfo, error), key func(*T) string, start int, popts []PagerOption) *Pager[T] {
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
		p.cfgErr = invalidf("pager without a fetch function")
	case cfg.concurrency < 1:
		p.cfgErr = invalidf("concurrency %d is less than 1", cfg.concurrency)
	case cfg.maxItems < 0:
		p.cfgErr = invalidf("max items %d is negative", cfg.maxItems)
	}
	return p
}

// Stats returns what the walk has cost and seen so far. It is safe to call
// from any goroutine, during the walk and after it.
func (p *Pager[T]) Stats() WalkStats {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	return p.stats
}

// count updates the stats under their lock.
func (p *Pager[T]) count(f func(*WalkStats)) {
	p.statsMu.Lock()
	f(&p.stats)
	p.statsMu.Unlock()
}
