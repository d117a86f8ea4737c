package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/f703e656/agentapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseOutput reads the stdout of tasks list in format back into one map
// per task: the JSON object, or the csv row under its header.
func parseOutput(t *testing.T, format, out string) []map[string]any {
	t.Helper()
	var tasks []map[string]any
	switch format {
	case formatJSON:
		require.NoError(t, json.Unmarshal([]byte(out), &tasks), "one JSON array")
	case formatJSONL:
		sc := bufio.NewScanner(strings.NewReader(out))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var obj map[string]any
			require.NoError(t, json.Unmarshal(sc.Bytes(), &obj), "line %q", sc.Text())
			tasks = append(tasks, obj)
		}
		require.NoError(t, sc.Err())
	case formatCSV:
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		require.NoError(t, err)
		require.NotEmpty(t, recs)
		require.Equal(t, header(), recs[0])
		for _, rec := range recs[1:] {
			obj := map[string]any{}
			for i, c := range rec {
				obj[recs[0][i]] = c
			}
			tasks = append(tasks, obj)
		}
	default:
		t.Fatalf("no parser for %s", format)
	}
	return tasks
}

// uuids returns how many times each uuid occurs in tasks.
func uuids(tasks []map[string]any) map[string]int {
	seen := map[string]int{}
	for _, obj := range tasks {
		seen[obj["uuid"].(string)]++
	}
	return seen
}

func TestBinaryDemoEveryFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary three times; skipped under -short")
	}
	for _, format := range []string{formatJSON, formatJSONL, formatCSV} {
		t.Run(format, func(t *testing.T) {
			r := runBinary(t, "agentapi", nil, "tasks", "list", "--demo", "--all", "--concurrency", "3", "--format", format)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, r.stderr, "stderr is not a terminal: no progress")
			tasks := parseOutput(t, format, r.stdout)
			seen := uuids(tasks)
			assert.Len(t, seen, demoTasks)
			for id, n := range seen {
				assert.Equal(t, 1, n, "task %s", id)
			}
			for _, obj := range tasks {
				_, err := agentapi.ParseTaskStatus(fmt.Sprint(obj["task_status"]))
				assert.NoError(t, err)
			}
		})
	}
}

