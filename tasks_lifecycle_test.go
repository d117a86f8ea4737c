package agentapi

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Wire-format and decoding tests of the 2.0 task lifecycle: every endpoint
// against a loopback server that keeps what it was sent.

// seenRequest is one request as a wireRecorder received it.
type seenRequest struct {
	method, path, rawQuery string
	query                  url.Values
	header                 http.Header
	body                   []byte
}

// wireRecorder answers every request with status and body and keeps them.
type wireRecorder struct {
	mu     sync.Mutex
	seen   []seenRequest
	status int
	body   string
}

func (rec *wireRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.seen = append(rec.seen, seenRequest{method: r.Method, path: r.URL.EscapedPath(), rawQuery: r.URL.RawQuery,
		query: r.URL.Query(), header: r.Header.Clone(), body: b})
	status, body := rec.status, rec.body
	rec.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func (rec *wireRecorder) requests() []seenRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seenRequest(nil), rec.seen...)
}

// newWireClient returns a recorder answering body with HTTP 200 and a client
// of it that sends the token "tok".
func newWireClient(t *testing.T, body string) (*wireRecorder, *Client) {
	t.Helper()
	rec := &wireRecorder{status: http.StatusOK, body: body}
	srv := newTestServer(t, rec)
	return rec, newTestClient(t, srv.URL, WithToken("tok"), WithMaxRetries(2))
}

// emptyOK is a success envelope with the empty data the vendor sends.
const emptyOK = `{"code":200,"status":"success","message":"ok","meta":{"total":0,"last_page":1,"current_page":1,"per_page":15},"data":[]}`

// sampleInput is the smallest TaskInput the SDK accepts.
func sampleInput() *TaskInput {
	return &TaskInput{Name: "春季回访", DestinationExtension: 297, DialTimeID: 5, MaximumCall: 2,
		Extras: TaskInputExtras{StartTime: at(2025, 3, 1, 9, 0, 0), StopTime: at(2025, 6, 30, 18, 0, 0)}}
}

// sampleBody is sampleInput's JSON: line and holiday present as [].
const sampleBody = `{"name":"春季回访","destination_extension":297,"dial_time_id":5,"maximumcall":2,
	"task_extras":{"start_time":"2025-03-01 09:00:00","stop_time":"2025-06-30 18:00:00","line":[],"holiday":[]}}`

// wireCase is one call and the one request it must send.
type wireCase struct {
	name   string
	call   func(ctx context.Context, c *Client) error
	method string
	path   string
	query  url.Values // nil: no query at all
	body   string     // "": no body and no Content-Type
}

// assertWire runs each case against a fresh recorder and checks the request.
func assertWire(t *testing.T, tests []wireCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, c := newWireClient(t, emptyOK)
			require.NoError(t, tt.call(context.Background(), c))
			got := rec.requests()
			require.Len(t, got, 1)
			r := got[0]
			assert.Equal(t, tt.method, r.method)
			assert.Equal(t, tt.path, r.path)
			if tt.query == nil {
				assert.Empty(t, r.rawQuery)
			} else {
				assert.Equal(t, tt.query, r.query)
			}
			assert.Equal(t, "application/json", r.header.Get("Accept"))
			assert.Equal(t, "Bearer tok", r.header.Get("Authorization"))
			if tt.body == "" {
				assert.Empty(t, r.body)
				assert.Empty(t, r.header.Get("Content-Type"))
				return
			}
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			assert.JSONEq(t, tt.body, string(r.body))
		})
	}
}

