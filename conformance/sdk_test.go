package conformance_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi"
)

// statusByName returns the status the app seeds for a task named
// "外呼任务-NNNN ...": by (NNNN-1) % 10, as routes/console.php does.
func statusByName(t *testing.T, name string) string {
	t.Helper()
	m := regexp.MustCompile(`^外呼任务-(\d{4}) `).FindStringSubmatch(name)
	require.NotNil(t, m, "unexpected task name %q", name)
	n, _ := strconv.Atoi(m[1])
	return [...]string{"dialing", "dialing", "dialing", "paused", "paused", "paused", "waiting", "waiting", "abnormal", "unknown"}[(n-1)%10]
}

// client returns an SDK client of the app.
func client(t *testing.T, a *app, opts ...agentapi.Option) *agentapi.Client {
	t.Helper()
	c, err := agentapi.NewClient(a.URL, append([]agentapi.Option{agentapi.WithToken(mainToken)}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// ctx returns a context that ends with the test, bounded to a minute.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

// walk iterates every task of the main user and checks each is yielded
// once with the status its name says; it returns the uuids seen.
func walk(t *testing.T, p *agentapi.Pager[agentapi.Task]) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	for task, err := range p.All(ctx(t)) {
		require.NoError(t, err)
		require.False(t, seen[task.UUID], "task %s yielded twice", task.UUID)
		seen[task.UUID] = true
		require.Equal(t, statusByName(t, task.Name), task.Status().String(), "task %q", task.Name)
	}
	return seen
}

func TestSDKSinglePage(t *testing.T) {
	t.Parallel()
	a := startApp(t, "THROTTLE_LIMIT=1000")
	page, err := client(t, a).ListSubsetTasks(ctx(t), mainUser, &agentapi.ListSubsetTasksOptions{Page: 2, PerPage: 10})
	require.NoError(t, err)
	assert.Equal(t, agentapi.PageMeta{HasPages: true, Total: seeded, LastPage: 30, CurrentPage: 2, PerPage: 10}, page.Meta)
	assert.Equal(t, "返回所有子账号的任务列表信息成功", page.Message)
	require.Len(t, page.Items, 10)
	assert.Equal(t, "外呼任务-0290 Survey", page.Items[0].Name, "newest first")
	for _, task := range page.Items {
		assert.Equal(t, statusByName(t, task.Name), task.Status().String(), task.Name)
	}
	assert.Equal(t, "1000", page.Header.Get("X-RateLimit-Limit"))

	// The server's default page size, 15, comes as an integer.
	page, err = client(t, a).ListSubsetTasks(ctx(t), mainUser, nil)
	require.NoError(t, err)
	assert.Equal(t, 15, page.Meta.PerPage)
	assert.Len(t, page.Items, 15)
}

func TestSDKWalks(t *testing.T) {
	t.Parallel()
	a := startApp(t, "THROTTLE_LIMIT=100000")
	for _, tt := range []struct{ concurrency, perPage int }{{1, 0}, {1, 7}, {3, 25}, {4, 13}, {8, 10}} {
		t.Run(strconv.Itoa(tt.concurrency)+"x"+strconv.Itoa(tt.perPage), func(t *testing.T) {
			p := client(t, a).SubsetTasks(mainUser, &agentapi.ListSubsetTasksOptions{PerPage: tt.perPage},
				agentapi.WithConcurrency(tt.concurrency))
			assert.Len(t, walk(t, p), seeded)
		})
	}
	t.Run("sub-account", func(t *testing.T) {
		var subs []string
		require.NoError(t, jsonUnmarshal(a.artisan(t, "conformance:subs", mainUser), &subs))
		n := 0
		for task, err := range client(t, a).SubsetTasks(mainUser, &agentapi.ListSubsetTasksOptions{SubUserID: subs[0], PerPage: 20}).All(ctx(t)) {
			require.NoError(t, err)
			assert.Equal(t, subs[0], task.UserID)
			n++
		}
		assert.Equal(t, seeded/4, n)
	})
}

// TestSDKThrottle walks 12 pages through a throttle of 8 requests per
// 2 s window: the walk waits out the window instead of failing, learns the
// window from Laravel's headers, and so meets at most one 429 per window.
func TestSDKThrottle(t *testing.T) {
	t.Parallel()
	a := startApp(t, "THROTTLE_LIMIT=8", "THROTTLE_WINDOW=2")
	p := client(t, a).SubsetTasks(mainUser, &agentapi.ListSubsetTasksOptions{PerPage: 25}, agentapi.WithConcurrency(2))
	assert.Len(t, walk(t, p), seeded)
	st := p.Stats()
	windows := (st.Requests + 7) / 8
	assert.GreaterOrEqual(t, st.Requests, 12)
	assert.LessOrEqual(t, st.Throttled, windows, "at most one 429 per window: %+v", st)
}

// TestSDKDeletionsDuringWalk deletes tasks the walk has already read while
// it runs: the later tasks shift back onto pages already read, and the
// walk must still yield every task that existed throughout.
func TestSDKDeletionsDuringWalk(t *testing.T) {
	t.Parallel()
	a := startApp(t, "THROTTLE_LIMIT=100000")
	all := map[string]string{} // uuid → name, before any deletion
	for task, err := range client(t, a).SubsetTasks(mainUser, &agentapi.ListSubsetTasksOptions{PerPage: 100}).All(ctx(t)) {
		require.NoError(t, err)
		all[task.UUID] = task.Name
	}
	require.Len(t, all, seeded)

	var deleted atomic.Bool
	seen := map[string]bool{}
	p := client(t, a).SubsetTasks(mainUser, &agentapi.ListSubsetTasksOptions{PerPage: 20})
	for task, err := range p.All(ctx(t)) {
		require.NoError(t, err)
		seen[task.UUID] = true
		if len(seen) == 30 && !deleted.Load() { // mid-page 2: delete the 25 newest, all read already
			a.artisan(t, "conformance:delete", mainUser, "25")
			deleted.Store(true)
		}
	}
	require.True(t, deleted.Load())
	assert.True(t, p.Stats().Changed, "the walk saw the list shrink")
	assert.Positive(t, p.Stats().Refetched, "and read pages again to recover what shifted")
	var missing []string
	for id, name := range all {
		if !seen[id] && !isNewest25(name) {
			missing = append(missing, name)
		}
	}
	assert.Empty(t, missing, "tasks that existed for the whole walk and were not yielded")
}

// isNewest25 reports whether name is one of the 25 newest seeded tasks
// (numbers 276 to 300), the ones TestSDKDeletionsDuringWalk deletes.
func isNewest25(name string) bool {
	n, _ := strconv.Atoi(strings.TrimPrefix(strings.Fields(name)[0], "外呼任务-"))
	return n > seeded-25
}

func TestSDKErrors(t *testing.T) {
	t.Parallel()
	a := startApp(t, "THROTTLE_LIMIT=1000")
	noRetry := agentapi.WithMaxRetries(0)
	apiErr := func(t *testing.T, err error, status int, sentinel error) *agentapi.APIError {
		t.Helper()
		var e *agentapi.APIError
		require.ErrorAs(t, err, &e)
		assert.Equal(t, status, e.HTTPStatus)
		if sentinel != nil {
			assert.ErrorIs(t, err, sentinel)
		}
		return e
	}
	t.Run("401", func(t *testing.T) {
		c, err := agentapi.NewClient(a.URL, agentapi.WithToken("wrong"), noRetry)
		require.NoError(t, err)
		_, err = c.ListSubsetTasks(ctx(t), mainUser, nil)
		assert.Equal(t, "Unauthenticated.", apiErr(t, err, http.StatusUnauthorized, agentapi.ErrUnauthorized).Message)
	})
	t.Run("404", func(t *testing.T) {
		c, err := agentapi.NewClient(a.URL+"/prefix", agentapi.WithToken(mainToken), noRetry)
		require.NoError(t, err)
		_, err = c.ListSubsetTasks(ctx(t), mainUser, nil)
		apiErr(t, err, http.StatusNotFound, agentapi.ErrNotFound)
	})
	t.Run("405", func(t *testing.T) { // the SDK sends no other method here: checked by hand
		ex := send(t, a.URL, probe{method: http.MethodDelete, path: listPath(mainUser), header: []string{"Accept", "application/json"}})
		assert.Equal(t, http.StatusMethodNotAllowed, ex.status)
		assert.Equal(t, "GET, HEAD", ex.header.Get("Allow"))
	})
	t.Run("422", func(t *testing.T) {
		_, err := client(t, a, noRetry).ListSubsetTasks(ctx(t), mainUser, &agentapi.ListSubsetTasksOptions{Name: strings.Repeat("长", 256)})
		e := apiErr(t, err, http.StatusUnprocessableEntity, agentapi.ErrValidation)
		assert.NotEmpty(t, e.Errors["name"], "Laravel's field errors are kept")
	})
	t.Run("503", func(t *testing.T) {
		a.artisan(t, "down", "--retry=1")
		defer a.artisan(t, "up")
		_, err := client(t, a, noRetry).ListSubsetTasks(ctx(t), mainUser, nil)
		e := apiErr(t, err, http.StatusServiceUnavailable, agentapi.ErrServer)
		assert.Equal(t, "Service Unavailable", e.Message)
		assert.Equal(t, time.Second, e.RetryAfter)
	})
	t.Run("500", func(t *testing.T) { // last: it breaks the database
		require.NoError(t, os.Rename(filepath.Join(a.dir, "database.sqlite"), filepath.Join(a.dir, "gone.sqlite")))
		_, err := client(t, a, noRetry).ListSubsetTasks(ctx(t), mainUser, nil)
		assert.Equal(t, "Server Error", apiErr(t, err, http.StatusInternalServerError, agentapi.ErrServer).Message)
	})
}
