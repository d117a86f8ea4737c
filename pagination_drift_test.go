package agentapi

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// driftScenarios change the list while it is walked, within what the
// Pager's Drift section guarantees: tasks are only deleted, or only
// created. Each changes the list on about a quarter of the requests, up to
// a fifth of the list (pages read again are requests too: without a cap
// the churn would feed on itself), a churn far above a real account's.
var driftScenarios = []struct {
	name    string
	deletes bool
	change  func(d *driftList, req, offset int)
}{
	{"deletions behind the cursor", true, func(d *driftList, req, offset int) {
		switch {
		case req == 1 || len(d.deleted) >= 60:
		case d.rng.IntN(20) == 0:
			d.deleteRandom(12, 0, offset) // more than a page at once
		case d.rng.IntN(4) == 0:
			d.deleteRandom(1+d.rng.IntN(3), 0, offset)
		}
	}},
	{"deletions anywhere", true, func(d *driftList, req, _ int) {
		if req > 1 && len(d.deleted) < 60 && d.rng.IntN(4) == 0 {
			d.deleteRandom(1+d.rng.IntN(3), 0, len(d.ids))
		}
	}},
	{"creations at the head", false, func(d *driftList, req, _ int) {
		if req > 1 && d.created < 60 && d.rng.IntN(4) == 0 {
			d.create(1+d.rng.IntN(3), 0)
		}
	}},
	{"creations anywhere", false, func(d *driftList, req, _ int) {
		if req > 1 && d.created < 60 && d.rng.IntN(4) == 0 {
			d.create(1+d.rng.IntN(3), d.rng.IntN(len(d.ids)+1))
		}
	}},
}

// TestPagerDriftNoSilentLoss walks lists that change between requests and
// checks that All yields every task that existed for the whole walk,
// exactly once, and nothing twice.
func TestPagerDriftNoSilentLoss(t *testing.T) {
	seeds := 8
	if testing.Short() {
		seeds = 2
	}
	for _, sc := range driftScenarios {
		for _, conc := range []int{1, 4, 8} {
			t.Run(fmt.Sprintf("%s/concurrency=%d", sc.name, conc), func(t *testing.T) {
				refetched, forward := 0, 0
				for seed := range uint64(seeds) {
					d := newDriftList(300, 10, seed, sc.change)
					d.delay = conc > 1
					p := newPager(d.fetch, taskKey, 1, []PagerOption{WithConcurrency(conc)})
					ids, err := collect(t, p)
					require.NoError(t, err, "seed %d", seed)
					checkOnce(t, d, ids, fmt.Sprint("seed ", seed))
					st := p.Stats()
					assert.Equal(t, d.requests(), st.Requests, "seed %d: every request counted", seed)
					assert.Equal(t, d.created > 0 || len(d.deleted) > 0, st.Changed, "seed %d", seed)
					refetched += st.Refetched
					forward += st.Requests - st.Refetched
				}
				t.Logf("%d pages read again for %d forward pages", refetched, forward)
				// About one page per boundary where the total fell, a few more
				// when the fall since the first read exceeds a page.
				assert.LessOrEqual(t, refetched, 2*forward, "pages read again, against forward pages")
				if sc.deletes {
					assert.Positive(t, refetched, "pages were read again")
				}
				if !sc.deletes && conc == 1 {
					assert.Zero(t, refetched, "a list that only grows, walked page after page, needs no page read again")
				}
			})
		}
	}
}

// checkOnce asserts that ids holds every survivor of d once and no id twice.
func checkOnce(t *testing.T, d *driftList, ids []string, msg string) {
	t.Helper()
	count := map[string]int{}
	for _, id := range ids {
		count[id]++
	}
	var missing, twice []string
	for _, id := range d.survivors() {
		if count[id] == 0 {
			missing = append(missing, id)
		}
	}
	for id, n := range count {
		if n > 1 {
			twice = append(twice, id)
		}
	}
	assert.Empty(t, missing, "%s: tasks present throughout, never yielded", msg)
	assert.Empty(t, twice, "%s: tasks yielded twice", msg)
}

// The scenario that deletes behind the cursor loses tasks when walked page
// after page without recovery: the test above can fail.
func TestDriftListLosesTasksWithoutRecovery(t *testing.T) {
	lost := 0
	for seed := range uint64(8) {
		d := newDriftList(300, 10, seed, driftScenarios[0].change)
		seen := map[string]bool{}
		for num := 1; ; num++ {
			ids, m := d.page(num)
			for _, id := range ids {
				seen[id] = true
			}
			if num >= m.LastPage {
				break
			}
		}
		for _, id := range d.survivors() {
			if !seen[id] {
				lost++
			}
		}
	}
	assert.Positive(t, lost, "a naive walk misses shifted tasks")
}

// Soft-deleting ten tasks already listed, in the middle of a walk over
// HTTP (the walk that lost ten other tasks in the issue), loses none.
func TestSubsetTasksDeletionsMidWalk(t *testing.T) {
	for _, conc := range []int{1, 4} {
		t.Run(fmt.Sprint("concurrency=", conc), func(t *testing.T) {
			d := newDriftList(250, 25, 1, func(d *driftList, req, _ int) {
				if req == 4 {
					d.deleteRandom(10, 0, 3*25)
				}
			})
			srv := newTestServer(t, d)
			c := newTestClient(t, srv.URL)
			p := c.SubsetTasks("u-1", &ListSubsetTasksOptions{PerPage: 25}, WithConcurrency(conc))
			ids, err := collect(t, p)
			require.NoError(t, err)
			checkOnce(t, d, ids, "")
			assert.GreaterOrEqual(t, len(ids), 240, "the deleted tasks may have been yielded before")
			st := p.Stats()
			assert.True(t, st.Changed)
			assert.Positive(t, st.Refetched)
			assert.Equal(t, d.requests(), st.Requests)
		})
	}
}

// Pages delivers a page read again as the server sent it, after the page
// that revealed the fall; every survivor is on some delivered page.
func TestPagerDriftPagesDeliversRereadPages(t *testing.T) {
	d := newDriftList(100, 10, 1, func(d *driftList, req, _ int) {
		if req == 5 {
			d.deleteRandom(3, 0, 30) // before page 5 is served: page 4 was read
		}
	})
	p := newPager(d.fetch, taskKey, 1, nil)
	var nums []int
	var ids []string
	for pg, err := range p.Pages(context.Background()) {
		require.NoError(t, err)
		nums = append(nums, pg.Meta.CurrentPage)
		for _, task := range pg.Items {
			ids = append(ids, task.UUID)
		}
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5, 4, 6, 7, 8, 9, 10}, nums, "page 4 again, right after page 5")
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	for _, id := range d.survivors() {
		assert.True(t, seen[id], "survivor %s delivered", id)
	}
	assert.Equal(t, WalkStats{Requests: 11, Refetched: 1, Changed: true}, p.Stats())
}
