package agentapitest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

// send sends method path with body (JSON-encoded unless a string or nil)
// as the SDK does, and returns the reply.
func send(t testing.TB, s *agentapitest.Server, method, path string, body any) reply {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		raw, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return reply{status: resp.StatusCode, header: resp.Header, body: raw}
}

// answer is an envelope with data kept raw.
type answer struct {
	Code    int             `json:"code"`
	Status  string          `json:"status"`
	Message string          `json:"message"`
	Meta    *envelopeMeta   `json:"meta"`
	Data    json.RawMessage `json:"data"`
	Errors  map[string][]string
}

// envelopeMeta is a page's meta.
type envelopeMeta struct {
	Total    int             `json:"total"`
	LastPage int             `json:"last_page"`
	PerPage  json.RawMessage `json:"per_page"`
}

// decode decodes r's body, requiring status.
func decode(t testing.TB, r reply, status int) answer {
	t.Helper()
	require.Equal(t, status, r.status, "body: %.400s", r.body)
	require.Equal(t, "application/json", r.header.Get("Content-Type"))
	var a answer
	require.NoError(t, json.Unmarshal(r.body, &a), "%.400s", r.body)
	return a
}

// object decodes raw JSON into a map.
func object(t testing.TB, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), "%.400s", raw)
	return m
}

// taskBody is a valid create body, in TaskInput's shape.
func taskBody(name string, lines ...string) map[string]any {
	if lines == nil {
		lines = []string{}
	}
	return map[string]any{
		"name": name, "destination_extension": 297, "dial_time_id": agentapitest.DefaultDialTimeGroupID,
		"maximumcall": 2, "remark": "第一个任务",
		"task_extras": map[string]any{
			"start_time": "2024-11-01 13:25:26", "stop_time": "2025-11-01 13:25:26",
			"line": lines, "holiday": []any{map[string]string{"start": "2024-11-01 13:25", "end": "2024-11-03 13:25"}},
		},
	}
}

const newBase = "/agent-api/new/user/"

// listed returns the uuids of a list page at path.
func listed(t testing.TB, s *agentapitest.Server, path string) []string {
	t.Helper()
	a := decode(t, send(t, s, http.MethodGet, path, nil), http.StatusOK)
	var tasks []map[string]any
	require.NoError(t, json.Unmarshal(a.Data, &tasks))
	out := make([]string, len(tasks))
	for i, tk := range tasks {
		out[i], _ = tk["uuid"].(string)
	}
	return out
}

