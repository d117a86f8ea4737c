package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/f703e656/agentapi/agentapitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lifeUser is the account the lifecycle tests act for.
const lifeUser = "u1"

// newFake starts the fake for one test.
func newFake(t *testing.T, opts ...agentapitest.Option) *agentapitest.Server {
	t.Helper()
	srv := agentapitest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// fakeEnv is the environment that points the CLI at srv as lifeUser.
func fakeEnv(srv *agentapitest.Server) map[string]string {
	return map[string]string{"AGENTAPI_BASE_URL": srv.URL, "AGENTAPI_USER": lifeUser}
}

// runWith runs the command in-process with stdin and the terminal flags
// of cio (ttyIn, ttyErr), as run would find them.
func runWith(t *testing.T, env map[string]string, stdin string, tty bool, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cio := &cmdIO{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr, getenv: envOf(env), ttyIn: tty, ttyErr: tty}
	ctx := context.Background()
	code := report(ctx, &stderr, dispatch(ctx, args, cio))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// taskJSON is a TaskInput the fake accepts, named name.
func taskJSON(name string) string {
	return `{"name":"` + name + `","destination_extension":12,"dial_time_id":96,"maximumcall":5,
 "remark":"from a test","is_group_switch":1,
 "task_extras":{"start_time":"2024-11-01 09:00:00","stop_time":"2024-11-30 18:00:00","line":["3"]}}`
}

// writeFile writes s to a file in a test's directory and returns its path.
func writeFile(t *testing.T, s string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.json")
	require.NoError(t, os.WriteFile(path, []byte(s), 0o600))
	return path
}

// oneObject decodes the only element of a json array of one.
func oneObject(t *testing.T, out string) map[string]any {
	t.Helper()
	var arr []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &arr), out)
	require.Len(t, arr, 1)
	return arr[0]
}

func TestTaskLifecycle(t *testing.T) {
	srv := newFake(t, agentapitest.WithTasks(lifeUser, 20))
	env := fakeEnv(srv)

	// create from --file
	r := runCLI(t, env, "tasks", "create", "--file", writeFile(t, taskJSON("campaign A")), "--format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	created := oneObject(t, r.stdout)
	id, _ := created["uuid"].(string)
	require.NotEmpty(t, id, r.stdout)
	assert.Equal(t, "paused", created["task_status"])
	state, ok := srv.Task(lifeUser, id)
	require.True(t, ok)
	assert.Equal(t, "campaign A", state.Name)
	last, _ := srv.LastRequest()
	assert.Equal(t, "POST", last.Method)

	// get: one row under the list's header
	r = runCLI(t, env, "tasks", "get", id)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 2, r.stdout)
	assert.Equal(t, header(), strings.Fields(lines[0]))
	assert.Contains(t, lines[1], "campaign A")
	assert.Contains(t, lines[1], "paused")

	// update from stdin, without --file and with "-"
	for _, args := range [][]string{{"tasks", "update", id, "--format", "jsonl"}, {"tasks", "update", id, "--file", "-", "--format", "jsonl"}} {
		r = runWith(t, env, taskJSON("campaign B"), false, args...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Equal(t, 1, strings.Count(r.stdout, "\n"), r.stdout)
		state, _ = srv.Task(lifeUser, id)
		assert.Equal(t, "campaign B", state.Name)
	}

	// a running task refuses the update: exit 1 and a hint
	require.True(t, srv.SetTaskState(lifeUser, id, true, true))
	r = runCLI(t, env, "tasks", "update", id, "--file", writeFile(t, taskJSON("campaign C")))
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "6007")
	assert.Contains(t, r.stderr, "pause it first")

	// pause
	r = runCLI(t, env, "tasks", "pause", id)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "paused "+id+"\n", r.stdout)
	state, _ = srv.Task(lifeUser, id)
	assert.False(t, state.Enable)
	assert.False(t, state.CallStatus)

	// copy: a new task, printed as csv
	r = runCLI(t, env, "tasks", "copy", id, "--format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	rows := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, rows, 2, r.stdout)
	copyID, _, _ := strings.Cut(rows[1], ",")
	assert.NotEqual(t, id, copyID)
	_, ok = srv.Task(lifeUser, copyID)
	assert.True(t, ok, "the copy exists")

	// delete --yes
	r = runCLI(t, env, "tasks", "delete", copyID, "--yes")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "deleted "+copyID+"\n", r.stdout)
	_, ok = srv.Task(lifeUser, copyID)
	assert.False(t, ok, "deleted")
	last, _ = srv.LastRequest()
	assert.Equal(t, "DELETE", last.Method)
	assert.Equal(t, "/agent-api/user/"+lifeUser+"/task/"+copyID, last.EscapedPath)
}

