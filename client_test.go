package agentapi

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientRefusesInvalidValues(t *testing.T) {
	tests := []struct {
		name string
		base string
		opt  Option
	}{
		{"empty base", "", nil},
		{"relative base", "/agent-api", nil},
		{"no scheme", "api.example.com", nil},
		{"ftp scheme", "ftp://api.example.com", nil},
		{"no host", "https://", nil},
		{"port only", "http://:8080", nil},
		{"query", "https://api.example.com?x=1", nil},
		{"empty query", "https://api.example.com/?", nil},
		{"fragment", "https://api.example.com/#top", nil},
		{"unparsable", "http://[::1", nil},
		{"negative retries", "", WithMaxRetries(-1)},
		{"negative wait min", "", WithRetryWait(-time.Millisecond, time.Second)},
		{"negative wait max", "", WithRetryWait(0, -time.Second)},
		{"wait max below min", "", WithRetryWait(2*time.Second, time.Second)},
		{"negative timeout", "", WithTimeout(-time.Second)},
		{"nil http client", "", WithHTTPClient(nil)},
		{"nil location", "", WithTimeZone(nil)},
		{"empty token", "", WithToken("")},
		{"token with LF", "", WithToken("abc\ndef")},
		{"header value CRLF", "", WithHeader("X-Api-Key", "v\r\nX-Evil: 1")},
		{"header value LF", "", WithHeader("X-Api-Key", "v\nw")},
		{"header name CRLF", "", WithHeader("X-A\r\nX-B", "v")},
		{"header name space", "", WithHeader("X Api", "v")},
		{"header name colon", "", WithHeader("X-Api:", "v")},
		{"header name empty", "", WithHeader("", "v")},
		{"authorization header", "", WithHeader("Authorization", "Basic eA==")},
		{"authorization any case", "", WithHeader("aUTHORIZATION", "x")},
		{"user agent LF", "", WithUserAgent("app\nX-Evil: 1")},
		{"negative max retry after", "", WithMaxRetryAfter(-time.Second)},
		{"negative attempt timeout", "", WithAttemptTimeout(-time.Millisecond)},
		{"rate limit of 0", "", WithRateLimit(0, time.Second)},
		{"rate limit negative n", "", WithRateLimit(-3, time.Second)},
		{"rate limit zero period", "", WithRateLimit(1, 0)},
		{"rate limit negative period", "", WithRateLimit(1, -time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := tt.base
			if tt.opt != nil {
				base = "https://api.example.com"
			}
			c, err := NewClient(base, tt.opt)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidArgument)
			assert.Nil(t, c)
			assert.True(t, strings.HasPrefix(err.Error(), "agentapi: "), err.Error())
		})
	}
}

func TestNewClientErrorsNeverShowSecrets(t *testing.T) {
	_, err := NewClient("https://api.example.com", WithToken("s3cret\ntoken"))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "s3cret")
	_, err = NewClient("https://api.example.com", WithHeader("X-Api-Key", "hidden\r\nvalue"))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hidden")
}

func TestNewClientAcceptsValidValues(t *testing.T) {
	tests := []struct {
		name string
		base string
		opts []Option
		want string // the client's base
	}{
		{"plain", "https://api.example.com", nil, "https://api.example.com"},
		{"trailing slash", "https://api.example.com/", nil, "https://api.example.com"},
		{"prefix", "https://gw.example.com/prefix/", nil, "https://gw.example.com/prefix"},
		{"port and upper-case scheme", "HTTP://127.0.0.1:8080", nil, "http://127.0.0.1:8080"},
		{"zero waits", "https://a.example", []Option{WithRetryWait(0, 0)}, "https://a.example"},
		{"one ms min", "https://a.example", []Option{WithRetryWait(time.Millisecond, time.Millisecond)}, "https://a.example"},
		{"no retries, no timeout", "https://a.example", []Option{WithMaxRetries(0), WithTimeout(0)}, "https://a.example"},
		{"nil logger", "https://a.example", []Option{WithLogger(nil)}, "https://a.example"},
		{"zero limits", "https://a.example", []Option{WithMaxRetryAfter(0), WithAttemptTimeout(0), WithWaitNotify(nil)}, "https://a.example"},
		{"a rate limit", "https://a.example", []Option{WithRateLimit(60, time.Minute)}, "https://a.example"},
		{"everything", "https://a.example", []Option{
			WithToken("t"), WithHeader("X-Api-Key", "k\tv"), WithHTTPClient(&http.Client{}),
			WithUserAgent("app/1"), WithTimeZone(time.UTC), WithTimeout(time.Minute),
			WithLogger(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))),
		}, "https://a.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.base, tt.opts...)
			require.NoError(t, err)
			defer c.CloseIdleConnections()
			assert.Equal(t, tt.want, c.base)
		})
	}
}