// A whole campaign: setup, create, list, edit, update, start, refused
// update, pause, copy, delete.
func TestCampaign(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 5))
	setup := decode(t, send(t, s, http.MethodGet, newBase+"u1/task/create", nil), http.StatusOK)
	assert.Equal(t, "返回任务初始化信息成功", setup.Message)
	var init struct {
		Groups []map[string]any `json:"task_dial_times"`
		Lines  []map[string]any `json:"caller_line_list"`
	}
	require.NoError(t, json.Unmarshal(setup.Data, &init))
	require.Len(t, init.Groups, 1)
	assert.EqualValues(t, agentapitest.DefaultDialTimeGroupID, init.Groups[0]["id"])
	require.Len(t, init.Lines, 2)
	line := init.Lines[0]["line_id"].(string)
	assert.Equal(t, agentapitest.CallerLines("u1")[0], line)
	assert.Equal(t, "u1", init.Lines[0]["belong_user"])

	created := decode(t, send(t, s, http.MethodPost, newBase+"u1/task", taskBody("春季回访", line)), http.StatusOK)
	assert.Equal(t, 200, created.Code)
	task := object(t, created.Data)
	id := task["uuid"].(string)
	assert.Len(t, id, 36)
	assert.Equal(t, "春季回访", task["name"])
	assert.Equal(t, "297", task["destination_extension"], "a string, as the vendor lists it")
	assert.Equal(t, false, task["enable"])
	assert.Equal(t, "u1", task["user_id"])
	remote := task["new_task_extra"].(map[string]any)
	assert.Equal(t, []any{line}, remote["line"])
	assert.EqualValues(t, 2, remote["limit"])
	assert.Equal(t, false, remote["call_status"])
	extras := task["task_extras"].(map[string]any)
	assert.Equal(t, "2025-11-01 13:25:26", extras["stop_time"])
	assert.Len(t, extras["holiday"], 1)

	// In both lists, first (newest).
	for _, p := range []string{newBase + "u1/task", newBase + "u1/subset_task"} {
		ids := listed(t, s, p)
		require.Len(t, ids, 6, p)
		assert.Equal(t, id, ids[0], p)
	}
	assert.Equal(t, 6, s.TaskCount("u1"))

	edit := decode(t, send(t, s, http.MethodGet, newBase+"u1/task/"+id+"/edit", nil), http.StatusOK)
	settings := object(t, edit.Data)
	assert.NotContains(t, settings, "enable")
	assert.NotContains(t, settings, "uuid")
	for _, k := range []string{"caller_line_id", "caller_line_name", "destination_extension_name", "call_status", "elasticity_task"} {
		assert.Contains(t, settings, k)
	}
	assert.Equal(t, "第一个任务", settings["remark"])

	upd := taskBody("春季回访-改", line)
	upd["maximumcall"] = 7
	updated := decode(t, send(t, s, http.MethodPut, newBase+"u1/task/"+id, upd), http.StatusOK)
	assert.Equal(t, "春季回访-改", object(t, updated.Data)["name"])
	st, ok := s.Task("u1", id)
	require.True(t, ok)
	assert.Equal(t, 7, st.MaximumCall)

	require.True(t, s.SetTaskState("u1", id, true, true))
	assert.Contains(t, listed(t, s, newBase+"u1/task?status[]=3"), id)
	refused := decode(t, send(t, s, http.MethodPut, newBase+"u1/task/"+id, upd), http.StatusOK)
	assert.Equal(t, agentapitest.TaskRunningCode, refused.Code)
	assert.Equal(t, "error", refused.Status)
	assert.Equal(t, "2.0任务启动中,请先停止任务", refused.Message)

	paused := decode(t, send(t, s, http.MethodPut, newBase+"u1/task_stop/"+id, nil), http.StatusOK)
	assert.Equal(t, "[]", string(paused.Data))
	st, _ = s.Task("u1", id)
	assert.False(t, st.Enable)
	assert.False(t, st.CallStatus)
	assert.Contains(t, listed(t, s, newBase+"u1/task?status[]=1"), id)
	assert.NotContains(t, listed(t, s, newBase+"u1/task?status[]=3"), id)

	copied := object(t, decode(t, send(t, s, http.MethodGet, newBase+"u1/copy/task/"+id, nil), http.StatusOK).Data)
	copyID := copied["uuid"].(string)
	assert.NotEqual(t, id, copyID)
	assert.Equal(t, "春季回访-改-副本", copied["name"])
	assert.Equal(t, copyID, listed(t, s, newBase+"u1/task")[0])

	deleted := decode(t, send(t, s, http.MethodDelete, "/agent-api/user/u1/task/"+id, nil), http.StatusOK)
	assert.Equal(t, 200, deleted.Code)
	assert.NotContains(t, listed(t, s, newBase+"u1/task?per_page=100"), id)
	assert.NotContains(t, listed(t, s, newBase+"u1/subset_task?per_page=100"), id)
	_, ok = s.Task("u1", id)
	assert.False(t, ok)
	gone := send(t, s, http.MethodGet, newBase+"u1/task/"+id+"/edit", nil)
	assert.Equal(t, http.StatusNotFound, gone.status)
	assert.Equal(t, 6, s.TaskCount("u1"))
}

// The status filter on generated tasks: ten tasks hold 3 paused and 6 with
// enable true (dialing, waiting, abnormal), and 1 of neither.
func TestTaskListStatusFilter(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 10))
	tests := []struct {
		query string
		total int
	}{
		{"", 10},
		{"status=", 10},
		{"status=1", 3},
		{"status[]=1", 3},
		{"status[]=3", 6},
		{"status[]=1&status[]=3", 9},
		{"status[0]=3", 6},
		{"status[]=2", 0},
		{"status[]=1&name=回访", 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			a := decode(t, send(t, s, http.MethodGet, newBase+"u1/task?"+tt.query, nil), http.StatusOK)
			assert.Equal(t, "返回任务列表信息成功", a.Message)
			require.NotNil(t, a.Meta)
			assert.Equal(t, tt.total, a.Meta.Total)
			assert.Equal(t, `15`, string(a.Meta.PerPage), "the default is an integer, as subset_task's")
		})
	}
}