func TestBinaryDemoTable(t *testing.T) {
	r := runBinary(t, "agentapi", nil, "tasks", "list", "--demo", "--all")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, demoTasks+1)
	assert.Equal(t, header(), strings.Fields(lines[0]))

	// Every column before create_datetime ends where the header's does,
	// counted in terminal columns, Chinese names included.
	want := displayWidth(strings.TrimSuffix(lines[0], "create_datetime"))
	date := regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`)
	wide, dated := 0, 0
	for _, line := range lines[1:] {
		if displayWidth(line) != len([]rune(line)) {
			wide++
		}
		if loc := date.FindStringIndex(line); loc != nil {
			dated++
			assert.Equal(t, want, displayWidth(line[:loc[0]]), "%q", line)
		}
	}
	assert.Positive(t, wide, "the demo has double-width names")
	assert.Positive(t, dated)
}

func TestBinaryStatusFilterAndMax(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary three times; skipped under -short")
	}
	all := runBinary(t, "agentapi", nil, "tasks", "list", "--demo", "--all", "--format", "jsonl")
	require.Equal(t, exitOK, all.code, all.stderr)
	counts := map[string]int{}
	for _, obj := range parseOutput(t, formatJSONL, all.stdout) {
		counts[obj["task_status"].(string)]++
	}
	// agentapitest's documented cycle of ten: 3 dialing, 3 paused,
	// 2 waiting, 1 abnormal, 1 undefined; 237 tasks end on 7 of a cycle.
	assert.Equal(t, map[string]int{"dialing": 72, "paused": 72, "waiting": 47, "abnormal": 23, "unknown": 23}, counts)

	r := runBinary(t, "agentapi", nil, "tasks", "list", "--demo", "--all", "--status", "dialing,abnormal", "--format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	got := map[string]int{}
	for _, obj := range parseOutput(t, formatCSV, r.stdout) {
		got[obj["task_status"].(string)]++
		if obj["task_status"] == "abnormal" {
			assert.Empty(t, obj["call_status"], "an abnormal task has no call_status")
		}
	}
	assert.Equal(t, map[string]int{"dialing": counts["dialing"], "abnormal": counts["abnormal"]}, got)

	// --max counts after the filter, across pages.
	want := min(counts["paused"], 20)
	r = runBinary(t, "agentapi", nil, "tasks", "list", "--demo", "--all", "--per-page", "5", "--status", "paused", "--max", "20", "--format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	tasks := parseOutput(t, formatJSON, r.stdout)
	assert.Len(t, tasks, want)
	for _, obj := range tasks {
		assert.Equal(t, "paused", obj["task_status"])
	}
}

// apiServer answers every request with status and body, recording the
// Authorization header it got.
func apiServer(t *testing.T, status int, body string, auth *string) string {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		*auth = r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	})
	return srv.URL
}

func TestBinaryAPIFailuresNeverShowToken(t *testing.T) {
	tokenFile := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(tokenFile, []byte(secretToken+"\n"), 0o600))
	cases := []struct {
		name   string
		status int
		body   string
		want   []string
		retry  string // --retries; a 500 is retried, with backoff
		code   int
	}{
		{"401", http.StatusUnauthorized, `{"message":"Unauthenticated."}`, []string{"401", "Unauthenticated."}, "3", exitAuth},
		{"500", http.StatusInternalServerError, `{"code":500,"message":"服务器内部错误"}`, []string{"500", "服务器内部错误"}, "0", exitFailure},
		{"code in a 200", http.StatusOK, `{"code":403,"message":"无权访问该用户"}`, []string{"403", "无权访问该用户"}, "3", exitAuth},
	}
	for _, c := range cases {
		for _, via := range []string{"env", "file"} {
			t.Run(c.name+" token from "+via, func(t *testing.T) {
				var auth string
				env := map[string]string{"AGENTAPI_BASE_URL": apiServer(t, c.status, c.body, &auth)}
				args := []string{"tasks", "list", "--user", "42", "--all", "--retries", c.retry}
				if via == "env" {
					env["AGENTAPI_TOKEN"] = secretToken
				} else {
					args = append(args, "--token-file", tokenFile)
				}
				r := runBinary(t, "agentapi", env, args...)
				assert.Equal(t, c.code, r.code)
				assert.Equal(t, "Bearer "+secretToken, auth)
				for _, w := range c.want {
					assert.Contains(t, r.stderr, w)
				}
				assert.Empty(t, r.stdout)
				assert.NotContains(t, r.stdout+r.stderr, secretToken)
				assert.NotContains(t, r.stderr, "no token was sent", "a token was sent")
			})
		}
	}
}

func TestBinaryUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"tasks", "list", "--demo", "--format", "xml"},
		{"tasks", "list", "--demo", "--status", "busy"},
		{"tasks", "list", "--demo", "--unknown"},
		{"tasks", "list"},
		{"frobnicate"},
		{"tasks", "list", "--demo", "--timeout", "1"},
	} {
		r := runBinary(t, "agentapi", map[string]string{"AGENTAPI_TOKEN": secretToken}, args...)
		assert.Equal(t, exitUsage, r.code, "%v", args)
		assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)
		assert.Contains(t, r.stderr, "(see 'agentapi ", "%v", args)
		assert.Empty(t, r.stdout)
		assert.NotContains(t, r.stderr, secretToken)
	}
}

func TestBinaryFakeServe(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t, "agentapi"), "fake", "serve", "--addr", "127.0.0.1:0", "--tasks", "30", "--token", "fake-token")
	cmd.Env = childEnv(nil)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	exited := false
	t.Cleanup(func() {
		if !exited {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})

	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, stderr.String())
	m := regexp.MustCompile(`^listening on (http://127\.0\.0\.1:[1-9][0-9]*)\n$`).FindStringSubmatch(line)
	require.NotNil(t, m, "first line %q", line)
	base := m[1]

	// The server accepts as soon as the line is out.
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
	get := func(token string) (int, []byte) {
		req, err := http.NewRequest(http.MethodGet, base+"/agent-api/new/user/demo/subset_task?per_page=10", nil)
		require.NoError(t, err)
		req.Header.Set("Accept", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := hc.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, body
	}
	status, body := get("fake-token")
	require.Equal(t, http.StatusOK, status, string(body))
	var page struct {
		Data []json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal(body, &page))
	assert.Len(t, page.Data, 10)
	status, _ = get("")
	assert.Equal(t, http.StatusUnauthorized, status)

	r := runBinary(t, "agentapi", map[string]string{"AGENTAPI_BASE_URL": base, "AGENTAPI_TOKEN": "fake-token"},
		"tasks", "list", "--user", "demo", "--all", "--per-page", "7", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Len(t, uuids(parseOutput(t, formatJSONL, r.stdout)), 30)

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err = cmd.Wait()
	exited = true
	assert.NoError(t, err, "exit 0 after an interrupt; stderr: %s", stderr.String())
}

func TestBinaryInterruptExits130(t *testing.T) {
	started := make(chan struct{}, 1)
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case started <- struct{}{}:
		default:
		}
		<-r.Context().Done() // never answers; the client's cancel ends it
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t, "agentapi"), "tasks", "list", "--user", "42", "--all", "--format", "jsonl")
	cmd.Env = childEnv(map[string]string{"AGENTAPI_BASE_URL": srv.URL})
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	select {
	case <-started:
	case <-ctx.Done():
		t.Fatal("no request reached the server")
	}
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err := cmd.Wait()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, stderr.String())
	assert.Equal(t, exitInterrupted, ee.ExitCode(), stderr.String())
	assert.Contains(t, stderr.String(), "interrupted")
	assert.Empty(t, stdout.String())
}
