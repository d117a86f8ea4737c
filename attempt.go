package agentapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"
)

// attempt sends the call's request once and reads the response's body
// whole, both within WithAttemptTimeout, so that a body cut short (a reset,
// an EOF before Content-Length, a stall) is a transport error of the
// attempt, not a malformed body. reached reports whether the request may
// have reached the application: false only when no connection was made or
// no byte of the request was written.
func (cl *call) attempt() (res *response, reached bool, err error) {
	ctx := cl.ctx
	if d := cl.c.attemptTimeout; d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	var tr attemptTrace
	ctx = httptrace.WithClientTrace(ctx, tr.trace())
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body) // also lets a 307/308 replay it
	}
	cl.attempts++
	req, err := http.NewRequestWithContext(ctx, cl.r.method, cl.url, body)
	if err != nil {
		return nil, false, permanentError{err} // the same on every attempt
	}
	if cl.body == nil && cl.r.class == retryCreate {
		// net/http resends a bodiless GET by itself, unseen by the retry
		// policy, when a reused connection turns out dead; a body it cannot
		// replay stops that, so a GET that creates (CopyTask) goes out once
		// an attempt. Its probe finds the body empty and sends none.
		req.Body = noReplay{}
	}
	req.Header = cl.c.header.Clone()
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	sent := time.Now()
	cl.log("agentapi: request", slog.String("method", cl.r.method), slog.String("path", cl.path),
		slog.Int("attempt", cl.attempts))
	resp, err := cl.c.hc.Do(req)
	if err != nil {
		return nil, tr.reached(err), cl.attemptError(ctx, err)
	}
	defer resp.Body.Close()
	limit := int64(maxBody)
	ok := resp.StatusCode >= 200 && resp.StatusCode <= 299
	if !ok {
		limit = maxErrorRead // only its start is kept
	}
	b, tooLarge, err := cl.c.bodies.read(resp.Body, resp.ContentLength, limit)
	if err != nil && (ok || ctx.Err() != nil) {
		// An error body cut short still tells the status; a success body
		// cut short tells nothing.
		cl.c.bodies.put(b)
		return nil, true, cl.attemptError(ctx, fmt.Errorf("reading the body of HTTP %d: %w", resp.StatusCode, err))
	}
	cl.log("agentapi: response", slog.String("path", cl.path), slog.Int("attempt", cl.attempts),
		slog.Int("status", resp.StatusCode), slog.Duration("duration", time.Since(sent)))
	res = &response{status: resp.StatusCode, header: resp.Header, buf: b, pool: cl.c.bodies, tooLarge: tooLarge}
	if b != nil {
		res.body = *b
	}
	return res, true, nil
}

// attemptError names an attempt that ran out of its own time as such:
// context.DeadlineExceeded would read as the call's deadline.
func (cl *call) attemptError(ctx context.Context, err error) error {
	if ctx.Err() != nil && cl.ctx.Err() == nil {
		return &attemptTimeoutError{d: cl.c.attemptTimeout}
	}
	return err
}

// attemptTimeoutError is an attempt that WithAttemptTimeout cut short.
type attemptTimeoutError struct{ d time.Duration }

// Error says how long the attempt was allowed.
func (e *attemptTimeoutError) Error() string {
	return fmt.Sprintf("attempt timed out after %s", e.d)
}

// Timeout reports true, as net.Error's method does.
func (e *attemptTimeoutError) Timeout() bool { return true }

// attemptTrace records how far an attempt got before it failed.
type attemptTrace struct {
	gotConn atomic.Bool // a connection was made or reused
	wrote   atomic.Bool // the request's headers were written
}

// trace returns the hooks that fill t.
func (t *attemptTrace) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GotConn:      func(httptrace.GotConnInfo) { t.gotConn.Store(true) },
		WroteHeaders: func() { t.wrote.Store(true) },
	}
}

// reached reports whether a request that failed with err may have reached
// the application. Only a dial that failed, or a connection on which no
// byte was written, says surely not; a transport that reports no trace is
// taken to have sent it.
func (t *attemptTrace) reached(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return false
	}
	return !t.gotConn.Load() || t.wrote.Load()
}

// permanentError is a failure that no new attempt can pass.
type permanentError struct{ err error }

// Error returns the cause's text.
func (e permanentError) Error() string { return e.err.Error() }

// Unwrap returns the cause.
func (e permanentError) Unwrap() error { return e.err }

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
		return &redirectError{fmt.Sprintf("agentapi: %s %s: stopped after %d redirects",
			via[0].Method, first.EscapedPath(), maxRedirects)}
	}
	return nil
}

// noReplay is an empty request body that net/http cannot replay (it has no
// GetBody): see attempt.
type noReplay struct{}

// Read reports the end of the empty body.
func (noReplay) Read([]byte) (int, error) { return 0, io.EOF }

// Close does nothing.
func (noReplay) Close() error { return nil }