func TestLifecycleErrors(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3), agentapitest.WithToken("tok"))
	unknown := "00000000-0000-4000-8000-000000000000"
	tests := []struct {
		name, method, path string
		auth               bool
		status             int
		message            string
	}{
		{"no token", http.MethodGet, newBase + "u1/task", false, http.StatusUnauthorized, "Unauthenticated."},
		{"wrong method", http.MethodPatch, newBase + "u1/task", true, http.StatusMethodNotAllowed,
			"The PATCH method is not supported for this route. Supported methods: GET, HEAD, POST."},
		{"edit unknown", http.MethodGet, newBase + "u1/task/" + unknown + "/edit", true, http.StatusNotFound,
			`No query results for model [App\Models\Task] ` + unknown},
		{"pause unknown", http.MethodPut, newBase + "u1/task_stop/" + unknown, true, http.StatusNotFound,
			`No query results for model [App\Models\Task] ` + unknown},
		{"copy other user's", http.MethodGet, newBase + "u2/copy/task/" + unknown, true, http.StatusNotFound,
			`No query results for model [App\Models\Task] ` + unknown},
		{"delete unknown", http.MethodDelete, "/agent-api/user/u1/task/x", true, http.StatusNotFound,
			`No query results for model [App\Models\Task] x`},
		{"update group unknown", http.MethodPut, "/agent-api/user/u1/dial-time-group/5", true, http.StatusNotFound,
			`No query results for model [App\Models\DialTimeGroup] 5`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, s.URL+tt.path, bytes.NewReader([]byte(`{"name":"n"}`)))
			require.NoError(t, err)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Content-Type", "application/json")
			if tt.auth {
				req.Header.Set("Authorization", "Bearer tok")
			}
			resp, err := s.Client().Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			var body struct{ Message string }
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, tt.message, body.Message)
		})
	}
}

// A generated task can be paused, edited and deleted like a created one:
// the abnormal one (task 8: new_task_extra null) is deleted and recreated.
func TestGeneratedTaskLifecycle(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 9))
	ids := listed(t, s, newBase+"u1/subset_task")
	abnormal := ids[0] // task 8, the newest
	st, ok := s.Task("u1", abnormal)
	require.True(t, ok)
	require.True(t, st.Abnormal)
	edit := object(t, decode(t, send(t, s, http.MethodGet, newBase+"u1/task/"+abnormal+"/edit", nil), http.StatusOK).Data)
	v, has := edit["new_task_extra"]
	assert.True(t, has)
	assert.Nil(t, v, "task 8's remote task is null, as in the list")

	dialing := ids[8] // task 0
	refused := decode(t, send(t, s, http.MethodPut, newBase+"u1/task/"+dialing, taskBody("x")), http.StatusOK)
	assert.Equal(t, agentapitest.TaskRunningCode, refused.Code)
	decode(t, send(t, s, http.MethodPut, newBase+"u1/task_stop/"+dialing, nil), http.StatusOK)
	after := listed(t, s, newBase+"u1/task?status[]=1")
	assert.Contains(t, after, dialing)
	assert.Equal(t, ids, listed(t, s, newBase+"u1/subset_task"), "a pause keeps the order")

	decode(t, send(t, s, http.MethodDelete, "/agent-api/user/u1/task/"+abnormal, nil), http.StatusOK)
	decode(t, send(t, s, http.MethodPost, newBase+"u1/task", taskBody("重建")), http.StatusOK)
	now := listed(t, s, newBase+"u1/subset_task")
	require.Len(t, now, 9)
	assert.NotContains(t, now, abnormal)
	assert.Equal(t, ids[1:], now[1:])
}
