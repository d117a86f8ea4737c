package agentapi

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	// maxRedirects bounds the same-host redirects one attempt follows.
	maxRedirects = 5
	// zeroMinBase is the first backoff step when WithRetryWait's min is 0.
	zeroMinBase = 100 * time.Millisecond
	// notifyMin is the shortest wait WithWaitNotify is told of.
	notifyMin = time.Millisecond
)

// call is the state of one call across its attempts, run by one goroutine.
type call struct {
	c        *Client
	ctx      context.Context
	r        *request
	url      string
	body     []byte // the request's JSON, sent again on every attempt
	path     string // the URL's path without query: what logs and errors name
	attempts int    // attempts started so far
	info     fetchInfo
	lastAPI  *APIError // the last response that was not a success
	lastErr  error     // the last attempt's transport error; nil if it had a response
}

// run sends the request until it succeeds, the policy stops retrying, or a
// wait cannot end in time. It returns the last response, or the error that
// ended the call.
func (cl *call) run() (*response, error) {
	for {
		if err := cl.ctx.Err(); err != nil {
			return nil, cl.stopped(err)
		}
		t, err := cl.c.window.acquire(cl.ctx, cl.c.now, cl.holdForWindow)
		if err != nil {
			return nil, cl.stopped(err)
		}
		if err := cl.paced(); err != nil {
			cl.c.window.release(t, 0, nil, 0, cl.c.now())
			return nil, cl.stopped(err)
		}
		res, reached, err := cl.attempt()
		if err != nil {
			cl.c.window.release(t, 0, nil, 0, cl.c.now())
			cl.lastErr = err
			cl.log("agentapi: attempt failed", slog.String("path", cl.path), slog.Int("attempt", cl.attempts),
				slog.String("error", cl.c.secrets.string(redactURL(err).Error())))
		} else {
			cl.c.window.release(t, res.status, res.header, cl.c.windowHold(res.header), cl.c.now())
			cl.lastErr = nil
			if res.status < 200 || res.status > 299 {
				cl.lastAPI = cl.c.statusError(res)
			}
			if res.status == http.StatusTooManyRequests {
				cl.info.throttled++
				cl.c.window.refused(cl.lastAPI)
			}
		}
		wait, reason, retry := cl.next(res, reached, err)
		if !retry || cl.attempts > cl.c.maxRetries {
			if err != nil {
				return nil, cl.failure(err)
			}
			return res, nil
		}
		if res != nil {
			res.release() // lastAPI holds copies of what it keeps
		}
		cl.log("agentapi: retrying", slog.String("path", cl.path), slog.Int("attempt", cl.attempts),
			slog.Duration("wait", wait), slog.String("reason", reason))
		if err := cl.pause(wait, reason); err != nil {
			return nil, cl.stopped(err)
		}
	}
}

// next decides whether the attempt that gave res or err is retried, and
// after what wait. Transport errors other than a refused redirect, a bad URL
// or an untrusted certificate, and HTTP 429, 500, 502, 503 and 504 are
// retried, but a create only when its request surely never reached the
// application (reached false, 429, 503). A Retry-After longer than
// WithMaxRetryAfter stops: the caller gets the error at once. The envelope's
// code never decides.
func (cl *call) next(res *response, reached bool, err error) (time.Duration, string, bool) {
	if cl.ctx.Err() != nil {
		return 0, "", false
	}
	backoff := cl.c.backoff(cl.attempts - 1)
	if err != nil {
		if !retryableError(err) || (cl.r.class == retryCreate && reached) {
			return 0, "", false
		}
		return backoff, "backoff", true
	}
	switch res.status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		ra, ok := cl.c.retryAfter(res.header)
		switch {
		case ok && ra > cl.c.maxRetryAfter:
			return 0, "", false
		case ok && ra > 0:
			return ra, "retry-after", true
		}
		// Retry-After 0, in the past or unparsable: the backoff, at least
		// WithRetryWait's min.
		return backoff, "backoff", true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		return backoff, "backoff", cl.r.class != retryCreate
	}
	return 0, "", false
}

