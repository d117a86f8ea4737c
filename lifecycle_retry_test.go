package agentapi

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The retry rule of each lifecycle operation, counted on the server: reads
// and idempotent writes retry as reads do; a create or a copy only when it
// surely never reached the application.

// lifecycleOp is one endpoint call and whether it must never run twice.
type lifecycleOp struct {
	name   string
	create bool
	call   func(ctx context.Context, c *Client) error
}

func lifecycleOps() []lifecycleOp {
	return []lifecycleOp{
		{"ListTasks", false, func(ctx context.Context, c *Client) error { _, err := c.ListTasks(ctx, "u", nil); return err }},
		{"GetTask", false, func(ctx context.Context, c *Client) error { _, err := c.GetTask(ctx, "u", "t", nil); return err }},
		{"GetTaskSetup", false, func(ctx context.Context, c *Client) error { _, err := c.GetTaskSetup(ctx, "u", nil); return err }},
		{"UpdateTask", false, func(ctx context.Context, c *Client) error {
			_, err := c.UpdateTask(ctx, "u", "t", sampleInput())
			return err
		}},
		{"PauseTask", false, func(ctx context.Context, c *Client) error { return c.PauseTask(ctx, "u", "t", nil) }},
		{"DeleteTask", false, func(ctx context.Context, c *Client) error { return c.DeleteTask(ctx, "u", "t", nil) }},
		{"ListDialTimeGroups", false, func(ctx context.Context, c *Client) error {
			_, err := c.ListDialTimeGroups(ctx, "u", nil)
			return err
		}},
		{"UpdateDialTimeGroup", false, func(ctx context.Context, c *Client) error {
			_, err := c.UpdateDialTimeGroup(ctx, "u", 4, sampleGroup())
			return err
		}},
		{"CreateTask", true, func(ctx context.Context, c *Client) error {
			_, err := c.CreateTask(ctx, "u", sampleInput())
			return err
		}},
		{"CopyTask", true, func(ctx context.Context, c *Client) error { _, err := c.CopyTask(ctx, "u", "t", nil); return err }},
		{"CreateDialTimeGroup", true, func(ctx context.Context, c *Client) error {
			_, err := c.CreateDialTimeGroup(ctx, "u", sampleGroup())
			return err
		}},
	}
}

// cutShort answers 200 with a Content-Length it never fulfils, then closes
// the connection: a reset mid-response.
func cutShort(w http.ResponseWriter, _ *http.Request) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"code\":200,\"da")
	_ = buf.Flush()
	_ = conn.Close()
}

// stall answers nothing until the client gives up on the attempt. It reads
// the body first: until then the server does not notice the client leave.
func stall(_ http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
}

func TestLifecycleRetryRules(t *testing.T) {
	ok := reply(http.StatusOK, emptyOK)
	faults := []struct {
		name       string
		first      http.HandlerFunc
		createSafe bool  // a create may be retried after it
		sentinel   error // what a create's error matches when not retried; nil: no check
	}{
		{"500", reply(500, `{"message":"Server Error"}`), false, ErrServer},
		{"502", reply(502, `<html>502 Bad Gateway</html>`), false, ErrServer},
		{"504", reply(504, `<html>504 Gateway Time-out</html>`), false, ErrServer},
		{"503", reply(503, `{"message":"Service Unavailable"}`, "Retry-After", "0"), true, nil},
		{"429", reply(429, `{"message":"Too Many Attempts."}`, "Retry-After", "0"), true, nil},
		{"reset before a response", hangUp, false, nil},
		{"reset mid-response", cutShort, false, nil},
		{"attempt timeout", stall, false, nil},
	}
	for _, op := range lifecycleOps() {
		for _, f := range faults {
			t.Run(op.name+"/"+f.name, func(t *testing.T) {
				s := newScript(f.first, ok)
				srv := newTestServer(t, s)
				c := newTestClient(t, srv.URL, WithMaxRetries(3), WithAttemptTimeout(300*time.Millisecond))
				err := op.call(context.Background(), c)
				if !op.create || f.createSafe {
					require.NoError(t, err)
					assert.Equal(t, 2, s.attempts(), "retried once")
					return
				}
				require.Error(t, err)
				assert.Equal(t, 1, s.attempts(), "a create is never sent twice")
				assert.NotErrorIs(t, err, ErrMalformedResponse, "a body cut short is a transport error")
				if f.sentinel != nil {
					assert.ErrorIs(t, err, f.sentinel)
				}
			})
		}
	}
}

