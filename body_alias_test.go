package agentapi

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The body of a response is read into a buffer that the next response
// reuses. These tests decode a body, keep what the call returned, then
// overwrite the buffer with junk, as the next body read into it would, and
// check that what was kept is intact. (The package's tests do not run in
// parallel, so no other call holds the buffer meanwhile.)

// spoil overwrites b as the next body read into its buffer would.
func spoil(b []byte) {
	for i := range b {
		b[i] = '#'
	}
}

// capturing returns decode that also records the body it was given.
func capturing[T any](into *[]byte, decode func([]byte, *time.Location) (envelope, T, error)) func([]byte, *time.Location) (envelope, T, error) {
	return func(b []byte, loc *time.Location) (envelope, T, error) {
		*into = b
		return decode(b, loc)
	}
}

// decodeOwn is decodeData with read, for getObject.
func decodeOwn[T any](read model[T]) func([]byte, *time.Location) (envelope, *T, error) {
	return func(b []byte, loc *time.Location) (envelope, *T, error) { return decodeData(b, loc, read) }
}

func TestKeptValuesDoNotAliasTheBody(t *testing.T) {
	ctx := context.Background()
	get := &request{method: http.MethodGet, path: "/x"}
	tests := []struct {
		name    string
		fixture string
		// call makes the call, recording the body's buffer in body, and
		// returns what it kept; want decodes a private copy the same way.
		call func(c *Client, body *[]byte) (any, error)
		want func(b []byte) any
	}{
		{"task page", "subset_task_example.json",
			func(c *Client, body *[]byte) (any, error) {
				p, _, err := getPage(ctx, c, get, capturing(body, decodeTaskPage))
				return p, err
			},
			func(b []byte) any {
				env, items, _ := decodeTaskPage(b, defaultZone())
				return []any{items, env.Message, env.Meta}
			}},
		{"task setup", "task_create_init.json",
			func(c *Client, body *[]byte) (any, error) {
				v, _, err := getObject(ctx, c, get, capturing(body, decodeOwn((*decoder).taskSetup)))
				return v, err
			},
			func(b []byte) any { _, v, _ := decodeData(b, defaultZone(), (*decoder).taskSetup); return v }},
		{"task", "task_edit.json",
			func(c *Client, body *[]byte) (any, error) {
				v, _, err := getObject(ctx, c, get, capturing(body, decodeOwn((*decoder).task)))
				return v, err
			},
			func(b []byte) any { _, v, _ := decodeData(b, defaultZone(), (*decoder).task); return v }},
		{"dial-time group", "dial_time_group_update.json",
			func(c *Client, body *[]byte) (any, error) {
				v, _, err := getObject(ctx, c, get, capturing(body, decodeOwn((*decoder).dialTimeGroup)))
				return v, err
			},
			func(b []byte) any { _, v, _ := decodeData(b, defaultZone(), (*decoder).dialTimeGroup); return v }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fixture := readFixture(t, tt.fixture)
			srv := newTestServer(t, reply(http.StatusOK, string(fixture)))
			c := newTestClient(t, srv.URL)
			var body []byte
			got, err := tt.call(c, &body)
			require.NoError(t, err)
			require.Equal(t, string(fixture), string(body), "decoded from the pooled buffer")
			spoil(body)
			want := tt.want(bytes.Clone(fixture))
			if p, ok := got.(*Page[Task]); ok {
				require.NotEmpty(t, p.Items)
				got = []any{p.Items, p.Message, p.Meta}
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestKeptErrorsDoNotAliasTheBody(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		message string // the *APIError's
		inError string // in its text
	}{
		{"code 500 in HTTP 200", `{"code":500,"status":"error","message":"服务器内部错误","data":"SQLSTATE[HY000]"}`,
			"服务器内部错误", "服务器内部错误"},
		{"malformed task", `{"code":200,"message":"好","data":[{"uuid":"u-1","maximumcall":"quoted-input"}]}`,
			`malformed response: data[0].maximumcall: string "quoted-input" is not an integer`, `"quoted-input"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, reply(http.StatusOK, tt.body))
			c := newTestClient(t, srv.URL)
			var body []byte
			_, _, err := getPage(context.Background(), c, &request{method: http.MethodGet, path: "/x"},
				capturing(&body, decodeTaskPage))
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			require.Equal(t, tt.body, string(body))
			text := err.Error()
			spoil(body)
			assert.Equal(t, tt.body, string(apiErr.Body))
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Equal(t, text, err.Error())
			assert.Contains(t, err.Error(), tt.inError)
		})
	}
}

func TestStatusErrorDoesNotAliasTheBody(t *testing.T) {
	const body = `{"message":"The name must be a string.","errors":{"name":["The name must be a string."],"secret-token-1":"one"}}`
	for _, opts := range [][]Option{nil, {WithToken("secret-token-1")}} {
		t.Run(fmt.Sprintf("%d options", len(opts)), func(t *testing.T) {
			c := newTestClient(t, "http://api.invalid", opts...)
			buf := []byte(body)
			e := c.statusError(&response{status: http.StatusUnprocessableEntity, header: http.Header{}, body: buf})
			wantBody, wantErrors, text := bytes.Clone(e.Body), maps.Clone(e.Errors), e.Error()
			require.NotEmpty(t, wantErrors)
			spoil(buf)
			assert.Equal(t, wantBody, e.Body)
			assert.Equal(t, "The name must be a string.", e.Message)
			assert.Equal(t, wantErrors, e.Errors)
			assert.Equal(t, text, e.Error())
		})
	}
}

func TestKeptPagesSurviveLaterCalls(t *testing.T) {
	// Pages of alternating content through the pool: every kept page still
	// reads as it did, whichever buffers the later calls reused.
	pageA := readFixture(t, "subset_task_example.json")
	pageB := bytes.ReplaceAll(pageA, []byte("dc7dd781"), []byte("0ff1ce00"))
	var n atomic.Int32
	srv := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		page := pageA
		if n.Add(1)%2 == 0 {
			page = pageB
		}
		_, _ = w.Write(page)
	}))
	c := newTestClient(t, srv.URL)
	_, wantA, err := decodeTaskPage(bytes.Clone(pageA), defaultZone())
	require.NoError(t, err)
	_, wantB, err := decodeTaskPage(bytes.Clone(pageB), defaultZone())
	require.NoError(t, err)
	require.NotEqual(t, wantA, wantB)
	var kept []*Page[Task]
	for range 20 {
		p, err := c.ListSubsetTasks(context.Background(), "u1", nil)
		require.NoError(t, err)
		kept = append(kept, p)
	}
	for i, p := range kept {
		want := wantA
		if i%2 == 1 {
			want = wantB
		}
		assert.Equal(t, want, p.Items, "page %d", i)
	}
}
