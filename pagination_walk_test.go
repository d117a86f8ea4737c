package agentapi

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPagerEarlyBreakStopsEverything(t *testing.T) {
	for _, mode := range []string{"All", "Pages"} {
		t.Run(mode, func(t *testing.T) {
			l := newTestLister(2000, 10)
			var started, cancelled atomic.Int32
			l.gate = func(ctx context.Context, page int) error {
				if page <= 2 {
					return nil
				}
				started.Add(1)
				<-ctx.Done() // in flight until the walk cancels it
				cancelled.Add(1)
				return ctx.Err()
			}
			p := l.pager(1, WithConcurrency(4))
			n := 0
			if mode == "All" {
				for _, err := range p.All(context.Background()) {
					require.NoError(t, err)
					if n++; n == 15 { // on page 2, with pages 3..5 in flight
						break
					}
				}
			} else {
				for _, err := range p.Pages(context.Background()) {
					require.NoError(t, err)
					if n++; n == 2 {
						break
					}
				}
			}
			calls, inFlight := l.snapshot()
			assert.Zero(t, inFlight, "every fetch has returned when the loop ends")
			// A fetch launched just before the break may not start at all.
			require.GreaterOrEqual(t, len(calls), 2)
			assert.Equal(t, []int{1}, calls[:1])
			for _, page := range calls[1:] {
				assert.LessOrEqual(t, page, 1+2*4, "a window of 2n pages after page 1, never more")
			}
			assert.LessOrEqual(t, l.maxFlight, 4, "4 requests in flight at most")
			assert.Equal(t, started.Load(), cancelled.Load(), "every fetch in flight saw its context cancelled")
			time.Sleep(20 * time.Millisecond)
			later, _ := l.snapshot()
			assert.Equal(t, calls, later, "no request starts after the loop ends")
			assert.False(t, p.More())
		})
	}
}

func TestPagerErrorMidway(t *testing.T) {
	boom := errors.New("boom")
	for _, conc := range []int{1, 4} {
		t.Run(fmt.Sprint("concurrency=", conc), func(t *testing.T) {
			fail := func(_ context.Context, page int) error {
				if page == 4 {
					return boom
				}
				return nil
			}
			l := newTestLister(100, 10)
			l.gate = fail
			ids, err := collect(t, l.pager(1, WithConcurrency(conc)))
			assert.ErrorIs(t, err, boom)
			assert.Contains(t, err.Error(), "page 4")
			assert.Equal(t, l.ids[:30], ids, "every item before the error is yielded")

			l = newTestLister(100, 10)
			l.gate = fail
			p := l.pager(1, WithConcurrency(conc))
			got := 0
			for {
				pg, err := p.Next(context.Background())
				if err != nil {
					assert.ErrorIs(t, err, boom)
					break
				}
				got += len(pg.Items)
			}
			assert.Equal(t, 30, got, "every page before the error is returned")
			assert.False(t, p.More())
			_, again := p.Next(context.Background())
			assert.ErrorIs(t, again, boom, "Next after an error returns that error")
		})
	}
}

// A failed page cancels the fetches after it at once, while the ones before
// it still complete and are delivered.
func TestPagerErrorCancelsLaterFetches(t *testing.T) {
	boom := errors.New("boom")
	page5Started, release := make(chan struct{}), make(chan struct{})
	l := newTestLister(100, 10)
	l.gate = func(ctx context.Context, page int) error {
		switch page {
		case 1:
			return nil
		case 2, 3: // slow pages before the failure
			select {
			case <-release:
				return nil
			case <-time.After(5 * time.Second):
				return errors.New("page 5 was not cancelled when page 4 failed")
			}
		case 4:
			<-page5Started
			return boom
		}
		close(page5Started)
		<-ctx.Done()
		close(release)
		return ctx.Err()
	}
	ids, err := collect(t, l.pager(1, WithConcurrency(4)))
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, l.ids[:30], ids)
	assert.ElementsMatch(t, []int{1, 2, 3, 4, 5}, l.calls)
}

