package agentapi

import (
	"context"
	"fmt"
	"sync"
)

// fetchResult is what one page's fetch brought back.
type fetchResult[T any] struct {
	page      *Page[T]
	err       error
	throttled bool // a response to the page's request was HTTP 429
}

// walk fetches pages from p.next on and hands each, in page order, to
// deliver, until the walk ends, deliver returns false, or limit pages (0 =
// no limit) have been requested. Up to p.conc pages are in flight once the
// first page has told the last page; every request is cancelled and every
// goroutine has returned before walk returns. An error is also kept in p.err.
func (p *Pager[T]) walk(ctx context.Context, dedupe bool, limit int, deliver func(*Page[T]) bool) (err error) {
	defer func() {
		if err != nil {
			p.err = err
		}
	}()
	if ctx == nil {
		return fmt.Errorf("agentapi: nil context.Context: %w", ErrInvalidArgument)
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()

	type slot struct {
		num int
		ch  chan fetchResult[T]
	}
	var queue []slot
	launch := p.next
	requested := 0
	for {
		for len(queue) < p.window() && launch <= p.lastBound() && p.mayNeed(len(queue)) &&
			(limit == 0 || requested < limit) && p.fetched < maxPages {
			ch := make(chan fetchResult[T], 1)
			wg.Add(1)
			go func(num int) {
				defer wg.Done()
				fctx, throttled := withThrottleFlag(ctx)
				pg, err := p.fetch(fctx, num)
				ch <- fetchResult[T]{page: pg, err: err, throttled: throttled.Load()}
			}(launch)
			queue = append(queue, slot{num: launch, ch: ch})
			launch++
			requested++
			p.fetched++
		}
		if len(queue) == 0 {
			if p.fetched >= maxPages && !p.done && (limit == 0 || requested < limit) {
				return fmt.Errorf("agentapi: walked %d pages without reaching the last: %w", maxPages, ErrMalformedResponse)
			}
			return nil
		}
		s := queue[0]
		queue = queue[1:]
		var r fetchResult[T]
		select {
		case r = <-s.ch:
		case <-ctx.Done():
			return fmt.Errorf("agentapi: page %d: %w", s.num, ctx.Err())
		}
		if r.throttled {
			p.conc = max(1, p.conc/2)
		}
		if r.err != nil {
			return r.err
		}
		pg, err := p.accept(r.page, s.num, dedupe)
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

// window is how many pages may be in flight: one until the first page has
// told the last page, then the current concurrency.
func (p *Pager[T]) window() int {
	if p.last == 0 {
		return 1
	}
	return p.conc
}

// lastBound is the highest page number that may be requested now.
func (p *Pager[T]) lastBound() int {
	if p.done {
		return 0
	}
	if p.last == 0 {
		return p.next
	}
	return p.last
}

// mayNeed reports whether, with queued pages already in flight, another
// page can still be needed under WithMaxItems.
func (p *Pager[T]) mayNeed(queued int) bool {
	if p.cfg.maxItems == 0 {
		return true
	}
	remaining := p.cfg.maxItems - p.delivered
	if p.perPage == 0 {
		return queued == 0 && remaining > 0
	}
	return queued*p.perPage < remaining
}

// accept takes page number num into the walk's state and returns it as it
// is to be delivered: nil when it is to be dropped, its items filtered to
// the new ones when dedupe is set, cut short under WithMaxItems. It marks
// the walk done at its end.
func (p *Pager[T]) accept(pg *Page[T], num int, dedupe bool) (*Page[T], error) {
	if pg == nil {
		return nil, fmt.Errorf("agentapi: page %d: no page returned: %w", num, ErrMalformedResponse)
	}
	// A page past a last_page that shrank while it was in flight.
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
	p.last = last
	p.next = num + 1
	if p.perPage == 0 {
		p.perPage = pg.Meta.PerPage
		if p.perPage <= 0 {
			p.perPage = len(pg.Items)
		}
	}
	end := len(pg.Items) == 0 || cur >= last || num >= last

	sent := len(pg.Items)
	fresh := p.markSeen(pg, dedupe)
	if fresh == 0 && sent > 0 && !end {
		p.stale++
		if p.stale >= maxStalePages {
			return nil, fmt.Errorf("agentapi: %d pages in a row brought no new item while the server claims %d pages (at page %d): %w",
				p.stale, last, num, ErrMalformedResponse)
		}
	} else if fresh > 0 {
		p.stale = 0
	}

	if p.cfg.maxItems > 0 {
		if remaining := p.cfg.maxItems - p.delivered; len(pg.Items) >= remaining {
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
		k := p.key(&items[i])
		if k != "" {
			if _, dup := p.seen[k]; dup {
				continue
			}
			p.seen[k] = struct{}{}
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
