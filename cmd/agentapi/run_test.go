package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/f703e656/agentapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// secretToken is the token the tests configure; no output may hold it.
const secretToken = "s3cr3t-token-value"

// result is what one run of the command left behind.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command in-process with env as its whole environment.
func runCLI(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr, envOf(env))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// newTestServer starts an httptest server for one test.
func newTestServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestRunUsageErrors(t *testing.T) {
	env := map[string]string{"AGENTAPI_BASE_URL": "http://127.0.0.1:1", "AGENTAPI_TOKEN": secretToken}
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
		help string // where the line says the help is
	}{
		{"no command", env, nil, "missing command", "agentapi help"},
		{"unknown command", env, []string{"deploy"}, `unknown command "deploy"`, "agentapi help"},
		{"tasks without subcommand", env, []string{"tasks"}, "tasks: missing command (want one of: list, get, setup, create, update, pause, copy, delete)", "agentapi tasks --help"},
		{"unknown tasks subcommand", env, []string{"tasks", "frob"}, `tasks: unknown command "frob"`, "agentapi tasks --help"},
		{"fake without subcommand", env, []string{"fake"}, "missing command", "agentapi fake --help"},
		{"unknown flag", env, []string{"tasks", "list", "--user", "1", "--nope"}, "unknown flag --nope", "agentapi tasks list --help"},
		{"bad value", env, []string{"tasks", "list", "--user", "1", "--per-page", "x"}, `--per-page "x": want a whole number`, "agentapi tasks list --help"},
		{"timeout without unit", env, []string{"tasks", "list", "--user", "1", "--timeout", "1"}, `--timeout "1": want a duration such as 30s`, "agentapi tasks list --help"},
		{"unknown status", env, []string{"tasks", "list", "--user", "1", "--status", "busy"}, `unknown word "busy"`, "agentapi tasks list --help"},
		{"bad format", env, []string{"tasks", "list", "--user", "1", "--format", "yaml"}, `--format "yaml"`, "agentapi tasks list --help"},
		{"missing user", env, []string{"tasks", "list"}, "--user is required", "agentapi tasks list --help"},
		{"concurrency without all", env, []string{"tasks", "list", "--user", "1", "--concurrency", "2"}, "--concurrency needs --all", "agentapi tasks list --help"},
		{"no base url", map[string]string{"AGENTAPI_TOKEN": secretToken}, []string{"tasks", "list", "--user", "1"}, "no base URL", "agentapi tasks list --help"},
		{"bad base url", env, []string{"tasks", "list", "--user", "1", "--base-url", "ftp://x"}, "base", "agentapi tasks list --help"},
		{"bad user id", env, []string{"tasks", "list", "--user", ".."}, "user id", "agentapi tasks list --help"},
		{"extra argument", env, []string{"tasks", "list", "--user", "1", "more"}, `unexpected argument "more"`, "agentapi tasks list --help"},
		{"fake serve bad flag", env, []string{"fake", "serve", "--tasks", "-3"}, "--tasks -3 is negative", "agentapi fake serve --help"},
		{"fake serve bad rate", env, []string{"fake", "serve", "--rate-limit", "60"}, `--rate-limit "60": want N/DURATION, such as 60/1m`, "agentapi fake serve --help"},
		{"help of nothing", env, []string{"help", "frob"}, `no command "frob"`, "agentapi help"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.env, c.args...)
			assert.Equal(t, exitUsage, r.code)
			assert.Empty(t, r.stdout)
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, "agentapi: "), r.stderr)
			assert.Contains(t, r.stderr, c.want)
			assert.Contains(t, r.stderr, "(see '"+c.help+"')")
			assert.NotContains(t, r.stderr, "Usage:", "no help dump")
			assert.NotContains(t, r.stderr, secretToken)
		})
	}
}

func TestRunHelpAndVersion(t *testing.T) {
	r := runCLI(t, nil, "help")
	assert.Equal(t, exitOK, r.code)
	for _, want := range []string{"tasks list", "fake serve", "version", "Exit status", "130"} {
		assert.Contains(t, r.stdout, want)
	}
	assert.Empty(t, r.stderr)

	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, mainUsage(commands())},
		{[]string{"-h"}, mainUsage(commands())},
		{[]string{"tasks", "list", "-h"}, listUsage},
		{[]string{"tasks", "list", "--help"}, listUsage},
		{[]string{"tasks", "list", "--user", "1", "--format", "bogus", "--help"}, listUsage},
		{[]string{"help", "tasks", "list"}, listUsage},
		{[]string{"fake", "serve", "-h"}, serveUsage},
		{[]string{"version", "--help"}, versionUsage},
		{[]string{"tasks", "--help"}, ""},
		{[]string{"tasks", "-h"}, ""},
		{[]string{"fake", "--help"}, ""},
		{[]string{"help", "tasks"}, ""},
	}
	for _, c := range cases {
		r = runCLI(t, nil, c.args...)
		assert.Equal(t, exitOK, r.code, "%v", c.args)
		assert.Empty(t, r.stderr, "%v", c.args)
		if c.want != "" {
			assert.Equal(t, c.want, r.stdout, "%v", c.args)
		} else {
			assert.Contains(t, r.stdout, "Usage: agentapi "+c.args[len(c.args)-2+boolInt(c.args[0] == "help")], "%v", c.args)
		}
	}
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r = runCLI(t, nil, args...)
		assert.Equal(t, exitOK, r.code)
		assert.Equal(t, "agentapi "+agentapi.Version+"\n", r.stdout)
	}
}

