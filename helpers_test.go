package agentapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/internal/jsonwire"
)

// newTestServer starts an httptest server that the test's cleanup closes.
func newTestServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// newTestClient returns a client of baseURL with short retry waits, whose
// idle connections the test's cleanup closes.
func newTestClient(t *testing.T, baseURL string, opts ...Option) *Client {
	t.Helper()
	opts = append([]Option{WithRetryWait(time.Millisecond, 5*time.Millisecond)}, opts...)
	c, err := NewClient(baseURL, opts...)
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// script answers the n-th request with the n-th handler (the last one
// repeats) and counts requests.
type script struct {
	n     atomic.Int32
	steps []http.HandlerFunc
}

func newScript(steps ...http.HandlerFunc) *script { return &script{steps: steps} }

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i := int(s.n.Add(1)) - 1
	s.steps[min(i, len(s.steps)-1)](w, r)
}

// attempts returns the requests the script has served.
func (s *script) attempts() int { return int(s.n.Load()) }

// reply answers with status and body; headers come as name, value pairs.
func reply(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// okBody is a success envelope of two test items.
const okBody = `{"code":200,"message":"ok","meta":{"total":2,"last_page":1,"current_page":1,"per_page":15},"data":[{"id":"a"},{"id":"b"}]}`

// testItem and testDecode let getPage be tested without the task decoder.
type testItem struct {
	ID string `json:"id"`
}

func testDecode(body []byte, _ *time.Location) (envelope, []testItem, error) {
	var raw struct {
		Code    *int            `json:"code"`
		Message string          `json:"message"`
		Meta    PageMeta        `json:"meta"`
		Data    json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return envelope{}, nil, decodeFailure(&jsonwire.Error{Msg: err.Error()})
	}
	env := envelope{Message: raw.Message, Meta: raw.Meta, HasData: raw.Data != nil}
	if raw.Code != nil {
		env.Code, env.HasCode = *raw.Code, true
		if env.Code != 200 {
			return env, nil, nil
		}
	}
	var items []testItem
	if raw.Data != nil {
		if err := json.Unmarshal(raw.Data, &items); err != nil {
			return env, nil, decodeFailure(&jsonwire.Error{Path: "data", Msg: err.Error()})
		}
	}
	return env, items, nil
}

// getItems calls getPage on /items with query.
func getItems(ctx context.Context, c *Client, query map[string]string) (*Page[testItem], error) {
	q := make(map[string][]string, len(query))
	for k, v := range query {
		q[k] = []string{v}
	}
	p, _, err := getPage(ctx, c, &request{method: http.MethodGet, path: "/items", query: q}, testDecode)
	return p, err
}

// getPath calls getPage with a GET of path.
func getPath(ctx context.Context, c *Client, path string) (*Page[testItem], error) {
	p, _, err := getPage(ctx, c, &request{method: http.MethodGet, path: path}, testDecode)
	return p, err
}

// hangUp closes the connection without answering: a transport error.
func hangUp(w http.ResponseWriter, _ *http.Request) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
	}
}

// newCountingServer is newTestServer that also counts new connections.
func newCountingServer(t *testing.T, h http.Handler) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	conns := new(atomic.Int32)
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, conns
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// countPrefix returns how many times err's text says "agentapi:".
func countPrefix(err error) int {
	return strings.Count(err.Error(), "agentapi:")
}
