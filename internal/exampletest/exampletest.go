// Package exampletest runs the programs of examples/ in-process for their
// tests: against the built-in fake, and against a loopback server that
// checks what the program sends.
package exampletest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Run is an example's entry point: it writes to w and reads its settings
// (AGENTAPI_BASE_URL, AGENTAPI_TOKEN, AGENTAPI_USER) through getenv.
type Run func(ctx context.Context, w io.Writer, getenv func(string) string) error

// Output runs run under a minute's deadline with the variables env and
// returns what it wrote.
func Output(t *testing.T, run Run, env map[string]string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	err := run(ctx, &out, func(k string) string { return env[k] })
	return out.String(), err
}

// AgainstTheFake runs run without AGENTAPI_BASE_URL, so against the
// built-in fake, twice: its output holds every line of want, and is the
// same both times.
func AgainstTheFake(t *testing.T, run Run, want ...string) {
	t.Helper()
	out, err := Output(t, run, nil)
	require.NoError(t, err)
	for _, w := range want {
		assert.Contains(t, out, w)
	}
	again, err := Output(t, run, nil)
	require.NoError(t, err)
	assert.Equal(t, out, again, "deterministic output")
}

// AgainstAServer runs run against a loopback server answering an empty
// page: the program lists AGENTAPI_USER's tasks with AGENTAPI_TOKEN as a
// Bearer token, writes want, and refuses to run without AGENTAPI_USER.
func AgainstAServer(t *testing.T, run Run, want string) {
	t.Helper()
	var path, auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, auth = r.URL.Path, r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"code":200,"message":"ok","meta":{"has_pages":false,"total":0,"last_page":1,"current_page":1,"per_page":"5"},"data":[]}`))
	}))
	t.Cleanup(srv.Close)

	out, err := Output(t, run, map[string]string{"AGENTAPI_BASE_URL": srv.URL, "AGENTAPI_TOKEN": "tok-123", "AGENTAPI_USER": "4242"})
	require.NoError(t, err)
	assert.Equal(t, "/agent-api/new/user/4242/subset_task", path, "AGENTAPI_USER is the user listed")
	assert.Equal(t, "Bearer tok-123", auth)
	assert.Contains(t, out, want)

	_, err = Output(t, run, map[string]string{"AGENTAPI_BASE_URL": srv.URL})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AGENTAPI_USER")
}
