package agentapi

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heapGrowth runs walk, which calls sample now and then, and returns the
// largest growth of the live heap (after a GC) over its size before walk.
func heapGrowth(walk func(sample func()) (int, error)) (int64, int, error) {
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var peak uint64
	sample := func() {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc)
	}
	n, err := walk(sample)
	sample()
	return int64(peak) - int64(before.HeapAlloc), n, err
}

// TestPagerHeapStaysFlat walks 30,000 tasks (300 pages of 100, each with a
// fresh UUID string and 2,400 bytes of Raw, about 240 KiB a page like the
// real API's) and checks that the live heap grows by little more than the
// seen set: the pages themselves do not accumulate.
func TestPagerHeapStaysFlat(t *testing.T) {
	const perPage, pages, conc = 100, 300, 4
	fetch := func(_ context.Context, page int) (*TaskPage, fetchInfo, error) {
		pg := &TaskPage{Meta: PageMeta{CurrentPage: page, LastPage: pages, PerPage: perPage, Total: perPage * pages}}
		pg.Items = make([]Task, perPage)
		for i := range pg.Items {
			pg.Items[i] = Task{UUID: fmt.Sprintf("%08x-0000-4000-8000-%012x", page, i), Raw: make([]byte, 2400)}
		}
		return pg, fetchInfo{}, nil
	}
	growth, n, err := heapGrowth(func(sample func()) (int, error) {
		n := 0
		for _, err := range newPager(fetch, taskKey, 1, []PagerOption{WithConcurrency(conc)}).All(context.Background()) {
			if err != nil {
				return n, err
			}
			if n++; n%2500 == 0 {
				sample()
			}
		}
		return n, nil
	})
	require.NoError(t, err)
	require.Equal(t, perPage*pages, n)
	// The seen set: a 36-byte UUID in a 48-byte allocation, plus a 16-byte
	// string header in a map slot, with the map's growth slack: measured at
	// about 75 bytes a task (2.1 MiB for 30,000); 128 are allowed. The
	// pages: at most 2*conc held in the window (in flight, or arrived ahead
	// of the one delivered), plus the consumer's and one for the fetcher
	// building its page, each 100 tasks of Task, Raw and UUID. 240 MiB of
	// pages go through the walk.
	pageBytes := perPage * (int(unsafe.Sizeof(Task{})) + 2400 + 48)
	bound := int64(perPage*pages*128 + (2*conc+2)*pageBytes)
	t.Logf("heap growth over %d tasks: %.2f MiB (bound %.2f MiB, page %.0f KiB)",
		n, float64(growth)/(1<<20), float64(bound)/(1<<20), float64(pageBytes)/(1<<10))
	assert.Less(t, growth, bound)
}
