package agentapi

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testLister serves pages of tasks from memory, like the endpoint would,
// counting the fetches and the fetches in flight.
type testLister struct {
	mu        sync.Mutex
	ids       []string // the list, in order
	perPage   int
	delay     func(page int) time.Duration  // optional
	fail      func(page int) error          // optional
	throttle  func(page int) bool           // optional: the page's request "saw" a 429
	before    func(l *testLister, page int) // optional: runs under mu before serving
	meta      func(page int, m *PageMeta)   // optional: rewrites the page's meta
	items     func(page int) []Task         // optional: replaces the page's items
	calls     []int                         // pages requested, in order of request
	inFlight  int
	maxFlight int
	cancelled atomic.Int32 // fetches that returned because their ctx ended
}

func newTestLister(n, perPage int) *testLister {
	l := &testLister{perPage: perPage}
	for i := range n {
		l.ids = append(l.ids, fmt.Sprintf("task-%06d", i))
	}
	return l
}

func (l *testLister) fetch(ctx context.Context, page int) (*TaskPage, error) {
	l.mu.Lock()
	l.calls = append(l.calls, page)
	l.inFlight++
	l.maxFlight = max(l.maxFlight, l.inFlight)
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.inFlight--
		l.mu.Unlock()
	}()
	if l.delay != nil {
		select {
		case <-time.After(l.delay(page)):
		case <-ctx.Done():
			l.cancelled.Add(1)
			return nil, ctx.Err()
		}
	}
	if l.throttle != nil && l.throttle(page) {
		markThrottled(ctx)
	}
	if l.fail != nil {
		if err := l.fail(page); err != nil {
			return nil, err
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.before != nil {
		l.before(l, page)
	}
	total := len(l.ids)
	last := max(1, (total+l.perPage-1)/l.perPage)
	pg := &TaskPage{Meta: PageMeta{HasPages: total > l.perPage, Total: total, LastPage: last, CurrentPage: page, PerPage: l.perPage}}
	for i := (page - 1) * l.perPage; i < min(page*l.perPage, total); i++ {
		pg.Items = append(pg.Items, Task{UUID: l.ids[i], Name: "任务 " + l.ids[i]})
	}
	if l.items != nil {
		pg.Items = l.items(page)
	}
	if l.meta != nil {
		l.meta(page, &pg.Meta)
	}
	return pg, nil
}

func (l *testLister) pager(start int, opts ...PagerOption) *Pager[Task] {
	return newPager(l.fetch, taskKey, start, opts)
}

func (l *testLister) callCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.calls)
}

func collect(t *testing.T, p *Pager[Task]) ([]string, error) {
	t.Helper()
	var ids []string
	var errs []error
	for task, err := range p.All(context.Background()) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, task.UUID)
	}
	require.LessOrEqual(t, len(errs), 1, "All yields at most one error")
	if len(errs) == 1 {
		return ids, errs[0]
	}
	return ids, nil
}

func TestPagerAllInOrder(t *testing.T) {
	for _, conc := range []int{1, 4, 8} {
		t.Run(fmt.Sprint("concurrency=", conc), func(t *testing.T) {
			l := newTestLister(1003, 50)
			rng := rand.New(rand.NewPCG(1, uint64(conc)))
			var mu sync.Mutex
			l.delay = func(int) time.Duration {
				mu.Lock()
				defer mu.Unlock()
				return time.Duration(rng.IntN(3000)) * time.Microsecond
			}
			ids, err := collect(t, l.pager(0, WithConcurrency(conc)))
			require.NoError(t, err)
			assert.Equal(t, l.ids, ids)
			assert.Len(t, l.calls, 21, "one request per page, none past last_page")
			assert.LessOrEqual(t, l.maxFlight, conc)
			if conc > 1 {
				assert.Greater(t, l.maxFlight, 1, "pages fetched in parallel")
			}
			assert.Equal(t, 1, l.calls[0])
		})
	}
}

func TestPagerPagesAndNext(t *testing.T) {
	l := newTestLister(25, 10)
	var sizes []int
	for pg, err := range l.pager(1).Pages(context.Background()) {
		require.NoError(t, err)
		sizes = append(sizes, len(pg.Items))
	}
	assert.Equal(t, []int{10, 10, 5}, sizes)

	for _, conc := range []int{1, 2, 8} {
		l = newTestLister(25, 10)
		p := l.pager(1, WithConcurrency(conc))
		var got []string
		for p.More() {
			pg, err := p.Next(context.Background())
			require.NoError(t, err)
			for _, task := range pg.Items {
				got = append(got, task.UUID)
			}
		}
		assert.Equal(t, l.ids, got)
		assert.Len(t, l.calls, 3)
		_, err := p.Next(context.Background())
		assert.ErrorIs(t, err, ErrNoMorePages)
	}
}

