package agentapi

import (
	"fmt"
	"strings"
)

// mayLaunch reports whether the next page may be requested, with queued
// pages already in flight and not yet delivered: the walk is not over, the
// page is not past the newest last_page nor past the page bound, and under
// WithMaxItems the pages in flight may still fall short of the items wanted.
func (p *Pager[T]) mayLaunch(queued int) bool {
	switch {
	case p.done || p.err != nil:
		return false
	case p.next-p.start >= p.maxPages:
		return false
	case p.last > 0 && p.next > p.last:
		return false
	case p.maxItems == 0:
		return true
	}
	remaining := p.maxItems - p.delivered
	// Pages hold about the first page's count; when duplicates dropped by All
	// make them fall short, the next fill asks for more.
	return remaining > 0 && queued*max(p.perPage, 1) < remaining
}

// accept takes page number num into the walk's state and returns it as it
// is to be delivered: nil when dropped, its items cut to the new ones when
// dedupe is set, cut short under WithMaxItems. It marks the walk done at its
// end, and returns an error wrapping ErrMalformedResponse when the page is
// missing or the no-progress guard trips.
func (p *Pager[T]) accept(num int, pg *Page[T], dedupe bool) (*Page[T], error) {
	if pg == nil {
		return nil, fmt.Errorf("agentapi: page %d: no page returned: %w", num, ErrMalformedResponse)
	}
	// Fetched past a last_page that shrank while it was in flight.
	if p.last > 0 && num > p.last {
		p.done = true
		return nil, nil
	}
	cur := pg.Meta.CurrentPage
	if cur <= 0 {
		cur = num
	}
	last := pg.Meta.LastPage
	if last <= 0 {
		last = cur // no pagination block: this page is all there is
	}
	p.last = last // drift: the newest last_page is followed
	if p.perPage == 0 {
		p.perPage = len(pg.Items)
	}
	end := len(pg.Items) == 0 || cur >= last || num >= last

	fresh := p.markSeen(pg, dedupe)
	switch {
	case fresh > 0:
		p.stale = 0
	case !end:
		// A server that ignores the page number repeats itself forever.
		if p.stale++; p.stale >= maxStalePages {
			return nil, fmt.Errorf("agentapi: %d pages in a row brought no new item while the server claims %d pages (at page %d): %w",
				p.stale, last, num, ErrMalformedResponse)
		}
	}

	if p.maxItems > 0 {
		if remaining := p.maxItems - p.delivered; len(pg.Items) >= remaining {
			clear(pg.Items[remaining:])
			pg.Items = pg.Items[:remaining]
			end = true
		}
	}
	p.delivered += len(pg.Items)
	if end {
		p.done = true
	}
	return pg, nil
}

// markSeen records the keys of pg's items and returns how many were new.
// With dedupe, it also drops from pg.Items the items seen before, keeping
// their order. An empty key is never taken for a duplicate.
func (p *Pager[T]) markSeen(pg *Page[T], dedupe bool) int {
	items := pg.Items
	kept := 0
	for i := range items {
		if p.key != nil {
			if k := p.key(&items[i]); k != "" {
				if _, dup := p.seen[k]; dup {
					continue
				}
				// A copy, so that the set never pins the buffer a key
				// was sliced from: it is the one state that grows.
				p.seen[strings.Clone(k)] = struct{}{}
			}
		}
		if dedupe && kept != i {
			items[kept] = items[i]
		}
		kept++
	}
	if dedupe {
		clear(items[kept:])
		pg.Items = items[:kept]
	}
	return kept
}