func TestTaskLifecycleWire(t *testing.T) {
	const u, task = "/agent-api/new/user/u-1", "9f1c2a4e-0b7d-4c1e-9a51-3f1e2d3c4b5a"
	sub := &TaskOptions{SubUserID: "s_2"}
	subQ := url.Values{"sub_user_id": {"s_2"}}
	assertWire(t, []wireCase{
		{"ListTasks filtered", func(ctx context.Context, c *Client) error {
			_, err := c.ListTasks(ctx, "u-1", &ListTasksOptions{Page: 2, PerPage: 10, Name: "春季",
				Status: []TaskFilter{FilterPaused, FilterActive}})
			return err
		}, "GET", u + "/task", url.Values{"page": {"2"}, "per_page": {"10"}, "name": {"春季"}, "status[]": {"1", "3"}}, ""},
		{"ListTasks nil options", func(ctx context.Context, c *Client) error {
			_, err := c.ListTasks(ctx, "u-1", nil)
			return err
		}, "GET", u + "/task", nil, ""},
		{"ListTasks one status", func(ctx context.Context, c *Client) error {
			_, err := c.ListTasks(ctx, "u-1", &ListTasksOptions{Status: []TaskFilter{FilterActive}})
			return err
		}, "GET", u + "/task", url.Values{"status[]": {"3"}}, ""},
		{"GetTask", func(ctx context.Context, c *Client) error {
			_, err := c.GetTask(ctx, "u-1", task, sub)
			return err
		}, "GET", u + "/task/" + task + "/edit", subQ, ""},
		{"GetTask nil options", func(ctx context.Context, c *Client) error {
			_, err := c.GetTask(ctx, "u-1", task, nil)
			return err
		}, "GET", u + "/task/" + task + "/edit", nil, ""},
		{"GetTaskSetup", func(ctx context.Context, c *Client) error {
			_, err := c.GetTaskSetup(ctx, "u-1", sub)
			return err
		}, "GET", u + "/task/create", subQ, ""},
		{"CreateTask", func(ctx context.Context, c *Client) error {
			_, err := c.CreateTask(ctx, "u-1", sampleInput())
			return err
		}, "POST", u + "/task", nil, sampleBody},
		{"UpdateTask", func(ctx context.Context, c *Client) error {
			_, err := c.UpdateTask(ctx, "u-1", task, sampleInput())
			return err
		}, "PUT", u + "/task/" + task, nil, sampleBody},
		{"PauseTask", func(ctx context.Context, c *Client) error {
			return c.PauseTask(ctx, "u-1", task, sub)
		}, "PUT", u + "/task_stop/" + task, subQ, ""},
		{"CopyTask", func(ctx context.Context, c *Client) error {
			_, err := c.CopyTask(ctx, "u-1", task, sub)
			return err
		}, "GET", u + "/copy/task/" + task, subQ, ""},
		{"DeleteTask", func(ctx context.Context, c *Client) error {
			return c.DeleteTask(ctx, "u-1", task, sub)
		}, "DELETE", "/agent-api/user/u-1/task/" + task, subQ, ""},
	})
}

func TestListTasksStatusOrderKept(t *testing.T) {
	rec, c := newWireClient(t, emptyOK)
	_, err := c.ListTasks(context.Background(), "u", &ListTasksOptions{Status: []TaskFilter{FilterActive, FilterPaused}})
	require.NoError(t, err)
	assert.Equal(t, "status%5B%5D=3&status%5B%5D=1", rec.requests()[0].rawQuery, "PHP reads status[] as a list")
}

func TestListTasksDecodesVendorList(t *testing.T) {
	_, c := newWireClient(t, string(readFixture(t, "new_task_list.json")))
	p, err := c.ListTasks(context.Background(), "u", nil)
	require.NoError(t, err)
	assert.Equal(t, PageMeta{HasPages: true, Total: 31, LastPage: 16, CurrentPage: 1, PerPage: 2}, p.Meta, "per_page as a string")
	assert.Equal(t, "返回任务列表信息成功", p.Message)
	require.Len(t, p.Items, 2)
	a, b := p.Items[0], p.Items[1]
	assert.Equal(t, "102", a.DestinationExtension, "a string")
	assert.Equal(t, "297", b.DestinationExtension, "a number")
	require.NotNil(t, a.NewTaskExtra)
	require.NotNil(t, b.NewTaskExtra)
	assert.Equal(t, "297", b.NewTaskExtra.DestinationExtension)
	assert.Equal(t, -1, a.NewTaskExtra.WorkHour[0].Wday, "wday as a string")
	assert.Equal(t, 2, b.NewTaskExtra.WorkHour[0].Wday, "wday as a number")
	assert.Equal(t, StatusPaused, a.Status())
	assert.Equal(t, StatusDialing, b.Status())
	assert.Equal(t, []Holiday{{Start: "2024-11-01 13:25", End: "2024-11-03 13:25"}}, b.NewTaskExtra.Holiday)
	assert.Equal(t, at(2024, 12, 4, 11, 17, 34), a.CreateDatetime)
}

func TestGetTaskTakesRemoteEnable(t *testing.T) {
	_, c := newWireClient(t, string(readFixture(t, "task_edit.json")))
	task, err := c.GetTask(context.Background(), "u", "t", nil)
	require.NoError(t, err)
	assert.True(t, task.Enable, "no top-level enable: new_task_extra.enable")
	assert.Equal(t, DeriveStatus(task.Enable, task.NewTaskExtra), task.Status())
	assert.Equal(t, StatusDialing, task.Status(), "the vendor's table, not status_str 等待执行")
	assert.Equal(t, "480", task.DestinationExtension)
	assert.Equal(t, "测试222", task.DestinationExtensionName)
	assert.True(t, task.CallStatus)
	assert.Equal(t, 223, task.DialTimeID)
	assert.Equal(t, 1, task.TaskExtras.WorkHour[0].Wday, "wday a number in task_extras")
	assert.Equal(t, -1, task.NewTaskExtra.WorkHour[0].Wday, "and a string in new_task_extra")
}

