package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageBody returns an envelope of the subset_task list holding tasks (raw
// JSON objects) as page cur of last.
func pageBody(cur, last, total int, tasks ...string) string {
	return fmt.Sprintf(`{"code":200,"status":"success","message":"ok","meta":{"has_pages":true,"total":%d,"last_page":%d,"current_page":%d,"per_page":"3"},"data":[%s]}`,
		total, last, cur, strings.Join(tasks, ","))
}

// pagedServer serves pages[n-1] for ?page=n, recording each request.
func pagedServer(t *testing.T, pages []string) (*httptest.Server, *[]*http.Request) {
	var mu sync.Mutex
	var reqs []*http.Request
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		reqs = append(reqs, r.Clone(context.Background()))
		mu.Unlock()
		n := 1
		fmt.Sscan(r.URL.Query().Get("page"), &n)
		w.Header().Set("Content-Type", "application/json")
		if n < 1 || n > len(pages) {
			w.Write([]byte(pageBody(n, len(pages), 0)))
			return
		}
		w.Write([]byte(pages[n-1]))
	})
	return srv, &reqs
}

// runCLICtx is runCLI under ctx.
func runCLICtx(ctx context.Context, env map[string]string, args ...string) result {
	var stdout, stderr bytes.Buffer
	code := run(ctx, args, strings.NewReader(""), &stdout, &stderr, envOf(env))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestRunExitCodes(t *testing.T) {
	dead, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	deadURL := "http://" + dead.Addr().String()
	require.NoError(t, dead.Close()) // nothing listens there any more

	reply := func(status int, body string) string {
		return newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write([]byte(body))
		}).URL
	}
	cases := []struct {
		name string
		base string
		args []string
		want int
	}{
		{"success", reply(200, pageBody(1, 1, 0)), nil, exitOK},
		{"401", reply(401, `{"message":"Unauthenticated."}`), nil, exitAuth},
		{"403", reply(403, `{"code":403,"message":"无权访问"}`), nil, exitAuth},
		{"403 in a 200", reply(200, `{"code":403,"message":"无权访问"}`), nil, exitAuth},
		{"404", reply(404, `{"message":"Not Found"}`), nil, exitFailure},
		{"500", reply(500, `{"code":500,"message":"服务器内部错误"}`), nil, exitFailure},
		{"gateway page", reply(502, `<html><body>502 Bad Gateway</body></html>`), nil, exitFailure},
		{"not json", reply(200, `{"code":200,"data":[`), nil, exitFailure},
		{"dead server", deadURL, nil, exitFailure},
		{"walk refused", reply(401, `{"message":"Unauthenticated."}`), []string{"--all"}, exitAuth},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"tasks", "list", "--user", "42", "--retries", "0"}, c.args...)
			// with a token: without one, a 401 adds a hint line
			r := runCLI(t, map[string]string{"AGENTAPI_BASE_URL": c.base, "AGENTAPI_TOKEN": secretToken}, args...)
			assert.Equal(t, c.want, r.code, r.stderr)
			if c.want != exitOK {
				assert.Equal(t, 1, strings.Count(r.stderr, "\n"), r.stderr)
			}
		})
	}
}

func TestRunTimeoutAndInterruptExitCodes(t *testing.T) {
	arrived := make(chan struct{}, 8)
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done() // never answers
	})
	env := map[string]string{"AGENTAPI_BASE_URL": srv.URL}

	r := runCLI(t, env, "tasks", "list", "--user", "42", "--timeout", "100ms")
	assert.Equal(t, exitFailure, r.code, "a timeout is a network failure")
	assert.Contains(t, r.stderr, "--timeout 100ms reached")
	<-arrived

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel() // what SIGINT does to main's context
	}()
	r = runCLICtx(ctx, env, "tasks", "list", "--user", "42", "--all")
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.Contains(t, r.stderr, "interrupted")
}

func TestRunEveryTaskWithoutUUIDIsListed(t *testing.T) {
	pages := []string{
		pageBody(1, 2, 6, `{"uuid":"a","name":"A"}`, `{"name":"no uuid 1"}`, `{"uuid":"","name":"empty uuid"}`),
		pageBody(2, 2, 6, `{"uuid":"a","name":"A again, shifted by drift"}`, `{"name":"no uuid 2"}`, `{"uuid":"b","name":"B"}`),
	}
	srv, _ := pagedServer(t, pages)
	env := map[string]string{"AGENTAPI_BASE_URL": srv.URL}
	for _, conc := range []string{"1", "2"} {
		r := runCLI(t, env, "tasks", "list", "--user", "42", "--all", "--concurrency", conc, "--format", "jsonl")
		require.Equal(t, exitOK, r.code, r.stderr)
		var names []string
		for _, obj := range parseOutput(t, formatJSONL, r.stdout) {
			names = append(names, obj["name"].(string))
		}
		assert.Equal(t, []string{"A", "no uuid 1", "empty uuid", "no uuid 2", "B"}, names, "concurrency %s", conc)
	}
}

