package agentapi

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// resetMidBody sends the headers and half the body, then resets the
// connection (RST, not FIN).
func resetMidBody(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Length", strconv.Itoa(len(okBody)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(okBody[:len(okBody)/2]))
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// shortBody declares the whole body and sends less, then closes.
func shortBody(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Length", strconv.Itoa(len(okBody)))
	_, _ = w.Write([]byte(okBody[:20]))
	hangUp(w, r)
}

// staller returns handlers that stall, before the headers or mid-body, until
// the client gives up or the test ends.
func staller(t *testing.T) (beforeHeaders, midBody http.HandlerFunc) {
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	wait := func(r *http.Request) {
		// Read the body first: the server notices a closed connection
		// (r.Context() ends) only once the body is read.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}
	beforeHeaders = func(_ http.ResponseWriter, r *http.Request) { wait(r) }
	midBody = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(okBody)))
		_, _ = w.Write([]byte(okBody[:10]))
		_ = http.NewResponseController(w).Flush()
		wait(r)
	}
	return beforeHeaders, midBody
}

func TestBodyFaultsAreRetriedReads(t *testing.T) {
	stallHead, stallBody := staller(t)
	tests := []struct {
		name  string
		fault http.HandlerFunc
	}{
		{"reset mid-body", resetMidBody},
		{"short body", shortBody},
		{"stall before headers", stallHead},
		{"stall mid-body", stallBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScript(tt.fault, reply(200, okBody))
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL, WithAttemptTimeout(100*time.Millisecond))
			p, err := getItems(context.Background(), c, nil)
			require.NoError(t, err)
			assert.Len(t, p.Items, 2)
			assert.Equal(t, 2, s.attempts())
		})
	}
}

func TestAttemptTimeoutIsATransportError(t *testing.T) {
	_, stallBody := staller(t)
	s := newScript(stallBody)
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL, WithAttemptTimeout(50*time.Millisecond), WithMaxRetries(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := getItems(ctx, c, nil)
	require.Error(t, err)
	assert.Equal(t, 2, s.attempts())
	var te *attemptTimeoutError
	assert.ErrorAs(t, err, &te)
	assert.NotErrorIs(t, err, ErrMalformedResponse)
	assert.NotErrorIs(t, err, context.DeadlineExceeded, "the call's deadline did not pass")
	assert.Contains(t, err.Error(), "attempt timed out after 50ms")
	assert.Equal(t, 1, countPrefix(err), err.Error())
}

// writeCall sends a write of class through c to /write with a JSON body.
func writeCall(ctx context.Context, c *Client, method string, class retryClass) (fetchInfo, error) {
	body := map[string]any{"name": "t", "maximumcall": 3}
	return c.doNoData(ctx, &request{method: method, path: "/write", body: body, class: class})
}

func TestCreateRetriedOnlyWhenSurelyNotReached(t *testing.T) {
	stallHead, _ := staller(t)
	ok := reply(200, `{"code":200,"message":"ok","data":[]}`)
	tests := []struct {
		name     string
		first    http.HandlerFunc
		attempts int
	}{
		{"500", reply(500, "boom"), 1},
		{"502", reply(502, "<html>bad gateway</html>"), 1},
		{"504", reply(504, "<html>timeout</html>"), 1},
		{"reset after the request", hangUp, 1},
		{"reset mid-body", resetMidBody, 1},
		{"attempt timeout", stallHead, 1},
		{"429", reply(429, "", "Retry-After", "0"), 2},
		{"503", reply(503, "maintenance"), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScript(tt.first, ok)
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL, WithAttemptTimeout(100*time.Millisecond))
			_, err := writeCall(context.Background(), c, http.MethodPost, retryCreate)
			assert.Equal(t, tt.attempts, s.attempts())
			if tt.attempts == 2 {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

func TestCreateRetriedAfterDialFailure(t *testing.T) {
	s := newScript(reply(200, `{"code":200,"data":{"uuid":"u1"}}`))
	srv := newTestServer(t, s)
	tr := pooledTransport()
	var dials atomic.Int32
	dial := tr.DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connection refused")}
		}
		return dial(ctx, network, addr)
	}
	c := newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: tr}))
	t.Cleanup(tr.CloseIdleConnections)
	_, err := writeCall(context.Background(), c, http.MethodPost, retryCreate)
	require.NoError(t, err)
	assert.Equal(t, int32(2), dials.Load())
	assert.Equal(t, 1, s.attempts(), "the create reached the server once")
}

func TestIdempotentWriteReplaysItsBody(t *testing.T) {
	var mu sync.Mutex
	var bodies, types []string
	record := func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies, types = append(bodies, string(b)), append(types, r.Header.Get("Content-Type"))
		mu.Unlock()
	}
	s := newScript(
		func(w http.ResponseWriter, r *http.Request) { record(w, r); reply(500, "boom")(w, r) },
		func(w http.ResponseWriter, r *http.Request) { record(w, r); reply(200, `{"code":200,"data":[]}`)(w, r) },
	)
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	_, err := writeCall(context.Background(), c, http.MethodPut, retryRead)
	require.NoError(t, err)
	require.Len(t, bodies, 2)
	assert.JSONEq(t, `{"name":"t","maximumcall":3}`, bodies[0])
	assert.Equal(t, bodies[0], bodies[1])
	assert.Equal(t, []string{"application/json", "application/json"}, types)
}

func TestReadWithoutBodySendsNoContentType(t *testing.T) {
	var ct atomic.Value
	srv := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ct.Store(r.Header.Get("Content-Type"))
		_, _ = w.Write([]byte(okBody))
	}))
	_, err := getItems(context.Background(), newTestClient(t, srv.URL), nil)
	require.NoError(t, err)
	assert.Equal(t, "", ct.Load())
}

func TestInvalidMethodNotRetried(t *testing.T) {
	s := newScript(reply(200, okBody))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	_, _, err := c.do(context.Background(), &request{method: "BAD METHOD", path: "/items"})
	require.Error(t, err)
	assert.Zero(t, s.attempts())
	assert.Contains(t, err.Error(), "after 1 attempt")
}
