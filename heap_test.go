package agentapi

import "runtime"

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
