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
