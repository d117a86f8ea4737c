package agentapi

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetryAfterWaits(t *testing.T) {
	now := time.Unix(1_700_000_000, 300_000_000)
	tests := []struct {
		name       string
		status     int
		retryAfter string
		attempts   int
		reason     string        // of the one wait
		wait       time.Duration // exactly, or at least min for "backoff"
		sentinel   error         // when the call fails
	}{
		{"within max, past the backoff max", 429, "45", 2, "retry-after", 45 * time.Second, nil},
		{"503 within max", 503, "60", 2, "retry-after", time.Minute, nil},
		{"date", 429, now.Add(30 * time.Second).UTC().Format(http.TimeFormat), 2, "retry-after", 29700 * time.Millisecond, nil},
		{"zero", 429, "0", 2, "backoff", 0, nil},
		{"past date", 503, now.Add(-time.Hour).UTC().Format(http.TimeFormat), 2, "backoff", 0, nil},
		{"unparsable", 429, "soon", 2, "backoff", 0, nil},
		{"negative", 429, "-5", 2, "backoff", 0, nil},
		{"longer than max", 429, "61", 1, "", 0, ErrRateLimited},
		{"overflow", 503, "99999999999999999999999", 1, "", 0, ErrServer},
		{"huge", 429, "9223372036", 1, "", 0, ErrRateLimited},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScript(reply(tt.status, `{"message":"slow down"}`, "Retry-After", tt.retryAfter), reply(200, okBody))
			srv := newTestServer(t, s)
			var clock *fakeClock
			c := newTestClient(t, srv.URL, WithRetryWait(200*time.Millisecond, time.Second),
				WithWaitNotify(func(e WaitEvent) { clock.notify(e) }))
			clock = useFakeClock(c)
			clock.t = now
			_, err := getItems(context.Background(), c, nil)
			assert.Equal(t, tt.attempts, s.attempts())
			if tt.sentinel != nil {
				assert.ErrorIs(t, err, tt.sentinel)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Greater(t, apiErr.RetryAfter, time.Minute)
				assert.Empty(t, clock.waits(""), "a wait too long is not begun")
				return
			}
			require.NoError(t, err)
			waits := clock.waits("")
			require.Len(t, waits, 1)
			assert.Equal(t, tt.reason, waits[0].Reason)
			if tt.reason == "backoff" {
				assert.GreaterOrEqual(t, waits[0].Duration, 200*time.Millisecond, "at least the retry-wait min")
			} else {
				assert.Equal(t, tt.wait, waits[0].Duration)
			}
		})
	}
}

func TestWithMaxRetryAfter(t *testing.T) {
	s := newScript(reply(429, "", "Retry-After", "5"), reply(200, okBody))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL, WithMaxRetryAfter(4*time.Second))
	useFakeClock(c)
	_, err := getItems(context.Background(), c, nil)
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.Equal(t, 1, s.attempts())
}

// deadlineCases are the ways a call's deadline is set.
var deadlineCases = []struct {
	name string
	opts []Option
	ctx  func() (context.Context, context.CancelFunc)
}{
	{"context", nil, func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.Background(), 20*time.Second)
	}},
	{"WithTimeout", []Option{WithTimeout(20 * time.Second)}, func() (context.Context, context.CancelFunc) {
		return context.WithCancel(context.Background())
	}},
}

