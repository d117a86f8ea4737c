package agentapi

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPagerDrift(t *testing.T) {
	t.Run("tasks inserted at the front are not yielded twice by All", func(t *testing.T) {
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
		assert.Equal(t, []int{1, 2, 3, 4, 5, 6}, l.calls)
	})
	t.Run("Pages delivers pages as the server sent them", func(t *testing.T) {
		l := newTestLister(50, 10)
		l.before = func(l *testLister, page int) {
			if page == 3 {
				l.ids = append([]string{"new-1", "new-2", "new-3"}, l.ids...)
			}
		}
		n := 0
		for pg, err := range l.pager(1).Pages(context.Background()) {
			require.NoError(t, err)
			n += len(pg.Items)
		}
		assert.Equal(t, 20+33, n, "the 3 shifted tasks come twice")
	})
	t.Run("a growing last_page is followed", func(t *testing.T) {
		l := newTestLister(50, 10)
		l.before = func(l *testLister, page int) {
			if page == 5 && len(l.ids) == 50 { // once: page 5 may be read again
				for i := range 15 {
					l.ids = append(l.ids, fmt.Sprint("late-", i))
				}
			}
		}
		p := l.pager(1, WithConcurrency(2))
		ids, err := collect(t, p)
		require.NoError(t, err)
		assert.Equal(t, l.ids, ids)
		// Page 2 may be served after page 5 grew the list: its total is then
		// above page 3's, which may mean page 3 was served first and a
		// creation pushed a task from page 2 onto it, so page 3 (and 4) are
		// read again. Each page is requested once going forward.
		pages := map[int]bool{}
		for _, n := range l.calls {
			pages[n] = true
		}
		assert.Equal(t, map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true}, pages)
		assert.Len(t, l.calls, 7+p.Stats().Refetched)
	})
	shrink := func() *testLister {
		l := newTestLister(100, 10)
		l.delay = func(page int) time.Duration { return time.Duration(page) * time.Millisecond }
		l.meta = func(page int, m *PageMeta) {
			if page >= 2 {
				m.LastPage = 4
			}
		}
		return l
	}
	t.Run("a shrinking last_page ends the walk and drops pages past it", func(t *testing.T) {
		l := shrink()
		ids, err := collect(t, l.pager(1, WithConcurrency(8)))
		require.NoError(t, err)
		assert.Equal(t, l.ids[:40], ids)
	})
	t.Run("Next drops pages past a shrunk last_page", func(t *testing.T) {
		l := shrink()
		p := l.pager(1, WithConcurrency(8))
		var nums []int
		for p.More() {
			pg, err := p.Next(context.Background())
			if err != nil {
				assert.ErrorIs(t, err, ErrNoMorePages)
				break
			}
			nums = append(nums, pg.Meta.CurrentPage)
		}
		assert.Equal(t, []int{1, 2, 3, 4}, nums)
		assert.Len(t, l.calls, 9, "the batch 2..9 was in flight; 5..9 are dropped")
	})
}

func TestPagerEndWithoutMeta(t *testing.T) {
	l := newTestLister(30, 10)
	l.meta = func(_ int, m *PageMeta) { *m = PageMeta{} } // no pagination block
	ids, err := collect(t, l.pager(1, WithConcurrency(4)))
	require.NoError(t, err)
	assert.Equal(t, l.ids[:10], ids, "a page without meta is all there is")
	assert.Equal(t, []int{1}, l.calls)
}

func TestPagerNoProgressGuard(t *testing.T) {
	same := func(int) []Task { return []Task{{UUID: "same"}} } // the server ignores page
	for _, conc := range []int{1, 2, 8} {
		t.Run(fmt.Sprint("concurrency=", conc), func(t *testing.T) {
			l := newTestLister(100, 10)
			l.items = same
			ids, err := collect(t, l.pager(1, WithConcurrency(conc)))
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Equal(t, []string{"same"}, ids)
			// Page 1 is new, pages 2..4 are not: the error, at most a
			// window of 2n pages later.
			assert.GreaterOrEqual(t, len(l.calls), 4)
			assert.LessOrEqual(t, len(l.calls), 4+2*conc)
		})
	}
	t.Run("Pages and Next", func(t *testing.T) {
		l := newTestLister(100, 10)
		l.items = same
		var pages int
		var got error
		for _, err := range l.pager(1).Pages(context.Background()) {
			if err != nil {
				got = err
				continue
			}
			pages++
		}
		assert.ErrorIs(t, got, ErrMalformedResponse)
		assert.Equal(t, 3, pages, "pages as sent: page 1, then two repeats")

		p := l.pager(1, WithConcurrency(4))
		for range 3 {
			_, err := p.Next(context.Background())
			require.NoError(t, err)
		}
		_, err := p.Next(context.Background())
		assert.ErrorIs(t, err, ErrMalformedResponse)
	})
	t.Run("empty keys are never duplicates", func(t *testing.T) {
		l := newTestLister(30, 10)
		l.items = func(int) []Task { return []Task{{Name: "no uuid"}} }
		ids, err := collect(t, l.pager(1))
		require.NoError(t, err)
		assert.Len(t, ids, 3)
	})
}

