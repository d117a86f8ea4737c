package agentapi

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

// TestGetTaskStatusMatchesList checks, for every state the fake can put a
// task in, that GetTask (whose settings view has no top-level enable)
// derives the status the list shows.
func TestGetTaskStatusMatchesList(t *testing.T) {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u1", 0))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	ctx := context.Background()
	created, err := c.CreateTask(ctx, "u1", sampleInput())
	require.NoError(t, err)
	for _, st := range []struct {
		enable, callStatus bool
		want               TaskStatus
	}{{true, true, StatusDialing}, {true, false, StatusWaiting}, {false, false, StatusPaused}} {
		require.True(t, srv.SetTaskState("u1", created.UUID, st.enable, st.callStatus))
		got, err := c.GetTask(ctx, "u1", created.UUID, nil)
		require.NoError(t, err)
		assert.Equal(t, st.want, got.Status(), "enable=%v call_status=%v", st.enable, st.callStatus)
		page, err := c.ListTasks(ctx, "u1", nil)
		require.NoError(t, err)
		require.Len(t, page.Items, 1)
		assert.Equal(t, st.want, page.Items[0].Status())
	}
}

// TestGetTaskStatusMatchesListForGeneratedTasks checks the same for the
// fake's generated tasks, which cover every status (abnormal and unknown
// included).
func TestGetTaskStatusMatchesListForGeneratedTasks(t *testing.T) {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u1", 10))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	ctx := context.Background()
	page, err := c.ListSubsetTasks(ctx, "u1", &ListSubsetTasksOptions{PerPage: 10})
	require.NoError(t, err)
	seen := map[TaskStatus]bool{}
	for _, listed := range page.Items {
		got, err := c.GetTask(ctx, "u1", listed.UUID, nil)
		require.NoError(t, err)
		assert.Equal(t, listed.Status(), got.Status(), "task %s", listed.Name)
		seen[listed.Status()] = true
	}
	assert.Len(t, seen, 5, "every status is covered")
}