// pause waits d, telling WithWaitNotify why. A wait that cannot end before
// the call's deadline is not begun: it returns an error wrapping
// context.DeadlineExceeded at once.
func (cl *call) pause(d time.Duration, reason string) error {
	if d <= 0 {
		return nil
	}
	if dl, ok := cl.ctx.Deadline(); ok && cl.c.now().Add(d).After(dl) {
		return fmt.Errorf("a wait of %s (%s) would pass the deadline: %w", d, reason, context.DeadlineExceeded)
	}
	if reason == "rate limit" || reason == "pace" {
		// Retries log their waits as "agentapi: retrying".
		cl.log("agentapi: waiting", slog.String("path", cl.path), slog.Duration("wait", d), slog.String("reason", reason))
	}
	if fn := cl.c.notify; fn != nil && d >= notifyMin {
		fn(WaitEvent{Reason: reason, Duration: d, Path: cl.path})
	}
	return cl.c.wait(cl.ctx, d)
}

// backoff returns the wait before the retry that follows attempt number
// attempt (0 for the first): exponential with full jitter, so that clients
// failing together do not retry together. The n-th retry waits uniformly in
// [min, min(max, base·2^n)].
func (c *Client) backoff(attempt int) time.Duration {
	base := c.waitMin
	if base == 0 {
		base = min(c.waitMax, zeroMinBase)
	}
	n := attempt + 1
	upper := c.waitMax
	if n < 62 && base <= c.waitMax>>n {
		upper = base << n
	}
	if upper <= c.waitMin {
		return c.waitMin
	}
	return c.waitMin + time.Duration(c.jitter()*float64(upper-c.waitMin))
}

// retryAfter parses the Retry-After header, in seconds or as an HTTP date (a
// date in the past is 0). A value too large to represent is the longest
// duration; a negative or unparsable one counts as absent.
func (c *Client) retryAfter(h http.Header) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		switch {
		case s < 0:
			return 0, false
		case s > int64(math.MaxInt64/time.Second):
			return math.MaxInt64, true
		}
		return time.Duration(s) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(c.now()), 0), true
}

// retryableError reports whether a transport error may pass on a new
// attempt.
func retryableError(err error) bool {
	var (
		re *redirectError
		pe permanentError
	)
	if errors.As(err, &re) || errors.As(err, &pe) {
		return false
	}
	var (
		unknownCA  x509.UnknownAuthorityError
		invalid    x509.CertificateInvalidError
		hostname   x509.HostnameError
		verifyFail *tls.CertificateVerificationError
	)
	if errors.As(err, &unknownCA) || errors.As(err, &invalid) ||
		errors.As(err, &hostname) || errors.As(err, &verifyFail) {
		return false
	}
	msg := err.Error()
	for _, permanent := range []string{
		"unsupported protocol scheme", "invalid URL", "invalid header",
		"no Host in request URL", "stopped after",
	} {
		if strings.Contains(msg, permanent) {
			return false
		}
	}
	return true
}

// failure turns the transport error that ended a call into the caller's
// error: it names the method, the path (never the query, which may hold a
// filter the user considers private) and the attempts, and wraps the cause
// with any secret replaced.
func (cl *call) failure(err error) error {
	if ctxErr := cl.ctx.Err(); ctxErr != nil {
		return cl.stopped(ctxErr)
	}
	var re *redirectError
	if errors.As(err, &re) {
		return re
	}
	return wrapf("%s %s failed after %s: %w", cl.r.method, cl.path, attemptsText(cl.attempts),
		cl.c.secrets.error(redactURL(err)))
}

// stopped returns the error of a call that a context or a deadline ended:
// it wraps cause and the last *APIError, when a response had arrived, and
// the last attempt's transport error, so that errors.Is and errors.As find
// them all.
func (cl *call) stopped(cause error) error {
	format := "%s %s: %w (after %s)"
	args := []any{cl.r.method, cl.path, cause, attemptsText(cl.attempts)}
	if cl.lastAPI != nil {
		format += ": %w"
		args = append(args, cl.lastAPI)
	}
	if err := cl.lastErr; err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		format += ": %w"
		args = append(args, cl.c.secrets.error(redactURL(err)))
	}
	return wrapf(format, args...)
}

// attemptsText returns "1 attempt" or "n attempts".
func attemptsText(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return strconv.Itoa(n) + " attempts"
}

// redactURL drops the *url.Error layer, whose message holds the full URL
// with its query string; the cause stays reachable through errors.Is/As.
func redactURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// log writes a Debug record to the client's logger, if any.
func (cl *call) log(msg string, attrs ...slog.Attr) {
	if l := cl.c.logger; l != nil {
		l.LogAttrs(cl.ctx, slog.LevelDebug, msg, attrs...)
	}
}
