package agentapitest_test

import (
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

func TestDrift(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 30))
	before := uuids(list(t, s, "u1", "per_page=30"))
	require.Len(t, before, 30)

	s.AddTasks("u1", 5) // newest first: they push everything 5 places down
	env := list(t, s, "u1", "per_page=10")
	assert.Equal(t, 35, env.Meta.Total)
	assert.Equal(t, 4, env.Meta.LastPage)
	assert.Equal(t, before[:5], uuids(env)[5:])
	added := uuids(env)[:5]
	assert.Equal(t, "外呼任务-0035 活动邀约", env.Data[0]["name"], "the newest is task 34")
	assert.Equal(t, 35, s.TaskCount("u1"))

	s.DeleteTasks("u1", 8) // the 5 added and 3 more: everything moves 3 places up from the start
	after := uuids(list(t, s, "u1", "per_page=100"))
	assert.Equal(t, before[3:], after)
	for _, id := range added {
		assert.NotContains(t, after, id)
	}

	s.AddTasks("u1", 2) // numbers are never reused: new UUIDs
	for _, id := range uuids(list(t, s, "u1", "per_page=2")) {
		assert.NotContains(t, before, id)
		assert.NotContains(t, added, id)
	}

	s.DeleteTasks("u1", 1000)
	assert.Equal(t, 0, list(t, s, "u1", "").Meta.Total)
	s.DeleteTasks("nobody", 3) // no-ops, no panic
	s.DeleteTasks("u1", -1)
	s.AddTasks("u1", -1)
	assert.Equal(t, 0, s.TaskCount("u1"))
	assert.Equal(t, 0, s.TaskCount("nobody"))
}

func TestCountersUnderConcurrency(t *testing.T) {
	const n = 8
	s := newServer(t, agentapitest.WithTasks("u1", 50), agentapitest.WithLatency(300*time.Millisecond))
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do(t, s, http.MethodGet, listPath("u1", "per_page=5"))
		}()
	}
	wg.Wait()
	assert.Equal(t, n, s.Requests())
	assert.Equal(t, n, s.MaxInFlight(), "all eight waited out the latency together")
	// A handler may still be returning after its client has read the body.
	require.Eventually(t, func() bool { return s.InFlight() == 0 }, 5*time.Second, time.Millisecond)

	s.ResetStats()
	assert.Equal(t, 0, s.Requests())
	assert.Equal(t, 0, s.MaxInFlight())
	do(t, s, http.MethodGet, "/elsewhere")
	assert.Equal(t, 1, s.Requests(), "every request counts, whatever its path")
	assert.Equal(t, 1, s.MaxInFlight())
}

func TestDeterministic(t *testing.T) {
	a := newServer(t, agentapitest.WithTasks("u1", 120), agentapitest.WithTasks("u2", 7))
	b := newServer(t, agentapitest.WithTasks("u2", 7), agentapitest.WithTasks("u1", 100), agentapitest.WithTasks("u1", 20))
	for _, path := range []string{
		listPath("u1", "per_page=100"), listPath("u1", "per_page=100&page=2"),
		listPath("u2", ""), listPath("u1", "name=回访"),
	} {
		ra, rb := do(t, a, http.MethodGet, path), do(t, b, http.MethodGet, path)
		assert.Equal(t, ra.body, rb.body, path)
		assert.Equal(t, ra.header, rb.header, path)
	}
	other := newServer(t, agentapitest.WithTasks("u3", 120))
	assert.NotEqual(t, list(t, a, "u1", "").Data[0]["uuid"], list(t, other, "u3", "").Data[0]["uuid"])
}

// seedTask returns the task of the vendor's example response.
func seedTask(t *testing.T) map[string]any {
	t.Helper()
	raw, err := os.ReadFile("../testdata/subset_task_example.json")
	require.NoError(t, err)
	var seed struct{ Data []map[string]any }
	require.NoError(t, json.Unmarshal(raw, &seed))
	require.Len(t, seed.Data, 1)
	return seed.Data[0]
}

// sameShape checks that got has exactly the keys of want and, where both
// are not null, values of the same JSON kind, recursively.
func sameShape(t *testing.T, path string, want, got any) {
	t.Helper()
	if want == nil || got == nil {
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !assert.True(t, ok, "%s: want an object, got %T", path, got) {
			return
		}
		wk, gk := keys(w), keys(g)
		assert.Equal(t, wk, gk, "%s: keys", path)
		for k, wv := range w {
			sameShape(t, path+"."+k, wv, g[k])
		}
	case []any:
		g, ok := got.([]any)
		if assert.True(t, ok, "%s: want a list, got %T", path, got) && len(w) > 0 {
			for i, gv := range g {
				sameShape(t, path+"[]", w[min(i, len(w)-1)], gv)
			}
		}
	default:
		assert.IsType(t, want, got, "%s", path)
	}
}

func keys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestTasksHaveTheSeedShape(t *testing.T) {
	seed := seedTask(t)
	s := newServer(t, agentapitest.WithTasks("5832d184-dd53-42a0-8ace-0bf8d660f4cc", 100))
	r := do(t, s, http.MethodGet, listPath("5832d184-dd53-42a0-8ace-0bf8d660f4cc", "per_page=100"))
	require.Equal(t, http.StatusOK, r.status)
	var env struct{ Data []json.RawMessage }
	require.NoError(t, json.Unmarshal(r.body, &env))
	require.Len(t, env.Data, 100)
	uuidRE := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	dateRE := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`)
	for _, raw := range env.Data {
		require.True(t, json.Valid(raw))
		var task map[string]any
		require.NoError(t, json.Unmarshal(raw, &task))
		want := seed
		if extra, _ := task["new_task_extra"].([]any); extra != nil { // abnormal: PHP's empty array
			assert.Empty(t, extra)
			want = map[string]any{}
			for k, v := range seed {
				want[k] = v
			}
			want["new_task_extra"] = nil
		}
		sameShape(t, "task", want, task)
		assert.Regexp(t, uuidRE, task["uuid"])
		assert.Regexp(t, dateRE, task["create_datetime"])
		assert.Regexp(t, dateRE, task["alter_datetime"])
	}
}

func TestStatusDistribution(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 100))
	counts := map[string]int{}
	for _, task := range list(t, s, "u1", "per_page=100").Data {
		enable := task["enable"].(bool)
		extra, ok := task["new_task_extra"].(map[string]any)
		switch {
		case !ok:
			counts["abnormal"]++
		case enable && extra["call_status"].(bool):
			counts["dialing"]++
		case !enable && !extra["call_status"].(bool):
			counts["paused"]++
		case enable:
			counts["waiting"]++
		default:
			counts["undefined"]++
		}
	}
	assert.Equal(t, map[string]int{"dialing": 30, "paused": 30, "waiting": 20, "abnormal": 10, "undefined": 10}, counts)
	raw := do(t, s, http.MethodGet, listPath("u1", "per_page=10")).body
	assert.Contains(t, string(raw), `"new_task_extra":[]`)
	assert.Contains(t, string(raw), `"wday":"-1"`)
	assert.Contains(t, string(raw), `"wday":0`)
}

func TestLargeFakeIsSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 100,000 tasks")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f := agentapitest.NewFake(agentapitest.WithTasks("big", 100_000))
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("100,000 tasks: %.1f MB of heap", float64(grown)/1e6)
	assert.Less(t, grown, int64(40<<20))
	assert.Equal(t, 100_000, f.TaskCount("big"))
	runtime.KeepAlive(f)
}