func TestNewClientDefaults(t *testing.T) {
	c, err := NewClient("https://api.example.com")
	require.NoError(t, err)
	assert.Equal(t, 3, c.maxRetries)
	assert.Equal(t, 500*time.Millisecond, c.waitMin)
	assert.Equal(t, 20*time.Second, c.waitMax)
	assert.Zero(t, c.timeout)
	assert.Equal(t, time.Minute, c.maxRetryAfter)
	assert.Equal(t, time.Minute, c.attemptTimeout)
	assert.Nil(t, c.pace)
	assert.Nil(t, c.notify)
	assert.Nil(t, c.logger)
	_, offset := time.Date(2024, 1, 1, 0, 0, 0, 0, c.loc).Zone()
	assert.Equal(t, 8*3600, offset)

	// Parallel pages need an idle pool of at least 16 per host, and the
	// shared DefaultTransport must stay as it was.
	tr, ok := c.transport.(*http.Transport)
	require.True(t, ok)
	assert.GreaterOrEqual(t, tr.MaxIdleConnsPerHost, 16)
	assert.True(t, tr.MaxIdleConns == 0 || tr.MaxIdleConns >= tr.MaxIdleConnsPerHost)
	assert.NotSame(t, http.DefaultTransport, tr)
	assert.Less(t, http.DefaultTransport.(*http.Transport).MaxIdleConnsPerHost, 16)
}

func TestRequestHeaders(t *testing.T) {
	var got []http.Header
	var mu sync.Mutex
	srv := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Clone())
		mu.Unlock()
		_, _ = w.Write([]byte(okBody))
	}))

	c := newTestClient(t, srv.URL, WithToken("tok-123"), WithHeader("X-Api-Key", "key-1"),
		WithUserAgent("report-job/2.1"))
	_, err := getItems(context.Background(), c, nil)
	require.NoError(t, err)
	bare := newTestClient(t, srv.URL)
	_, err = getItems(context.Background(), bare, nil)
	require.NoError(t, err)

	require.Len(t, got, 2)
	assert.Equal(t, "application/json", got[0].Get("Accept"))
	assert.Equal(t, "report-job/2.1 agentapi-go/"+Version, got[0].Get("User-Agent"))
	assert.Equal(t, "Bearer tok-123", got[0].Get("Authorization"))
	assert.Equal(t, "key-1", got[0].Get("X-Api-Key"))

	assert.Equal(t, "application/json", got[1].Get("Accept"))
	assert.Equal(t, "agentapi-go/0.2.0", got[1].Get("User-Agent"))
	assert.Empty(t, got[1].Values("Authorization"))
	assert.Empty(t, got[1].Values("X-Api-Key"))
}

func TestBasePathPrefixKept(t *testing.T) {
	var path atomic.Value
	srv := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path.Store(r.URL.Path)
		_, _ = w.Write([]byte(okBody))
	}))
	c := newTestClient(t, srv.URL+"/gateway/v2/")
	_, err := getItems(context.Background(), c, nil)
	require.NoError(t, err)
	assert.Equal(t, "/gateway/v2/items", path.Load())
}

