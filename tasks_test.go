package agentapi

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder answers every request with body and keeps the requests' URLs.
type recorder struct {
	mu   sync.Mutex
	urls []*url.URL
	body []byte
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec.mu.Lock()
	u := *r.URL
	rec.urls = append(rec.urls, &u)
	rec.mu.Unlock()
	_, _ = w.Write(rec.body)
}

func (rec *recorder) requests() []*url.URL {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]*url.URL(nil), rec.urls...)
}

func TestUserIDsRefusedUnlessSafe(t *testing.T) {
	rec := &recorder{body: []byte(`{"code":200,"data":[]}`)}
	srv := newTestServer(t, rec)
	c := newTestClient(t, srv.URL+"/prefix")
	good := []string{"42", "9f1c2a4e-0b7d-4c1e-9a51-3f1e2d3c4b5a", "user_7", strings.Repeat("a", 128)}
	bad := []string{"", ".", "..", "a/b", "../admin", "..%2F..%2Fadmin", "x?page=9", "frag#ment", "100%",
		"%2F", "with space", "子账号", "a;b=c", "a\nb", strings.Repeat("a", 129)}
	for _, id := range bad {
		p, err := c.ListSubsetTasks(context.Background(), id, nil)
		assert.ErrorIs(t, err, ErrInvalidArgument, id)
		assert.Nil(t, p, id)
	}
	require.Empty(t, rec.requests(), "a refused id sends nothing")
	for _, id := range good {
		_, err := c.ListSubsetTasks(context.Background(), id, nil)
		assert.NoError(t, err, id)
	}
	got := rec.requests()
	require.Len(t, got, len(good))
	for i, id := range good {
		assert.Equal(t, "/prefix/agent-api/new/user/"+id+"/subset_task", got[i].EscapedPath(), id)
	}
}

func TestCheckID(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"1", true}, {"A-z_0", true}, {strings.Repeat("9", 128), true},
		{"", false}, {strings.Repeat("9", 129), false}, {"a.b", false}, {"a/b", false},
		{"a%2Fb", false}, {"é", false}, {"a b", false}, {"a\x00", false},
	}
	for _, tt := range tests {
		err := checkID("task id", tt.id)
		if tt.ok {
			assert.NoError(t, err, tt.id)
			continue
		}
		assert.ErrorIs(t, err, ErrInvalidArgument, tt.id)
		if tt.id != "" {
			assert.Contains(t, err.Error(), "task id", tt.id)
		}
	}
}

func TestInvalidArgumentsSendNothing(t *testing.T) {
	rec := &recorder{}
	srv := newTestServer(t, rec)
	c := newTestClient(t, srv.URL)
	tests := []struct {
		name   string
		userID string
		opts   *ListSubsetTasksOptions
	}{
		{"empty user", "", nil},
		{"dot user", ".", nil},
		{"dot-dot user", "..", nil},
		{"slash user", "a/b", nil},
		{"negative page", "42", &ListSubsetTasksOptions{Page: -1}},
		{"negative per_page", "42", &ListSubsetTasksOptions{PerPage: -5}},
	}
	for _, tt := range tests {
		p, err := c.ListSubsetTasks(context.Background(), tt.userID, tt.opts)
		assert.ErrorIs(t, err, ErrInvalidArgument, tt.name)
		assert.Nil(t, p, tt.name)
	}
	assert.Empty(t, rec.requests())
}

func TestQueryFromOptions(t *testing.T) {
	rec := &recorder{body: []byte(`{"code":200,"data":[]}`)}
	srv := newTestServer(t, rec)
	c := newTestClient(t, srv.URL)
	optsList := []*ListSubsetTasksOptions{
		nil,
		{},
		{Page: 2, PerPage: 50, Name: "外呼 a&b=c", SubUserID: "7"},
		{Name: "only"},
	}
	want := []url.Values{
		{},
		{},
		{"page": {"2"}, "per_page": {"50"}, "name": {"外呼 a&b=c"}, "sub_user_id": {"7"}},
		{"name": {"only"}},
	}
	for _, opts := range optsList {
		_, _ = c.ListSubsetTasks(context.Background(), "42", opts)
	}
	got := rec.requests()
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i], got[i].Query(), "options %d", i)
	}
	assert.Empty(t, got[0].RawQuery, "zero values are left out")
}

