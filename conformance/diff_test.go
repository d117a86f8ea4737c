package conformance_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

// seedsFrom reads every task of the app's main user and returns them as
// task seeds, oldest first, so that a fake seeded with them holds the same
// list (names, statuses, owners, uuids, null or [] remote tasks).
func seedsFrom(t *testing.T, a *app) []agentapitest.TaskSeed {
	t.Helper()
	ex := send(t, a.URL, probe{path: listPath(mainUser) + "?per_page=1000", header: []string{"Accept", "application/json", "Authorization", "Bearer " + mainToken}})
	require.Equal(t, http.StatusOK, ex.status, "%.500s", ex.body)
	var env struct {
		Data []struct {
			UUID         string          `json:"uuid"`
			Name         string          `json:"name"`
			Enable       bool            `json:"enable"`
			UserID       string          `json:"user_id"`
			NewTaskExtra json.RawMessage `json:"new_task_extra"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(ex.body, &env))
	require.Len(t, env.Data, seeded)
	seeds := make([]agentapitest.TaskSeed, 0, len(env.Data))
	for i := len(env.Data) - 1; i >= 0; i-- {
		d := env.Data[i]
		s := agentapitest.TaskSeed{Name: d.Name, UUID: d.UUID, UserID: d.UserID}
		if d.UserID == mainUser {
			s.UserID = ""
		}
		var remote struct {
			CallStatus bool `json:"call_status"`
		}
		switch jsonType(d.NewTaskExtra) {
		case "null":
			s.Status, s.NullExtra = "abnormal", true
		case "array":
			s.Status = "abnormal"
		default:
			require.NoError(t, json.Unmarshal(d.NewTaskExtra, &remote))
			s.Status = map[[2]bool]string{{true, true}: "dialing", {false, false}: "paused", {true, false}: "waiting", {false, true}: "unknown"}[[2]bool{d.Enable, remote.CallStatus}]
		}
		seeds = append(seeds, s)
	}
	return seeds
}

// matrix is the differential test's requests: the 13 points of issue 9
// and more. Their order matters: X-RateLimit-Remaining counts them.
func matrix(sub string) []probe {
	js := []string{"Accept", "application/json", "Authorization", "Bearer " + mainToken}
	list := listPath(mainUser)
	long := strings.Repeat("x", 256)
	p := []probe{}
	get := func(name, query string) { p = append(p, probe{name: name, path: list + query, header: js}) }
	get("default per_page is the integer 15", "")
	for _, q := range []string{"per_page=5", "per_page=%205%20", "per_page=0", "per_page=", "per_page=2.5&page=2",
		"per_page=1.5&page=3", "per_page=0.5", "per_page=1e1", "per_page=3.0", "per_page=%2B3", "per_page=-1", "per_page=abc",
		"per_page=5abc", "per_page=0.0", "per_page=-0", "per_page[]=", "per_page[]=5", "per_page=0x1A",
		"per_page=99999999999999999999", "per_page=100&page=3", "per_page=100&page=4", "per_page=7&page=43"} {
		get("per_page: "+q, "?"+q)
	}
	for _, q := range []string{"page=x", "page=0", "page=-1", "page=05", "page=+2", "page=2.0", "page=%202%20", "page[]=2",
		"page=500&per_page=3", "page=99999999999999999999", "page=9223372036854775807&per_page=9223372036854775807"} {
		get("page: "+q, "?"+q)
	}
	for _, q := range []string{"name=promo", "name=PROMO_", "name=promo_50", "name=%25", "name=_", "name=50%25", "name=Survey",
		"name=%E5%A4%96%E5%91%BC%E4%BB%BB%E5%8A%A1-01", "name=vip%E7%BB%AD", "name=%20survey%20", "name=%20", "name=nothing",
		"name[]=x", "name=" + long, "name[]=x&sub_user_id[]=y", "sub_user_id=" + sub, "sub_user_id=" + sub + "&name=promo&per_page=2&page=2",
		"sub_user_id[]=x", "sub_user_id=" + long[:65], "sub_user_id=nobody", "sub_user_id=" + mainUser + "&per_page=3"} {
		get("filter: "+q, "?"+q)
	}
	p = append(p,
		probe{name: "api_token in the query", path: list + "?api_token=" + mainToken + "&per_page=2", header: []string{"Accept", "application/json"}},
		probe{name: "api_token trimmed", path: list + "?api_token=%20" + mainToken + "%20&per_page=2", header: []string{"Accept", "application/json"}},
		probe{name: "a wrong api_token wins over a right bearer", path: list + "?api_token=nope", header: js},
		probe{name: "an empty api_token falls back to the bearer", path: list + "?api_token=", header: js},
		probe{name: "no token, JSON", path: list, header: []string{"Accept", "application/json"}},
		probe{name: "no token, no JSON accepted: 500 HTML", path: list},
		probe{name: "no token, text/html", path: list, header: []string{"Accept", "text/html"}},
		probe{name: "wrong token", path: list, header: []string{"Accept", "application/json", "Authorization", "Bearer nope"}},
		probe{name: "lower-case bearer", path: list, header: []string{"Accept", "application/json", "Authorization", "bearer " + mainToken}},
		probe{name: "token without JSON accept", path: list + "?per_page=1", header: []string{"Authorization", "Bearer " + mainToken}},
		probe{name: "unknown user", path: listPath("nobody"), header: js},
		probe{name: "user id with an escaped ?", path: listPath("a%3Fb"), header: js},
		probe{name: "user id with an escaped slash: 404", path: listPath("a%2Fb"), header: js},
		probe{name: "trailing slash", path: list + "/?per_page=1", header: js},
		probe{name: "unknown route: 404 with an empty message", path: "/agent-api/new/user/" + mainUser + "/tasks", header: js},
		probe{name: "root: 404", path: "/", header: js},
		probe{name: "404 as HTML", path: "/nope"},
		probe{name: "POST: 405", method: http.MethodPost, path: list, header: js},
		probe{name: "PUT: 405", method: http.MethodPut, path: list, header: js},
		probe{name: "DELETE without a token: 405 first", method: http.MethodDelete, path: list, header: []string{"Accept", "application/json"}},
		probe{name: "OPTIONS: 200 with Allow", method: http.MethodOptions, path: list, header: []string{"Accept", "application/json"}},
		probe{name: "HEAD", method: http.MethodHead, path: list, header: js},
		probe{name: "HEAD without a token", method: http.MethodHead, path: list, header: []string{"Accept", "application/json"}},
		probe{name: "X-Requested-With accepts JSON errors", path: list, header: []string{"X-Requested-With", "XMLHttpRequest"}},
		probe{name: "the last page", path: list + "?per_page=7&page=" + strconv.Itoa((seeded+6)/7), header: js},
	)
	return p
}

// TestDifferential sends the same requests to the Laravel app and to
// agentapitest and compares what matters to a client: status, headers,
// the envelope's keys and JSON types, the meta, the tasks, the error
// bodies byte for byte.
func TestDifferential(t *testing.T) {
	t.Parallel()
	a := startApp(t, "THROTTLE_LIMIT=1000", "THROTTLE_WINDOW=60")
	fake := agentapitest.NewServer(agentapitest.WithToken(mainToken),
		agentapitest.WithTaskSeeds(mainUser, seedsFrom(t, a)...), agentapitest.WithRateLimit(1000, time.Minute))
	t.Cleanup(fake.Close)
	// seedsFrom used one request of the app's window: the fake's counts the same.
	send(t, fake.URL, probe{path: listPath(mainUser), header: []string{"Accept", "application/json", "Authorization", "Bearer " + mainToken}})
	var subs []string
	require.NoError(t, json.Unmarshal([]byte(a.artisan(t, "conformance:subs", mainUser)), &subs))
	for _, p := range matrix(url.QueryEscape(subs[1])) {
		want, got := send(t, a.URL, p), send(t, fake.URL, p)
		compare(t, p.name, want, got)
	}

	t.Run("maintenance", func(t *testing.T) {
		a.artisan(t, "down", "--retry=30")
		fake.Down(30)
		for _, p := range []probe{
			{path: listPath(mainUser), header: []string{"Accept", "application/json", "Authorization", "Bearer " + mainToken}},
			{path: "/nope", header: []string{"Accept", "application/json"}},
			{method: http.MethodOptions, path: listPath(mainUser), header: []string{"Accept", "application/json"}},
			{method: http.MethodPost, path: listPath(mainUser), header: []string{"Accept", "application/json"}},
		} {
			compare(t, "down: "+p.method+" "+p.path, send(t, a.URL, p), send(t, fake.URL, p))
		}
		a.artisan(t, "up")
		fake.Up()
		p := probe{path: listPath(mainUser) + "?per_page=1", header: []string{"Accept", "application/json", "Authorization", "Bearer " + mainToken}}
		compare(t, "up again", send(t, a.URL, p), send(t, fake.URL, p))
	})
}

// TestDifferentialThrottle compares the throttle: a window of 3 requests.
func TestDifferentialThrottle(t *testing.T) {
	t.Parallel()
	a := startApp(t, "THROTTLE_LIMIT=3", "THROTTLE_WINDOW=5")
	fake := agentapitest.NewServer(agentapitest.WithToken(mainToken), agentapitest.WithTasks(mainUser, 5),
		agentapitest.WithRateLimit(3, 5*time.Second))
	t.Cleanup(fake.Close)
	js := []string{"Accept", "application/json", "Authorization", "Bearer " + mainToken}
	steps := []probe{
		{name: "401 does not count", path: listPath(mainUser), header: []string{"Accept", "application/json"}},
		{name: "404 does not count", path: "/nope", header: js},
		{name: "1st", path: listPath(mainUser) + "?per_page=1", header: js},
		{name: "2nd: a 500 counts", path: listPath(mainUser) + "?per_page=abc", header: js},
		{name: "3rd: a 422 counts", path: listPath(mainUser) + "?name[]=x", header: js},
		{name: "4th: 429", path: listPath(mainUser) + "?per_page=1", header: js},
		{name: "5th: 429 HTML", path: listPath(mainUser) + "?per_page=1", header: []string{"Authorization", "Bearer " + mainToken}},
		{name: "OPTIONS is not throttled", method: http.MethodOptions, path: listPath(mainUser), header: js},
		{name: "a 401 is not throttled", path: listPath(mainUser), header: []string{"Accept", "application/json"}},
	}
	for _, p := range steps {
		compareOf(t, p.name, send(t, a.URL, p), send(t, fake.URL, p), false)
	}
}

// compare asserts that got (the fake's answer) matches want (Laravel's).
func compare(t *testing.T, name string, want, got exchange) { compareOf(t, name, want, got, true) }

// compareOf is compare, with the pages' envelopes compared or not.
func compareOf(t *testing.T, name string, want, got exchange, envelopes bool) {
	t.Helper()
	ok := assert.Equal(t, want.status, got.status, "%s: status\nlaravel: %.300s\nfake:    %.300s", name, want.body, got.body)
	for _, h := range []string{"Content-Type", "Allow", "X-RateLimit-Limit", "X-RateLimit-Remaining", "Cache-Control"} {
		ok = assert.Equal(t, want.header.Get(h), got.header.Get(h), "%s: header %s", name, h) && ok
	}
	for _, h := range []string{"Retry-After", "X-RateLimit-Reset"} {
		w, g := want.header.Get(h), got.header.Get(h)
		ok = assert.Equal(t, w == "", g == "", "%s: header %s: laravel %q, fake %q", name, h, w, g) && ok
		wn, errW := strconv.ParseInt(w, 10, 64)
		gn, errG := strconv.ParseInt(g, 10, 64)
		if errW == nil && errG == nil {
			ok = assert.InDelta(t, wn, gn, 1, "%s: header %s", name, h) && ok
		}
	}
	if !isJSON(want.header) || want.status != http.StatusOK {
		if isJSON(want.header) {
			ok = assert.Equal(t, string(want.body), string(got.body), "%s: error body", name) && ok
		} else {
			ok = assert.Equal(t, len(want.body) == 0, len(got.body) == 0, "%s: empty body", name) && ok
		}
		if !ok {
			t.Logf("%s: differs", name)
		}
		return
	}
	if len(want.body) == 0 { // HEAD
		assert.Empty(t, got.body, "%s: body", name)
		return
	}
	if envelopes {
		compareEnvelope(t, name, want.body, got.body)
	}
}

// compareEnvelope compares two list envelopes: keys in order, meta values
// and types, and each task's keys, JSON types and identity.
func compareEnvelope(t *testing.T, name string, want, got []byte) {
	t.Helper()
	require.Equal(t, orderedKeys(t, want), orderedKeys(t, got), "%s: envelope keys", name)
	type env struct {
		Code    json.RawMessage            `json:"code"`
		Status  string                     `json:"status"`
		Message string                     `json:"message"`
		Meta    map[string]json.RawMessage `json:"meta"`
		Data    []json.RawMessage          `json:"data"`
	}
	var w, g env
	require.NoError(t, json.Unmarshal(want, &w))
	require.NoError(t, json.Unmarshal(got, &g))
	assert.Equal(t, string(w.Code), string(g.Code), "%s: code", name)
	assert.Equal(t, w.Status+w.Message, g.Status+g.Message, "%s: status and message", name)
	wm, _ := json.Marshal(w.Meta)
	gm, _ := json.Marshal(g.Meta)
	assert.Equal(t, string(wm), string(gm), "%s: meta (values and types)", name)
	if !assert.Equal(t, len(w.Data), len(g.Data), "%s: tasks on the page", name) {
		return
	}
	for i := range w.Data {
		wk, gk := orderedKeys(t, w.Data[i]), orderedKeys(t, g.Data[i])
		require.Equal(t, wk, gk, "%s: task %d keys", name, i)
		var wt, gt map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(w.Data[i], &wt))
		require.NoError(t, json.Unmarshal(g.Data[i], &gt))
		for _, k := range []string{"uuid", "name", "enable", "user_id", "deleted_at"} {
			assert.JSONEq(t, string(wt[k]), string(gt[k]), "%s: task %d %s", name, i, k)
		}
		for k := range wt {
			tw, tg := jsonType(wt[k]), jsonType(gt[k])
			if tw != tg && tw != "null" && tg != "null" || k == "new_task_extra" && tw != tg {
				assert.Failf(t, "JSON types differ", "%s: task %d %s: laravel %s, fake %s", name, i, k, tw, tg)
			}
		}
	}
}