func TestSuccessPage(t *testing.T) {
	srv := newTestServer(t, reply(200, okBody, "X-Request-Id", "req-9", "X-RateLimit-Remaining", "59"))
	c := newTestClient(t, srv.URL)
	p, err := getItems(context.Background(), c, nil)
	require.NoError(t, err)
	assert.Equal(t, []testItem{{"a"}, {"b"}}, p.Items)
	assert.Equal(t, PageMeta{Total: 2, LastPage: 1, CurrentPage: 1, PerPage: 15}, p.Meta)
	assert.Equal(t, "ok", p.Message)
	assert.Equal(t, "59", p.Header.Get("X-RateLimit-Remaining"))
}

// spyTransport counts round trips and CloseIdleConnections calls.
type spyTransport struct {
	rt     http.RoundTripper
	trips  atomic.Int32
	closes atomic.Int32
}

func (s *spyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	s.trips.Add(1)
	return s.rt.RoundTrip(r)
}

func (s *spyTransport) CloseIdleConnections() { s.closes.Add(1) }

func TestWithHTTPClientUsedNotModified(t *testing.T) {
	srv := newTestServer(t, newScript(reply(500, "boom"), reply(200, okBody), reply(500, "boom")))
	spy := &spyTransport{rt: srv.Client().Transport}
	hc := &http.Client{Transport: spy, Timeout: 5 * time.Second}
	c := newTestClient(t, srv.URL, WithHTTPClient(hc))

	_, err := getItems(context.Background(), c, nil)
	require.NoError(t, err)
	assert.Equal(t, int32(2), spy.trips.Load(), "the caller's transport carries every attempt")
	assert.Same(t, spy, hc.Transport, "the caller's client is not modified")
	assert.Nil(t, hc.CheckRedirect)
	assert.Equal(t, 5*time.Second, hc.Timeout)

	// A failed call must not close the pool (retryablehttp would); only
	// CloseIdleConnections does.
	c2 := newTestClient(t, srv.URL, WithHTTPClient(hc), WithMaxRetries(0))
	_, err = getItems(context.Background(), c2, nil)
	require.Error(t, err)
	assert.Zero(t, spy.closes.Load())
	c.CloseIdleConnections()
	assert.Equal(t, int32(1), spy.closes.Load())
}

func TestLoggerRedactsSecrets(t *testing.T) {
	srv := newTestServer(t, newScript(hangUp, reply(500, "boom"), reply(200, okBody)))
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, srv.URL, WithLogger(logger), WithToken("tok-s3cret"),
		WithHeader("X-Api-Key", "hdr-s3cret"))

	_, err := getItems(context.Background(), c, map[string]string{"name": "query-s3cret"})
	require.NoError(t, err)

	mu.Lock()
	out := buf.String()
	mu.Unlock()
	for _, want := range []string{`"msg":"agentapi: request"`, `"msg":"agentapi: response"`,
		`"msg":"agentapi: retrying"`, `"msg":"agentapi: attempt failed"`, `"attempt":3`, `"status":500`, `"status":200`,
		`"path":"/items"`, `"wait"`, `"error"`, `"duration"`, `"level":"DEBUG"`} {
		assert.Contains(t, out, want)
	}
	for _, secret := range []string{"tok-s3cret", "hdr-s3cret", "query-s3cret", "Bearer", "name=", "?"} {
		assert.NotContains(t, out, secret)
	}
}

func TestNilClientAndContextRefused(t *testing.T) {
	var c *Client
	_, err := getItems(context.Background(), c, nil)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	c.CloseIdleConnections() // no panic

	_, err = getItems(context.Background(), &Client{}, nil)
	assert.ErrorIs(t, err, ErrInvalidArgument)

	ok := newTestClient(t, "http://127.0.0.1:1")
	var ctx context.Context // nil: what is tested
	_, err = getItems(ctx, ok, nil)
	assert.ErrorIs(t, err, ErrInvalidArgument)
}

func TestConcurrentCalls(t *testing.T) {
	var n atomic.Int32
	srv := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1)%3 == 0 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		_, _ = w.Write([]byte(okBody))
	}))
	c := newTestClient(t, srv.URL, WithMaxRetries(10), WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 8 {
				if _, err := getItems(context.Background(), c, nil); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	assert.GreaterOrEqual(t, n.Load(), int32(64))
}
