package agentapi

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetryDecisionByStatus(t *testing.T) {
	tests := []struct {
		status   int
		attempts int // with the default 3 retries
		sentinel error
	}{
		{429, 4, ErrRateLimited},
		{500, 4, ErrServer},
		{502, 4, ErrServer},
		{503, 4, ErrServer},
		{504, 4, ErrServer},
		{400, 1, nil},
		{401, 1, ErrUnauthorized},
		{403, 1, ErrForbidden},
		{404, 1, ErrNotFound},
		{422, 1, nil},
		{501, 1, ErrServer},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			s := newScript(reply(tt.status, `{"message":"nope"}`))
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL)
			_, err := getItems(context.Background(), c, nil)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.HTTPStatus)
			assert.Equal(t, tt.attempts, s.attempts())
			if tt.sentinel != nil {
				assert.ErrorIs(t, err, tt.sentinel)
			}
			assert.NotContains(t, err.Error(), "giving up")
		})
	}
}

// TestRetryThenSuccess: failures that a retry may pass, then a success on
// the third attempt.
func TestRetryThenSuccess(t *testing.T) {
	tests := map[string][]http.HandlerFunc{
		"statuses":         {reply(503, ""), reply(500, ""), reply(200, okBody)},
		"transport errors": {hangUp, hangUp, reply(200, okBody)},
	}
	for name, steps := range tests {
		t.Run(name, func(t *testing.T) {
			s := newScript(steps...)
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL)
			p, err := getItems(context.Background(), c, nil)
			require.NoError(t, err)
			assert.Len(t, p.Items, 2)
			assert.Equal(t, 3, s.attempts())
		})
	}
}

func TestMaxRetries(t *testing.T) {
	for _, n := range []int{0, 1, 5} {
		s := newScript(reply(500, ""))
		srv := newTestServer(t, s)
		c := newTestClient(t, srv.URL, WithMaxRetries(n))
		_, err := getItems(context.Background(), c, nil)
		assert.ErrorIs(t, err, ErrServer)
		assert.Equal(t, n+1, s.attempts(), "WithMaxRetries(%d)", n)
	}
}

func TestTransportErrorAfterRetries(t *testing.T) {
	s := newScript(hangUp)
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	_, err := getItems(context.Background(), c, map[string]string{"name": "private"})
	require.Error(t, err)
	assert.Equal(t, 4, s.attempts())
	assert.True(t, errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET), "%v", err)
	msg := err.Error()
	assert.Contains(t, msg, "GET /items")
	assert.Contains(t, msg, "4 attempts")
	assert.NotContains(t, msg, "giving up")
	assert.NotContains(t, msg, "private")
	assert.NotContains(t, msg, "?")
}

func TestConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())

	c := newTestClient(t, "http://"+addr, WithMaxRetries(2))
	_, err = getItems(context.Background(), c, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, syscall.ECONNREFUSED)
	assert.Contains(t, err.Error(), "3 attempts")
}

func TestRetryAfterLongerThanMaxNotWaited(t *testing.T) {
	date := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name, status, retryAfter string
		code                     int
		sentinel                 error
		min                      time.Duration
	}{
		{"429 seconds", "429", "120", 429, ErrRateLimited, 120 * time.Second},
		{"429 date", "429", date, 429, ErrRateLimited, 59 * time.Minute},
		{"503 seconds", "503", "61", 503, ErrServer, 61 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScript(reply(tt.code, `{"message":"slow down"}`, "Retry-After", tt.retryAfter))
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL, WithRetryWait(time.Millisecond, 5*time.Second))
			start := time.Now()
			_, err := getItems(context.Background(), c, nil)
			assert.Less(t, time.Since(start), 4*time.Second)
			assert.Equal(t, 1, s.attempts())
			assert.ErrorIs(t, err, tt.sentinel)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.GreaterOrEqual(t, apiErr.RetryAfter, tt.min)
			assert.Equal(t, tt.code, apiErr.HTTPStatus)
		})
	}
}

