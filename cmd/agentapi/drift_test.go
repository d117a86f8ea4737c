package main

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

// TestRunDriftNote deletes tasks already listed while a walk is under way:
// every task present throughout is printed once, and stderr says that the
// list changed and pages were read again.
func TestRunDriftNote(t *testing.T) {
	fake := agentapitest.NewFake(agentapitest.WithTasks("42", 60))
	t.Cleanup(fake.Close)
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "3" {
			once.Do(func() { fake.DeleteTasks("42", 5) }) // the newest five: all on page 1, already read
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	r := runCLI(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL}, "tasks", "list", "--user", "42", "--all",
		"--per-page", "10", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	seen := map[string]int{}
	for _, obj := range parseOutput(t, formatJSONL, r.stdout) {
		seen[obj["uuid"].(string)]++
	}
	assert.Len(t, seen, 60, "the 55 present throughout, and the 5 deleted after they were listed")
	for uuid, n := range seen {
		assert.Equal(t, 1, n, uuid)
	}
	assert.Contains(t, r.stderr, "the list changed during the walk")
	assert.Contains(t, r.stderr, "fetched again")

	quiet := runCLI(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL}, "tasks", "list", "--user", "42", "--all", "--format", "jsonl")
	require.Equal(t, exitOK, quiet.code, quiet.stderr)
	assert.NotContains(t, quiet.stderr, "changed", "a quiet walk says nothing")
}
