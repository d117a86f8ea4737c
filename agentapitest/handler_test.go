package agentapitest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

func TestEnvelopeShape(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 20))
	r := do(t, s, http.MethodGet, listPath("u1", "per_page=1"))
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	assert.Equal(t, "no-cache, private", r.header.Get("Cache-Control"))
	assert.NotEmpty(t, r.header.Get("X-Request-Id"))
	assert.True(t, strings.HasPrefix(string(r.body),
		`{"code":200,"status":"success","message":"返回所有子账号的任务列表信息成功",`+
			`"meta":{"has_pages":true,"total":20,"last_page":20,"current_page":1,"per_page":"1"},"data":[{"uuid":"`),
		"%.300s", r.body)
	assert.True(t, strings.HasSuffix(string(r.body), `}]}`))

	// Without per_page, Eloquent's default 15 is an integer.
	env := list(t, s, "u1", "")
	assert.Equal(t, `15`, string(env.Meta.PerPage))
	assert.Len(t, env.Data, 15)
}

func TestPaginationMeta(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 23))
	tests := []struct {
		query                    string
		perPage                  string
		items, lastPage, current int
		hasPages                 bool
	}{
		{"page=1&per_page=10", `"10"`, 10, 3, 1, true},
		{"page=2&per_page=10", `"10"`, 10, 3, 2, true},
		{"page=3&per_page=10", `"10"`, 3, 3, 3, true},
		{"page=4&per_page=10", `"10"`, 0, 3, 4, true}, // past the end: empty, the asked page
		{"page=1&per_page=23", `"23"`, 23, 1, 1, false},
		{"page=1&per_page=100", `"100"`, 23, 1, 1, false},
		{"page=2&per_page=100", `"100"`, 0, 1, 2, true}, // Laravel: current_page != 1
		{"page=0&per_page=10", `"10"`, 10, 3, 1, true},  // invalid pages read as 1
		{"page=-3&per_page=10", `"10"`, 10, 3, 1, true},
		{"page=abc&per_page=10", `"10"`, 10, 3, 1, true},
		{"page=&per_page=10", `"10"`, 10, 3, 1, true},
		{"per_page=0", `15`, 15, 2, 1, true}, // 0 is PHP-falsy: the default
		{"per_page=", `15`, 15, 2, 1, true},
		{"page=2", `15`, 8, 2, 2, true},
		{"page=05&per_page=10", `"10"`, 10, 3, 1, true},                // FILTER_VALIDATE_INT refuses a leading zero
		{"per_page=%205%20", `"5"`, 5, 5, 1, true},                     // trimmed (TrimStrings)
		{"per_page=1e1", `"1e1"`, 10, 3, 1, true},                      // a PHP numeric string
		{"page=2&per_page=2.5", `"2.5"`, 2, 10, 2, true},               // offset (int)2.5 = 2, LIMIT 2
		{"per_page=0.5", `"0.5"`, 0, 46, 1, true},                      // LIMIT 0
		{"page=99999999999999999999&per_page=5", `"5"`, 5, 5, 1, true}, // overflows: invalid, so 1
		{"page=9223372036854775807&per_page=9223372036854775807", `"9223372036854775807"`, 23, 1, 9223372036854775807, true}, // PHP's (int) of the huge offset wraps to 0
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			env := list(t, s, "u1", tt.query)
			assert.Equal(t, 200, env.Code)
			assert.Equal(t, "success", env.Status)
			assert.Equal(t, 23, env.Meta.Total)
			assert.Equal(t, tt.perPage, string(env.Meta.PerPage))
			assert.Len(t, env.Data, tt.items)
			assert.Equal(t, tt.lastPage, env.Meta.LastPage)
			assert.Equal(t, tt.current, env.Meta.CurrentPage)
			assert.Equal(t, tt.hasPages, env.Meta.HasPages)
			assert.NotNil(t, env.Data, "data is [] past the end, never null")
		})
	}
}

func TestPagesTileTheList(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 23))
	all := uuids(list(t, s, "u1", "per_page=23"))
	var walked []string
	for page := 1; page <= 3; page++ {
		walked = append(walked, uuids(list(t, s, "u1", "per_page=10&page="+string(rune('0'+page))))...)
	}
	assert.Equal(t, all, walked)
	seen := map[string]bool{}
	for _, id := range all {
		assert.False(t, seen[id], "duplicate uuid %s", id)
		seen[id] = true
	}
}