func TestGetTaskSetupDecodes(t *testing.T) {
	_, c := newWireClient(t, string(readFixture(t, "task_create_init.json")))
	s, err := c.GetTaskSetup(context.Background(), "u", nil)
	require.NoError(t, err)
	require.Len(t, s.DialTimeGroups, 1)
	assert.Equal(t, "系统呼叫时间", s.DialTimeGroups[0].Name)
	require.Len(t, s.CallerLines, 1)
	assert.Equal(t, "29c39ec4-b292-4af9-a88b-922d61866aag", s.CallerLines[0].LineID)
	assert.NotEmpty(t, s.Raw)

	for _, body := range []string{`{"code":200,"data":[]}`, `{"code":200,"data":null}`, `{"code":200,"message":"ok"}`} {
		_, c := newWireClient(t, body)
		s, err := c.GetTaskSetup(context.Background(), "u", nil)
		require.NoError(t, err, body)
		require.NotNil(t, s, body)
		assert.Empty(t, s.DialTimeGroups, body)
	}
}

// TestTaskWritesDecodeWhatDataHolds: a write returns data as a task, and
// empty data ([], null, {}, absent) as an empty task, never nil.
func TestTaskWritesDecodeWhatDataHolds(t *testing.T) {
	calls := map[string]func(c *Client) (*Task, error){
		"CreateTask": func(c *Client) (*Task, error) { return c.CreateTask(context.Background(), "u", sampleInput()) },
		"UpdateTask": func(c *Client) (*Task, error) { return c.UpdateTask(context.Background(), "u", "t", sampleInput()) },
		"CopyTask":   func(c *Client) (*Task, error) { return c.CopyTask(context.Background(), "u", "t", nil) },
		"GetTask":    func(c *Client) (*Task, error) { return c.GetTask(context.Background(), "u", "t", nil) },
	}
	for name, call := range calls {
		for _, body := range []string{
			`{"code":200,"status":"success","message":"ok","data":[]}`,
			`{"code":200,"status":"success","message":"ok","data":null}`,
			`{"code":200,"status":"success","message":"ok","data":{}}`,
			`{"code":200,"status":"success","message":"ok"}`,
		} {
			_, c := newWireClient(t, body)
			task, err := call(c)
			require.NoError(t, err, name+" "+body)
			require.NotNil(t, task, name+" "+body)
			assert.Equal(t, Task{}, *task, name+" "+body)
		}
		_, c := newWireClient(t, `{"code":200,"status":"success","message":"任务复制成功",
			"data":{"uuid":"c0ffee00-0000-4000-8000-000000000001","name":"春季回访-副本","destination_extension":297,"enable":"0","maximumcall":"2"}}`)
		task, err := call(c)
		require.NoError(t, err, name)
		assert.Equal(t, "c0ffee00-0000-4000-8000-000000000001", task.UUID, name)
		assert.Equal(t, "春季回访-副本", task.Name, name)
		assert.Equal(t, "297", task.DestinationExtension, name)
		assert.Equal(t, 2, task.MaximumCall, name)
		assert.False(t, task.Enable, name)
		assert.JSONEq(t, `{"uuid":"c0ffee00-0000-4000-8000-000000000001","name":"春季回访-副本","destination_extension":297,"enable":"0","maximumcall":"2"}`,
			string(task.Raw), name)
	}
}

func TestPauseAndDeleteCheckTheEnvelope(t *testing.T) {
	calls := map[string]func(c *Client) error{
		"PauseTask":  func(c *Client) error { return c.PauseTask(context.Background(), "u", "t", nil) },
		"DeleteTask": func(c *Client) error { return c.DeleteTask(context.Background(), "u", "t", nil) },
	}
	for name, call := range calls {
		for _, body := range []string{
			`{"code":200,"status":"success","message":"任务暂停成功","data":[]}`,
			`{"code":200,"status":"success","message":"任务删除成功"}`,
			`{"code":200,"message":"ok","data":{"uuid":"t"}}`,
		} {
			_, c := newWireClient(t, body)
			assert.NoError(t, call(c), name+" "+body)
		}
		_, c := newWireClient(t, `{"code":6007,"status":"error","message":"2.0任务启动中,请先停止任务","data":[]}`)
		err := call(c)
		assert.ErrorIs(t, err, ErrTaskRunning, name)
		_, c = newWireClient(t, `<html>oops</html>`)
		assert.ErrorIs(t, call(c), ErrMalformedResponse, name)
	}
}
