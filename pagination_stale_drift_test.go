package agentapi

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestStaleGuardSparesDeletionDrift serves pages 6-9 before four tasks
// ahead of them are deleted and pages 2-5 after: taken in order, pages 6-9
// bring nothing new, which drift explains. The no-progress guard must not
// end the walk, and every task present throughout is yielded once.
func TestStaleGuardSparesDeletionDrift(t *testing.T) {
	var mu sync.Mutex
	ids := make([]string, 30)
	for i := range ids {
		ids[i] = fmt.Sprintf("t-%02d", i)
	}
	var early sync.WaitGroup
	early.Add(4)
	var once sync.Once
	served := map[int]bool{} // pages 6-9 count once, though drift may read them again
	fetch := func(ctx context.Context, num int) (*TaskPage, fetchInfo, error) {
		if num >= 2 && num <= 5 { // served after pages 6-9, once 4 tasks were deleted
			early.Wait()
			once.Do(func() { mu.Lock(); ids = append(ids[:1:1], ids[5:]...); mu.Unlock() })
		}
		mu.Lock()
		n := len(ids)
		pg := &TaskPage{Meta: PageMeta{Total: n, LastPage: n, CurrentPage: num, PerPage: 1}}
		if num <= n {
			pg.Items = []Task{{UUID: ids[num-1]}}
		}
		mu.Unlock()
		mu.Lock()
		first := !served[num]
		served[num] = true
		mu.Unlock()
		if num >= 6 && num <= 9 && first {
			early.Done()
		}
		return pg, fetchInfo{}, nil
	}
	p := newPager(fetch, taskKey, 1, []PagerOption{WithConcurrency(8)})
	seen := map[string]int{}
	for task, err := range p.All(context.Background()) {
		require.NoError(t, err)
		seen[task.UUID]++
	}
	require.Equal(t, 1, seen["t-00"])
	for i := 5; i < 30; i++ {
		require.Equal(t, 1, seen[fmt.Sprintf("t-%02d", i)], "t-%02d, present throughout", i)
	}
}
