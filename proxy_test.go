package agentapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodingProxy imitates nginx's proxy_pass with a URI part: it decodes the
// request's path (%2F becomes /), normalises it (.. climbs), and forwards
// what is left to an upstream that records the paths it receives.
type decodingProxy struct {
	mu    sync.Mutex
	paths []string
}

func (p *decodingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	decoded, err := url.PathUnescape(r.URL.EscapedPath())
	if err != nil {
		decoded = r.URL.Path
	}
	p.mu.Lock()
	p.paths = append(p.paths, path.Clean(decoded))
	p.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"code":200,"message":"ok","meta":{"total":0,"last_page":1,"current_page":1,"per_page":15},"data":[]}`))
}

func (p *decodingProxy) received() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.paths...)
}

// idCalls are every call that puts identifiers into a path, each with the
// path the upstream must see for user u and task k.
func idCalls() map[string]struct {
	call func(c *Client, u, k string) error
	want func(u, k string) string
} {
	ctx := context.Background()
	type entry = struct {
		call func(c *Client, u, k string) error
		want func(u, k string) string
	}
	return map[string]entry{
		"ListSubsetTasks": {func(c *Client, u, _ string) error { _, err := c.ListSubsetTasks(ctx, u, nil); return err },
			func(u, _ string) string { return "/agent-api/new/user/" + u + "/subset_task" }},
		"ListTasks": {func(c *Client, u, _ string) error { _, err := c.ListTasks(ctx, u, nil); return err },
			func(u, _ string) string { return "/agent-api/new/user/" + u + "/task" }},
		"GetTaskSetup": {func(c *Client, u, _ string) error { _, err := c.GetTaskSetup(ctx, u, nil); return err },
			func(u, _ string) string { return "/agent-api/new/user/" + u + "/task/create" }},
		"CreateTask": {func(c *Client, u, _ string) error { _, err := c.CreateTask(ctx, u, sampleInput()); return err },
			func(u, _ string) string { return "/agent-api/new/user/" + u + "/task" }},
		"GetTask": {func(c *Client, u, k string) error { _, err := c.GetTask(ctx, u, k, nil); return err },
			func(u, k string) string { return "/agent-api/new/user/" + u + "/task/" + k + "/edit" }},
		"UpdateTask": {func(c *Client, u, k string) error { _, err := c.UpdateTask(ctx, u, k, sampleInput()); return err },
			func(u, k string) string { return "/agent-api/new/user/" + u + "/task/" + k }},
		"PauseTask": {func(c *Client, u, k string) error { return c.PauseTask(ctx, u, k, nil) },
			func(u, k string) string { return "/agent-api/new/user/" + u + "/task_stop/" + k }},
		"CopyTask": {func(c *Client, u, k string) error { _, err := c.CopyTask(ctx, u, k, nil); return err },
			func(u, k string) string { return "/agent-api/new/user/" + u + "/copy/task/" + k }},
		"DeleteTask": {func(c *Client, u, k string) error { return c.DeleteTask(ctx, u, k, nil) },
			func(u, k string) string { return "/agent-api/user/" + u + "/task/" + k }},
		"ListDialTimeGroups": {func(c *Client, u, _ string) error { _, err := c.ListDialTimeGroups(ctx, u, nil); return err },
			func(u, _ string) string { return "/agent-api/user/" + u + "/dial-time-group" }},
		"CreateDialTimeGroup": {func(c *Client, u, _ string) error { _, err := c.CreateDialTimeGroup(ctx, u, sampleGroup()); return err },
			func(u, _ string) string { return "/agent-api/user/" + u + "/dial-time-group" }},
		"UpdateDialTimeGroup": {func(c *Client, u, _ string) error {
			_, err := c.UpdateDialTimeGroup(ctx, u, 7, sampleGroup())
			return err
		},
			func(u, _ string) string { return "/agent-api/user/" + u + "/dial-time-group/7" }},
	}
}

// TestIDsStayInTheirSegmentBehindADecodingProxy sends hostile and valid ids
// through every call to a proxy that decodes and normalises paths: a
// hostile id is refused before any request, and a valid one reaches the
// upstream as exactly the path the call names.
func TestIDsStayInTheirSegmentBehindADecodingProxy(t *testing.T) {
	hostile := []string{
		"", ".", "..", "../../admin", "..%2F..%2Fadmin", "%2e%2e", "a/b", "a%2Fb", "a?b=1", "a#b",
		"a b", "a\\b", "a;b", "é", "a\x00b", "a\nb", strings.Repeat("a", 129),
	}
	// The proxy is the threat: escaping alone lets an id climb out of its
	// segment behind it.
	control := &decodingProxy{}
	csrv := httptest.NewServer(control)
	t.Cleanup(csrv.Close)
	resp, err := csrv.Client().Get(csrv.URL + "/agent-api/new/user/" + url.PathEscape("../../admin") + "/subset_task")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, []string{"/agent-api/admin/subset_task"}, control.received())

	valid := []string{"5832d184-dd53-42a0-8ace-0bf8d660f4cc", "42", "A_b-9", strings.Repeat("z", 128)}
	for name, tc := range idCalls() {
		t.Run(name, func(t *testing.T) {
			proxy := &decodingProxy{}
			srv := httptest.NewServer(proxy)
			t.Cleanup(srv.Close)
			c := newTestClient(t, srv.URL, WithMaxRetries(0))
			takesTask := tc.want("u", "k") != tc.want("u", "other")
			for _, bad := range hostile {
				assert.ErrorIs(t, tc.call(c, bad, "t1"), ErrInvalidArgument, "user id %q", bad)
				if takesTask {
					assert.ErrorIs(t, tc.call(c, "u1", bad), ErrInvalidArgument, "task id %q", bad)
				}
			}
			assert.Empty(t, proxy.received(), "a hostile id sends nothing")
			for _, u := range valid {
				for _, k := range valid {
					require.NoError(t, tc.call(c, u, k))
					got := proxy.received()
					assert.Equal(t, tc.want(u, k), got[len(got)-1], "user %q, task %q", u, k)
				}
			}
		})
	}
}