func TestPagerMaxPagesGuard(t *testing.T) {
	var n atomic.Int64
	endless := func(_ context.Context, page int) (*TaskPage, fetchInfo, error) {
		n.Add(1)
		return &TaskPage{Items: []Task{{UUID: fmt.Sprint(page)}}, Meta: PageMeta{CurrentPage: page, LastPage: 1 << 30}}, fetchInfo{}, nil
	}
	t.Run("lowered bound", func(t *testing.T) {
		for _, conc := range []int{1, 4} {
			n.Store(0)
			p := newPager(endless, taskKey, 1, []PagerOption{WithConcurrency(conc)})
			p.maxPages = 50
			ids, err := collect(t, p)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Len(t, ids, 50)
			assert.Equal(t, int64(50), n.Load(), "never a page past the bound")

			n.Store(0)
			p = newPager(endless, taskKey, 7, []PagerOption{WithConcurrency(conc)})
			p.maxPages = 50
			pages := 0
			for {
				if _, err = p.Next(context.Background()); err != nil {
					break
				}
				pages++
			}
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Equal(t, 50, pages)
			assert.Equal(t, int64(50), n.Load())
		}
	})
	t.Run("100,000 pages", func(t *testing.T) {
		if testing.Short() {
			t.Skip("walks 100,000 pages")
		}
		n.Store(0)
		ids, err := collect(t, newPager(endless, taskKey, 1, nil))
		assert.ErrorIs(t, err, ErrMalformedResponse)
		assert.Len(t, ids, maxPages)
		assert.Equal(t, int64(maxPages), n.Load())
	})
}

func TestPagerNilPage(t *testing.T) {
	p := newPager(func(context.Context, int) (*TaskPage, fetchInfo, error) { return nil, fetchInfo{}, nil }, taskKey, 1, nil)
	_, err := collect(t, p)
	assert.ErrorIs(t, err, ErrMalformedResponse)
}

func TestPagerMaxItems(t *testing.T) {
	for _, conc := range []int{1, 8} {
		t.Run(fmt.Sprint("concurrency=", conc), func(t *testing.T) {
			l := newTestLister(1000, 100)
			ids, err := collect(t, l.pager(1, WithConcurrency(conc), WithMaxItems(250)))
			require.NoError(t, err)
			assert.Equal(t, l.ids[:250], ids)
			assert.Len(t, l.calls, 3, "no page that cannot be needed")

			l = newTestLister(1000, 100)
			var sizes []int
			for pg, err := range l.pager(1, WithConcurrency(conc), WithMaxItems(250)).Pages(context.Background()) {
				require.NoError(t, err)
				sizes = append(sizes, len(pg.Items))
			}
			assert.Equal(t, []int{100, 100, 50}, sizes)
			assert.Len(t, l.calls, 3)

			l = newTestLister(1000, 100)
			p := l.pager(1, WithConcurrency(conc), WithMaxItems(250))
			sizes = nil
			for p.More() {
				pg, err := p.Next(context.Background())
				require.NoError(t, err)
				sizes = append(sizes, len(pg.Items))
			}
			assert.Equal(t, []int{100, 100, 50}, sizes)
			assert.Len(t, l.calls, 3)
		})
	}
	t.Run("more than the list", func(t *testing.T) {
		l := newTestLister(95, 10)
		ids, err := collect(t, l.pager(1, WithConcurrency(4), WithMaxItems(1000)))
		require.NoError(t, err)
		assert.Equal(t, l.ids, ids)
		assert.Len(t, l.calls, 10)
	})
	t.Run("duplicates make All ask for a page more", func(t *testing.T) {
		l := newTestLister(1000, 100)
		l.before = func(l *testLister, page int) {
			if page == 2 && l.ids[0] == "task-000000" {
				fresh := make([]string, 60)
				for i := range fresh {
					fresh[i] = fmt.Sprint("new-", i)
				}
				l.ids = append(fresh, l.ids...) // page 2 now repeats 60 of page 1
			}
		}
		ids, err := collect(t, l.pager(1, WithConcurrency(8), WithMaxItems(250)))
		require.NoError(t, err)
		assert.Len(t, ids, 250)
		seen := map[string]bool{}
		for _, id := range ids {
			assert.False(t, seen[id], "duplicate %s", id)
			seen[id] = true
		}
		assert.ElementsMatch(t, []int{1, 2, 3, 4}, l.calls, "100 + 40 + 100 new: page 4 is needed, page 5 is not")
	})
}