func TestTaskSubUser(t *testing.T) {
	srv := newFake(t, agentapitest.WithTasks(lifeUser, 3))
	sub := agentapitest.SubAccounts(lifeUser)[0]
	r := runCLI(t, fakeEnv(srv), "tasks", "create", "--sub-user", sub, "--file", writeFile(t, taskJSON("sub task")), "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	var obj map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &obj))
	id := obj["uuid"].(string)
	state, _ := srv.Task(lifeUser, id)
	assert.Equal(t, sub, state.UserID, "--sub-user sets the body's sub_user_id")

	r = runCLI(t, fakeEnv(srv), "tasks", "pause", id, "--sub-user", sub)
	require.Equal(t, exitOK, r.code, r.stderr)
	last, _ := srv.LastRequest()
	assert.Equal(t, sub, last.Query.Get("sub_user_id"))
}

func TestTaskDeleteConfirmation(t *testing.T) {
	cases := []struct {
		name    string
		tty     bool
		answer  string
		yes     bool
		code    int
		deleted bool
		stderr  string
	}{
		{"no terminal, no --yes", false, "y\n", false, exitUsage, false, "add --yes"},
		{"no terminal, --yes", false, "", true, exitOK, true, ""},
		{"terminal, yes", true, "yes\n", false, exitOK, true, "Delete task"},
		{"terminal, no", true, "n\n", false, exitFailure, false, "nothing deleted"},
		{"terminal, nothing typed", true, "", false, exitFailure, false, "nothing deleted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newFake(t, agentapitest.WithTasks(lifeUser, 1))
			r := runCLI(t, fakeEnv(srv), "tasks", "create", "--file", writeFile(t, taskJSON("doomed")), "--format", "jsonl")
			require.Equal(t, exitOK, r.code, r.stderr)
			var obj map[string]any
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &obj))
			id := obj["uuid"].(string)
			before := srv.Requests()

			args := []string{"tasks", "delete", id}
			if c.yes {
				args = append(args, "--yes")
			}
			r = runWith(t, fakeEnv(srv), c.answer, c.tty, args...)
			assert.Equal(t, c.code, r.code, r.stderr)
			assert.Contains(t, r.stderr, c.stderr)
			_, exists := srv.Task(lifeUser, id)
			assert.Equal(t, c.deleted, !exists)
			if !c.deleted {
				assert.Equal(t, before, srv.Requests(), "nothing sent")
			}
		})
	}
}

func TestTaskInputRefused(t *testing.T) {
	srv := newFake(t, agentapitest.WithTasks(lifeUser, 1))
	env := fakeEnv(srv)
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"not json", "{", []string{"tasks", "create"}, "is not a task"},
		{"empty", "  ", []string{"tasks", "create"}, "is empty"},
		{"two values", taskJSON("a") + "{}", []string{"tasks", "create"}, "is not a task"},
		{"wrong type", `{"name":5}`, []string{"tasks", "create"}, "is not a task"},
		{"no name (the SDK's check)", strings.Replace(taskJSON("x"), `"name":"x",`, "", 1), []string{"tasks", "create"}, "name is required"},
		{"start after stop", strings.Replace(taskJSON("x"), "2024-11-30", "2024-10-30", 1), []string{"tasks", "create"}, "is not before stop_time"},
		{"missing file", "", []string{"tasks", "create", "--file", "/nonexistent/x.json"}, "reading the input"},
		{"bad task id", taskJSON("x"), []string{"tasks", "update", "../x"}, "invalid argument"},
		{"bad task id of get", "", []string{"tasks", "get", "a/b"}, "invalid argument"},
		{"update without id", "", []string{"tasks", "update"}, "missing TASK_ID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := srv.Requests()
			r := runWith(t, env, c.stdin, false, c.args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Contains(t, r.stderr, c.want)
			assert.Empty(t, r.stdout)
			assert.Equal(t, before, srv.Requests(), "nothing sent")
		})
	}

	// On a terminal, no --file is refused rather than waiting for typing.
	r := runWith(t, env, "", true, "tasks", "create")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "give --file PATH or pipe the JSON")
}