func TestPagerContextCancel(t *testing.T) {
	t.Run("All", func(t *testing.T) {
		l := newTestLister(1000, 10)
		l.delay = func(int) time.Duration { return 2 * time.Millisecond }
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var errs []error
		n := 0
		for _, err := range l.pager(1, WithConcurrency(3)).All(ctx) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if n++; n == 25 {
				cancel()
			}
		}
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], context.Canceled)
		assert.Equal(t, 25, n, "nothing is yielded once ctx is cancelled")
		calls, inFlight := l.snapshot()
		assert.Zero(t, inFlight)
		// Pages 1-3 delivered, and a window of at most 2n pages after them.
		assert.LessOrEqual(t, len(calls), 3+2*3)
	})
	t.Run("Next", func(t *testing.T) {
		l := newTestLister(1000, 10)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		l.gate = func(fctx context.Context, page int) error {
			if page >= 3 {
				cancel()
				<-fctx.Done()
				return fctx.Err()
			}
			return nil
		}
		p := l.pager(1, WithConcurrency(4))
		_, err := p.Next(ctx)
		require.NoError(t, err)
		// The batch 2..5 is cancelled by page 3; page 2 may have arrived
		// before. Either way the batch is over when Next returns.
		pg, err := p.Next(ctx)
		_, inFlight := l.snapshot()
		assert.Zero(t, inFlight, "no fetch outlives the Next call")
		if err == nil {
			assert.Equal(t, 2, pg.Meta.CurrentPage)
			_, err = p.Next(context.Background())
		}
		assert.ErrorIs(t, err, context.Canceled)
		_, again := p.Next(context.Background())
		assert.Same(t, err, again, "a cancelled walk stays over")
		assert.False(t, p.More())
	})
}

func TestPagerThrottleHalvesConcurrency(t *testing.T) {
	l := newTestLister(600, 10) // 60 pages
	l.delay = func(int) time.Duration { return 3 * time.Millisecond }
	// Pages 2..4 share a window: one signal, one halving (8 to 4). Page 30
	// is launched after it: 4 to 2.
	l.throttle = func(page int) bool { return page >= 2 && page <= 4 || page == 30 }
	p := l.pager(1, WithConcurrency(8))
	var flights []int
	n := 0
	for task, err := range p.All(context.Background()) {
		require.NoError(t, err)
		switch n++; task.UUID {
		case l.ids[90], l.ids[400]: // during pages 10 and 41
			l.mu.Lock()
			flights = append(flights, l.maxFlight)
			l.mu.Unlock()
			l.resetMaxFlight()
		}
	}
	l.mu.Lock()
	flights = append(flights, l.maxFlight)
	l.mu.Unlock()
	assert.Equal(t, 600, n, "a 429 that a retry got past does not stop the walk")
	require.Len(t, flights, 3)
	assert.Greater(t, flights[0], 4, "8 in flight before the 429s")
	assert.LessOrEqual(t, flights[1], 4, "halved once for a burst of 429s")
	assert.LessOrEqual(t, flights[2], 2, "halved again for a later 429")
	assert.Equal(t, 2, p.conc)
}

func TestPagerThrottleNext(t *testing.T) {
	l := newTestLister(200, 10)
	l.throttle = func(page int) bool { return page == 3 }
	p := l.pager(1, WithConcurrency(8))
	var sizes []int
	for p.More() {
		before, _ := l.snapshot()
		_, err := p.Next(context.Background())
		require.NoError(t, err)
		after, _ := l.snapshot()
		if len(after) > len(before) {
			sizes = append(sizes, len(after)-len(before))
		}
	}
	assert.Equal(t, []int{1, 8, 4, 4, 3}, sizes, "batches shrink after the 429 of page 3")
}

// A slow page at the head of the window does not idle the other request
// slots: they keep fetching the pages after it, up to 2n pages held.
func TestWalkSlowHeadKeepsSlotsBusy(t *testing.T) {
	const conc = 4
	l := newTestLister(400, 10)
	release := make(chan struct{})
	l.gate = func(ctx context.Context, page int) error {
		if page != 2 {
			return nil
		}
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	p := l.pager(1, WithConcurrency(conc))
	done := make(chan []string)
	go func() {
		var ids []string
		for task, err := range p.All(context.Background()) {
			if err != nil {
				break
			}
			ids = append(ids, task.UUID)
		}
		done <- ids
	}()
	// While page 2 hangs, the other slots fetch pages 3 to 9 and then stop:
	// the window holds 2n pages at most.
	calls := func() int { c, _ := l.snapshot(); return len(c) }
	require.Eventually(t, func() bool { return calls() == 2*conc+1 }, 5*time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, 2*conc+1, calls(), "no page past the window of 2n")
	close(release)
	ids := <-done
	assert.Equal(t, l.ids, ids)
	assert.LessOrEqual(t, l.maxFlight, conc)
}
