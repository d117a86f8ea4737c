package agentapi

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RateLimit is what a response told of the server's rate limit, from the
// X-RateLimit-* headers Laravel's throttle sends: Limit and Remaining on
// every response, Reset (epoch seconds) on a 429 only.
type RateLimit struct {
	Limit     int       // X-RateLimit-Limit; 0 when the response did not say
	Remaining int       // X-RateLimit-Remaining; -1 when the response did not say
	Reset     time.Time // X-RateLimit-Reset; zero when absent
}

// parseRateLimit reads the X-RateLimit-* headers of h. A value that is not a
// number counts as absent.
func parseRateLimit(h http.Header) RateLimit {
	rl := RateLimit{Remaining: -1}
	if n, ok := headerInt(h, "X-RateLimit-Limit"); ok && n > 0 {
		rl.Limit = n
	}
	if n, ok := headerInt(h, "X-RateLimit-Remaining"); ok && n >= 0 {
		rl.Remaining = n
	}
	if n, ok := headerInt(h, "X-RateLimit-Reset"); ok && n > 0 {
		rl.Reset = time.Unix(int64(n), 0)
	}
	return rl
}

// headerInt reads header name of h as a decimal integer.
func headerInt(h http.Header, name string) (int, bool) {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// rateWindow is the server's rate-limit window as the client has learnt it
// from responses, shared by every call and pager of one Client. It keeps a
// local budget: a request takes one from it when sent, and a response
// lowers it to its X-RateLimit-Remaining less the requests still in flight;
// only a probe's answer may raise it.
//
// When the budget is spent, requests are held: until the window's reset
// when a 429 told it (X-RateLimit-Reset, or Retry-After), else until the
// requests in flight have answered and then behind one probe request at a
// time, whose response tells whether the window has reopened. The client's
// first request is such a probe too, and so is the first after a reset, so
// that concurrent calls meet at most one 429 a window.
type rateWindow struct {
	mu        sync.Mutex
	answered  bool      // a response has arrived
	known     bool      // a response has told the budget
	remaining int       // requests left in the window, by the local count
	reset     time.Time // when the spent window reopens; zero: unknown
	inflight  int       // requests sent and not answered
	probing   bool      // a probe is out: the others wait for its answer
	refusal   *APIError // the last 429, which calls held by the window report
	changed   chan struct{}
}

// newWindow returns a window that knows nothing yet.
func newWindow() *rateWindow {
	return &rateWindow{remaining: -1, changed: make(chan struct{})}
}

// ticket is a request let through by the window, to be handed back with
// the response.
type ticket struct{ probe bool }

// acquire holds until the window lets a request go. pause waits out a known
// reset (it returns at once when that wait cannot end before the call's
// deadline); a probe in flight is waited for on the window itself.
func (w *rateWindow) acquire(ctx context.Context, now func() time.Time, pause func(time.Duration) error) (ticket, error) {
	for {
		w.mu.Lock()
		switch {
		case w.known && w.remaining > 0:
			w.remaining--
			w.inflight++
			w.mu.Unlock()
			return ticket{}, nil
		case !w.known && w.answered:
			// The server sends no limit: there is nothing to follow.
			w.inflight++
			w.mu.Unlock()
			return ticket{}, nil
		}
		if !w.reset.IsZero() {
			if d := w.reset.Sub(now()); d > 0 {
				w.mu.Unlock()
				if err := pause(d); err != nil {
					return ticket{}, err
				}
				continue
			}
			// The window should have reopened: a probe makes sure.
			w.reset = time.Time{}
		}
		if !w.probing && w.inflight == 0 {
			w.probing = true
			w.inflight++
			w.mu.Unlock()
			return ticket{probe: true}, nil
		}
		ch := w.changed
		w.mu.Unlock()
		select {
		case <-ctx.Done():
			return ticket{}, ctx.Err()
		case <-ch:
		}
	}
}

// release hands back t with what its response told: h is nil when no
// response arrived. hold is how long a 429 keeps the window shut: its
// Retry-After, or a short floor when it has none usable.
func (w *rateWindow) release(t ticket, status int, h http.Header, hold time.Duration, now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inflight--
	if t.probe {
		w.probing = false
	}
	defer w.broadcast()
	if h == nil {
		return
	}
	w.answered = true
	rl := parseRateLimit(h)
	if status == http.StatusTooManyRequests {
		// Retry-After counts from now on the server's clock; the epoch of
		// X-RateLimit-Reset would be early on a client whose clock is ahead,
		// and every probe sent early meets another 429.
		w.known, w.remaining = true, 0
		w.reset = now.Add(hold)
		if rl.Reset.After(w.reset) && hold <= 0 {
			w.reset = rl.Reset
		}
		return
	}
	if now.Before(w.reset) {
		return // an answer older than the 429 that spent the window
	}
	if rl.Remaining < 0 {
		if t.probe {
			// The server tells no budget (nginx's limit_req, a gateway):
			// there is nothing to follow until a response tells one.
			w.known = false
		}
		return
	}
	// Within a window the budget only shrinks: a larger Remaining is an
	// answer that overtook a later one, or a window that reopened, which
	// only a probe (sent alone) may tell.
	est := max(rl.Remaining-w.inflight, 0)
	if t.probe || !w.known {
		w.remaining = est
	} else {
		w.remaining = min(w.remaining, est)
	}
	w.known = true
	if w.remaining == 0 && !rl.Reset.IsZero() {
		w.reset = rl.Reset
	}
}

// broadcast wakes the requests waiting on the window. Called with w.mu held.
func (w *rateWindow) broadcast() {
	close(w.changed)
	w.changed = make(chan struct{})
}

// refused notes e, the *APIError of a 429, for the calls the window holds.
func (w *rateWindow) refused(e *APIError) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.refusal = e
}