// TestLifecycleRetriedAfterRefusedConnection: a connection never made is
// retried for every operation, creates included, and reaches the server
// once.
func TestLifecycleRetriedAfterRefusedConnection(t *testing.T) {
	for _, op := range lifecycleOps() {
		t.Run(op.name, func(t *testing.T) {
			s := newScript(reply(http.StatusOK, emptyOK))
			srv := newTestServer(t, s)
			tr := pooledTransport()
			t.Cleanup(tr.CloseIdleConnections)
			var dials atomic.Int32
			dial := tr.DialContext
			tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
				if dials.Add(1) == 1 {
					return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connection refused")}
				}
				return dial(ctx, network, addr)
			}
			c := newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: tr}))
			require.NoError(t, op.call(context.Background(), c))
			assert.Equal(t, int32(2), dials.Load())
			assert.Equal(t, 1, s.attempts())
		})
	}
}

func TestLifecycleErrorsMapped(t *testing.T) {
	const invalid = `{"message":"The given data was invalid.","errors":{"name":["任务名称 不能为空。"],"task_extras.line":["线路 必须是数组。"]}}`
	tests := []struct {
		name     string
		status   int
		body     string
		sentinel error
		code     int
	}{
		{"422", 422, invalid, ErrValidation, 0},
		{"6007 as HTTP 200", 200, `{"code":6007,"status":"error","message":"2.0任务启动中,请先停止任务","data":[]}`, ErrTaskRunning, 6007},
		{"6007 as HTTP 400", 400, `{"code":6007,"message":"2.0任务启动中,请先停止任务"}`, ErrTaskRunning, 6007},
		{"404", 404, `{"message":"No query results for model [App\\Models\\Task]."}`, ErrNotFound, 0},
		{"404 envelope", 200, `{"code":404,"message":"任务不存在"}`, ErrNotFound, 404},
	}
	for _, op := range lifecycleOps() {
		for _, tt := range tests {
			t.Run(op.name+"/"+tt.name, func(t *testing.T) {
				s := newScript(reply(tt.status, tt.body, "Content-Type", "application/json"))
				srv := newTestServer(t, s)
				c := newTestClient(t, srv.URL, WithMaxRetries(3))
				err := op.call(context.Background(), c)
				require.ErrorIs(t, err, tt.sentinel)
				assert.Equal(t, 1, s.attempts(), "not retried")
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tt.status, apiErr.HTTPStatus)
				assert.Equal(t, tt.code, apiErr.Code)
				if tt.status == 422 {
					assert.Equal(t, map[string][]string{"name": {"任务名称 不能为空。"}, "task_extras.line": {"线路 必须是数组。"}}, apiErr.Errors)
					assert.Equal(t, "The given data was invalid.", apiErr.Message)
				}
			})
		}
	}
}

// TestCreateNotReplayedOnReusedConnection: a create whose keep-alive
// connection closes before any answer is not sent again, by the SDK or by
// net/http, which replays a bodiless GET on a reused connection by itself.
func TestCreateNotReplayedOnReusedConnection(t *testing.T) {
	for _, op := range lifecycleOps() {
		if !op.create {
			continue
		}
		t.Run(op.name, func(t *testing.T) {
			var writes atomic.Int32
			srv := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet && r.URL.Path == "/agent-api/new/user/u/task" {
					_, _ = io.WriteString(w, emptyOK) // the warm-up: leaves a kept-alive connection
					return
				}
				writes.Add(1)
				hangUp(w, r)
			}))
			c := newTestClient(t, srv.URL, WithMaxRetries(3))
			_, err := c.ListTasks(context.Background(), "u", nil)
			require.NoError(t, err)
			require.Error(t, op.call(context.Background(), c))
			assert.Equal(t, int32(1), writes.Load(), "the server saw the create once")
		})
	}
}