func TestBadPerPageIsServerError(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 5))
	for _, q := range []string{"per_page=-1", "per_page=abc", "per_page[]=", "per_page=10abc", "per_page=-0", "per_page=0.0", "per_page=0x1A"} {
		t.Run(q, func(t *testing.T) {
			r := do(t, s, http.MethodGet, listPath("u1", q))
			assert.Equal(t, http.StatusInternalServerError, r.status)
			assert.Equal(t, "{\n    \"message\": \"Server Error\"\n}", string(r.body))
		})
	}
}

func TestNameFilter(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 100))
	env := list(t, s, "u1", "name=回访&per_page=100")
	assert.Equal(t, 15, env.Meta.Total, "names cycle through 7 words: seq 0, 7, ..., 98")
	for _, task := range env.Data {
		assert.Contains(t, task["name"], "回访")
	}
	env = list(t, s, "u1", "name="+"外呼任务-001"+"&per_page=4&page=3")
	assert.Equal(t, 10, env.Meta.Total) // 0010..0019
	assert.Equal(t, 3, env.Meta.LastPage)
	require.Len(t, env.Data, 2)
	assert.Equal(t, "外呼任务-0011 新品推广", env.Data[0]["name"], "newest first; seq 10 has number 0011")
	assert.Equal(t, "外呼任务-0010 满意度调查", env.Data[1]["name"])
	assert.Equal(t, 0, list(t, s, "u1", "name=nothing-like-this").Meta.Total)
}

func TestSubUserScope(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 100))
	subs := agentapitest.SubAccounts("u1")
	require.Len(t, subs, 3)
	assert.Equal(t, subs, agentapitest.SubAccounts("u1"), "deterministic")
	assert.NotEqual(t, subs, agentapitest.SubAccounts("u2"))
	owners := map[any]int{}
	for _, task := range list(t, s, "u1", "per_page=100").Data {
		owners[task["user_id"]]++
	}
	assert.Equal(t, map[any]int{"u1": 25, subs[0]: 25, subs[1]: 25, subs[2]: 25}, owners)

	for _, id := range append([]string{"u1"}, subs...) {
		env := list(t, s, "u1", "per_page=10&sub_user_id="+id)
		assert.Equal(t, 25, env.Meta.Total)
		assert.Equal(t, 3, env.Meta.LastPage)
		for _, task := range env.Data {
			assert.Equal(t, id, task["user_id"])
		}
	}
	both := list(t, s, "u1", "per_page=100&name=回访&sub_user_id="+subs[0])
	assert.Equal(t, 3, both.Meta.Total, "seq%7 == 0 and seq%4 == 1: 21, 49, 77")
	assert.Equal(t, 0, list(t, s, "u1", "sub_user_id="+agentapitest.SubAccounts("u2")[0]).Meta.Total)
}

func TestUnknownUserIsEmpty(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 5))
	r := do(t, s, http.MethodGet, listPath("nobody", ""))
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, `{"code":200,"status":"success","message":"返回所有子账号的任务列表信息成功",`+
		`"meta":{"has_pages":false,"total":0,"last_page":1,"current_page":1,"per_page":15},"data":[]}`, string(r.body))
}

func TestEscapedUserID(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("a?#%", 3), agentapitest.WithTasks("a/b", 3))
	env := list(t, s, "a%3F%23%25", "")
	assert.Equal(t, 3, env.Meta.Total)
	assert.Equal(t, "a?#%", env.Data[2]["user_id"], "the oldest task, seq 0, is the user's own")
	last, ok := s.LastRequest()
	require.True(t, ok)
	assert.Equal(t, "a?#%", last.UserID)
	assert.Equal(t, "/agent-api/new/user/a%3F%23%25/subset_task", last.EscapedPath)
	// Laravel's router matches the decoded path: %2F is a slash.
	assert.Equal(t, http.StatusNotFound, do(t, s, http.MethodGet, listPath("a/b", "")).status)
	assert.Equal(t, http.StatusNotFound, do(t, s, http.MethodGet, listPath("a%2Fb", "")).status)
}