func TestRetryWaitBounds(t *testing.T) {
	c, err := NewClient("https://a.example", WithRetryWait(100*time.Millisecond, time.Second))
	require.NoError(t, err)
	tests := []struct {
		attempt int
		jitter  float64
		want    time.Duration
	}{
		{0, 0, 100 * time.Millisecond},
		{0, 0.5, 150 * time.Millisecond}, // in [100ms, 200ms]
		{1, 0.5, 250 * time.Millisecond}, // in [100ms, 400ms]
		{2, 1, 800 * time.Millisecond},   // in [100ms, 800ms]
		{3, 1, time.Second},              // capped at max
		{200, 1, time.Second},            // no overflow
	}
	for _, tt := range tests {
		c.jitter = func() float64 { return tt.jitter }
		assert.Equal(t, tt.want, c.backoff(tt.attempt), "attempt %d jitter %v", tt.attempt, tt.jitter)
	}

	zero, err := NewClient("https://a.example", WithRetryWait(0, time.Second))
	require.NoError(t, err)
	zero.jitter = func() float64 { return 1 }
	assert.Equal(t, 2*zeroMinBase, zero.backoff(0), "min 0 grows from a small base")
	zero.jitter = func() float64 { return 0 }
	assert.Zero(t, zero.backoff(5))

	none, err := NewClient("https://a.example", WithRetryWait(0, 0))
	require.NoError(t, err)
	assert.Zero(t, none.backoff(3))
}

func TestRetryAfterParsing(t *testing.T) {
	c, err := NewClient("https://a.example")
	require.NoError(t, err)
	now := time.Date(2024, 9, 2, 13, 45, 18, 0, time.UTC)
	c.now = func() time.Time { return now }
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"", 0, false},
		{"soon", 0, false},
		{"-3", 0, false},
		{"0", 0, true},
		{" 7 ", 7 * time.Second, true},
		{"99999999999999999", time.Duration(1<<63 - 1), true},
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
		{now.Add(2 * time.Second).Format("Monday, 02-Jan-06 15:04:05 GMT"), 2 * time.Second, true},
	}
	for _, tt := range tests {
		got, ok := c.retryAfter(http.Header{"Retry-After": {tt.value}})
		assert.Equal(t, tt.ok, ok, tt.value)
		assert.Equal(t, tt.want, got, tt.value)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	first := make(chan struct{})
	var once atomic.Bool
	s := newScript(func(w http.ResponseWriter, r *http.Request) {
		if once.CompareAndSwap(false, true) {
			close(first)
		}
		w.WriteHeader(500)
	})
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL, WithRetryWait(time.Minute, time.Minute))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-first
		time.Sleep(50 * time.Millisecond) // let the backoff wait begin
		cancel()
	}()
	start := time.Now()
	_, err := getItems(ctx, c, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, 1, s.attempts())
}

func TestContextDoneBeforeCall(t *testing.T) {
	s := newScript(reply(200, okBody))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := getItems(ctx, c, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, s.attempts())
}

func TestTimeoutBoundsWholeCall(t *testing.T) {
	s := newScript(reply(503, ""))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL, WithMaxRetries(1_000_000), WithRetryWait(5*time.Millisecond, 10*time.Millisecond),
		WithTimeout(200*time.Millisecond))
	start := time.Now()
	_, err := getItems(context.Background(), c, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Greater(t, s.attempts(), 1)
}

func TestFetchInfoCounts429s(t *testing.T) {
	s := newScript(reply(429, ""), reply(429, ""), reply(200, okBody), reply(200, okBody))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	_, info, err := getPage(context.Background(), c, &request{method: http.MethodGet, path: "/items"}, testDecode)
	require.NoError(t, err)
	assert.Equal(t, 2, info.throttled, "429s that a retry got past still count")

	_, info, err = getPage(context.Background(), c, &request{method: http.MethodGet, path: "/items"}, testDecode)
	require.NoError(t, err)
	assert.Zero(t, info.throttled)
}

func TestFailedCallKeepsPooledConnections(t *testing.T) {
	srv, conns := newCountingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/fail") {
			w.WriteHeader(500)
			return
		}
		_, _ = w.Write([]byte(okBody))
	}))
	c := newTestClient(t, srv.URL, WithMaxRetries(2))
	ctx := context.Background()

	_, err := getItems(ctx, c, nil)
	require.NoError(t, err)
	_, err = getPath(ctx, c, "/fail")
	require.ErrorIs(t, err, ErrServer)
	_, err = getItems(ctx, c, nil)
	require.NoError(t, err)
	assert.Equal(t, int32(1), conns.Load(), "retries exhausted must not close the pool")
}
