package agentapi

import (
	"strings"
)

// mayLaunch reports whether the next forward page may be requested, with
// queued requests already in the window: the walk is not over, the page is
// not past the newest last_page nor past the page bound, and under
// WithMaxItems the pages in flight may still fall short of the items wanted.
func (p *Pager[T]) mayLaunch(queued int) bool {
	switch {
	case p.ended || p.done || p.err != nil:
		return false
	case p.next-p.start >= p.maxPages:
		return false
	case p.last > 0 && p.next > p.last:
		return false
	}
	return p.wanted(queued)
}

// wanted reports whether, under WithMaxItems, the queued requests may fall
// short of the items still wanted, so that another request is worth
// sending; without WithMaxItems it is always true.
func (p *Pager[T]) wanted(queued int) bool {
	if p.maxItems == 0 {
		return true
	}
	remaining := p.maxItems - p.delivered
	// Pages hold about the first page's count; when duplicates dropped by All
	// make them fall short, the next fill asks for more.
	return remaining > 0 && queued*max(p.perPage, 1) < remaining
}

// accept takes a request's page into the walk's state and returns it as it
// is to be delivered: nil when dropped, its items cut to the new ones when
// dedupe is set, cut short under WithMaxItems. It marks the forward walk
// ended at the last page, and returns an error wrapping ErrMalformedResponse
// when the page is missing, is not the page asked for, is empty before the
// last page, or the no-progress guard trips.
func (p *Pager[T]) accept(r result[T], dedupe bool) (*Page[T], error) {
	num, pg := r.num, r.page
	if pg == nil {
		return nil, wrapf("page %d: no page returned: %w", num, ErrMalformedResponse)
	}
	if r.redo == nil && (p.ended || p.last > 0 && num > p.last) {
		// Fetched past the end: a last_page that shrank while it was in flight.
		p.ended = true
		return nil, nil
	}
	cur, last := pg.Meta.CurrentPage, pg.Meta.LastPage
	switch {
	case cur <= 0:
		cur = num // no pagination block
	case cur != num:
		return nil, wrapf("page %d: the server answered current_page %d: %w", num, cur, ErrMalformedResponse)
	}
	if last <= 0 {
		last = cur // no pagination block: this page is all there is
	}
	if r.redo != nil {
		frontier := p.next // the forward pages from here are sent later
		if p.ended {
			frontier = maxPages + p.next
		}
		p.drift.reread(r.redo, pg.Meta, p.keys(pg), p.perPage, p.start, frontier)
		if p.markSeen(pg, dedupe) > 0 {
			p.stale = 0 // the walk is making progress, on another page
		}
		return p.limit(pg), nil
	}
	end := cur >= last
	if len(pg.Items) == 0 && !end {
		return nil, wrapf("page %d is empty while last_page is %d: %w", num, last, ErrMalformedResponse)
	}
	p.last = last // drift: the newest last_page is followed
	if p.perPage == 0 {
		p.perPage = pg.Meta.PerPage
		if p.perPage <= 0 {
			p.perPage = len(pg.Items)
		}
	}
	if p.perPage > 0 {
		p.drift.forward(num, pg.Meta, p.keys(pg), r.launched, r.landed, p.start)
	}

	fresh := p.markSeen(pg, dedupe)
	switch {
	case fresh > 0:
		p.stale = 0
	case !end && !p.drift.moved:
		// A server that ignores the page number repeats itself forever. Once
		// the list has moved, pages without a new item are what drift makes
		// (pages served before a deletion, taken after pages served after
		// it): last_page and the page bound still end such a walk.
		if p.stale++; p.stale >= maxStalePages {
			return nil, wrapf("%d pages in a row brought no new item while the server claims %d pages (at page %d): %w",
				p.stale, last, num, ErrMalformedResponse)
		}
	}
	if end {
		p.ended = true
	}
	return p.limit(pg), nil
}

// keys returns the keys of pg's items, empty ones left out.
func (p *Pager[T]) keys(pg *Page[T]) []string {
	if p.key == nil {
		return nil
	}
	keys := make([]string, 0, len(pg.Items))
	for i := range pg.Items {
		if k := p.key(&pg.Items[i]); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// limit cuts pg short under WithMaxItems, ending the walk when it reaches
// the bound, and counts its items as delivered.
func (p *Pager[T]) limit(pg *Page[T]) *Page[T] {
	if p.maxItems > 0 {
		if remaining := p.maxItems - p.delivered; len(pg.Items) >= remaining {
			clear(pg.Items[remaining:])
			pg.Items = pg.Items[:remaining]
			p.ended = true
			p.drift.recoveries = nil
		}
	}
	p.delivered += len(pg.Items)
	return pg
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