func TestWaitPastDeadlineReturnsAtOnce(t *testing.T) {
	tests := []struct {
		name     string
		first    http.HandlerFunc
		opts     []Option
		sentinel error
	}{
		{"retry-after", reply(429, `{"message":"Too Many Attempts."}`, "Retry-After", "50"), nil, ErrRateLimited},
		{"retry-after 503", reply(503, "down", "Retry-After", "40"), nil, ErrServer},
		{"backoff", reply(502, "<html>bad gateway</html>"), []Option{WithRetryWait(30*time.Second, 30*time.Second)}, ErrServer},
	}
	for _, tt := range tests {
		for _, dc := range deadlineCases {
			t.Run(tt.name+"/"+dc.name, func(t *testing.T) {
				s := newScript(tt.first, reply(200, okBody))
				srv := newTestServer(t, s)
				c := newTestClient(t, srv.URL, append(append([]Option{}, tt.opts...), dc.opts...)...)
				waited := false
				c.wait = func(context.Context, time.Duration) error { waited = true; return nil }
				ctx, cancel := dc.ctx()
				defer cancel()
				_, err := getItems(ctx, c, nil)
				require.Error(t, err)
				assert.NoError(t, ctx.Err(), "returned before the deadline")
				assert.False(t, waited, "no wait begun")
				assert.Equal(t, 1, s.attempts())
				assert.ErrorIs(t, err, context.DeadlineExceeded)
				assert.ErrorIs(t, err, tt.sentinel)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.NotZero(t, apiErr.HTTPStatus)
				assert.Equal(t, 1, countPrefix(err), err.Error())
			})
		}
	}
}

func TestCancelDuringWaitWrapsTheLastAPIError(t *testing.T) {
	s := newScript(reply(503, `{"message":"maintenance"}`, "Retry-After", "10"), reply(200, okBody))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c.wait = func(ctx context.Context, _ time.Duration) error {
		cancel()
		<-ctx.Done()
		return ctx.Err()
	}
	_, err := getItems(ctx, c, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, ErrServer)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "maintenance", apiErr.Message)
	assert.Equal(t, 1, s.attempts())
	assert.Equal(t, 1, countPrefix(err), err.Error())
}

func TestCancelDuringWaitAfterTransportError(t *testing.T) {
	s := newScript(hangUp, reply(200, okBody))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c.wait = func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }
	_, err := getItems(ctx, c, nil)
	assert.ErrorIs(t, err, context.Canceled)
	var apiErr *APIError
	assert.False(t, errors.As(err, &apiErr), "no response arrived")
	assert.Equal(t, 1, s.attempts())
}

// TestLongRetryAfterDoesNotShutTheClient meets a Retry-After past the
// longest wait (an overflowing one): that call ends at once, and the next
// call probes the server after at most WithMaxRetryAfter instead of the
// Client refusing every call for good.
func TestLongRetryAfterDoesNotShutTheClient(t *testing.T) {
	for _, ra := range []string{"3600", "99999999999999999999"} {
		s := newScript(reply(http.StatusTooManyRequests, `{"message":"Too Many Attempts."}`, "Retry-After", ra), reply(http.StatusOK, okBody))
		srv := newTestServer(t, s)
		c := newTestClient(t, srv.URL)
		clock := useFakeClock(c)
		start := clock.now()
		_, err := getItems(context.Background(), c, nil)
		require.ErrorIs(t, err, ErrRateLimited, ra)
		_, err = getItems(context.Background(), c, nil)
		require.NoError(t, err, ra)
		assert.Equal(t, 2, s.attempts(), ra)
		assert.LessOrEqual(t, clock.now().Sub(start), defaultMaxRetryAfter, "held at most the longest wait")
	}
}

// TestHeldCallReportsTheWindowsRefusal: a call that the shared window holds
// past its deadline, without a response of its own, still reports the 429
// that shut the window (ErrRateLimited, RetryAfter) beside the deadline.
func TestHeldCallReportsTheWindowsRefusal(t *testing.T) {
	s := newScript(reply(http.StatusTooManyRequests, `{"message":"Too Many Attempts."}`, "Retry-After", "30"))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL, WithMaxRetries(0))
	_, err := getItems(context.Background(), c, nil)
	require.ErrorIs(t, err, ErrRateLimited)

	// The real clock: the window stays shut ~30 s, the deadline is 5 s
	// away, so the call returns at once without waiting.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = getItems(ctx, c, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorIs(t, err, ErrRateLimited, "the refusal that holds the call")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusTooManyRequests, apiErr.HTTPStatus)
	assert.Greater(t, apiErr.RetryAfter, 5*time.Second)
	assert.Equal(t, 1, s.attempts(), "the held call sent nothing")
}
