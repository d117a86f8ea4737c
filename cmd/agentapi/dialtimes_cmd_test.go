package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/f703e656/agentapi/agentapitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// groupJSON is a DialTimeGroupInput the fake accepts, named name.
func groupJSON(name string) string {
	return `{"name":"` + name + `","content":[{"week":1,"times":[{"begin_time":"09:00","end_time":"12:00"},{"begin_time":"13:30","end_time":"18:00"}]},
 {"week":2,"times":[{"begin_time":"09:00","end_time":"12:00"},{"begin_time":"13:30","end_time":"18:00"}]}],"skip_holiday":true}`
}

func TestDialTimes(t *testing.T) {
	srv := newFake(t)
	env := fakeEnv(srv)

	r := runWith(t, env, groupJSON("office hours"), false, "dial-times", "create", "--format", "jsonl")
	require.Equal(t, exitOK, r.code, r.stderr)
	var g map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &g), r.stdout)
	id := int(g["id"].(float64))
	require.NotZero(t, id)
	assert.Equal(t, "office hours", g["name"])

	r = runCLI(t, env, "dial-times", "list", "--all")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	assert.Equal(t, groupHeader(), strings.Fields(lines[0]))
	require.Len(t, lines, 3, r.stdout) // the system group and ours
	assert.Contains(t, lines[2], "office hours")
	assert.Contains(t, lines[2], "1,2 09:00-12:00,13:30-18:00")

	r = runCLI(t, env, "dial-times", "update", strconv.Itoa(id), "--file", writeFile(t, groupJSON("late hours")), "--format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "late hours")
	last, _ := srv.LastRequest()
	assert.Equal(t, "PUT", last.Method)
	assert.Equal(t, "/agent-api/user/"+lifeUser+"/dial-time-group/"+strconv.Itoa(id), last.EscapedPath)

	r = runCLI(t, env, "dial-times", "list", "--format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var all []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &all))
	require.Len(t, all, 2)
	assert.Equal(t, "late hours", all[1]["name"])
}

func TestDialTimesRefused(t *testing.T) {
	srv := newFake(t)
	env := fakeEnv(srv)
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"week out of range", strings.Replace(groupJSON("x"), `"week":1`, `"week":7`, 1), []string{"dial-times", "create"}, "outside 0..6"},
		{"not a clock", strings.Replace(groupJSON("x"), `"09:00"`, `"9am"`, 1), []string{"dial-times", "create"}, "is not HH:MM"},
		{"unknown key", `{"name":"x","colour":"red"}`, []string{"dial-times", "create"}, `unknown field "colour"`},
		{"no name", `{"content":[]}`, []string{"dial-times", "create"}, "name is required"},
		{"bad group id", groupJSON("x"), []string{"dial-times", "update", "abc"}, `GROUP_ID "abc"`},
		{"zero group id", groupJSON("x"), []string{"dial-times", "update", "0"}, `GROUP_ID "0"`},
		{"negative page", "", []string{"dial-times", "list", "--page", "-1"}, "--page -1 is negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := srv.Requests()
			r := runWith(t, env, c.stdin, false, c.args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Contains(t, r.stderr, c.want)
			assert.Equal(t, before, srv.Requests(), "nothing sent")
		})
	}

	// An unknown group is the server's 404: exit 1.
	r := runWith(t, env, groupJSON("x"), false, "dial-times", "update", "99999")
	assert.Equal(t, exitFailure, r.code, r.stderr)
	assert.Contains(t, r.stderr, "404")
}

// listObjects returns what "tasks list --format jsonl" prints with args,
// as objects.
func listObjects(t *testing.T, env map[string]string, args ...string) []map[string]any {
	t.Helper()
	r := runCLI(t, env, append([]string{"tasks", "list", "--format", "jsonl"}, args...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var objs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if line == "" {
			continue
		}
		var o map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &o), line)
		objs = append(objs, o)
	}
	return objs
}

func TestListStatusServerSide(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		path   string   // the list's path after the user
		status []string // status[] sent
		want   map[string]bool
	}{
		{"paused", []string{"--status", "paused"}, "/task", []string{"1"}, map[string]bool{"paused": true}},
		{"active", []string{"--status", "active"}, "/task", []string{"3"}, map[string]bool{"dialing": true, "waiting": true}},
		{"dialing and waiting", []string{"--status", "waiting,dialing"}, "/task", []string{"3"}, map[string]bool{"dialing": true, "waiting": true}},
		{"paused and active", []string{"--status", "paused,active"}, "/task", []string{"1", "3"}, map[string]bool{"paused": true, "dialing": true, "waiting": true}},
		{"dialing alone: client side", []string{"--status", "dialing"}, "/subset_task", nil, map[string]bool{"dialing": true}},
		{"abnormal: client side", []string{"--status", "paused,abnormal"}, "/subset_task", nil, map[string]bool{"paused": true, "abnormal": true}},
		{"sub-user: client side", []string{"--status", "paused", "--sub-user", agentapitest.SubAccounts(lifeUser)[0]}, "/subset_task", nil, map[string]bool{"paused": true}},
		{"no filter", nil, "/subset_task", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newFake(t, agentapitest.WithTasks(lifeUser, 60))
			objs := listObjects(t, fakeEnv(srv), append([]string{"--all", "--per-page", "25"}, c.args...)...)
			require.NotEmpty(t, objs)
			for _, o := range objs {
				if c.want != nil {
					assert.True(t, c.want[o["task_status"].(string)], "%v", o["task_status"])
				}
			}
			log := srv.RequestLog()
			require.NotEmpty(t, log)
			for _, req := range log {
				assert.Equal(t, "/agent-api/new/user/"+lifeUser+c.path, req.EscapedPath)
				assert.Equal(t, c.status, req.Query["status[]"], req.RawQuery)
			}
		})
	}
}

func TestListStatusServerSideMatchesClientSide(t *testing.T) {
	srv := newFake(t, agentapitest.WithTasks(lifeUser, 80))
	env := fakeEnv(srv)
	server := listObjects(t, env, "--all", "--status", "paused,active")
	client := listObjects(t, env, "--all", "--status", "paused,dialing,waiting,unknown")
	var fromClient []any
	for _, o := range client {
		if o["task_status"] != "unknown" {
			fromClient = append(fromClient, o["uuid"])
		}
	}
	var fromServer []any
	for _, o := range server {
		fromServer = append(fromServer, o["uuid"])
	}
	assert.ElementsMatch(t, fromClient, fromServer)
}
