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

func (l *testLister) fetch(ctx context.Context, page int) (*TaskPage, fetchInfo, error) {
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
			return nil, fetchInfo{}, err
		}
	}
	if l.delay != nil {
		select {
		case <-time.After(l.delay(page)):
		case <-ctx.Done():
			l.cancelled.Add(1)
			return nil, fetchInfo{}, ctx.Err()
		}
	}
	var info fetchInfo
	if l.throttle != nil && l.throttle(page) {
		info.throttled = 1
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
	return pg, info, nil
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
