package agentapi

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

// Tests of the pager through the whole stack: Client.SubsetTasks against
// the agentapitest fake of the Laravel back end.

func newFakeClient(t *testing.T, srv *agentapitest.Server, opts ...Option) *Client {
	t.Helper()
	opts = append([]Option{WithRetryWait(time.Millisecond, 20*time.Millisecond)}, opts...)
	c, err := NewClient(srv.URL, opts...)
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// fakeOrder is the fake's list in order, read as one large page.
func fakeOrder(t *testing.T, c *Client, user string, n int) []string {
	t.Helper()
	pg, err := c.ListSubsetTasks(context.Background(), user, &ListSubsetTasksOptions{PerPage: n})
	require.NoError(t, err)
	require.Len(t, pg.Items, n)
	ids := make([]string, n)
	for i, task := range pg.Items {
		ids[i] = task.UUID
	}
	return ids
}

func TestSubsetTasksAgainstFake(t *testing.T) {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u-1", 503), agentapitest.WithLatency(time.Millisecond))
	t.Cleanup(srv.Close)
	c := newFakeClient(t, srv)
	want := fakeOrder(t, c, "u-1", 503)
	for _, conc := range []int{1, 8} {
		srv.ResetStats()
		var got []string
		statuses := map[TaskStatus]int{}
		for task, err := range c.SubsetTasks("u-1", &ListSubsetTasksOptions{PerPage: 20}, WithConcurrency(conc)).All(context.Background()) {
			require.NoError(t, err)
			got = append(got, task.UUID)
			statuses[task.Status()]++
		}
		assert.Equal(t, want, got, "concurrency %d: every task once, in order", conc)
		assert.Equal(t, 26, srv.Requests(), "one request per page, none past last_page")
		assert.LessOrEqual(t, srv.MaxInFlight(), conc)
		// The fake's documented cycle of ten: 3 dialing, 3 paused, 2 waiting, 1 abnormal, 1 undefined.
		assert.Equal(t, map[TaskStatus]int{StatusDialing: 153, StatusPaused: 150, StatusWaiting: 100, StatusAbnormal: 50, StatusUnknown: 50}, statuses)
	}
}

func TestSubsetTasksRateLimitedMidWalk(t *testing.T) {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u-1", 400), agentapitest.WithLatency(2*time.Millisecond))
	t.Cleanup(srv.Close)
	c := newFakeClient(t, srv)
	p := c.SubsetTasks("u-1", &ListSubsetTasksOptions{PerPage: 10}, WithConcurrency(8))
	n := 0
	for _, err := range p.All(context.Background()) {
		require.NoError(t, err, "a 429 that a retry gets past does not fail the walk")
		if n++; n == 50 {
			srv.InjectFaults(agentapitest.RateLimit("0"), agentapitest.RateLimit("0"))
		}
	}
	assert.Equal(t, 400, n)
	assert.Less(t, p.conc, 8, "the pager lowered its concurrency after the 429s")
	assert.GreaterOrEqual(t, p.conc, 1)
}

func TestSubsetTasksDriftAgainstFake(t *testing.T) {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u-1", 100))
	t.Cleanup(srv.Close)
	c := newFakeClient(t, srv)
	before := fakeOrder(t, c, "u-1", 100)
	seen := map[string]int{}
	n := 0
	for task, err := range c.SubsetTasks("u-1", &ListSubsetTasksOptions{PerPage: 10}).All(context.Background()) {
		require.NoError(t, err)
		seen[task.UUID]++
		if n++; n == 25 {
			srv.AddTasks("u-1", 7) // shifts every later page by 7
		}
	}
	for _, id := range before {
		assert.Equal(t, 1, seen[id], "task %s yielded once", id)
	}
	for id, k := range seen {
		assert.Equal(t, 1, k, "task %s", id)
	}
}

func TestSubsetTasksServerErrorMidWalk(t *testing.T) {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u-1", 100))
	t.Cleanup(srv.Close)
	c := newFakeClient(t, srv, WithMaxRetries(1))
	var got int
	var errs []error
	for _, err := range c.SubsetTasks("u-1", &ListSubsetTasksOptions{PerPage: 10}).All(context.Background()) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if got++; got == 30 {
			srv.InjectFaults(agentapitest.BadGateway(), agentapitest.BadGateway())
		}
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrServer)
	var apiErr *APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, 502, apiErr.HTTPStatus)
	assert.Equal(t, 30, got, "the tasks before the failed page were all yielded")
}

func TestSubsetTasksInvalidUser(t *testing.T) {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u-1", 10))
	t.Cleanup(srv.Close)
	c := newFakeClient(t, srv)
	for _, err := range c.SubsetTasks("..", nil).All(context.Background()) {
		assert.ErrorIs(t, err, ErrInvalidArgument)
	}
	assert.Zero(t, srv.Requests())
}
