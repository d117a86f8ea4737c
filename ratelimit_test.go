package agentapi

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// throttledClient returns a client of a Laravel-like throttle of limit per
// minute, both on one fake clock.
func throttledClient(t *testing.T, limit int, opts ...Option) (*Client, *throttleServer, *fakeClock) {
	t.Helper()
	var clock *fakeClock
	srv := newThrottleServer(t, limit, time.Minute, func() time.Time { return clock.now() }, reply(200, okBody))
	c := newTestClient(t, srv.URL, opts...)
	clock = useFakeClock(c)
	return c, srv, clock
}

func TestThrottleSequentialCallsMeetOne429AWindow(t *testing.T) {
	var clock *fakeClock
	c, srv, clock := throttledClient(t, 5, WithWaitNotify(func(e WaitEvent) { clock.notify(e) }))
	const calls = 23
	for i := range calls {
		_, err := getItems(context.Background(), c, nil)
		require.NoError(t, err, "call %d", i)
	}
	requests, throttled, windows := srv.counts()
	assert.Equal(t, 5, windows, "23 calls of 5 a window")
	assert.LessOrEqual(t, throttled, windows-1, "at most one 429 a window, none in the last")
	assert.Equal(t, calls+throttled, requests)
	ra := clock.waits("retry-after")
	require.NotEmpty(t, ra)
	for _, e := range ra {
		assert.Equal(t, "/items", e.Path)
		assert.Greater(t, e.Duration, 20*time.Second, "the window's end, past the backoff max")
	}
}

