package agentapi

import (
	"bytes"
	"strconv"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// within reports whether s's bytes lie inside b.
func within(s string, b []byte) bool {
	if s == "" || len(b) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(&b[0]))
	return p >= lo && p+uintptr(len(s)) <= lo+uintptr(len(b))
}

func TestDecodedTaskOwnsItsBytes(t *testing.T) {
	body := benchPage(3)
	_, tasks, err := decodeTaskPage(body, defaultZone())
	require.NoError(t, err)
	require.Len(t, tasks, 3)
	want := make([]Task, len(tasks))
	copy(want, tasks)
	raws := make([]string, len(tasks))
	for i, task := range tasks {
		raws[i] = string(task.Raw)
	}
	for i := range body {
		body[i] = 'X' // the request path reuses its buffers
	}
	for i, task := range tasks {
		assert.Equal(t, raws[i], string(task.Raw), "Raw is a copy")
		assert.Equal(t, "子账户"+string(rune('0'+i)), task.Name, "strings are not in the body")
		assert.Equal(t, "XML", task.DestinationDialplan)
		assert.Equal(t, "09:00", task.NewTaskExtra.WorkHour[0].Begin)
		assert.True(t, within(task.Name, task.Raw), "one allocation a task: its strings alias Raw")
		assert.True(t, within(task.NewTaskExtra.WorkHour[0].End, task.Raw))
		assert.False(t, within(task.UUID, task.Raw), "UUID has its own: the pager keeps it")
	}
	assert.Equal(t, want, tasks)
}

// TestKeptTasksKeepOnlyTheirBytes decodes 100,000 tasks, a page at a time
// from a fresh body, and keeps one task in a hundred: what stays alive is
// about those tasks' own bytes, not their pages.
func TestKeptTasksKeepOnlyTheirBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 100,000 tasks; skipped under -short")
	}
	page := benchPage(benchTasks)
	require.NotNil(t, page)
	var kept []Task
	growth, n, err := heapGrowth(func(sample func()) (int, error) {
		n := 0
		for p := 0; p < 100_000/benchTasks; p++ {
			_, tasks, err := decodeTaskPage(bytes.Clone(page), defaultZone())
			if err != nil {
				return n, err
			}
			n += len(tasks)
			kept = append(kept, tasks[p%benchTasks])
			if p%200 == 0 {
				sample()
			}
		}
		return n, nil
	})
	require.NoError(t, err)
	require.Equal(t, 100_000, n)
	require.Len(t, kept, 1000)
	t.Logf("1,000 tasks kept of 100,000: %.2f MiB retained (%.0f bytes a task; a page body is %d bytes)",
		float64(growth)/(1<<20), float64(growth)/1000, len(page))
	assert.Less(t, growth, int64(8<<20))
	for i, task := range kept {
		assert.Equal(t, "子账户"+strconv.Itoa(i%benchTasks), task.Name)
	}
}

// TestTaskSlabsAreTheTasksOwn checks the lists carved from a task's slabs:
// capped, each task's in its own allocation, a repeated object read whole.
func TestTaskSlabsAreTheTasksOwn(t *testing.T) {
	_, tasks, err := decodeTaskPage(benchPage(3), defaultZone())
	require.NoError(t, err)
	require.Len(t, tasks, 3)
	for i, task := range tasks {
		extras, remote := task.TaskExtras.WorkHour, task.NewTaskExtra.WorkHour
		require.Len(t, extras, 14)
		require.Len(t, remote, 2)
		assert.Equal(t, len(extras), cap(extras), "capped")
		assert.Equal(t, len(task.TaskExtras.WorkWeek), cap(task.TaskExtras.WorkWeek), "capped")
		_ = append(extras, WorkHour{Wday: 9})
		assert.Equal(t, -1, remote[0].Wday, "an append does not reach the next list")
		assert.NotNil(t, task.TaskExtras.Line, "[] is an empty list, not nil")
		assert.Empty(t, task.TaskExtras.Line)
		for j := range tasks[:i] {
			other := tasks[j].TaskExtras.WorkHour
			lo, hi := uintptr(unsafe.Pointer(&other[0])), uintptr(unsafe.Pointer(&other[len(other)-1]))
			p := uintptr(unsafe.Pointer(&extras[0]))
			assert.False(t, p >= lo && p <= hi, "task %d's work hours are in task %d's slab", i, j)
		}
	}

	_, tasks, err = decodeTaskPage([]byte(`{"code":200,"data":[{"task_extras":{"work_week":[1,2],"start_time":"2024-01-02"},`+
		`"task_extras":{"work_week":[3]},"group":{"id":1},"group":[]}]}`), defaultZone())
	require.NoError(t, err)
	require.Len(t, tasks, 1)
	assert.Equal(t, &TaskExtras{WorkWeek: []int{3}}, tasks[0].TaskExtras, "the last object wins whole")
	assert.Nil(t, tasks[0].Group, "the last group is empty")
}
