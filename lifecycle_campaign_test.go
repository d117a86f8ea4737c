package agentapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi"
	"github.com/f703e656/agentapi/agentapitest"
)

// TestLifecycleCampaign drives a whole campaign against the fake through
// the public API: hours, a task, its states, a copy and a delete.
func TestLifecycleCampaign(t *testing.T) {
	srv := agentapitest.NewServer()
	t.Cleanup(srv.Close)
	c, err := agentapi.NewClient(srv.URL, agentapi.WithRetryWait(time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	ctx := context.Background()
	const user = "demo"

	setup, err := c.GetTaskSetup(ctx, user, nil)
	require.NoError(t, err)
	require.NotEmpty(t, setup.DialTimeGroups)
	require.NotEmpty(t, setup.CallerLines)

	// Dial-time groups: created, listed, updated, a bad one refused.
	hours := &agentapi.DialTimeGroupInput{Name: "工作日", Content: []agentapi.DialTimeDay{
		{Week: 1, Times: []agentapi.TimeRange{{Begin: "09:00", End: "12:00"}}},
		{Week: 2, Times: []agentapi.TimeRange{{Begin: "09:00", End: "12:00"}, {Begin: "14:00", End: "18:00"}}},
	}}
	group, err := c.CreateDialTimeGroup(ctx, user, hours)
	require.NoError(t, err)
	require.Positive(t, group.ID)
	assert.Equal(t, hours.Content, group.Content)
	hours.Name, hours.SkipHoliday = "工作日(跳过节假日)", true
	updated, err := c.UpdateDialTimeGroup(ctx, user, group.ID, hours)
	require.NoError(t, err)
	assert.Equal(t, group.ID, updated.ID)
	groups, err := c.ListDialTimeGroups(ctx, user, nil)
	require.NoError(t, err)
	names := map[int]string{}
	for _, g := range groups.Items {
		names[g.ID] = g.Name
	}
	assert.Equal(t, "工作日(跳过节假日)", names[group.ID])
	_, err = c.CreateDialTimeGroup(ctx, user, &agentapi.DialTimeGroupInput{Name: "空"})
	assert.ErrorIs(t, err, agentapi.ErrInvalidArgument)
	_, err = c.UpdateDialTimeGroup(ctx, user, 99999, hours)
	assert.ErrorIs(t, err, agentapi.ErrNotFound)

	// A task on those hours, paused until started.
	in := spring("春季回访", setup)
	in.DialTimeID = group.ID
	created, err := c.CreateTask(ctx, user, in)
	require.NoError(t, err)
	require.NotEmpty(t, created.UUID)
	assert.Equal(t, []string{created.UUID}, listed(t, c, agentapi.FilterPaused))
	assert.Empty(t, listed(t, c, agentapi.FilterActive))

	// Laravel's 422 keeps its field errors: Extra replaced task_extras
	// without line and holiday.
	bad := spring("缺线路", setup)
	bad.Extra = map[string]any{"task_extras": map[string]any{"start_time": "2025-03-01 09:00:00", "stop_time": "2025-06-30 18:00:00"}}
	_, err = c.CreateTask(ctx, user, bad)
	require.ErrorIs(t, err, agentapi.ErrValidation)
	var apiErr *agentapi.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.NotEmpty(t, apiErr.Errors)

	in.Name, in.MaximumCall = "春季回访(二期)", 3
	_, err = c.UpdateTask(ctx, user, created.UUID, in)
	require.NoError(t, err)
	got, err := c.GetTask(ctx, user, created.UUID, nil)
	require.NoError(t, err)
	assert.Equal(t, "春季回访(二期)", got.Name)
	assert.Equal(t, 3, got.MaximumCall)
	assert.Equal(t, group.ID, got.DialTimeID)

	// Started in the console: listed as active, its settings locked.
	require.True(t, srv.SetTaskState(user, created.UUID, true, true))
	assert.Equal(t, []string{created.UUID}, listed(t, c, agentapi.FilterActive))
	_, err = c.UpdateTask(ctx, user, created.UUID, in)
	require.ErrorIs(t, err, agentapi.ErrTaskRunning)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 6007, apiErr.Code)

	require.NoError(t, c.PauseTask(ctx, user, created.UUID, nil))
	st, ok := srv.Task(user, created.UUID)
	require.True(t, ok)
	assert.False(t, st.Enable)
	assert.False(t, st.CallStatus)
	got, err = c.GetTask(ctx, user, created.UUID, nil)
	require.NoError(t, err)
	assert.Equal(t, agentapi.StatusPaused, got.Status())

	copied, err := c.CopyTask(ctx, user, created.UUID, nil)
	require.NoError(t, err)
	require.NotEmpty(t, copied.UUID)
	assert.NotEqual(t, created.UUID, copied.UUID)
	assert.Equal(t, "春季回访(二期)-副本", copied.Name)

	require.NoError(t, c.DeleteTask(ctx, user, created.UUID, nil))
	_, err = c.GetTask(ctx, user, created.UUID, nil)
	assert.ErrorIs(t, err, agentapi.ErrNotFound)
	assert.Equal(t, []string{copied.UUID}, listed(t, c, agentapi.FilterPaused))
	assert.Empty(t, listed(t, c, agentapi.FilterActive))
	err = c.DeleteTask(ctx, user, created.UUID, nil)
	assert.ErrorIs(t, err, agentapi.ErrNotFound, "a delete of a deleted task")
}

// listed returns the UUIDs of user demo's tasks in state f, through the pager.
func listed(t *testing.T, c *agentapi.Client, f agentapi.TaskFilter) []string {
	t.Helper()
	var ids []string
	for task, err := range c.Tasks("demo", &agentapi.ListTasksOptions{Status: []agentapi.TaskFilter{f}}).All(context.Background()) {
		require.NoError(t, err)
		ids = append(ids, task.UUID)
	}
	return ids
}