// lastRefusal returns a copy of the last 429's *APIError, its RetryAfter
// set to wait; nil when no 429 has been met.
func (w *rateWindow) lastRefusal(wait time.Duration) *APIError {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.refusal == nil {
		return nil
	}
	e := *w.refusal
	e.RetryAfter = wait
	return &e
}

// holdForWindow waits d for the server's window to reopen, unless d is
// longer than WithMaxRetryAfter: then the call ends at once, as when a
// Retry-After that long is its own. A call that ends without waiting (too
// long, or past its deadline) reports the 429 that shut the window, so that
// errors.Is matches ErrRateLimited and errors.As finds RetryAfter, as for
// a call that met the 429 itself.
func (cl *call) holdForWindow(d time.Duration) error {
	var err error
	if d > cl.c.maxRetryAfter {
		err = fmt.Errorf("the rate-limit window reopens in %s, past the longest wait of %s: %w",
			d.Round(time.Second), cl.c.maxRetryAfter, quiet(ErrRateLimited))
	} else {
		err = cl.pause(d, "rate limit")
	}
	if err != nil && cl.lastAPI == nil {
		cl.lastAPI = cl.c.window.lastRefusal(d)
	}
	return err
}

// windowHold returns how long a 429 with header h shuts the window: its
// Retry-After when there is one, else WithRetryWait's min, so that probes
// after a bare 429 are spaced. It is at most WithMaxRetryAfter: a longer
// Retry-After (an hour, or a value too large to represent) ends the call
// that met it at once, and later calls probe the server again after the
// longest wait, rather than the Client refusing every call until then.
func (c *Client) windowHold(h http.Header) time.Duration {
	if ra, ok := c.retryAfter(h); ok && ra > 0 {
		return min(ra, c.maxRetryAfter)
	}
	return c.waitMin
}

// paced waits for WithRateLimit's bucket, if any.
func (cl *call) paced() error {
	lim := cl.c.pace
	if lim == nil {
		return nil
	}
	now := cl.c.now()
	r := lim.ReserveN(now, 1)
	if err := cl.pause(r.DelayFrom(now), "pace"); err != nil {
		r.CancelAt(cl.c.now())
		return err
	}
	return nil
}
