package agentapi

// SKELETON: the client helper replaces this file.

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

var _ = retryablehttp.NewClient

// Client is a client of the agent API. It is safe for concurrent use.
type Client struct {
	base string         // base URL, no trailing slash
	loc  *time.Location // zone of timestamps sent without one
}

// Option configures a Client; NewClient reports an invalid value.
type Option func(*Client) error

// NewClient returns a client of the API at baseURL.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	return &Client{base: baseURL, loc: defaultZone()}, nil
}

// WithToken sends "Authorization: Bearer <token>".
func WithToken(token string) Option { return func(*Client) error { return nil } }

// WithHeader sends an extra header on every request.
func WithHeader(name, value string) Option { return func(*Client) error { return nil } }

// WithHTTPClient uses hc.
func WithHTTPClient(hc *http.Client) Option { return func(*Client) error { return nil } }

// WithMaxRetries sets retries.
func WithMaxRetries(n int) Option { return func(*Client) error { return nil } }

// WithRetryWait sets backoff bounds.
func WithRetryWait(min, max time.Duration) Option { return func(*Client) error { return nil } }

// WithTimeout bounds one call.
func WithTimeout(d time.Duration) Option { return func(*Client) error { return nil } }

// WithUserAgent adds to the User-Agent.
func WithUserAgent(ua string) Option { return func(*Client) error { return nil } }

// WithLogger logs.
func WithLogger(l *slog.Logger) Option { return func(*Client) error { return nil } }

// WithTimeZone sets the zone.
func WithTimeZone(loc *time.Location) Option { return func(*Client) error { return nil } }

// CloseIdleConnections releases pooled connections.
func (c *Client) CloseIdleConnections() {}

// getPage is the one request path of list endpoints: GET base+path?query,
// retried, the envelope checked, data decoded by decode.
func getPage[T any](ctx context.Context, c *Client, path string, query url.Values,
	decode func(body []byte, loc *time.Location) (envelope, []T, error)) (*Page[T], error) {
	return nil, errors.New("agentapi: not implemented")
}
