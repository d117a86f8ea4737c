package agentapi

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// WithToken makes every request send "Authorization: Bearer <token>". The
// API's page does not say how requests authenticate: Bearer is the SDK's
// assumption, and WithHeader serves any other scheme. An empty token, or one
// holding a control character, is an error.
func WithToken(token string) Option {
	return func(c *config) error {
		if token == "" {
			return invalidf("empty token")
		}
		if !validHeaderValue(token) {
			// The token itself is never put in an error message.
			return invalidf("token holds a control character")
		}
		c.token = token
		return nil
	}
}

// WithHeader sends the header name: value on every request, replacing a
// header of that name the SDK would send (Accept, User-Agent). A name that
// is not a valid header name, a value holding CR, LF or another control
// character, and the name Authorization (use WithToken) are errors. The
// value is kept as a secret, as the token is: a response or transport error
// that echoes it shows "[REDACTED]" in its place (a value under 4 bytes,
// such as a language tag, is too short to be told from ordinary text and is
// left alone).
func WithHeader(name, value string) Option {
	return func(c *config) error {
		if !validHeaderName(name) {
			return invalidf("header name %q is not a valid header name", name)
		}
		if strings.EqualFold(name, "Authorization") {
			return invalidf("header Authorization: use WithToken")
		}
		if !validHeaderValue(value) {
			return invalidf("header %s: value holds a control character", name)
		}
		c.extra.Set(name, value)
		return nil
	}
}

// WithHTTPClient sends requests through a copy of hc, so that its transport,
// proxy and TLS settings apply; hc itself is never modified. Its Timeout, if
// set, bounds each attempt; its CheckRedirect, if set, replaces the SDK's
// redirect policy. A nil hc is an error.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return invalidf("nil *http.Client")
		}
		c.hc = hc
		return nil
	}
}

// WithMaxRetries sets how many times a call is retried after its first
// attempt (default 3); 0 turns retries off. A negative n is an error.
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return invalidf("max retries %d is negative", n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithRetryWait sets the bounds of the backoff between attempts (default
// 500ms and 20s); see the package documentation for the backoff. A
// Retry-After is waited past max, up to WithMaxRetryAfter. A negative bound
// or max < min is an error; a min of 0 is valid.
func WithRetryWait(min, max time.Duration) Option {
	return func(c *config) error {
		if min < 0 || max < 0 {
			return invalidf("retry wait %s..%s: a bound is negative", min, max)
		}
		if max < min {
			return invalidf("retry wait %s..%s: max is less than min", min, max)
		}
		c.waitMin, c.waitMax = min, max
		return nil
	}
}

// WithTimeout bounds each whole call, its retries and waits included, to d;
// 0 (the default) sets no bound beyond the caller's context. A negative d is
// an error. WithAttemptTimeout bounds each attempt within it.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return invalidf("timeout %s is negative", d)
		}
		c.timeout = d
		return nil
	}
}

// WithMaxRetryAfter sets the longest Retry-After (on HTTP 429 or 503) a call
// waits before retrying (default 60s, Laravel's longest), even past
// WithRetryWait's max. A call told to wait longer returns the *APIError at
// once, RetryAfter set. A negative d is an error; 0 waits no Retry-After.
func WithMaxRetryAfter(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return invalidf("max retry after %s is negative", d)
		}
		c.maxRetryAfter = d
		return nil
	}
}

// WithAttemptTimeout bounds each attempt, from sending the request to the
// last byte of the response's body, to d (default 60s); 0 sets no bound. An
// attempt that runs out is a transport error, retried like one. A negative d
// is an error.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return invalidf("attempt timeout %s is negative", d)
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithRateLimit paces every request of the client, its retries and every
// pager's pages included, to n per period per: requests are spaced per/n
// apart (a token bucket of one token). It comes on top of the server's
// window, which the client follows without it. n < 1 or per <= 0 is an
// error.
func WithRateLimit(n int, per time.Duration) Option {
	return func(c *config) error {
		if n < 1 {
			return invalidf("rate limit of %d requests: need at least 1", n)
		}
		if per <= 0 {
			return invalidf("rate limit period %s is not positive", per)
		}
		c.rateN, c.ratePer = n, per
		return nil
	}
}

// WaitEvent is a wait the client is about to begin, for WithWaitNotify.
type WaitEvent struct {
	// Reason says why: "rate limit" (the server's window is spent; held
	// until it reopens), "retry-after" (the server asked for the wait),
	// "backoff" (between retries), "pace" (WithRateLimit).
	Reason   string
	Duration time.Duration // how long the wait will last at most
	Path     string        // the request's path, without its query
}

// WithWaitNotify calls fn before every wait of the client longer than a
// millisecond, so that a program can show it ("waiting 42s for the rate
// limit"). fn is called from the goroutine of the call that waits, possibly
// from many at once; it must be quick and safe for concurrent use. A nil fn
// (the default) tells nobody.
func WithWaitNotify(fn func(WaitEvent)) Option {
	return func(c *config) error {
		c.notify = fn
		return nil
	}
}

// WithUserAgent puts ua before the SDK's own product token in the User-Agent
// header: "ua agentapi-go/<Version>". A ua holding a control character is an
// error.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if !validHeaderValue(ua) {
			return invalidf("user agent holds a control character")
		}
		c.userAgent = strings.TrimSpace(ua)
		return nil
	}
}

// WithLogger logs each attempt, response and retry through l at Debug level:
// method, path, attempt, status, duration, wait. It never logs the token,
// header values or query strings. A nil l (the default) is silent.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithTimeZone sets the zone of timestamps the API sends without one
// (default UTC+8, China Standard Time). A nil loc is an error.
func WithTimeZone(loc *time.Location) Option {
	return func(c *config) error {
		if loc == nil {
			return invalidf("nil *time.Location")
		}
		c.loc = loc
		return nil
	}
}

// validHeaderName reports whether name is an RFC 9110 token.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0:
		default:
			return false
		}
	}
	return true
}

// validHeaderValue reports whether v holds no control character other than
// tab: CR and LF would let a value inject headers.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if b := v[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}
