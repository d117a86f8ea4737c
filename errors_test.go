package agentapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nginx502 is the page a gateway sends when the back end is down.
const nginx502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

// allSentinels are the sentinels an *APIError may match.
var allSentinels = []error{ErrUnauthorized, ErrForbidden, ErrNotFound, ErrRateLimited, ErrServer, ErrMalformedResponse}

func TestHTTPStatusErrors(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		sentinel error // nil: matches none
		code     int
		message  string
		attempts int
	}{
		{"laravel 401", 401, `{"message":"Unauthenticated."}`, ErrUnauthorized, 0, "Unauthenticated.", 1},
		{"403 envelope", 403, `{"code":403,"message":"无权限"}`, ErrForbidden, 403, "无权限", 1},
		{"404 html", 404, "<html>not here</html>", ErrNotFound, 0, "Not Found", 1},
		{"422 validation", 422, `{"message":"The per page must be an integer.","errors":{"per_page":["The per page must be an integer."]}}`,
			nil, 0, "The per page must be an integer.", 1},
		{"nginx 502", 502, nginx502, ErrServer, 0, "Bad Gateway", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScript(reply(tt.status, tt.body, "Content-Type", "text/html"))
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL)
			_, err := getItems(context.Background(), c, nil)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.HTTPStatus)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Equal(t, tt.body, string(apiErr.Body))
			assert.Equal(t, tt.attempts, s.attempts())
			for _, sentinel := range allSentinels {
				assert.Equal(t, sentinel == tt.sentinel, errors.Is(err, sentinel), "%v", sentinel)
			}
		})
	}
}

func TestEnvelopeCodeErrorsNotRetried(t *testing.T) {
	tests := []struct {
		code     int
		message  string
		sentinel error
	}{
		{401, "token 无效", ErrUnauthorized},
		{403, "", ErrForbidden},
		{404, "任务不存在", ErrNotFound},
		{429, "请求过于频繁", ErrRateLimited},
		{500, "服务器错误", ErrServer},
		{503, "维护中", ErrServer},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.code), func(t *testing.T) {
			body := `{"code":` + strconv.Itoa(tt.code) + `,"message":"` + tt.message + `","data":[]}`
			s := newScript(reply(200, body, "X-Request-Id", "req-42"))
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL)
			_, err := getItems(context.Background(), c, nil)
			assert.ErrorIs(t, err, tt.sentinel)
			assert.NotErrorIs(t, err, ErrMalformedResponse)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 200, apiErr.HTTPStatus)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, "req-42", apiErr.RequestID)
			if tt.message != "" {
				assert.Equal(t, tt.message, apiErr.Message)
			} else {
				assert.Equal(t, http.StatusText(tt.code), apiErr.Message)
			}
			assert.Equal(t, 1, s.attempts(), "only HTTP statuses decide retries")
		})
	}
}

func TestMalformedSuccessBodies(t *testing.T) {
	tests := []struct {
		name, body, says string
	}{
		{"html", "<!DOCTYPE html><html><body>login</body></html>", "invalid character"},
		{"truncated", okBody[:len(okBody)/2], "unexpected end"},
		{"empty", "", "unexpected end"},
		{"not the envelope", `{"status":"success"}`, `neither "code" nor "data"`},
		{"data of the wrong kind", `{"code":200,"data":{"id":1}}`, "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScript(reply(200, tt.body))
			srv := newTestServer(t, s)
			c := newTestClient(t, srv.URL)
			_, err := getItems(context.Background(), c, nil)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 200, apiErr.HTTPStatus)
			assert.Zero(t, apiErr.Code)
			assert.Contains(t, apiErr.Message, "malformed response")
			assert.Contains(t, apiErr.Message, tt.says)
			assert.Equal(t, tt.body, string(apiErr.Body))
			assert.Equal(t, 1, s.attempts())
			for _, sentinel := range []error{ErrUnauthorized, ErrServer, ErrNotFound} {
				assert.NotErrorIs(t, err, sentinel)
			}
		})
	}
}

func TestSuccessWithoutCodeButWithData(t *testing.T) {
	srv := newTestServer(t, reply(200, `{"data":[{"id":"x"}]}`))
	c := newTestClient(t, srv.URL)
	p, err := getItems(context.Background(), c, nil)
	require.NoError(t, err)
	assert.Equal(t, []testItem{{"x"}}, p.Items)
}

func TestBodyCutShortIsATransportError(t *testing.T) {
	s := newScript(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(okBody)))
		_, _ = w.Write([]byte(okBody[:20]))
		hangUp(w, nil)
	})
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL, WithMaxRetries(2))
	_, err := getItems(context.Background(), c, nil)
	assert.NotErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, 3, s.attempts(), "a read is retried after a short body")
}

