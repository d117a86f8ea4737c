package agentapi

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// Version is the SDK's version, sent in the User-Agent header as
// "agentapi-go/<Version>".
const Version = "0.2.0"

// Client is a client of the agent API. It is safe for concurrent use; create
// one per base URL and reuse it, since it holds the connection pool and the
// rate-limit window that all its calls share.
type Client struct {
	base     string         // scheme://[userinfo@]host[/prefix], no trailing slash
	basePath string         // the prefix alone, for logs and errors
	loc      *time.Location // zone of timestamps sent without one
	header   http.Header    // sent on every request
	secrets  *redactor      // token, header values, URL password: never shown

	retryPolicy
	logger *slog.Logger    // nil is silent
	notify func(WaitEvent) // nil: nobody is told

	hc        *http.Client      // what attempts go through
	transport http.RoundTripper // the real transport, for CloseIdleConnections
	window    *rateWindow       // the server's rate-limit window, as learnt
	pace      *rate.Limiter     // WithRateLimit's bucket; nil: no pace
	bodies    *bodyPool         // buffers that response bodies are read into

	// jitter, now and wait are the retry policy's randomness, clock and
	// sleep; tests replace them.
	jitter func() float64 // uniform in [0, 1)
	now    func() time.Time
	wait   func(ctx context.Context, d time.Duration) error
}

// NewClient returns a client of the API at baseURL, an absolute http or https
// URL such as "https://api.example.com" or "https://gw.example.com/prefix"
// (a path prefix is kept, a trailing slash dropped).
//
// It returns an error wrapping ErrInvalidArgument, and no client, when
// baseURL is not such a URL (or has a query or fragment) or an option's value
// is invalid. The error never shows the URL's user info. It sends no request.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	base, basePath, password, err := parseBase(baseURL)
	if err != nil {
		return nil, err
	}
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	secrets := cfg.secrets()
	if password != "" {
		secrets = append(secrets, password)
	}
	c := &Client{
		base:        base,
		basePath:    basePath,
		loc:         cfg.loc,
		header:      cfg.header(),
		secrets:     newRedactor(secrets),
		retryPolicy: cfg.retryPolicy,
		logger:      cfg.logger,
		notify:      cfg.notify,
		window:      newWindow(),
		bodies:      new(bodyPool),
		jitter:      rand.Float64,
		now:         time.Now,
		wait:        sleep,
	}
	if cfg.rateN > 0 {
		// A burst of 1: requests are spaced evenly, so that a pace matching
		// a server's fixed window never sends a window's worth at once.
		c.pace = rate.NewLimiter(rate.Every(cfg.ratePer/time.Duration(cfg.rateN)), 1)
	}
	c.hc, c.transport = httpClient(cfg.hc)
	return c, nil
}

// parseBase checks baseURL and returns it without its trailing slash, its
// path prefix, and the password of its user info, if any.
func parseBase(baseURL string) (base, basePath, password string, err error) {
	shown := stripUserinfo(baseURL)
	u, perr := url.Parse(baseURL)
	if perr != nil {
		// url.Parse's error quotes the URL whole: it is not shown.
		return "", "", "", invalidf("base URL %q is not a valid URL", shown)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", "", "", invalidf("base URL %q: scheme must be http or https", shown)
	case u.Hostname() == "":
		return "", "", "", invalidf("base URL %q: no host", shown)
	case u.RawQuery != "" || u.ForceQuery:
		return "", "", "", invalidf("base URL %q: a query is not allowed", shown)
	case u.Fragment != "" || strings.Contains(baseURL, "#"):
		return "", "", "", invalidf("base URL %q: a fragment is not allowed", shown)
	}
	if u.User != nil {
		password, _ = u.User.Password()
	}
	basePath = strings.TrimRight(u.EscapedPath(), "/")
	u.Path, u.RawPath = "", ""
	return u.String() + basePath, basePath, password, nil
}

// stripUserinfo removes the user info of a URL, parseable or not, so that
// an error can quote the rest: everything after the scheme's colon (and
// its slashes, however many) up to the last "@" before the query or
// fragment. Mistyped forms ("https:/u:pw@h", "https:u:pw@h") included, and
// a password holding "/" too: a path with an "@" loses more than it must,
// which an error message can afford.
func stripUserinfo(s string) string {
	end := len(s)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		end = i
	}
	at := strings.LastIndex(s[:end], "@")
	if at < 0 {
		return s
	}
	from := 0
	if colon := strings.Index(s[:at], ":"); colon >= 0 {
		from = colon + 1
		for from < at && s[from] == '/' {
			from++
		}
	}
	return s[:from] + "…@" + s[at+1:]
}

// httpClient returns the http.Client attempts go through, a copy of the
// caller's or one over a clone of http.DefaultTransport with a larger idle
// pool, and the transport CloseIdleConnections releases.
func httpClient(caller *http.Client) (*http.Client, http.RoundTripper) {
	var hc http.Client
	var tr http.RoundTripper
	if caller != nil {
		hc = *caller // a copy: the caller's client is never modified
		tr = hc.Transport
		if tr == nil {
			tr = http.DefaultTransport
		}
	} else {
		tr = pooledTransport()
		hc.Transport = tr
	}
	if hc.CheckRedirect == nil {
		hc.CheckRedirect = checkRedirect
	}
	return &hc, tr
}

// pooledTransport returns a clone of http.DefaultTransport that keeps enough
// idle connections per host for pages fetched in parallel.
func pooledTransport() *http.Transport {
	t, ok := http.DefaultTransport.(*http.Transport)
	if ok {
		t = t.Clone()
	} else {
		// A program replaced DefaultTransport: start from net/http's settings.
		t = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		}
	}
	t.MaxIdleConnsPerHost = idleConnsPerHost
	if t.MaxIdleConns != 0 && t.MaxIdleConns < idleConnsPerHost {
		t.MaxIdleConns = idleConnsPerHost
	}
	return t
}

// CloseIdleConnections closes the connections of the client's transport that
// sit idle, like http.Client's method of that name; requests in flight are
// not affected. Call it when the client is no longer needed.
func (c *Client) CloseIdleConnections() {
	if c == nil {
		return
	}
	if ci, ok := c.transport.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// invalidf returns an error wrapping ErrInvalidArgument.
func invalidf(format string, args ...any) error {
	return fmt.Errorf("agentapi: "+format+": %w", append(args, quiet(ErrInvalidArgument))...)
}
