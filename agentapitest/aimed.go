package agentapitest

import (
	"net/http"
	"strconv"
)

// WithPageFault aims ft at the first request for page page of the list
// (see InjectPageFault).
func WithPageFault(page int, ft Fault) Option {
	return func(f *Fake) { f.InjectPageFault(page, ft) }
}

// WithRequestFault aims ft at request number n (see InjectRequestFault).
func WithRequestFault(n int, ft Fault) Option {
	return func(f *Fake) { f.InjectRequestFault(n, ft) }
}

// InjectPageFault aims ft at the next request for page page of the task
// list (the page as Laravel reads the query: page=x is page 1), whatever
// other requests arrive first: with pages fetched in parallel, the fault
// hits the page, not whichever request happens to come next. Aim several
// faults at a page to fault several requests for it, in turn. Page faults
// come before the queued faults (InjectFaults) and after the request
// faults (InjectRequestFault). A page < 1 is ignored.
func (f *Fake) InjectPageFault(page int, ft Fault) {
	if page < 1 {
		return
	}
	f.aimMu.Lock()
	if f.pageFaults == nil {
		f.pageFaults = make(map[int][]Fault)
	}
	f.pageFaults[page] = append(f.pageFaults[page], ft)
	f.aimMu.Unlock()
}

// InjectRequestFault aims ft at request number n, counted as Requests
// counts (1 is the first request since the start or ResetStats), whatever
// its path. Aim several at one number to have them taken in turn after
// ResetStats. An n < 1 is ignored.
func (f *Fake) InjectRequestFault(n int, ft Fault) {
	if n < 1 {
		return
	}
	f.aimMu.Lock()
	if f.reqFaults == nil {
		f.reqFaults = make(map[int64][]Fault)
	}
	f.reqFaults[int64(n)] = append(f.reqFaults[int64(n)], ft)
	f.aimMu.Unlock()
}

// faultFor returns the fault request number n (r) gets, if any: aimed at
// its number, aimed at its page, then the next queued one.
func (f *Fake) faultFor(n int64, r *http.Request, routed bool) (Fault, bool) {
	f.aimMu.Lock()
	if ft, ok := pop(f.reqFaults, n); ok {
		f.aimMu.Unlock()
		return ft, ft.kind != 0
	}
	if routed && len(f.pageFaults) > 0 {
		q, _, _ := parseQuery(r.URL.RawQuery)
		if ft, ok := pop(f.pageFaults, q.page); ok {
			f.aimMu.Unlock()
			return ft, ft.kind != 0
		}
	}
	f.aimMu.Unlock()
	ft, ok := f.nextFault()
	return ft, ok && ft.kind != 0 // the zero Fault is a normal response
}

// pop takes the first fault queued under key k of m.
func pop[K comparable](m map[K][]Fault, k K) (Fault, bool) {
	q := m[k]
	if len(q) == 0 {
		return Fault{}, false
	}
	if len(q) == 1 {
		delete(m, k)
	} else {
		m[k] = q[1:]
	}
	return q[0], true
}

// Down puts the fake in maintenance mode, as "php artisan down" does:
// every request, whatever its path, method or token, gets HTTP 503
// {"message": "Service Unavailable"} (pretty-printed), with Retry-After
// set to retryAfter seconds when it is positive (artisan down --retry).
// Faults still come first.
func (f *Fake) Down(retryAfter int) {
	f.downMu.Lock()
	f.down, f.downRetry = true, ""
	if retryAfter > 0 {
		f.downRetry = strconv.Itoa(retryAfter)
	}
	f.downMu.Unlock()
}

// Up ends maintenance mode, as "php artisan up" does.
func (f *Fake) Up() {
	f.downMu.Lock()
	f.down, f.downRetry = false, ""
	f.downMu.Unlock()
}

// maintenance returns the Retry-After value and true while the fake is
// down.
func (f *Fake) maintenance() (string, bool) {
	f.downMu.Lock()
	defer f.downMu.Unlock()
	return f.downRetry, f.down
}
