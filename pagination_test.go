package agentapi

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
