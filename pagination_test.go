package agentapi

import (
	"context"
	"fmt"
	"math/rand/v2"
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
	mu         sync.Mutex
	ids        []string // the list, in order
	perPage    int
	delay      func(page int) time.Duration              // optional
	gate       func(ctx context.Context, page int) error // optional: runs first, may block or fail
	throttle   func(page int) bool                       // optional: the page's request "saw" a 429
	before     func(l *testLister, page int)             // optional: runs under mu before serving
	meta       func(page int, m *PageMeta)               // optional: rewrites the page's meta
	items      func(page int) []Task                     // optional: replaces the page's items
	calls      []int                                     // pages requested, in order of request
	inFlight   int
	maxFlight  int
	firstDone  bool // the first fetch has returned
	earlyCalls int  // fetches started while the first was in flight
	cancelled  atomic.Int32
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
	if len(l.calls) > 0 && !l.firstDone {
		l.earlyCalls++
	}
	l.calls = append(l.calls, page)
	l.inFlight++
	l.maxFlight = max(l.maxFlight, l.inFlight)
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.inFlight--
		l.firstDone = true
		l.mu.Unlock()
	}()
	if l.gate != nil {
		if err := l.gate(ctx, page); err != nil {
			return nil, err
		}
	}
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

// snapshot returns the pages requested so far and the fetches in flight.
func (l *testLister) snapshot() (calls []int, inFlight int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int(nil), l.calls...), l.inFlight
}

// resetMaxFlight starts a new measure of the fetches in flight.
func (l *testLister) resetMaxFlight() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.maxFlight = l.inFlight
}

// collect ranges over All, checking that at most one error comes, last.
func collect(t *testing.T, p *Pager[Task]) ([]string, error) {
	t.Helper()
	var ids []string
	var got error
	for task, err := range p.All(context.Background()) {
		require.NoError(t, got, "nothing is yielded after an error")
		if err != nil {
			assert.Zero(t, task.UUID, "an error comes with the zero item")
			got = err
			continue
		}
		ids = append(ids, task.UUID)
	}
	return ids, got
}

// randomDelay returns per-page delays of up to 3 ms, reproducible by seed.
func randomDelay(seed uint64) func(int) time.Duration {
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(1, seed))
	return func(int) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return time.Duration(rng.IntN(3000)) * time.Microsecond
	}
}

func TestPagerAllInOrder(t *testing.T) {
	for _, conc := range []int{1, 4, 8} {
		t.Run(fmt.Sprint("concurrency=", conc), func(t *testing.T) {
			l := newTestLister(1003, 50)
			l.delay = randomDelay(uint64(conc))
			ids, err := collect(t, l.pager(0, WithConcurrency(conc)))
			require.NoError(t, err)
			assert.Equal(t, l.ids, ids)
			assert.Len(t, l.calls, 21, "one request per page, none past last_page")
			assert.Equal(t, 1, l.calls[0])
			assert.Zero(t, l.earlyCalls, "the first page is fetched alone")
			assert.LessOrEqual(t, l.maxFlight, conc)
			if conc > 1 {
				assert.Greater(t, l.maxFlight, 1, "pages fetched in parallel")
			}
		})
	}
}

func TestPagerPagesAndNextInOrder(t *testing.T) {
	for _, conc := range []int{1, 4, 8} {
		t.Run(fmt.Sprint("concurrency=", conc), func(t *testing.T) {
			l := newTestLister(95, 10)
			l.delay = randomDelay(uint64(conc))
			var nums []int
			for pg, err := range l.pager(1, WithConcurrency(conc)).Pages(context.Background()) {
				require.NoError(t, err)
				nums = append(nums, pg.Meta.CurrentPage)
			}
			assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, nums)

			l = newTestLister(95, 10)
			l.delay = randomDelay(uint64(conc))
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
			assert.Len(t, l.calls, 10)
			assert.LessOrEqual(t, l.maxFlight, conc)
			_, err := p.Next(context.Background())
			assert.ErrorIs(t, err, ErrNoMorePages)
		})
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
		{"a short last page", 31, 15, -3, []int{1, 2, 3}, 31},
		{"starts at opts.Page", 45, 15, 2, []int{2, 3}, 30},
		{"start past the end", 45, 15, 9, []int{9}, 0},
	}
	for _, tt := range tests {
		for _, conc := range []int{1, 4} {
			t.Run(fmt.Sprintf("%s/concurrency=%d", tt.name, conc), func(t *testing.T) {
				l := newTestLister(tt.n, tt.perPage)
				ids, err := collect(t, l.pager(tt.start, WithConcurrency(conc)))
				require.NoError(t, err)
				assert.Len(t, ids, tt.wantItems)
				assert.ElementsMatch(t, tt.wantCalls, l.calls)
			})
		}
	}
}

