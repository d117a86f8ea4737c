package agentapitest

import (
	"strconv"
	"strings"
)

// account is one main user and its tasks.
type account struct {
	id     string
	ids    [4]string   // task owners by seq%4: the user itself, then its sub-accounts
	quoted [4][]byte   // ids as JSON strings, ready to append
	tasks  []task      // oldest first; the list shows them newest first
	next   int         // seq of the next task added: numbers are never reused
	life   lifeAccount // dial-time groups and the lifecycle's counters: lifecycle_store.go
}

// newAccount returns the empty account of userID.
func newAccount(userID string) *account {
	a := &account{id: userID}
	a.ids[0] = userID
	copy(a.ids[1:], SubAccounts(userID))
	for i, id := range a.ids {
		a.quoted[i] = quoteJSON(id)
	}
	return a
}

// addTasks adds n tasks to userID, creating the account if needed.
func (f *Fake) addTasks(userID string, n int) {
	if n < 0 {
		n = 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.accounts[userID]
	if a == nil {
		a = newAccount(userID)
		f.accounts[userID] = a
	}
	a.tasks = append(a.tasks, make([]task, n)...)
	for i := len(a.tasks) - n; i < len(a.tasks); i++ {
		a.tasks[i] = newTask(userID, a.next)
		a.next++
	}
}

// AddTasks creates n new tasks for userID while the fake runs. Being the
// newest, they come first in the list and shift every other task n places
// down, as on the real server when tasks are created during a walk. A
// negative n adds none.
func (f *Fake) AddTasks(userID string, n int) { f.addTasks(userID, n) }

// DeleteTasks deletes the n newest tasks of userID (the first n of the
// list), shifting every other task n places up. It deletes all of them when
// n exceeds their number, none when n is negative or the user is unknown.
func (f *Fake) DeleteTasks(userID string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.accounts[userID]
	if a == nil || n <= 0 {
		return
	}
	keep := max(len(a.tasks)-n, 0)
	clear(a.tasks[keep:])
	a.tasks = a.tasks[:keep]
}

// TaskCount returns the number of tasks userID has now, sub-accounts
// included.
func (f *Fake) TaskCount(userID string) int {
	f.mu.RLock()
	defer f.mu.RUnlock()
	if a := f.accounts[userID]; a != nil {
		return len(a.tasks)
	}
	return 0
}

// query is a validated request for one page.
type query struct {
	page    int
	perPage int
	echo    string // per_page as sent, echoed as a JSON string; "" when defaulted
	name    string // substring of the task name; "" for all
	subUser string // owner id; "" for all
}

// listMessage is the message of a successful page.
const listMessage = "返回所有子账号的任务列表信息成功"

// appendPage appends the envelope of the page q asks of userID's tasks.
// It holds the read lock while rendering, so pages never see a half-made
// change, and renders straight into b: no intermediate copy.
func (f *Fake) appendPage(b []byte, userID string, q query) []byte {
	f.mu.RLock()
	defer f.mu.RUnlock()
	a := f.accounts[userID]
	var tasks []task
	if a != nil {
		tasks = a.tasks
	}
	if q.name == "" && q.subUser == "" {
		total := len(tasks)
		from, to := window(total, q)
		b = appendHead(b, total, q)
		for i := from; i < to; i++ { // position i of the list is tasks[len-1-i]
			if i > from {
				b = append(b, ',')
			}
			b = appendTask(b, a, &tasks[len(tasks)-1-i])
		}
		return append(b, "]}"...)
	}
	// Filtered: one pass counts the matches and keeps those of the page.
	total, skip := 0, -1
	var hits []int
	for i := len(tasks) - 1; i >= 0; i-- {
		t := &tasks[i]
		if q.subUser != "" && a.ids[t.seq%4] != q.subUser || !strings.Contains(t.name, q.name) {
			continue
		}
		if skip < 0 {
			skip = offset(q)
		}
		if total >= skip && len(hits) < q.perPage {
			hits = append(hits, i)
		}
		total++
	}
	b = appendHead(b, total, q)
	for k, i := range hits {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendTask(b, a, &tasks[i])
	}
	return append(b, "]}"...)
}

// offset returns the list position of q's first task, saturated so that a
// huge page cannot overflow.
func offset(q query) int {
	const maxInt = int(^uint(0) >> 1)
	if q.page-1 > maxInt/q.perPage {
		return maxInt
	}
	return (q.page - 1) * q.perPage
}

// window returns the list positions [from, to) of q's page in a list of
// total tasks; from == to past the end.
func window(total int, q query) (from, to int) {
	from = min(offset(q), total)
	return from, from + min(q.perPage, total-from)
}

// appendHead appends the envelope up to the opening of "data", with the
// meta of Laravel's LengthAwarePaginator.
func appendHead(b []byte, total int, q query) []byte {
	last := max(total/q.perPage+boolInt(total%q.perPage != 0), 1)
	b = append(b, `{"code":200,"status":"success","message":"`+listMessage+`","meta":{"has_pages":`...)
	// Laravel's hasPages(): currentPage() != 1 || hasMorePages().
	b = strconv.AppendBool(b, q.page != 1 || q.page < last)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, `,"last_page":`...)
	b = strconv.AppendInt(b, int64(last), 10)
	b = append(b, `,"current_page":`...)
	b = strconv.AppendInt(b, int64(q.page), 10)
	b = append(b, `,"per_page":`...)
	// per_page goes out as a string, as the vendor's example shows it:
	// Laravel echoes the query value.
	if q.echo == "" {
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(q.perPage), 10)
		b = append(b, '"')
	} else {
		b = appendString(b, q.echo)
	}
	return append(b, `},"data":[`...)
}
