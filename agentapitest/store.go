package agentapitest

import (
	"strconv"
)

// account is one main user and its tasks.
type account struct {
	id     string
	ids    []string    // task owners: the user itself, its sub-accounts, then owners seeds named
	quoted [][]byte    // ids as JSON strings, ready to append
	tasks  []task      // oldest first; the list shows them newest first
	next   int         // seq of the next task added: numbers are never reused
	life   lifeAccount // dial-time groups and the lifecycle's counters: lifecycle_store.go
}

// newAccount returns the empty account of userID.
func newAccount(userID string) *account {
	a := &account{id: userID}
	for _, id := range append([]string{userID}, SubAccounts(userID)...) {
		a.owner(id)
	}
	return a
}

// owner returns the index of the owner id in a.ids, adding it if new.
func (a *account) owner(id string) int {
	for i, have := range a.ids {
		if have == id {
			return i
		}
	}
	a.ids = append(a.ids, id)
	a.quoted = append(a.quoted, quoteJSON(id))
	return len(a.ids) - 1
}

// accountLocked returns the account of userID, creating it; f.mu is held.
func (f *Fake) accountLocked(userID string) *account {
	a := f.accounts[userID]
	if a == nil {
		a = newAccount(userID)
		f.accounts[userID] = a
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
	a := f.accountLocked(userID)
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
		b = appendHead(b, listMessage, total, q)
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
	match := likeMatcher(q.name)
	for i := len(tasks) - 1; i >= 0; i-- {
		t := &tasks[i]
		if q.subUser != "" && a.ids[t.owner] != q.subUser || q.name != "" && !match(t.name) {
			continue
		}
		if skip < 0 {
			skip = offset(q)
		}
		if total >= skip && len(hits) < q.limit {
			hits = append(hits, i)
		}
		total++
	}
	b = appendHead(b, listMessage, total, q)
	for k, i := range hits {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendTask(b, a, &tasks[i])
	}
	return append(b, "]}"...)
}

// appendHead appends the envelope of a page with message up to the
// opening of "data", with the meta of Laravel's LengthAwarePaginator. Every
// paged list of the fake (subset_task, the 2.0 task list, the dial-time
// groups) writes its head here.
func appendHead(b []byte, message string, total int, q query) []byte {
	last := lastPage(total, q)
	b = append(b, `{"code":200,"status":"success","message":`...)
	b = appendString(b, message)
	b = append(b, `,"meta":{"has_pages":`...)
	// Laravel's hasPages(): currentPage() != 1 || hasMorePages().
	b = strconv.AppendBool(b, q.page != 1 || q.page < last)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, `,"last_page":`...)
	b = strconv.AppendInt(b, int64(last), 10)
	b = append(b, `,"current_page":`...)
	b = strconv.AppendInt(b, int64(q.page), 10)
	b = append(b, `,"per_page":`...)
	// Laravel echoes per_page as the query sent it, a string (as the
	// vendor's example shows it); its own default is an integer.
	if q.echo == "" {
		b = strconv.AppendInt(b, defaultPerPage, 10)
	} else {
		b = appendString(b, q.echo)
	}
	return append(b, `},"data":[`...)
}