func TestLastRequest(t *testing.T) {
	s := newServer(t)
	_, ok := s.LastRequest()
	assert.False(t, ok)
	do(t, s, http.MethodGet, listPath("u1", "page=2&name=%E5%9B%9E+x"), "X-Custom", "v")
	last, ok := s.LastRequest()
	require.True(t, ok)
	assert.Equal(t, http.MethodGet, last.Method)
	assert.Equal(t, "u1", last.UserID)
	assert.Equal(t, "page=2&name=%E5%9B%9E+x", last.RawQuery)
	assert.Equal(t, "回 x", last.Query.Get("name"))
	assert.Equal(t, "v", last.Header.Get("X-Custom"))
	assert.Equal(t, "application/json", last.Header.Get("Accept"))
	last.Header.Set("X-Custom", "changed") // a copy: the fake's record is not affected
	again, _ := s.LastRequest()
	assert.Equal(t, "v", again.Header.Get("X-Custom"))
}

func TestToken(t *testing.T) {
	s := newServer(t, agentapitest.WithToken("sekret"), agentapitest.WithTasks("u1", 3))
	tests := []struct {
		name   string
		header []string
		status int
		body   string
	}{
		{"no token", nil, http.StatusUnauthorized, `{"message":"Unauthenticated."}`},
		{"wrong token", []string{"Authorization", "Bearer wrong"}, http.StatusUnauthorized, `{"message":"Unauthenticated."}`},
		{"not bearer", []string{"Authorization", "sekret"}, http.StatusUnauthorized, `{"message":"Unauthenticated."}`},
		{"right token", []string{"Authorization", "Bearer sekret"}, http.StatusOK, ""},
		{"api_token", nil, http.StatusOK, ""},
		{"api_token wins over a right bearer", []string{"Authorization", "Bearer sekret"}, http.StatusUnauthorized, ""},
		{"lower-case bearer", []string{"Authorization", "bearer sekret"}, http.StatusUnauthorized, ""},
		{"no JSON accepted", []string{"Accept", "text/html"}, http.StatusInternalServerError, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			query := ""
			switch tt.name {
			case "api_token":
				query = "api_token=sekret"
			case "api_token wins over a right bearer":
				query = "api_token=wrong"
			}
			r := do(t, s, http.MethodGet, listPath("u1", query), tt.header...)
			assert.Equal(t, tt.status, r.status)
			if tt.body != "" {
				assert.JSONEq(t, tt.body, string(r.body))
			}
		})
	}
}

func TestRoutingErrors(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3))
	tests := []struct {
		method, path string
		status       int
		message      string
	}{
		{http.MethodGet, "/agent-api/new/user/u1/tasks", http.StatusNotFound, ""}, // Laravel 8: an empty message
		{http.MethodGet, "/agent-api/new/user//subset_task", http.StatusNotFound, ""},
		{http.MethodGet, "/", http.StatusNotFound, ""},
		{http.MethodPost, listPath("u1", ""), http.StatusMethodNotAllowed,
			"The POST method is not supported for this route. Supported methods: GET, HEAD."},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := do(t, s, tt.method, tt.path)
			assert.Equal(t, tt.status, r.status)
			var body struct{ Message string }
			require.NoError(t, json.Unmarshal(r.body, &body))
			assert.Equal(t, tt.message, body.Message)
		})
	}
	// A trailing slash is ignored, as by Laravel's router.
	assert.Equal(t, http.StatusOK, do(t, s, http.MethodGet, "/agent-api/new/user/u1/subset_task/").status)
	// Without Accept: application/json, errors are Laravel's HTML pages.
	r := do(t, s, http.MethodGet, "/nope", "Accept", "*/*")
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Contains(t, r.header.Get("Content-Type"), "text/html")
	assert.Contains(t, string(r.body), "404 | Not Found")
}

func TestPHPEscaping(t *testing.T) {
	plain := newServer(t, agentapitest.WithTasks("u?1", 12))
	php := newServer(t, agentapitest.WithTasks("u?1", 12), agentapitest.WithPHPEscaping())
	r := do(t, php, http.MethodGet, listPath("u%3F1", ""))
	require.Equal(t, http.StatusOK, r.status)
	assert.True(t, json.Valid(r.body))
	assert.Contains(t, string(r.body), `"message":"\u8fd4\u56de`)
	assert.Contains(t, string(r.body), `"dial_format":"user\/0000"`)
	assert.NotContains(t, string(r.body), "外呼")
	var a, b any
	require.NoError(t, json.Unmarshal(r.body, &a))
	require.NoError(t, json.Unmarshal(do(t, plain, http.MethodGet, listPath("u%3F1", "")).body, &b))
	assert.Equal(t, b, a, "the same values, escaped differently")
}
