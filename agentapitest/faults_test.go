package agentapitest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

func TestFaults(t *testing.T) {
	tests := []struct {
		name        string
		fault       agentapitest.Fault
		status      int
		contentType string
		header      map[string]string
		body        string // exact when set
		contains    string
	}{
		{"rate limit", agentapitest.RateLimit("2"), http.StatusTooManyRequests, "application/json",
			map[string]string{"Retry-After": "2", "X-RateLimit-Remaining": "0"}, "{\n    \"message\": \"Too Many Attempts.\"\n}", ""},
		{"rate limit with a date", agentapitest.RateLimit("Wed, 21 Oct 2026 07:28:00 GMT"), http.StatusTooManyRequests, "application/json",
			map[string]string{"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT", "X-RateLimit-Reset": "1792567680"}, "{\n    \"message\": \"Too Many Attempts.\"\n}", ""},
		{"rate limit without Retry-After", agentapitest.RateLimit(""), http.StatusTooManyRequests, "application/json",
			map[string]string{"Retry-After": "", "X-RateLimit-Reset": ""}, "{\n    \"message\": \"Too Many Attempts.\"\n}", ""},
		{"unavailable", agentapitest.ServiceUnavailable("1"), http.StatusServiceUnavailable, "application/json",
			map[string]string{"Retry-After": "1"}, "{\n    \"message\": \"Service Unavailable\"\n}", ""},
		{"server error", agentapitest.ServerError(500), http.StatusInternalServerError, "application/json",
			nil, "{\n    \"message\": \"Server Error\"\n}", ""},
		{"server error 501", agentapitest.ServerError(501), http.StatusNotImplemented, "application/json",
			nil, "{\n    \"message\": \"Server Error\"\n}", ""},
		{"server error, impossible status", agentapitest.ServerError(-1), http.StatusInternalServerError, "application/json",
			nil, "{\n    \"message\": \"Server Error\"\n}", ""},
		{"bad gateway", agentapitest.BadGateway(), http.StatusBadGateway, "text/html",
			map[string]string{"Server": "nginx"}, "", "<center><h1>502 Bad Gateway</h1></center>"},
		{"gateway timeout", agentapitest.GatewayTimeout(), http.StatusGatewayTimeout, "text/html",
			map[string]string{"Server": "nginx"}, "", "<title>504 Gateway Time-out</title>"},
		{"envelope error", agentapitest.EnvelopeError(401, "token 无效"), http.StatusOK, "application/json",
			nil, `{"code":401,"status":"error","message":"token 无效"}`, ""},
		{"raw response", agentapitest.RawResponse(http.StatusOK, "text/html", "<html>login</html>"), http.StatusOK, "text/html",
			nil, "<html>login</html>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, agentapitest.WithTasks("u1", 3), agentapitest.WithFaults(tt.fault))
			assert.Equal(t, 1, s.PendingFaults())
			r := do(t, s, http.MethodGet, listPath("u1", ""))
			assert.Equal(t, tt.status, r.status)
			assert.Equal(t, tt.contentType, r.header.Get("Content-Type"))
			for k, v := range tt.header {
				assert.Equal(t, v, r.header.Get(k), k)
			}
			if tt.body != "" {
				assert.Equal(t, tt.body, string(r.body))
			}
			assert.Contains(t, string(r.body), tt.contains)
			assert.Equal(t, 0, s.PendingFaults())
			assert.Equal(t, http.StatusOK, do(t, s, http.MethodGet, listPath("u1", "")).status, "then normal service")
		})
	}
}

func TestTruncatedBody(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 30), agentapitest.WithFaults(agentapitest.TruncatedBody()))
	cut := do(t, s, http.MethodGet, listPath("u1", "per_page=10"))
	full := do(t, s, http.MethodGet, listPath("u1", "per_page=10"))
	assert.Equal(t, http.StatusOK, cut.status)
	assert.Equal(t, "application/json", cut.header.Get("Content-Type"))
	assert.Equal(t, full.body[:len(full.body)/2], cut.body, "the real page, cut in the middle")
	var v any
	assert.Error(t, json.Unmarshal(cut.body, &v))
	assert.True(t, json.Valid(full.body))
}

func TestResetConnection(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3))
	// A first request leaves a keep-alive connection in the pool: net/http
	// would silently retry a GET on it if it closed before any byte.
	do(t, s, http.MethodGet, listPath("u1", ""))
	s.InjectFaults(agentapitest.ResetConnection())
	_, err := try(context.Background(), s, http.MethodGet, listPath("u1", ""))
	assert.Error(t, err, "a transport error, not a status")
	assert.Equal(t, 2, s.Requests(), "the client's transport did not retry on its own")
	assert.Equal(t, http.StatusOK, do(t, s, http.MethodGet, listPath("u1", "")).status, "then normal service")
}

func TestFaultsInOrder(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3),
		agentapitest.WithFaults(agentapitest.RateLimit("1"), agentapitest.Fault{}, agentapitest.BadGateway()))
	s.InjectFaults(agentapitest.ServerError(503))
	var got []int
	for range 5 {
		got = append(got, do(t, s, http.MethodGet, listPath("u1", "")).status)
	}
	assert.Equal(t, []int{429, 200, 502, 503, 200}, got, "the zero Fault is a normal response")
	assert.Equal(t, 5, s.Requests())
}

func TestLatency(t *testing.T) {
	const latency = 150 * time.Millisecond
	s := newServer(t, agentapitest.WithTasks("u1", 3), agentapitest.WithLatency(latency))
	start := time.Now()
	do(t, s, http.MethodGet, listPath("u1", ""))
	assert.GreaterOrEqual(t, time.Since(start), latency)
}

func TestLatencyEndsWithTheClient(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3), agentapitest.WithLatency(time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := try(ctx, s, http.MethodGet, listPath("u1", ""))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Eventually(t, func() bool { return s.InFlight() == 0 }, 5*time.Second, 10*time.Millisecond,
		"the handler stopped waiting when the client went away")
}

func TestCloseWakesSleepingHandlers(t *testing.T) {
	s := agentapitest.NewServer(agentapitest.WithLatency(time.Hour))
	errc := make(chan error, 1)
	go func() {
		_, err := try(context.Background(), s, http.MethodGet, listPath("u1", ""))
		errc <- err
	}()
	require.Eventually(t, func() bool { return s.InFlight() == 1 }, 5*time.Second, 5*time.Millisecond)
	start := time.Now()
	s.Close()
	assert.Less(t, time.Since(start), 5*time.Second)
	err := <-errc
	assert.Error(t, err, "closed without an answer")
	assert.False(t, strings.Contains(err.Error(), "200"))
}
