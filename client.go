package agentapi

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Version is the SDK's version, sent in the User-Agent header as
// "agentapi-go/<Version>".
const Version = "0.1.0"

// Defaults of the options.
const (
	defaultMaxRetries = 3
	defaultWaitMin    = 500 * time.Millisecond
	defaultWaitMax    = 20 * time.Second
	// idleConnsPerHost keeps a connection for every page the pager may have
	// in flight: net/http's default of 2 makes parallel pages reconnect.
	idleConnsPerHost = 32
)

// Client is a client of the agent API. It is safe for concurrent use; create
// one per base URL and reuse it, since it holds the connection pool.
type Client struct {
	base     string         // scheme://host[/prefix], no trailing slash
	basePath string         // the prefix alone, for logs and errors
	loc      *time.Location // zone of timestamps sent without one
	header   http.Header    // sent on every request

	token     string
	userAgent string
	extra     http.Header // WithHeader values, kept apart from header until NewClient ends

	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
	timeout    time.Duration
	logger     *slog.Logger // nil is silent

	callerHC  *http.Client      // from WithHTTPClient, never modified
	hc        *http.Client      // what requests go through
	transport http.RoundTripper // the real transport, for CloseIdleConnections

	// jitter and now are the retry policy's randomness and clock; tests
	// replace them.
	jitter func() float64 // uniform in [0, 1)
	now    func() time.Time
}

// Option configures a Client. NewClient reports an invalid value as an error
// wrapping ErrInvalidArgument.
type Option func(*Client) error

// NewClient returns a client of the API at baseURL, an absolute http or https
// URL such as "https://api.example.com" or "https://gw.example.com/prefix"
// (a path prefix is kept, a trailing slash dropped).
//
// It returns an error wrapping ErrInvalidArgument, and no client, when
// baseURL is not such a URL (or has a query or fragment) or an option's value
// is invalid. It sends no request.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	c := &Client{
		loc:        defaultZone(),
		extra:      make(http.Header),
		maxRetries: defaultMaxRetries,
		waitMin:    defaultWaitMin,
		waitMax:    defaultWaitMax,
		jitter:     rand.Float64,
		now:        time.Now,
	}
	if err := c.setBase(baseURL); err != nil {
		return nil, err
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	c.buildHeader()
	c.buildHTTPClient()
	return c, nil
}

// setBase checks baseURL and keeps it without its trailing slash.
func (c *Client) setBase(baseURL string) error {
	u, err := url.Parse(baseURL)
	if err != nil {
		return invalidf("base URL %q: %v", baseURL, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return invalidf("base URL %q: scheme must be http or https", baseURL)
	case u.Hostname() == "":
		return invalidf("base URL %q: no host", baseURL)
	case u.RawQuery != "" || u.ForceQuery:
		return invalidf("base URL %q: a query is not allowed", baseURL)
	case u.Fragment != "" || strings.Contains(baseURL, "#"):
		return invalidf("base URL %q: a fragment is not allowed", baseURL)
	}
	c.basePath = strings.TrimRight(u.EscapedPath(), "/")
	u.Path, u.RawPath = "", ""
	c.base = u.String() + c.basePath
	return nil
}

// buildHeader assembles the headers every request carries.
func (c *Client) buildHeader() {
	h := make(http.Header, 4+len(c.extra))
	// Laravel answers errors as JSON only when the request accepts JSON;
	// otherwise it redirects to a login page.
	h.Set("Accept", "application/json")
	ua := "agentapi-go/" + Version
	if c.userAgent != "" {
		ua = c.userAgent + " " + ua
	}
	h.Set("User-Agent", ua)
	for name, values := range c.extra {
		h[name] = values
	}
	if c.token != "" {
		h.Set("Authorization", "Bearer "+c.token)
	}
	c.header = h
	c.extra = nil
}

// buildHTTPClient sets up the http.Client requests go through: the caller's
// copied, or one over a clone of http.DefaultTransport with a larger idle
// pool.
func (c *Client) buildHTTPClient() {
	var hc http.Client
	if c.callerHC != nil {
		hc = *c.callerHC // a copy: the caller's client is never modified
		c.transport = hc.Transport
		if c.transport == nil {
			c.transport = http.DefaultTransport
		}
	} else {
		c.transport = pooledTransport()
	}
	if hc.CheckRedirect == nil {
		hc.CheckRedirect = checkRedirect
	}
	// retryablehttp closes the idle connections of its client after every
	// failed call, which would cost every other call its pooled connection:
	// the wrapper hides CloseIdleConnections from it.
	hc.Transport = noCloseIdle{c.transport}
	c.hc = &hc
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

// noCloseIdle is a RoundTripper that does not expose CloseIdleConnections.
type noCloseIdle struct{ rt http.RoundTripper }

// RoundTrip sends req through the wrapped transport.
func (n noCloseIdle) RoundTrip(req *http.Request) (*http.Response, error) {
	return n.rt.RoundTrip(req)
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

// invalidf returns an error wrapping ErrInvalidArgument.
func invalidf(format string, args ...any) error {
	return fmt.Errorf("agentapi: "+format+": %w", append(args, ErrInvalidArgument)...)
}
