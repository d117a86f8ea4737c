package agentapitest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/f703e656/agentapi/agentapitest"
)

// TestMain fails the tests if any goroutine outlives them: Close must leave
// nothing running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// newServer starts a fake for one test and closes it when the test ends.
func newServer(t testing.TB, opts ...agentapitest.Option) *agentapitest.Server {
	t.Helper()
	s := agentapitest.NewServer(opts...)
	t.Cleanup(s.Close)
	return s
}

// reply is what a test request got.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// listPath returns the endpoint's path for userID (already escaped) and a
// raw query.
func listPath(escapedUser, rawQuery string) string {
	p := "/agent-api/new/user/" + escapedUser + "/subset_task"
	if rawQuery != "" {
		p += "?" + rawQuery
	}
	return p
}

// do sends method path to s with Accept: application/json (as the SDK
// does) and the extra header pairs, and returns the reply; a transport
// error fails the test.
func do(t testing.TB, s *agentapitest.Server, method, path string, header ...string) reply {
	t.Helper()
	r, err := try(context.Background(), s, method, path, header...)
	require.NoError(t, err)
	return r
}

// try is do without the test: it returns the transport error.
func try(ctx context.Context, s *agentapitest.Server, method, path string, header ...string) (reply, error) {
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, nil)
	if err != nil {
		return reply{}, err
	}
	req.Header.Set("Accept", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, body: body}, err
}

// envelope is the list's envelope, meta.per_page kept raw to see its type.
type envelope struct {
	Code    int    `json:"code"`
	Status  string `json:"status"`
	Message string `json:"message"`
	Meta    struct {
		HasPages    bool            `json:"has_pages"`
		Total       int             `json:"total"`
		LastPage    int             `json:"last_page"`
		CurrentPage int             `json:"current_page"`
		PerPage     json.RawMessage `json:"per_page"`
	} `json:"meta"`
	Data []map[string]any `json:"data"`
}

// list gets a page of escapedUser's tasks and decodes it, failing the test
// unless it is a 200 envelope.
func list(t testing.TB, s *agentapitest.Server, escapedUser, rawQuery string) envelope {
	t.Helper()
	r := do(t, s, http.MethodGet, listPath(escapedUser, rawQuery))
	require.Equal(t, http.StatusOK, r.status, "body: %.300s", r.body)
	var env envelope
	require.NoError(t, json.Unmarshal(r.body, &env))
	return env
}

// uuids returns the uuid of every task of env, in order.
func uuids(env envelope) []string {
	out := make([]string, len(env.Data))
	for i, task := range env.Data {
		out[i], _ = task["uuid"].(string)
	}
	return out
}