func TestTaskValidationError(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		w.Write([]byte(`{"message":"The given data was invalid.","errors":{"task_extras.line":["The task extras.line field is required."],"dial_time_id":["The selected dial time id is invalid."]}}`))
	})
	env := map[string]string{"AGENTAPI_BASE_URL": srv.URL, "AGENTAPI_USER": lifeUser}
	r := runWith(t, env, taskJSON("x"), false, "tasks", "create")
	assert.Equal(t, exitFailure, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "HTTP 422")
	assert.Contains(t, r.stderr, "\n  dial_time_id: The selected dial time id is invalid.\n  task_extras.line: The task extras.line field is required.\n")
}

func TestTaskSetup(t *testing.T) {
	srv := newFake(t)
	env := fakeEnv(srv)

	r := runCLI(t, env, "tasks", "setup")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	assert.Equal(t, setupHeader(), strings.Fields(lines[0]))
	assert.Contains(t, r.stdout, "dial_time_group  96")
	assert.Contains(t, r.stdout, "caller_line")

	r = runCLI(t, env, "tasks", "setup", "--format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var obj struct {
		Groups []map[string]any `json:"task_dial_times"`
		Lines  []map[string]any `json:"caller_line_list"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &obj), r.stdout)
	require.NotEmpty(t, obj.Groups)
	assert.EqualValues(t, agentapitest.DefaultDialTimeGroupID, obj.Groups[0]["id"])
	assert.NotEmpty(t, obj.Lines)

	r = runCLI(t, env, "tasks", "setup", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	kinds := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var o map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &o))
		kinds[o["kind"].(string)]++
	}
	assert.Equal(t, len(obj.Groups), kinds[kindGroup])
	assert.Equal(t, len(obj.Lines), kinds[kindLine])

	r = runCLI(t, env, "tasks", "setup", "--format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "kind,id,name,remark,detail\n"), r.stdout)
	assert.Equal(t, len(obj.Groups)+len(obj.Lines)+1, strings.Count(r.stdout, "\n"))
}

// TestCreateWithTheNewerTaskExtras sends a task_extras of the vendor's
// newest shape (line objects, holiday with begin, pop_mode): it goes out
// whole, as given, and its times are still checked before any request.
func TestCreateWithTheNewerTaskExtras(t *testing.T) {
	srv := newFake(t, agentapitest.WithTasks(lifeUser, 0))
	env := fakeEnv(srv)
	in := `{"name":"newer","destination_extension":12,"dial_time_id":96,"maximumcall":2,
		"task_extras":{"start_time":"2024-11-01 09:00:00","stop_time":"2024-11-30 18:00:00",
		"line":[{"id":"94c1a3d9-a19c-4abc-a801-b93f0c706636","limit":5}],
		"holiday":[{"begin":"2024-11-11 00:00","end":"2024-11-11 23:59"}],"pop_mode":1}}`
	r := runWith(t, env, in, false, "tasks", "create", "--format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	last, ok := srv.LastRequest()
	require.True(t, ok)
	assert.Equal(t, "/agent-api/new/user/"+lifeUser+"/task", last.EscapedPath)
	created := oneObject(t, r.stdout)
	assert.Equal(t, "newer", created["name"])
	state, ok := srv.Task(lifeUser, created["uuid"].(string))
	require.True(t, ok)
	assert.Equal(t, []string{"94c1a3d9-a19c-4abc-a801-b93f0c706636"}, state.Lines, "the line objects reached the server")

	backwards := strings.Replace(in, `"start_time":"2024-11-01 09:00:00"`, `"start_time":"2024-12-01 09:00:00"`, 1)
	before := srv.Requests()
	r = runWith(t, env, backwards, false, "tasks", "create")
	assert.Equal(t, exitUsage, r.code, r.stderr)
	assert.Contains(t, r.stderr, "start_time")
	assert.Equal(t, before, srv.Requests(), "refused before any request")
}