func TestErrorBodyBounded(t *testing.T) {
	big := `{"message":"` + strings.Repeat("x", 200<<10) + `"}`
	srv := newTestServer(t, reply(400, big))
	c := newTestClient(t, srv.URL)
	_, err := getItems(context.Background(), c, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Len(t, apiErr.Body, 64<<10)
	assert.Equal(t, big[:64<<10], string(apiErr.Body))
}

func TestAPIErrorFieldsAndText(t *testing.T) {
	srv := newTestServer(t, reply(200, `{"code":401,"message":"Unauthenticated."}`,
		"X-Request-Id", "abc-1", "Retry-After", "30"))
	c := newTestClient(t, srv.URL)
	_, err := getItems(context.Background(), c, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "abc-1", apiErr.RequestID)
	assert.Equal(t, int64(30), int64(apiErr.RetryAfter.Seconds()))
	msg := err.Error()
	for _, want := range []string{"agentapi: ", "HTTP 200", "code 401", "Unauthenticated.", "abc-1"} {
		assert.Contains(t, msg, want)
	}
}

func TestValidationErrorKeepsFieldErrors(t *testing.T) {
	body := `{"message":"The given data was invalid.","errors":{"name":["The name field is required."],` +
		`"task_extras.start_time":["The start time must be a date before stop time.","Bad format."],"odd":"one string"}}`
	s := newScript(reply(422, body))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	_, err := c.doNoData(context.Background(), &request{method: http.MethodPost, path: "/t", body: map[string]string{}, class: retryCreate})
	require.ErrorIs(t, err, ErrValidation)
	assert.NotErrorIs(t, err, ErrServer)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 422, apiErr.HTTPStatus)
	assert.Equal(t, "The given data was invalid.", apiErr.Message)
	assert.Equal(t, map[string][]string{
		"name":                   {"The name field is required."},
		"task_extras.start_time": {"The start time must be a date before stop time.", "Bad format."},
		"odd":                    {"one string"},
	}, apiErr.Errors)
	assert.Equal(t, 1, s.attempts(), "422 is not retried")
}

func TestTaskRunningCode(t *testing.T) {
	s := newScript(reply(200, `{"code":6007,"message":"2.0任务启动中,请先停止任务","data":[]}`))
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	_, err := c.doNoData(context.Background(), &request{method: http.MethodPut, path: "/task/1", body: struct{}{}})
	require.ErrorIs(t, err, ErrTaskRunning)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 6007, apiErr.Code)
	assert.Equal(t, "2.0任务启动中,请先停止任务", apiErr.Message)
	assert.Equal(t, 1, s.attempts())
}

func TestPrefixOncePerChain(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		opts    []Option
	}{
		{"transport", hangUp, []Option{WithMaxRetries(1)}},
		{"404", reply(404, `{"message":"Not Found"}`), nil},
		{"malformed", reply(200, `<html>`), nil},
		{"envelope code", reply(200, `{"code":401,"message":"Unauthenticated."}`), nil},
		{"retry-after too long", reply(429, "", "Retry-After", "3600"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, tt.handler)
			c := newTestClient(t, srv.URL, tt.opts...)
			_, err := getItems(context.Background(), c, nil)
			require.Error(t, err)
			assert.Equal(t, 1, countPrefix(err), err.Error())
			assert.True(t, strings.HasPrefix(err.Error(), "agentapi: "), err.Error())
		})
	}
	_, err := newTestClient(t, "http://127.0.0.1:1").ListSubsetTasks(context.Background(), "../x", nil)
	assert.Equal(t, 1, countPrefix(err), err.Error())
	srv := newTestServer(t, reply(200, `{"code":200,"data":[{"uuid":"u","start":"abc"}]}`))
	_, err = newTestClient(t, srv.URL).ListSubsetTasks(context.Background(), "42", nil)
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Equal(t, 1, countPrefix(err), err.Error())
	_, err = NewClient("https://a.example", WithRateLimit(0, time.Second))
	assert.Equal(t, 1, countPrefix(err), err.Error())
}

// TestEnvelope422KeepsFieldErrors: Laravel's validation errors inside an
// HTTP 200 whose envelope says 422 are kept as they are for an HTTP 422.
func TestEnvelope422KeepsFieldErrors(t *testing.T) {
	srv := newTestServer(t, reply(http.StatusOK, `{"code":422,"message":"The given data was invalid.","errors":{"name":["The name field is required."]}}`))
	c := newTestClient(t, srv.URL)
	_, err := getItems(context.Background(), c, nil)
	require.ErrorIs(t, err, ErrValidation)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, map[string][]string{"name": {"The name field is required."}}, apiErr.Errors)
}

// TestPrefixOnceInPagerAndStatusErrors extends TestPrefixOncePerChain to the
// errors the pager and TaskStatus make themselves.
func TestPrefixOnceInPagerAndStatusErrors(t *testing.T) {
	ctx := context.Background()
	page := func(cur, last, total int, items ...Task) func(context.Context, int) (*TaskPage, fetchInfo, error) {
		return func(context.Context, int) (*TaskPage, fetchInfo, error) {
			return &TaskPage{Items: items, Meta: PageMeta{CurrentPage: cur, LastPage: last, Total: total}}, fetchInfo{}, nil
		}
	}
	var errs []error
	_, err := newPager(page(7, 9, 9, Task{UUID: "a"}), taskKey, 1, nil).Next(ctx) // wrong current_page
	errs = append(errs, err)
	_, err = newPager(page(1, 9, 9), taskKey, 1, nil).Next(ctx) // empty while more follow
	errs = append(errs, err)
	_, err = newPager(page(1, 9, 9, Task{UUID: "a"}), taskKey, 1, []PagerOption{WithConcurrency(0)}).Next(ctx)
	errs = append(errs, err)
	_, err = ParseTaskStatus("sleeping")
	errs = append(errs, err)
	for _, err := range errs {
		require.Error(t, err)
		assert.Equal(t, 1, countPrefix(err), err.Error())
	}
}
