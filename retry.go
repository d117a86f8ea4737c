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
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

const (
	// maxRedirects bounds the same-host redirects one attempt follows.
	maxRedirects = 5
	// zeroMinBase is the first backoff step when WithRetryWait's min is 0.
	zeroMinBase = 100 * time.Millisecond
)

type throttleKey struct{}

// withThrottleFlag returns a context whose requests set the flag when a
// response of theirs is HTTP 429, even one that a retry then got past.
func withThrottleFlag(ctx context.Context) (context.Context, *atomic.Bool) {
	f := new(atomic.Bool)
	return context.WithValue(ctx, throttleKey{}, f), f
}

// markThrottled sets ctx's throttle flag, if it has one.
func markThrottled(ctx context.Context) {
	if f, ok := ctx.Value(throttleKey{}).(*atomic.Bool); ok {
		f.Store(true)
	}
}

// call is the state of one call across its attempts. retryablehttp runs the
// hooks of one call on the calling goroutine, one after another.
type call struct {
	c        *Client
	ctx      context.Context
	path     string    // the URL's path without query: what logs and errors name
	attempts int       // attempts started so far
	sent     time.Time // when the current attempt started
	lastErr  error     // the current attempt's transport error
}

// retryClient returns a retryablehttp client that runs cl under the SDK's
// retry policy.
func (cl *call) retryClient() *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:      cl.c.hc,
		Logger:          nil, // the SDK logs through WithLogger's slog.Logger
		RetryWaitMin:    cl.c.waitMin,
		RetryWaitMax:    cl.c.waitMax,
		RetryMax:        cl.c.maxRetries,
		RequestLogHook:  cl.onRequest,
		ResponseLogHook: cl.onResponse,
		CheckRetry:      cl.checkRetry,
		Backoff:         cl.backoff,
		ErrorHandler:    cl.errorHandler,
	}
}

// checkRetry decides whether an attempt is retried: transport errors other
// than a refused redirect, a bad URL or an untrusted certificate; HTTP 429,
// 500, 502, 503 and 504, unless Retry-After asks for longer than the maximum
// wait. The envelope's code never decides.
func (cl *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	cl.lastErr = err
	if err != nil {
		cl.log("agentapi: attempt failed", slog.String("path", cl.path), slog.Int("attempt", cl.attempts),
			slog.String("error", redactError(err).Error()), slog.Duration("duration", time.Since(cl.sent)))
		return retryableError(err), nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		if resp.StatusCode == http.StatusTooManyRequests {
			markThrottled(ctx)
		}
		// A wait longer than the maximum is not waited: the caller gets
		// the error with RetryAfter at once and decides.
		if ra, ok := cl.c.retryAfter(resp.Header); ok && ra > cl.c.waitMax {
			return false, nil
		}
		return true, nil
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

// retryableError reports whether a transport error may pass on a new
// attempt.
func retryableError(err error) bool {
	var re *redirectError
	if errors.As(err, &re) {
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

// backoff returns the wait before the retry that follows attempt number
// attempt (0 for the first): the server's Retry-After on 429 and 503 when
// present (checkRetry stopped if it exceeded the maximum), else exponential
// with full jitter.
func (cl *call) backoff(_, _ time.Duration, attempt int, resp *http.Response) time.Duration {
	wait := cl.c.retryWait(attempt, resp)
	attrs := []slog.Attr{slog.String("path", cl.path), slog.Int("attempt", cl.attempts), slog.Duration("wait", wait)}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	} else if cl.lastErr != nil {
		attrs = append(attrs, slog.String("error", redactError(cl.lastErr).Error()))
	}
	cl.log("agentapi: retrying", attrs...)
	return wait
}

// retryWait computes backoff's wait.
func (c *Client) retryWait(attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if ra, ok := c.retryAfter(resp.Header); ok && ra <= c.waitMax {
			return ra
		}
	}
	// Full jitter: the n-th retry waits uniformly in [min, min(max, base·2^n)],
	// so that clients failing together do not retry together.
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

// retryAfter parses the Retry-After header, in seconds or as an HTTP date.
func (c *Client) retryAfter(h http.Header) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(math.MaxInt64/time.Second) {
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

// errorHandler runs when retries end without success: it hands the last
// response to getPage, which turns it into an *APIError, or the last error.
func (cl *call) errorHandler(resp *http.Response, err error, attempts int) (*http.Response, error) {
	cl.attempts = attempts
	if err == nil && resp != nil {
		return resp, nil
	}
	if resp != nil {
		resp.Body.Close()
	}
	if err == nil {
		err = errors.New("no response")
	}
	return nil, err
}

// failure turns the error of a call that got no usable response into the
// caller's error: it wraps the cause, names the method, the path (never the
// query, which may hold a filter the user considers private) and the
// attempts.
func (cl *call) failure(err error) error {
	if ctxErr := cl.ctx.Err(); ctxErr != nil {
		return fmt.Errorf("agentapi: GET %s: %w (after %s)", cl.path, ctxErr, attemptsText(cl.attempts))
	}
	var re *redirectError
	if errors.As(err, &re) {
		return re
	}
	return fmt.Errorf("agentapi: GET %s failed after %s: %w", cl.path, attemptsText(cl.attempts), redactError(err))
}

// attemptsText returns "1 attempt" or "n attempts".
func attemptsText(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return strconv.Itoa(n) + " attempts"
}

// redactError drops the *url.Error layer, whose message holds the full URL
// with its query string; the cause stays reachable through errors.Is/As.
func redactError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// onRequest logs an attempt as it starts.
func (cl *call) onRequest(_ retryablehttp.Logger, req *http.Request, attempt int) {
	cl.attempts = attempt + 1
	cl.sent = time.Now()
	cl.log("agentapi: request", slog.String("method", req.Method), slog.String("path", cl.path),
		slog.Int("attempt", cl.attempts))
}

// onResponse logs an attempt's response.
func (cl *call) onResponse(_ retryablehttp.Logger, resp *http.Response) {
	cl.log("agentapi: response", slog.String("path", cl.path), slog.Int("attempt", cl.attempts),
		slog.Int("status", resp.StatusCode), slog.Duration("duration", time.Since(cl.sent)))
}

// log writes a Debug record to the client's logger, if any.
func (cl *call) log(msg string, attrs ...slog.Attr) {
	if l := cl.c.logger; l != nil {
		l.LogAttrs(cl.ctx, slog.LevelDebug, msg, attrs...)
	}
}

// redirectError is a redirect the SDK refuses to follow.
type redirectError struct{ msg string }

// Error returns the reason the redirect was refused.
func (e *redirectError) Error() string { return e.msg }

// checkRedirect follows redirects within the same scheme and host, at most
// maxRedirects of them: one to another host would carry WithHeader's values
// (an API key) to it.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	if req.URL.Scheme != first.Scheme || !strings.EqualFold(req.URL.Host, first.Host) {
		return &redirectError{fmt.Sprintf("agentapi: refusing redirect to another host %q",
			req.URL.Scheme+"://"+req.URL.Host)}
	}
	if len(via) > maxRedirects {
		return &redirectError{fmt.Sprintf("agentapi: GET %s: stopped after %d redirects",
			first.EscapedPath(), maxRedirects)}
	}
	return nil
}