func TestThrottleConcurrentCallsMeetOne429AWindow(t *testing.T) {
	tests := []struct{ goroutines, calls, limit int }{
		{8, 5, 5},
		{8, 10, 20},
		{3, 20, 7},
	}
	for _, tt := range tests {
		c, srv, _ := throttledClient(t, tt.limit)
		var wg sync.WaitGroup
		var mu sync.Mutex
		seen := 0
		for range tt.goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range tt.calls {
					_, info, err := getPage(context.Background(), c, &request{method: http.MethodGet, path: "/items"}, testDecode)
					assert.NoError(t, err)
					mu.Lock()
					seen += info.throttled
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		requests, throttled, windows := srv.counts()
		total := tt.goroutines * tt.calls
		// The fake clock may let a window pass unused (a wait computed before
		// another goroutine moved the clock), never fit more in one.
		assert.GreaterOrEqual(t, windows, (total+tt.limit-1)/tt.limit, "%+v", tt)
		assert.LessOrEqual(t, throttled, windows, "at most one 429 a window: %+v", tt)
		assert.Equal(t, total+throttled, requests, "%+v", tt)
		assert.Equal(t, throttled, seen, "fetchInfo counts every 429: %+v", tt)
	}
}

func TestThrottleWaitPastDeadlineReturnsAtOnce(t *testing.T) {
	c, srv, _ := throttledClient(t, 2, WithMaxRetries(0))
	for range 2 {
		_, err := getItems(context.Background(), c, nil)
		require.NoError(t, err)
	}
	// The window is spent: the probe meets the 429, which tells the reset.
	_, err := getItems(context.Background(), c, nil)
	require.ErrorIs(t, err, ErrRateLimited)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 0, apiErr.RateLimit.Remaining)
	assert.Equal(t, 2, apiErr.RateLimit.Limit)
	assert.False(t, apiErr.RateLimit.Reset.IsZero())

	// The next call is held for the window, which outlasts its deadline.
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	c.now = time.Now // the deadline is on the real clock; the reset is far ahead of it
	c.window.reset = time.Now().Add(2 * time.Hour)
	c.maxRetryAfter = 3 * time.Hour
	_, err = getItems(ctx, c, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NoError(t, ctx.Err(), "returned before the deadline")
	assert.Equal(t, 1, countPrefix(err), err.Error())

	// A window that reopens later than WithMaxRetryAfter is not waited for.
	c.maxRetryAfter = time.Minute
	_, err = getItems(context.Background(), c, nil)
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.Equal(t, 1, countPrefix(err), err.Error())
	requests, _, _ := srv.counts()
	assert.Equal(t, 3, requests, "a held request is not sent")
	c.window.mu.Lock()
	assert.Zero(t, c.window.inflight, "a held request takes no place in flight")
	c.window.mu.Unlock()
}

func TestPaceWaitPastDeadlineReturnsAtOnce(t *testing.T) {
	s := newScript(reply(200, okBody))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL, WithRateLimit(1, time.Hour))
	_, err := getItems(context.Background(), c, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = getItems(ctx, c, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NoError(t, ctx.Err())
	assert.Equal(t, 1, s.attempts())
	c.window.mu.Lock()
	assert.Zero(t, c.window.inflight)
	c.window.mu.Unlock()
}

func TestRateLimitOnPage(t *testing.T) {
	c, _, _ := throttledClient(t, 60)
	p, err := getItems(context.Background(), c, nil)
	require.NoError(t, err)
	assert.Equal(t, RateLimit{Limit: 60, Remaining: 59}, p.RateLimit)

	srv := newTestServer(t, reply(200, okBody))
	p, err = getItems(context.Background(), newTestClient(t, srv.URL), nil)
	require.NoError(t, err)
	assert.Equal(t, RateLimit{Remaining: -1}, p.RateLimit, "no headers: Limit 0, Remaining -1")
}

func TestParseRateLimit(t *testing.T) {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", "60")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", "1700000060")
	assert.Equal(t, RateLimit{Limit: 60, Remaining: 0, Reset: time.Unix(1700000060, 0)}, parseRateLimit(h))
	h.Set("X-RateLimit-Remaining", "many")
	h.Set("X-RateLimit-Reset", "-4")
	assert.Equal(t, RateLimit{Limit: 60, Remaining: -1}, parseRateLimit(h))
}

func TestWithRateLimitPaces(t *testing.T) {
	var clock *fakeClock
	srv := newTestServer(t, reply(200, okBody))
	c := newTestClient(t, srv.URL, WithRateLimit(4, time.Second), WithWaitNotify(func(e WaitEvent) { clock.notify(e) }))
	clock = useFakeClock(c)
	start := clock.now()
	for range 5 {
		_, err := getItems(context.Background(), c, nil)
		require.NoError(t, err)
	}
	paces := clock.waits("pace")
	require.Len(t, paces, 4, "the first request goes at once")
	for _, e := range paces {
		assert.Equal(t, 250*time.Millisecond, e.Duration)
	}
	assert.Equal(t, time.Second, clock.now().Sub(start))
}

func TestWindowWithoutHeadersLetsAllGo(t *testing.T) {
	srv := newTestServer(t, reply(200, okBody))
	c := newTestClient(t, srv.URL)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := getItems(context.Background(), c, nil)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	c.window.mu.Lock()
	defer c.window.mu.Unlock()
	assert.False(t, c.window.known)
	assert.Zero(t, c.window.inflight)
}

func TestWindowAfterHeaderless429GoesFreeAgain(t *testing.T) {
	// nginx's limit_req: a bare 429, then responses without X-RateLimit-*.
	s := newScript(reply(200, okBody), reply(429, "", "Retry-After", "1"), reply(200, okBody))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	useFakeClock(c)
	for range 2 {
		_, err := getItems(context.Background(), c, nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 3, s.attempts())
	c.window.mu.Lock()
	assert.False(t, c.window.known, "the probe after the 429 told no budget")
	c.window.mu.Unlock()
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := getItems(context.Background(), c, nil)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Equal(t, 9, s.attempts())
}

func TestWindowHoldAfter429(t *testing.T) {
	now := time.Unix(1_700_000_000, 500_000_000)
	tests := []struct {
		name  string
		reset string // X-RateLimit-Reset
		hold  time.Duration
		want  time.Time
	}{
		{"retry-after wins over a reset skewed early", "1699999990", 10 * time.Second, now.Add(10 * time.Second)},
		{"retry-after wins over a reset skewed late", "1700000090", 10 * time.Second, now.Add(10 * time.Second)},
		{"no retry-after: the reset", "1700000030", 0, time.Unix(1_700_000_030, 0)},
		{"no retry-after, reset past: now", "1600000000", 0, now},
	}
	for _, tt := range tests {
		w := newWindow()
		tk, err := w.acquire(context.Background(), func() time.Time { return now }, nil)
		require.NoError(t, err)
		h := http.Header{"X-Ratelimit-Limit": {"5"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {tt.reset}}
		w.release(tk, http.StatusTooManyRequests, h, tt.hold, now)
		assert.True(t, tt.want.Equal(w.reset), "%s: reset %v", tt.name, w.reset)
		assert.Zero(t, w.remaining, tt.name)
		assert.Zero(t, w.inflight, tt.name)
	}
}
