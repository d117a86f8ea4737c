package agentapi

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// driftList is a list of tasks that changes while it is walked: before it
// serves a request, change may delete and create tasks. It pages by offset,
// as Laravel's paginate does, so that a deletion ahead of a page shifts the
// tasks after it back by one. It is served to a pager directly (fetch) or
// over HTTP as the endpoint's envelope (ServeHTTP).
type driftList struct {
	mu      sync.Mutex
	ids     []string
	initial []string
	deleted map[string]bool
	perPage int
	reqs    int
	created int
	rng     *rand.Rand
	delay   bool                                // sleep up to 1 ms before each request, to vary the order
	change  func(d *driftList, req, offset int) // runs under mu, before request number req (from 1) is served
}

func newDriftList(n, perPage int, seed uint64, change func(d *driftList, req, offset int)) *driftList {
	d := &driftList{perPage: perPage, deleted: map[string]bool{}, rng: rand.New(rand.NewPCG(seed, 7)), change: change}
	for i := range n {
		d.ids = append(d.ids, fmt.Sprintf("t-%05d", i))
	}
	d.initial = append([]string(nil), d.ids...)
	return d
}

// page serves page num of the list as it is now, after the change due.
func (d *driftList) page(num int) ([]string, PageMeta) {
	if d.delay {
		d.mu.Lock()
		wait := time.Duration(d.rng.IntN(1000)) * time.Microsecond
		d.mu.Unlock()
		time.Sleep(wait)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.reqs++
	if d.change != nil {
		d.change(d, d.reqs, (num-1)*d.perPage)
	}
	total := len(d.ids)
	last := max(1, (total+d.perPage-1)/d.perPage)
	lo, hi := min((num-1)*d.perPage, total), min(num*d.perPage, total)
	return append([]string(nil), d.ids[lo:hi]...), PageMeta{HasPages: last > 1, Total: total, LastPage: last, CurrentPage: num, PerPage: d.perPage}
}

// deleteRandom deletes k tasks at random positions in [lo, hi).
func (d *driftList) deleteRandom(k, lo, hi int) {
	for range k {
		hi = min(hi, len(d.ids))
		if lo >= hi {
			return
		}
		i := lo + d.rng.IntN(hi-lo)
		d.deleted[d.ids[i]] = true
		d.ids = append(d.ids[:i], d.ids[i+1:]...)
	}
}

// create inserts k new tasks at position at (0: the head, newest first).
func (d *driftList) create(k, at int) {
	at = min(at, len(d.ids))
	fresh := make([]string, k)
	for i := range fresh {
		d.created++
		fresh[i] = fmt.Sprintf("new-%05d", d.created)
	}
	d.ids = append(d.ids[:at], append(fresh, d.ids[at:]...)...)
}

// survivors are the tasks that existed for the whole walk.
func (d *driftList) survivors() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, id := range d.initial {
		if !d.deleted[id] {
			out = append(out, id)
		}
	}
	return out
}

func (d *driftList) requests() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.reqs
}

func (d *driftList) fetch(ctx context.Context, num int) (*TaskPage, fetchInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, fetchInfo{}, err
	}
	ids, meta := d.page(num)
	pg := &TaskPage{Meta: meta, Items: make([]Task, len(ids))}
	for i, id := range ids {
		pg.Items[i] = Task{UUID: id}
	}
	return pg, fetchInfo{}, nil
}

// ServeHTTP answers the subset_task endpoint with the list's page.
func (d *driftList) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	num, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if pp, _ := strconv.Atoi(r.URL.Query().Get("per_page")); pp != d.perPage {
		http.Error(w, "per_page "+strconv.Itoa(pp), http.StatusBadRequest)
		return
	}
	ids, m := d.page(max(num, 1))
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"code":200,"message":"ok","meta":{"has_pages":%t,"total":%d,"last_page":%d,"current_page":%d,"per_page":"%d"},"data":[`,
		m.HasPages, m.Total, m.LastPage, m.CurrentPage, m.PerPage)
	for i, id := range ids {
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprintf(w, `{"uuid":%q,"name":"任务 %s","enable":true}`, id, id)
	}
	fmt.Fprint(w, "]}")
}