func TestPagerRequestCount(t *testing.T) {
	tests := []struct {
		name       string
		n, perPage int
		start      int
		wantCalls  []int
		wantItems  int
	}{
		{"empty list costs one request", 0, 15, 0, []int{1}, 0},
		{"one page", 7, 15, 0, []int{1}, 7},
		{"exact pages", 30, 15, 0, []int{1, 2}, 30},
		{"starts at opts.Page", 45, 15, 2, []int{2, 3}, 30},
		{"start past the end", 45, 15, 9, []int{9}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newTestLister(tt.n, tt.perPage)
			ids, err := collect(t, l.pager(tt.start, WithConcurrency(4)))
			require.NoError(t, err)
			assert.Len(t, ids, tt.wantItems)
			assert.ElementsMatch(t, tt.wantCalls, l.calls)
		})
	}
}

func TestPagerMaxItems(t *testing.T) {
	for _, conc := range []int{1, 8} {
		l := newTestLister(1000, 100)
		ids, err := collect(t, l.pager(1, WithConcurrency(conc), WithMaxItems(250)))
		require.NoError(t, err)
		assert.Equal(t, l.ids[:250], ids)
		assert.Len(t, l.calls, 3, "concurrency %d: no page that cannot be needed", conc)
	}
	l := newTestLister(1000, 100)
	var sizes []int
	for pg, err := range l.pager(1, WithMaxItems(250)).Pages(context.Background()) {
		require.NoError(t, err)
		sizes = append(sizes, len(pg.Items))
	}
	assert.Equal(t, []int{100, 100, 50}, sizes)
}

func TestPagerEarlyBreakStopsEverything(t *testing.T) {
	l := newTestLister(2000, 10)
	l.delay = func(page int) time.Duration {
		switch page {
		case 1:
			return 0
		case 2:
			return 10 * time.Millisecond
		}
		return time.Second
	}
	p := l.pager(1, WithConcurrency(4))
	n := 0
	for _, err := range p.All(context.Background()) {
		require.NoError(t, err)
		n++
		if n == 15 {
			break
		}
	}
	calls := l.callCount()
	l.mu.Lock()
	inFlight := l.inFlight
	l.mu.Unlock()
	assert.Zero(t, inFlight, "every fetch has returned when All returns")
	assert.Positive(t, l.cancelled.Load(), "fetches in flight were cancelled")
	time.Sleep(30 * time.Millisecond)
	assert.Equal(t, calls, l.callCount(), "no request starts after the loop ends")
	assert.False(t, p.More())
	for range p.All(context.Background()) {
		t.Fatal("a pager is used once")
	}
}

func TestPagerErrorMidway(t *testing.T) {
	boom := errors.New("boom")
	for _, conc := range []int{1, 4} {
		l := newTestLister(100, 10)
		l.fail = func(page int) error {
			if page == 4 {
				return boom
			}
			return nil
		}
		ids, err := collect(t, l.pager(1, WithConcurrency(conc)))
		assert.ErrorIs(t, err, boom)
		assert.Equal(t, l.ids[:30], ids, "every item before the error is yielded")

		l.calls = nil
		p := l.pager(1, WithConcurrency(conc))
		var got int
		for {
			pg, err := p.Next(context.Background())
			if err != nil {
				assert.ErrorIs(t, err, boom)
				break
			}
			got += len(pg.Items)
		}
		assert.Equal(t, 30, got)
		assert.False(t, p.More())
		_, err = p.Next(context.Background())
		assert.ErrorIs(t, err, boom, "Next after an error returns that error")
	}
}

func TestPagerContextCancel(t *testing.T) {
	l := newTestLister(1000, 10)
	l.delay = func(int) time.Duration { return 20 * time.Millisecond }
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
	assert.Less(t, n, 60)
}

func TestPagerDrift(t *testing.T) {
	t.Run("tasks inserted at the front are not yielded twice", func(t *testing.T) {
		l := newTestLister(50, 10)
		l.before = func(l *testLister, page int) {
			if page == 3 {
				l.ids = append([]string{"new-1", "new-2", "new-3"}, l.ids...)
			}
		}
		ids, err := collect(t, l.pager(1))
		require.NoError(t, err)
		seen := map[string]bool{}
		for _, id := range ids {
			assert.False(t, seen[id], "duplicate %s", id)
			seen[id] = true
		}
		// The walk follows the new last_page (6) and so reaches every old task.
		for _, id := range newTestLister(50, 10).ids {
			assert.True(t, seen[id], "missing %s", id)
		}
	})
	t.Run("a shrinking last_page ends the walk and drops pages past it", func(t *testing.T) {
		l := newTestLister(100, 10)
		l.delay = func(page int) time.Duration { return time.Duration(page) * time.Millisecond }
		l.meta = func(page int, m *PageMeta) {
			if page >= 2 {
				m.LastPage = 4
			}
		}
		ids, err := collect(t, l.pager(1, WithConcurrency(8)))
		require.NoError(t, err)
		assert.Equal(t, l.ids[:40], ids)
	})
}