func TestPagerNextEmptyList(t *testing.T) {
	l := newTestLister(0, 15)
	p := l.pager(1, WithConcurrency(8))
	require.True(t, p.More())
	pg, err := p.Next(context.Background())
	require.NoError(t, err)
	assert.Empty(t, pg.Items, "the one page is returned, with its meta")
	assert.False(t, p.More())
	for range 2 {
		_, err = p.Next(context.Background())
		assert.ErrorIs(t, err, ErrNoMorePages)
	}
	assert.Equal(t, []int{1}, l.calls)
}

func TestPagerNextLeavesNothingRunning(t *testing.T) {
	l := newTestLister(200, 10)
	l.delay = func(page int) time.Duration { return time.Duration(page%3) * time.Millisecond }
	p := l.pager(1, WithConcurrency(8))
	for i, wantCalls := range []int{1, 9, 9, 9} {
		pg, err := p.Next(context.Background())
		require.NoError(t, err)
		assert.Equal(t, i+1, pg.Meta.CurrentPage)
		calls, inFlight := l.snapshot()
		assert.Len(t, calls, wantCalls, "a batch of 8 once page 1 told last_page")
		assert.Zero(t, inFlight, "no fetch outlives the Next call that started it")
	}
}

func TestPagerNextThenAll(t *testing.T) {
	for _, dedupe := range []bool{true, false} {
		l := newTestLister(100, 10)
		p := l.pager(1, WithConcurrency(4))
		var got []string
		for range 2 { // page 1, then page 2 of a batch of 2..5
			pg, err := p.Next(context.Background())
			require.NoError(t, err)
			for _, task := range pg.Items {
				got = append(got, task.UUID)
			}
		}
		if dedupe {
			rest, err := collect(t, p)
			require.NoError(t, err)
			got = append(got, rest...)
		} else {
			for pg, err := range p.Pages(context.Background()) {
				require.NoError(t, err)
				for _, task := range pg.Items {
					got = append(got, task.UUID)
				}
			}
		}
		assert.Equal(t, l.ids, got, "the pages Next fetched ahead are not lost")
		assert.Len(t, l.calls, 10)
	}
}

func TestPagerSecondUse(t *testing.T) {
	boom := fmt.Errorf("boom")
	tests := []struct {
		name    string
		first   func(p *Pager[Task])
		wantErr error
	}{
		{"after the end", func(p *Pager[Task]) {
			for range p.All(context.Background()) {
			}
		}, nil},
		{"after a break", func(p *Pager[Task]) {
			for range p.Pages(context.Background()) {
				break
			}
		}, nil},
		{"after an error", func(p *Pager[Task]) {
			for range p.All(context.Background()) {
			}
		}, boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newTestLister(30, 10)
			if tt.wantErr != nil {
				l.gate = func(_ context.Context, page int) error {
					if page == 2 {
						return tt.wantErr
					}
					return nil
				}
			}
			p := l.pager(1)
			tt.first(p)
			calls := len(l.calls)
			assert.False(t, p.More())
			var errs []error
			for _, err := range p.All(context.Background()) {
				errs = append(errs, err)
			}
			for _, err := range p.Pages(context.Background()) {
				errs = append(errs, err)
			}
			_, err := p.Next(context.Background())
			if tt.wantErr == nil {
				assert.Empty(t, errs, "a spent pager yields nothing")
				assert.ErrorIs(t, err, ErrNoMorePages)
			} else {
				require.Len(t, errs, 2, "the same error again")
				assert.ErrorIs(t, errs[0], boom)
				assert.Same(t, errs[0], errs[1])
				assert.Same(t, errs[0], err)
			}
			assert.Len(t, l.calls, calls, "no request on a second use")
		})
	}
}

func TestPagerInvalidOptions(t *testing.T) {
	for _, opt := range []PagerOption{WithConcurrency(0), WithConcurrency(-1), WithMaxItems(-1)} {
		l := newTestLister(10, 5)
		_, err := collect(t, l.pager(1, opt))
		assert.ErrorIs(t, err, ErrInvalidArgument)

		p := l.pager(1, opt)
		assert.True(t, p.More(), "More lets a loop reach the error")
		_, err = p.Next(context.Background())
		assert.ErrorIs(t, err, ErrInvalidArgument)
		assert.False(t, p.More())
		_, again := p.Next(context.Background())
		assert.Same(t, err, again)

		n := 0
		for pg, err := range l.pager(1, opt).Pages(context.Background()) {
			assert.Nil(t, pg)
			assert.ErrorIs(t, err, ErrInvalidArgument)
			n++
		}
		assert.Equal(t, 1, n)
		assert.Zero(t, len(l.calls), "no request with an invalid option")
	}
}

func TestPagerNilContext(t *testing.T) {
	l := newTestLister(10, 5)
	var nilCtx context.Context
	p := l.pager(1)
	_, err := p.Next(nilCtx)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	for _, err := range p.All(nilCtx) {
		assert.ErrorIs(t, err, ErrInvalidArgument)
	}
	assert.Empty(t, l.calls, "no request without a context")
	ids, err := collect(t, p)
	require.NoError(t, err)
	assert.Equal(t, l.ids, ids, "a nil context does not spend the pager")
}
