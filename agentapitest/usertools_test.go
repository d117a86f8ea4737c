package agentapitest_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

func TestTaskSeeds(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 2), agentapitest.WithTaskSeeds("u1",
		agentapitest.TaskSeed{Name: "first \"quoted\"", Status: "paused", UUID: "my-uuid-1"},
		agentapitest.TaskSeed{Name: "second", Status: "abnormal", NullExtra: true, UserID: "sub-x"},
		agentapitest.TaskSeed{Status: "abnormal"},
		agentapitest.TaskSeed{Name: "fourth", Status: "waiting"},
		agentapitest.TaskSeed{Name: "fifth", Status: "unknown"},
	))
	env := list(t, s, "u1", "per_page=10")
	require.Len(t, env.Data, 7)
	assert.Equal(t, "fifth", env.Data[0]["name"], "the last seed is the newest")
	assert.Equal(t, false, env.Data[0]["enable"])
	assert.Equal(t, true, env.Data[0]["new_task_extra"].(map[string]any)["call_status"])
	assert.Equal(t, true, env.Data[1]["enable"])
	assert.Equal(t, false, env.Data[1]["new_task_extra"].(map[string]any)["call_status"])
	assert.Equal(t, []any{}, env.Data[2]["new_task_extra"])
	assert.Contains(t, env.Data[2]["name"], "外呼任务-0005", "a generated name")
	assert.Nil(t, env.Data[3]["new_task_extra"])
	assert.Equal(t, "sub-x", env.Data[3]["user_id"])
	assert.Equal(t, "my-uuid-1", env.Data[4]["uuid"])
	assert.Equal(t, "first \"quoted\"", env.Data[4]["name"])
	assert.Equal(t, false, env.Data[4]["enable"])
	assert.Equal(t, "u1", env.Data[4]["user_id"])
	assert.Equal(t, 1, list(t, s, "u1", "sub_user_id=sub-x").Meta.Total)
}

func TestPageFaultHitsThePage(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 50), agentapitest.WithPageFault(3, agentapitest.ServerError(502)))
	var wg sync.WaitGroup
	statuses := make([]int, 6)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = do(t, s, http.MethodGet, listPath("u1", "per_page=10&page="+string(rune('1'+i)))).status
		}()
	}
	wg.Wait()
	assert.Equal(t, []int{200, 200, 502, 200, 200, 200}, statuses)
	assert.Equal(t, http.StatusOK, do(t, s, http.MethodGet, listPath("u1", "per_page=10&page=3")).status, "once")
}

func TestRequestFault(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 5), agentapitest.WithRequestFault(2, agentapitest.RateLimit("1")))
	got := []int{}
	for range 3 {
		got = append(got, do(t, s, http.MethodGet, listPath("u1", "")).status)
	}
	assert.Equal(t, []int{200, 429, 200}, got)
}

func TestRequestLog(t *testing.T) {
	s := newServer(t, agentapitest.WithToken("tok"), agentapitest.WithTasks("u1", 5))
	do(t, s, http.MethodGet, listPath("u1", "page=2"), "Authorization", "Bearer tok", "X-Api-Key", "k1")
	do(t, s, http.MethodGet, listPath("u1", "api_token=tok&per_page=3"))
	log := s.RequestLog()
	require.Len(t, log, 2)
	assert.Equal(t, 1, log[0].Number)
	assert.Equal(t, "GET", log[0].Method)
	assert.Equal(t, "u1", log[0].UserID)
	assert.Equal(t, "2", log[0].Query.Get("page"))
	assert.Equal(t, "[redacted]", log[0].Header.Get("Authorization"))
	assert.Equal(t, "[redacted]", log[0].Header.Get("X-Api-Key"))
	assert.Equal(t, "application/json", log[0].Header.Get("Accept"))
	assert.Equal(t, "api_token=%5Bredacted%5D&per_page=3", log[1].RawQuery)
	assert.Equal(t, "[redacted]", log[1].Query.Get("api_token"))
	last, _ := s.LastRequest()
	assert.Equal(t, "tok", last.Query.Get("api_token"), "LastRequest is the request as sent")
	s.ClearRequestLog()
	assert.Empty(t, s.RequestLog())
}
