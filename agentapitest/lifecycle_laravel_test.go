package agentapitest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

// The lifecycle routes pass the list's middleware: maintenance mode first,
// for every method, then the router's OPTIONS, then authentication (a
// browser gets the 500 page) and the api_token query parameter.
func TestLifecycleMiddleware(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3), agentapitest.WithToken("tok"))
	paths := []string{newBase + "u1/task", newBase + "u1/task/create", "/agent-api/user/u1/dial-time-group"}
	s.Down(7)
	for _, p := range paths {
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPatch} {
			r := do(t, s, m, p, "Authorization", "Bearer tok")
			assert.Equal(t, http.StatusServiceUnavailable, r.status, "%s %s", m, p)
			assert.Equal(t, "7", r.header.Get("Retry-After"))
		}
	}
	s.Up()
	tests := []struct {
		name, method, path string
		header             []string
		status             int
		allow              string
	}{
		{"OPTIONS before authentication", http.MethodOptions, paths[0], nil, http.StatusOK, "GET,HEAD,POST"},
		{"OPTIONS of a PUT route", http.MethodOptions, newBase + "u1/task_stop/x", nil, http.StatusOK, "PUT"},
		{"no token", http.MethodGet, paths[2], nil, http.StatusUnauthorized, ""},
		{"no token, a browser", http.MethodGet, paths[0], []string{"Accept", "text/html"}, http.StatusInternalServerError, ""},
		{"api_token in the query", http.MethodGet, paths[1] + "?api_token=tok", nil, http.StatusOK, ""},
		{"405 before 401", http.MethodDelete, paths[0], nil, http.StatusMethodNotAllowed, "GET, HEAD, POST"},
		{"an encoded slash is another path", http.MethodGet, newBase + "u%2F1/task", []string{"Authorization", "Bearer tok"}, http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, tt.method, tt.path, tt.header...)
			assert.Equal(t, tt.status, r.status, "body: %.200s", r.body)
			assert.Equal(t, tt.allow, r.header.Get("Allow"))
		})
	}
}

// One throttle budget per caller covers subset_task and every lifecycle
// route.
func TestLifecycleThrottle(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3), agentapitest.WithRateLimit(3, time.Hour))
	for i, p := range []string{listPath("u1", ""), newBase + "u1/task", "/agent-api/user/u1/dial-time-group"} {
		r := do(t, s, http.MethodGet, p)
		require.Equal(t, http.StatusOK, r.status, p)
		assert.Equal(t, "3", r.header.Get("X-RateLimit-Limit"))
		assert.Equal(t, string(rune('2'-i)), r.header.Get("X-RateLimit-Remaining"))
	}
	r := do(t, s, http.MethodPost, newBase+"u1/task")
	assert.Equal(t, http.StatusTooManyRequests, r.status, "before validation")
	assert.Equal(t, http.StatusTooManyRequests, do(t, s, http.MethodGet, listPath("u1", "")).status)
}

// /task pages, filters and validates its query exactly as subset_task:
// the same tasks in the same pages, PHP's per_page, LIKE names.
func TestTaskListPagesAsSubsetTask(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 23))
	sub := agentapitest.SubAccounts("u1")[1]
	for _, q := range []string{"", "per_page=5&page=2", "per_page=2.5&page=3", "per_page=%205%20", "page=x",
		"per_page=100", "name=%25_%E5%9B%9E", "sub_user_id=" + sub + "&per_page=2&page=2", "page=99"} {
		t.Run(q, func(t *testing.T) {
			want := list(t, s, "u1", q)
			r := do(t, s, http.MethodGet, newBase+"u1/task?"+q)
			require.Equal(t, http.StatusOK, r.status, "body: %.200s", r.body)
			got := decodeEnvelope(t, r.body)
			assert.Equal(t, want.Meta, got.Meta)
			assert.Equal(t, uuids(want), uuids(got))
		})
	}
	for _, q := range []string{"per_page=-1", "per_page=x", "per_page[]=1"} {
		assert.Equal(t, http.StatusInternalServerError, do(t, s, http.MethodGet, newBase+"u1/task?"+q).status, q)
	}
	a := decode(t, send(t, s, http.MethodGet, newBase+"u1/task?name[]=x", nil), http.StatusUnprocessableEntity)
	assert.Equal(t, map[string][]string{"name": {"The name must be a string."}}, a.Errors)
}

// The lifecycle finds seeded tasks by their own uuid, and a copy keeps the
// seed's owner, even one that is not among SubAccounts.
func TestLifecycleOnSeededTasks(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 5), agentapitest.WithTaskSeeds("u1",
		agentapitest.TaskSeed{Name: "seeded", Status: "paused", UserID: "other", UUID: "my-task"},
		agentapitest.TaskSeed{Status: "abnormal", NullExtra: true}))
	st, ok := s.Task("u1", "my-task")
	require.True(t, ok)
	assert.Equal(t, "other", st.UserID)
	assert.False(t, st.Enable)
	copied := object(t, decode(t, send(t, s, http.MethodGet, newBase+"u1/copy/task/my-task", nil), http.StatusOK).Data)
	assert.Equal(t, "other", copied["user_id"])
	assert.Equal(t, "seeded-副本", copied["name"])
	a := decode(t, send(t, s, http.MethodGet, newBase+"u1/task?sub_user_id=other", nil), http.StatusOK)
	assert.Equal(t, 2, a.Meta.Total, "the seed and its copy")
	ids := listed(t, s, newBase+"u1/task?status[]=1")
	assert.Contains(t, ids, "my-task")
	decode(t, send(t, s, http.MethodDelete, "/agent-api/user/u1/task/my-task", nil), http.StatusOK)
	_, ok = s.Task("u1", "my-task")
	assert.False(t, ok)
}

// decodeEnvelope decodes a page body.
func decodeEnvelope(t testing.TB, body []byte) envelope {
	t.Helper()
	var env envelope
	require.NoError(t, json.Unmarshal(body, &env), "%.200s", body)
	return env
}
