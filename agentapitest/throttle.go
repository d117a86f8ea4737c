package agentapitest

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// WithRateLimit throttles every route (the list and the lifecycle's) as
// Laravel's throttle middleware does
// (the stock "api" group allows 60 a minute): each caller gets n requests
// in a fixed window of length per, opened by its first counted request.
// Only requests that passed routing and authentication count; every
// response to them carries X-RateLimit-Limit and X-RateLimit-Remaining
// (what is left of the window). Past the limit, the answer is HTTP 429
// {"message": "Too Many Attempts."} (pretty-printed) with Retry-After
// (whole seconds until the window ends, rounded up) and X-RateLimit-Reset
// (that moment, in epoch seconds); it does not count. The caller is its
// token (WithToken), or its IP address when the fake requires none, as
// Laravel keys on the user, or the IP of a guest. n < 1 or per <= 0 turns
// the throttle off (the default).
func WithRateLimit(n int, per time.Duration) Option {
	return func(f *Fake) {
		if n < 1 || per <= 0 {
			f.limit = nil
			return
		}
		f.limit = &rateLimiter{n: n, per: per, now: time.Now, windows: make(map[string]*rlWindow)}
	}
}

// rateLimiter is WithRateLimit's state: a fixed window per caller.
type rateLimiter struct {
	n   int
	per time.Duration
	now func() time.Time

	mu      sync.Mutex
	windows map[string]*rlWindow
}

// rlWindow is one caller's current window.
type rlWindow struct {
	hits int
	ends time.Time
}

// take counts a request of caller, sets the rate-limit headers in h, and
// returns the seconds to wait and true when the request is refused.
func (l *rateLimiter) take(caller string, h http.Header) (int, bool) {
	now := l.now()
	l.mu.Lock()
	w := l.windows[caller]
	if w == nil || !now.Before(w.ends) {
		w = &rlWindow{ends: now.Add(l.per)}
		l.windows[caller] = w
	}
	limited := w.hits >= l.n
	if !limited {
		w.hits++
	}
	left, ends := l.n-w.hits, w.ends
	l.mu.Unlock()

	h.Set("X-RateLimit-Limit", strconv.Itoa(l.n))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(left, 0)))
	if !limited {
		return 0, false
	}
	retry := int((ends.Sub(now) + time.Second - 1) / time.Second)
	h.Set("X-RateLimit-Reset", strconv.FormatInt(now.Unix()+int64(retry), 10))
	return retry, true
}

// authenticate reports whether r passes Laravel's token guard, and names
// the caller for the throttle. The guard takes the api_token query
// parameter first, then "Authorization: Bearer <token>" (case-sensitive
// "Bearer "), as Laravel's TokenGuard does.
func (f *Fake) authenticate(r *http.Request) (string, bool) {
	if f.token == "" {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		return "ip:" + host, true
	}
	got := parseParams(r.URL.RawQuery)["api_token"]
	tok := got.value
	if got.isArray {
		tok = ""
	}
	if tok == "" {
		auth := r.Header.Get("Authorization")
		if !strings.HasPrefix(auth, "Bearer ") {
			return "", false
		}
		tok = auth[len("Bearer "):]
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(f.token)) != 1 {
		return "", false
	}
	return "token", true
}