// TestListSubsetTasksExample runs the seed example through the real decoder.
func TestListSubsetTasksExample(t *testing.T) {
	body, err := os.ReadFile("testdata/subset_task_example.json")
	require.NoError(t, err)
	srv := newTestServer(t, reply(200, string(body), "Content-Type", "application/json"))
	c := newTestClient(t, srv.URL, WithToken("t"))

	p, err := c.ListSubsetTasks(context.Background(), "42", &ListSubsetTasksOptions{PerPage: 1})
	require.NoError(t, err)
	require.NotEmpty(t, p.Items)
	assert.NotEmpty(t, p.Items[0].UUID)
	assert.Equal(t, PageMeta{HasPages: true, Total: 3, LastPage: 3, CurrentPage: 1, PerPage: 1}, p.Meta)
	assert.Equal(t, "返回所有子账号的任务列表信息成功", p.Message)
}

func TestListSubsetTasksLaravelUnauthenticated(t *testing.T) {
	srv := newTestServer(t, reply(401, `{"message":"Unauthenticated."}`, "Content-Type", "application/json"))
	c := newTestClient(t, srv.URL)
	_, err := c.ListSubsetTasks(context.Background(), "42", nil)
	assert.ErrorIs(t, err, ErrUnauthorized)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Unauthenticated.", apiErr.Message)
}

// TestListSubsetTasksErrorBodies runs bodies the real API and its gateways
// send through the real decoder.
func TestListSubsetTasksErrorBodies(t *testing.T) {
	seed, err := os.ReadFile("testdata/subset_task_example.json")
	require.NoError(t, err)
	tests := []struct {
		name     string
		status   int
		body     string
		sentinel error
		attempts int
	}{
		{"html 200", 200, "<!DOCTYPE html><html><body>登录</body></html>", ErrMalformedResponse, 1},
		{"truncated 200", 200, string(seed[:len(seed)/2]), ErrMalformedResponse, 1},
		{"list 200", 200, `[]`, ErrMalformedResponse, 1},
		{"no envelope 200", 200, `{"status":"success"}`, ErrMalformedResponse, 1},
		{"code 401 in 200", 200, `{"code":401,"message":"Unauthenticated.","data":[]}`, ErrUnauthorized, 1},
		{"code 429 in 200", 200, `{"code":429,"message":"Too Many Attempts."}`, ErrRateLimited, 1},
		{"code 500 in 200", 200, `{"code":500,"message":"服务器错误"}`, ErrServer, 1},
		{"nginx 502", 502, nginx502, ErrServer, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScript(reply(tt.status, tt.body))
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL)
			p, err := c.ListSubsetTasks(context.Background(), "42", nil)
			assert.Nil(t, p)
			assert.ErrorIs(t, err, tt.sentinel)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.HTTPStatus)
			assert.Equal(t, tt.attempts, s.attempts())
			if tt.sentinel == ErrMalformedResponse {
				assert.Contains(t, apiErr.Message, "malformed response")
				assert.Zero(t, apiErr.Code)
			} else {
				assert.NotErrorIs(t, err, ErrMalformedResponse)
			}
		})
	}
}

func TestWithTimeZoneAppliesToDecoding(t *testing.T) {
	seed, err := os.ReadFile("testdata/subset_task_example.json")
	require.NoError(t, err)
	srv := newTestServer(t, reply(200, string(seed)))
	var offsets []int
	for _, opts := range [][]Option{nil, {WithTimeZone(time.UTC)}} {
		c := newTestClient(t, srv.URL, opts...)
		p, err := c.ListSubsetTasks(context.Background(), "42", nil)
		require.NoError(t, err)
		require.NotEmpty(t, p.Items)
		require.False(t, p.Items[0].CreateDatetime.IsZero())
		_, off := p.Items[0].CreateDatetime.Zone()
		offsets = append(offsets, off)
	}
	assert.Equal(t, []int{8 * 3600, 0}, offsets, "default UTC+8, then the zone of WithTimeZone")
}

func TestWalkRefusesNegativePage(t *testing.T) {
	c := newTestClient(t, "http://127.0.0.1:1")
	ctx := context.Background()
	_, err := c.SubsetTasks("u1", &ListSubsetTasksOptions{Page: -1}).Next(ctx)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = c.Tasks("u1", &ListTasksOptions{Page: -2}).Next(ctx)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	for _, err := range c.Tasks("u1", &ListTasksOptions{PerPage: -1}).All(ctx) {
		assert.ErrorIs(t, err, ErrInvalidArgument)
	}
}
