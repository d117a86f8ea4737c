package agentapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that only waits move: a wait of d sets the time to at
// least d after the moment it began, and returns at once. Concurrent waits
// overlap as real ones would.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	events []WaitEvent // what WithWaitNotify told, when the test wires it
}

// useFakeClock makes c's clock and waits those of a fakeClock starting
// mid-second, as a real clock would be.
func useFakeClock(c *Client) *fakeClock {
	f := &fakeClock{t: time.Unix(1_700_000_000, 300_000_000)}
	c.now, c.wait = f.now, f.wait
	return f
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if end := f.t.Add(d); end.After(f.t) {
		f.t = end
	}
	return nil
}

// notify records a WaitEvent; pass it to WithWaitNotify.
func (f *fakeClock) notify(e WaitEvent) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, e)
}

// waits returns the recorded events of reason ("" for all).
func (f *fakeClock) waits(reason string) []WaitEvent {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []WaitEvent
	for _, e := range f.events {
		if reason == "" || e.Reason == reason {
			out = append(out, e)
		}
	}
	return out
}

// throttleServer imitates Laravel 8's stock throttle middleware in front of
// next: a fixed window of limit requests that opens with the first request
// counted and lasts window (whole seconds, as Laravel counts them). Every
// response carries X-RateLimit-Limit and -Remaining; a 429 adds Retry-After
// (the seconds left) and X-RateLimit-Reset (epoch seconds). A refused
// request is not counted, as in Laravel.
type throttleServer struct {
	*httptest.Server
	limit  int
	window int64 // seconds
	clock  func() time.Time
	next   http.Handler

	mu        sync.Mutex
	end       int64 // epoch second the current window closes; 0: none open
	hits      int
	requests  int // every request, refused or not
	throttled int // requests answered 429
	windows   int // windows opened
}

// newThrottleServer starts a throttleServer that the test's cleanup closes.
// clock is the server's time (the client's fake clock, or time.Now).
func newThrottleServer(t *testing.T, limit int, window time.Duration, clock func() time.Time, next http.Handler) *throttleServer {
	t.Helper()
	s := &throttleServer{limit: limit, window: int64(window / time.Second), clock: clock, next: next}
	s.Server = newTestServer(t, s)
	return s
}

func (s *throttleServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	now := s.clock().Unix()
	s.requests++
	if s.end != 0 && now >= s.end {
		s.end, s.hits = 0, 0
	}
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.limit))
	if s.hits >= s.limit {
		s.throttled++
		retryAfter := s.end - now
		s.mu.Unlock()
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("Retry-After", strconv.FormatInt(retryAfter, 10))
		h.Set("X-RateLimit-Reset", strconv.FormatInt(now+retryAfter, 10))
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"message":"Too Many Attempts."}`))
		return
	}
	if s.end == 0 {
		s.end = now + s.window
		s.windows++
	}
	s.hits++
	h.Set("X-RateLimit-Remaining", strconv.Itoa(s.limit-s.hits))
	s.mu.Unlock()
	s.next.ServeHTTP(w, r)
}

// counts returns the requests, the 429s and the windows opened so far.
func (s *throttleServer) counts() (requests, throttled, windows int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests, s.throttled, s.windows
}