// boolInt returns 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestRunTokenFileNeverPrinted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(path, []byte(secretToken+"\n"), 0o600))
	var got string
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		// A server that echoes the token back must not get it printed.
		w.Write([]byte(`{"message":"Unauthenticated: token ` + secretToken + ` is unknown."}`))
	})
	r := runCLI(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL}, "tasks", "list", "--user", "1", "--token-file", path)
	assert.Equal(t, exitAuth, r.code)
	assert.Equal(t, "Bearer "+secretToken, got, "the file's token is sent, trimmed")
	assert.Contains(t, r.stderr, "401")
	assert.Contains(t, r.stderr, "Unauthenticated")
	assert.NotContains(t, r.stderr+r.stdout, secretToken)
}

func TestRunServerErrorAfterRetries(t *testing.T) {
	var attempts atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(`{"code":500,"message":"服务器内部错误"}`))
	})
	r := runCLI(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL, "AGENTAPI_TOKEN": secretToken},
		"tasks", "list", "--user", "42", "--retries", "1")
	assert.Equal(t, exitFailure, r.code)
	assert.EqualValues(t, 2, attempts.Load(), "--retries 1: two attempts")
	assert.Equal(t, "agentapi: HTTP 500, code 500: 服务器内部错误\n", r.stderr)
	assert.Empty(t, r.stdout)
}

func TestRunTimeout(t *testing.T) {
	block := make(chan struct{})
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-block:
		}
	})
	defer close(block)
	start := time.Now()
	r := runCLI(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL}, "tasks", "list", "--user", "42", "--timeout", "200ms")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "--timeout 200ms reached")
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestRunOnePageOfTheSeedExample(t *testing.T) {
	body, err := os.ReadFile("../../testdata/subset_task_example.json")
	require.NoError(t, err)
	var query string
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.Path + "?" + r.URL.RawQuery
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	env := map[string]string{"AGENTAPI_BASE_URL": srv.URL}
	const uuid = "dc7dd781-6d8a-42b1-9402-6d57636a8513"

	r := runCLI(t, env, "tasks", "list", "--user", "42", "--sub-user", "7", "--name", "子账", "--page", "2", "--per-page", "1")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "/agent-api/new/user/42/subset_task?name=%E5%AD%90%E8%B4%A6&page=2&per_page=1&sub_user_id=7", query)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, []string{uuid, "子账户", "paused", "false", "false", "10", "2024-09-02", "21:45:18"}, strings.Fields(lines[1]),
		"create_datetime as the API wrote it, in its zone")

	r = runCLI(t, env, "tasks", "list", "--user", "42", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	var obj map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &obj))
	assert.Equal(t, "paused", obj["task_status"])
	assert.Equal(t, "2024-09-02 21:45:18", obj["create_datetime"], "the raw object, not re-encoded")
	assert.Contains(t, obj, "new_task_extra")
	assert.Equal(t, 1, strings.Count(r.stdout, "\n"))

	r = runCLI(t, env, "tasks", "list", "--user", "42", "--status", "dialing", "--format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "[]\n", r.stdout, "the filter leaves nothing")
}

func TestRunDemo(t *testing.T) {
	count := func(r result) int {
		require.Equal(t, exitOK, r.code, r.stderr)
		return len(uuids(parseOutput(t, formatJSONL, r.stdout)))
	}
	env := map[string]string{"AGENTAPI_BASE_URL": "http://127.0.0.1:1", "AGENTAPI_TOKEN": secretToken}
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"one page, the server's 15", nil, 15},
		{"one page of 40", []string{"--per-page", "40"}, 40},
		{"every page", []string{"--all"}, demoTasks},
		{"every page, 4 in flight", []string{"--all", "--concurrency", "4", "--per-page", "10"}, demoTasks},
		{"from page 10", []string{"--all", "--page", "10", "--per-page", "15"}, demoTasks - 9*15},
		{"from page 2 of the walk's 100", []string{"--all", "--page", "2"}, demoTasks - 100},
		{"--max without a filter", []string{"--all", "--max", "20"}, 20},
		{"--max on one page", []string{"--max", "4"}, 4},
		{"--max after the filter", []string{"--all", "--status", "abnormal", "--max", "5"}, 5},
		{"the filter across pages", []string{"--all", "--status", "abnormal,unknown"}, 46},
		{"name filter", []string{"--all", "--name", "回访"}, 34},
		{"another user", []string{"--user", "nobody"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"tasks", "list", "--demo", "--format", "jsonl"}, c.args...)
			assert.Equal(t, c.want, count(runCLI(t, env, args...)))
		})
	}
}