func TestPagerNoProgressGuard(t *testing.T) {
	l := newTestLister(100, 10)
	l.items = func(int) []Task { return []Task{{UUID: "same"}} } // the server ignores page
	ids, err := collect(t, l.pager(1, WithConcurrency(2)))
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Equal(t, []string{"same"}, ids)
	assert.LessOrEqual(t, l.callCount(), 6, "the walk stops soon")
}

func TestPagerMaxPagesGuard(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 100,000 pages")
	}
	var n atomic.Int64
	fetch := func(_ context.Context, page int) (*TaskPage, error) {
		n.Add(1)
		return &TaskPage{Items: []Task{{UUID: fmt.Sprint(page)}}, Meta: PageMeta{CurrentPage: page, LastPage: 1 << 30}}, nil
	}
	count := 0
	var last error
	for _, err := range newPager(fetch, taskKey, 1, nil).All(context.Background()) {
		if err != nil {
			last = err
			continue
		}
		count++
	}
	assert.ErrorIs(t, last, ErrMalformedResponse)
	assert.Equal(t, maxPages, count)
	assert.Equal(t, int64(maxPages), n.Load())
}

func TestPagerInvalidOptions(t *testing.T) {
	for _, opt := range []PagerOption{WithConcurrency(0), WithConcurrency(-1), WithMaxItems(-1)} {
		l := newTestLister(10, 5)
		_, err := collect(t, l.pager(1, opt))
		assert.ErrorIs(t, err, ErrInvalidArgument)
		_, err = l.pager(1, opt).Next(context.Background())
		assert.ErrorIs(t, err, ErrInvalidArgument)
		for _, err := range l.pager(1, opt).Pages(context.Background()) {
			assert.ErrorIs(t, err, ErrInvalidArgument)
		}
		assert.Zero(t, l.callCount())
	}
}

func TestPagerThrottleHalvesConcurrency(t *testing.T) {
	l := newTestLister(400, 10)
	l.delay = func(int) time.Duration { return 3 * time.Millisecond }
	l.throttle = func(page int) bool { return page >= 2 && page <= 4 }
	p := l.pager(1, WithConcurrency(8))
	var afterThrottle int
	n := 0
	for _, err := range p.All(context.Background()) {
		require.NoError(t, err)
		if n++; n == 100 {
			l.mu.Lock()
			l.maxFlight = 0
			l.mu.Unlock()
		}
	}
	l.mu.Lock()
	afterThrottle = l.maxFlight
	l.mu.Unlock()
	assert.Equal(t, 400, n)
	assert.Equal(t, 1, p.conc, "three throttled pages halve 8 to 4, 2, 1")
	assert.LessOrEqual(t, afterThrottle, 1)
}

func TestPagerHeapStaysFlat(t *testing.T) {
	const perPage, pages = 100, 300
	fetch := func(_ context.Context, page int) (*TaskPage, error) {
		pg := &TaskPage{Meta: PageMeta{CurrentPage: page, LastPage: pages, PerPage: perPage, Total: perPage * pages}}
		pg.Items = make([]Task, perPage)
		for i := range pg.Items {
			pg.Items[i] = Task{UUID: fmt.Sprintf("%08x-0000-4000-8000-%012x", page, i), Raw: make([]byte, 2400)}
		}
		return pg, nil
	}
	var before, peak runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := 0
	for _, err := range newPager(fetch, taskKey, 1, []PagerOption{WithConcurrency(4)}).All(context.Background()) {
		require.NoError(t, err)
		if n++; n%5000 == 0 {
			var m runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.HeapAlloc {
				peak = m
			}
		}
	}
	assert.Equal(t, 30000, n)
	growth := int64(peak.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("heap growth over 30,000 tasks: %.1f MiB", float64(growth)/(1<<20))
	// The pages themselves (about 300 KiB each, 5 at most) and the seen
	// set (30,000 UUIDs) are all that may stay; 240 MiB went through.
	assert.Less(t, growth, int64(16<<20))
}