func TestRunHeaderAndUserFromEnvironment(t *testing.T) {
	const key = "gateway-key-0123456789"
	var got http.Header
	var path string
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		got, path = r.Header.Clone(), r.URL.Path
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		// A gateway that echoes the key must not get it printed.
		w.Write([]byte(`{"code":403,"message":"key ` + key + ` is not allowed"}`))
	})
	env := map[string]string{"AGENTAPI_BASE_URL": srv.URL, "AGENTAPI_TOKEN": secretToken, "AGENTAPI_USER": "31337"}
	r := runCLI(t, env, "tasks", "list", "--header", "X-Api-Key: "+key, "--header", "X-Tenant:acme")
	assert.Equal(t, exitAuth, r.code)
	assert.Equal(t, "/agent-api/new/user/31337/subset_task", path, "AGENTAPI_USER is the default --user")
	assert.Equal(t, key, got.Get("X-Api-Key"))
	assert.Equal(t, "acme", got.Get("X-Tenant"))
	assert.Equal(t, "Bearer "+secretToken, got.Get("Authorization"), "the token keeps Authorization")
	assert.Contains(t, r.stderr, "403")
	assert.NotContains(t, r.stderr+r.stdout, key)
	assert.NotContains(t, r.stderr+r.stdout, secretToken)
}

func TestRunStatusWithoutAllWarns(t *testing.T) {
	env := map[string]string{}
	// dialing alone is not a filter of the server's: one page, filtered here.
	r := runCLI(t, env, "tasks", "list", "--demo", "--status", "dialing", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "warning: --status filtered one page only")
	assert.NotEmpty(t, r.stdout)

	r = runCLI(t, env, "tasks", "list", "--demo", "--all", "--status", "dialing", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)

	// paused is: the server filters every page, and nothing is warned.
	r = runCLI(t, env, "tasks", "list", "--demo", "--status", "paused", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.NotEmpty(t, r.stdout)
}

func TestRunOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "tasks.csv")
	r := runCLI(t, nil, "tasks", "list", "--demo", "--all", "--format", "csv", "--output", out)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stdout, "--output: nothing on stdout")
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, demoTasks+1, strings.Count(string(b), "\n"))
	fi, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())

	// A walk that fails on page 2 leaves the file as it was, and no
	// temporary file behind.
	pages := []string{pageBody(1, 3, 9, `{"uuid":"a"}`, `{"uuid":"b"}`, `{"uuid":"c"}`), `{"code":200,"data":[`}
	srv, _ := pagedServer(t, pages)
	r = runCLI(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL}, "tasks", "list", "--user", "1", "--all",
		"--retries", "0", "--format", "csv", "--output", out)
	assert.Equal(t, exitFailure, r.code)
	after, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, b, after, "the earlier file is untouched")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")

	fresh := filepath.Join(dir, "new.jsonl")
	r = runCLI(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL}, "tasks", "list", "--user", "1", "--all",
		"--retries", "0", "--format", "jsonl", "--output", fresh)
	assert.Equal(t, exitFailure, r.code)
	assert.NoFileExists(t, fresh, "a failed run leaves no partial file")

	r = runCLI(t, nil, "tasks", "list", "--demo", "--output", filepath.Join(dir, "missing", "x.csv"))
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "--output")
}

func TestRunProgressCountsWhatMaxNeeds(t *testing.T) {
	// The progress line itself needs a terminal; what it counts to is
	// progressTarget's, from the first page's meta.
	srv, reqs := pagedServer(t, []string{
		pageBody(1, 10, 30, `{"uuid":"a"}`, `{"uuid":"b"}`, `{"uuid":"c"}`),
		pageBody(2, 10, 30, `{"uuid":"d"}`, `{"uuid":"e"}`, `{"uuid":"f"}`),
	})
	r := runCLI(t, map[string]string{"AGENTAPI_BASE_URL": srv.URL}, "tasks", "list", "--user", "1", "--all", "--max", "4", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, 4, strings.Count(r.stdout, "\n"))
	assert.Len(t, *reqs, 2, "--max 4 of 3-task pages needs two pages, not ten")
}
