package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// envOf returns a getenv over vars.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// runExample runs the example in-process and returns its output.
func runExample(t *testing.T, env map[string]string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	err := run(ctx, &out, envOf(env))
	return out.String(), err
}

func TestRunAgainstTheFake(t *testing.T) {
	out, err := runExample(t, nil)
	require.NoError(t, err)
	for _, want := range []string{"237 tasks\n", "dialing  72\n", "waiting  47\n", "paused   72\n", "abnormal 23\n", "unknown  23\n"} {
		assert.Contains(t, out, want)
	}
	again, err := runExample(t, nil)
	require.NoError(t, err)
	assert.Equal(t, out, again, "deterministic output")
}

func TestRunAgainstAServer(t *testing.T) {
	var path, auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, auth = r.URL.Path, r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"code":200,"message":"ok","meta":{"has_pages":false,"total":0,"last_page":1,"current_page":1,"per_page":"5"},"data":[]}`))
	}))
	t.Cleanup(srv.Close)

	out, err := runExample(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL, "AGENTAPI_TOKEN": "tok-123", "AGENTAPI_USER": "4242"})
	require.NoError(t, err)
	assert.Equal(t, "/agent-api/new/user/4242/subset_task", path, "AGENTAPI_USER is the user listed")
	assert.Equal(t, "Bearer tok-123", auth)
	assert.Contains(t, out, "0 tasks\n")

	_, err = runExample(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AGENTAPI_USER")
}
