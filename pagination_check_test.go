package agentapi

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A page that is not the one asked for, or an empty page before the last,
// ends the walk with ErrMalformedResponse instead of passing for its end.
func TestPagerMalformedPages(t *testing.T) {
	tests := []struct {
		name     string
		rewrite  func(l *testLister)
		wantErr  bool
		wantSeen int // items yielded by All before the end or the error
	}{
		{"current_page other than asked", func(l *testLister) {
			l.meta = func(page int, m *PageMeta) {
				if page == 3 {
					m.CurrentPage = 1 // a server that ignores ?page=
				}
			}
		}, true, 20},
		{"empty page while last_page says more follow", func(l *testLister) {
			l.items = func(page int) []Task {
				if page == 3 {
					return nil
				}
				return []Task{{UUID: fmt.Sprint("task-", page)}}
			}
		}, true, 2},
		{"empty page at the last page is the end", func(l *testLister) {
			l.items = func(page int) []Task {
				if page == 5 {
					return nil
				}
				return []Task{{UUID: fmt.Sprint("task-", page)}}
			}
		}, false, 4},
		{"empty page past last_page is the end", func(l *testLister) {
			l.meta = func(page int, m *PageMeta) {
				if page == 5 {
					m.LastPage = 4 // the list shrank while page 5 was asked for
				}
			}
			l.items = func(page int) []Task {
				if page == 5 {
					return nil
				}
				return []Task{{UUID: fmt.Sprint("task-", page)}}
			}
		}, false, 4},
	}
	for _, tt := range tests {
		for _, conc := range []int{1, 4} {
			t.Run(fmt.Sprintf("%s/concurrency=%d", tt.name, conc), func(t *testing.T) {
				l := newTestLister(50, 10)
				tt.rewrite(l)
				ids, err := collect(t, l.pager(1, WithConcurrency(conc)))
				assert.Len(t, ids, tt.wantSeen)
				if !tt.wantErr {
					require.NoError(t, err)
					return
				}
				assert.ErrorIs(t, err, ErrMalformedResponse)

				l = newTestLister(50, 10)
				tt.rewrite(l)
				p := l.pager(1, WithConcurrency(conc))
				for err == nil || !assert.NotErrorIs(t, err, ErrNoMorePages) {
					_, err = p.Next(context.Background())
				}
				assert.ErrorIs(t, err, ErrMalformedResponse, "Next too")
			})
		}
	}
}

// The first page goes alone under every schedule: an empty list costs one
// request, and no other request starts before page 1 has answered.
func TestPagerFirstPageAlone(t *testing.T) {
	runs := 500
	if testing.Short() {
		runs = 50
	}
	for i := range runs {
		l := newTestLister(0, 15)
		ids, err := collect(t, l.pager(1, WithConcurrency(8)))
		require.NoError(t, err)
		require.Empty(t, ids)
		require.Equal(t, []int{1}, l.calls, "run %d: an empty list costs one request", i)

		l = newTestLister(45, 15)
		_, err = collect(t, l.pager(1, WithConcurrency(8)))
		require.NoError(t, err)
		require.Zero(t, l.earlyCalls, "run %d: no request while page 1 was in flight", i)
		require.Len(t, l.calls, 3)
	}
}

func TestPagerStats(t *testing.T) {
	l := newTestLister(95, 10)
	l.throttle = func(page int) bool { return page == 3 || page == 7 }
	p := l.pager(1, WithConcurrency(4))
	assert.Equal(t, WalkStats{}, p.Stats(), "nothing before the walk")

	// Stats is read from another goroutine all along the walk (-race).
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				_ = p.Stats()
			}
		}
	}()
	ids, err := collect(t, p)
	close(stop)
	wg.Wait()
	require.NoError(t, err)
	assert.Len(t, ids, 95)
	assert.Equal(t, WalkStats{Requests: 10, Throttled: 2}, p.Stats(), "a quiet list: no page read again, nothing changed")

	t.Run("requests not sent are not counted", func(t *testing.T) {
		l := newTestLister(100, 10)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		p := l.pager(1)
		_, err := p.Next(ctx)
		assert.ErrorIs(t, err, context.Canceled, "a cancelled ctx is an error, not the end")
		assert.Zero(t, p.Stats().Requests)

		var errs []error
		for _, err := range l.pager(1).All(ctx) {
			errs = append(errs, err)
		}
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], context.Canceled)
		assert.Empty(t, l.calls)
	})
	t.Run("changed", func(t *testing.T) {
		l := newTestLister(95, 10)
		l.meta = func(page int, m *PageMeta) {
			if page == 4 {
				m.LastPage = 11
			}
		}
		p := l.pager(1)
		_, err := collect(t, p)
		require.NoError(t, err)
		assert.True(t, p.Stats().Changed, "last_page changed")
	})
}
