package agentapitest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The endpoint's path around its one parameter, user_id.
const (
	pathPrefix = "/agent-api/new/user/"
	pathSuffix = "/subset_task"
)

// ServeHTTP answers one request as the vendor's Laravel 8 back end would
// (checked against a real Laravel 8 application: see conformance/README.md
// in the repository), in Laravel's order:
//
//  1. maintenance mode (Down): HTTP 503 for every path and method;
//  2. routing: 404 for a path that is none of the routes (the list's, or
//     the lifecycle's: lifecycle.go), 200 with Allow for OPTIONS, 405 for a
//     method the route does not have (the list: GET and HEAD);
//  3. authentication (WithToken): 401 {"message":"Unauthenticated."} when
//     the request accepts JSON; otherwise the 500 HTML page an API-only
//     Laravel app answers (its guest redirect names a login route it lacks);
//  4. the throttle (WithRateLimit): 429, and X-RateLimit-Limit and
//     X-RateLimit-Remaining on every response from here on;
//  5. validation: 422 when name or sub_user_id is not a string or too long;
//  6. the list, or 500 when its query would fail in PHP or SQL.
//
// Steps 1 to 4 are the same for every route (gate); the lifecycle's
// endpoints then validate their bodies (see the package doc).
//
// Before that, it counts and logs the request, waits out the latency and
// takes the fault aimed at it, if any (see Fault), which replaces the
// response. Errors are JSON when the request accepts JSON, as the SDK's
// do, and Laravel's HTML pages otherwise; JSON errors other than 401 and
// 422 are pretty-printed with 4-space indents, as Laravel prints them.
//
// The list honours the query as Laravel does, after its TrimStrings and
// ConvertEmptyStringsToNull middleware:
//   - page: a decimal integer >= 1 (PHP's FILTER_VALIDATE_INT: no leading
//     zero, no fraction); anything else reads as 1. A page past the end
//     has "data":[] and the meta of the asked page.
//   - per_page: missing, "" or "0" is the default, sent as the integer 15;
//     any other PHP numeric string is used as PHP would (a fraction cuts
//     the offset and the limit: per_page=2.5 gives overlapping pages) and
//     echoed as the trimmed string ("per_page":" 5 " gives "5"). A zero
//     that is not "0", a negative, non-numeric or array value is HTTP 500
//     {"message": "Server Error"}, as on the real server.
//   - name: an SQL LIKE '%name%': "%" and "_" are wildcards, ASCII case is
//     ignored.
//   - sub_user_id: keeps the tasks whose user_id is that id.
//
// An unknown user has an empty list: total 0, last_page 1. meta.has_pages
// is Laravel's hasPages(): current_page != 1 or current_page < last_page.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := f.enter()
	defer f.leave()
	userID, routed := routeUserID(r.URL.EscapedPath())
	f.record(r, userID, n)
	ft, faulty := f.faultFor(n, r, routed)
	if !f.wait(r.Context()) {
		if r.Context().Err() == nil { // the server is closing: drop the connection, not a blank 200
			dropConnection(w, "")
		}
		return // or the client gave up: nobody to answer
	}
	h := w.Header()
	h.Set("X-Request-Id", "fake-"+strconv.FormatInt(f.ids.Add(1), 10))
	if faulty && ft.kind != faultTruncated {
		ft.serve(w)
		return
	}
	bp := f.getBuf()
	defer f.putBuf(bp)
	status, body := f.respond((*bp)[:0], h, r, userID, routed)
	*bp = body
	if faulty { // a truncated body: what the request would have got, cut in the middle
		status, body = http.StatusOK, body[:len(body)/2]
		h.Set("Content-Type", "application/json")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client went away: nothing to do
	}
}

// respond appends to b the body of the normal answer to r, sets its
// headers in h, and returns its status and body. It is the one place where
// routes are dispatched: a new route is a case of the switch below.
func (f *Fake) respond(b []byte, h http.Header, r *http.Request, userID string, routed bool) (int, []byte) {
	h.Set("Cache-Control", "no-cache, private")
	if retry, down := f.maintenance(); down { // global middleware: before routing
		if retry != "" {
			h.Set("Retry-After", retry)
		}
		return appendError(b, h, r, http.StatusServiceUnavailable, "Service Unavailable")
	}
	var rt route
	var lifeUser, id string
	if !routed {
		rt, lifeUser, id = matchRoute(r.URL.EscapedPath())
	}
	switch {
	case routed:
		return f.respondList(b, h, r, userID)
	case rt != routeNone: // the 2.0 lifecycle and dial-time groups: lifecycle.go
		return f.respondLifecycle(b, h, r, rt, lifeUser, id)
	default:
		return appendError(b, h, r, http.StatusNotFound, "")
	}
}

// respondList answers a request to the task list's path: the method
// check, authentication, the throttle, then the page.
func (f *Fake) respondList(b []byte, h http.Header, r *http.Request, userID string) (int, []byte) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions: // Laravel's router answers OPTIONS itself, before any middleware
		h.Set("Allow", "GET,HEAD")
		h.Set("Content-Type", "text/html; charset=UTF-8")
		return http.StatusOK, b
	default:
		h.Set("Allow", "GET, HEAD")
		return appendError(b, h, r, http.StatusMethodNotAllowed,
			"The "+r.Method+" method is not supported for this route. Supported methods: GET, HEAD.")
	}
	if status, out, refused := f.gate(b, h, r); refused {
		return status, out
	}
	q, fields, ok := parseQuery(r.URL.RawQuery)
	if len(fields) > 0 {
		return appendValidation(b, h, fields)
	}
	if !ok {
		return appendError(b, h, r, http.StatusInternalServerError, "Server Error")
	}
	h.Set("Content-Type", "application/json")
	b = f.appendPage(b, userID, q)
	if f.phpEscapes {
		b = appendPHPEscaped(make([]byte, 0, len(b)+len(b)/4), b)
	}
	return http.StatusOK, b
}

// gate runs the route middleware every route has, in Laravel's order:
// authentication (WithToken), then the throttle (WithRateLimit), which
// counts per caller. It reports true, with the answer, when the request
// stops there.
func (f *Fake) gate(b []byte, h http.Header, r *http.Request) (int, []byte, bool) {
	caller, ok := f.authenticate(r)
	if !ok {
		if !wantsJSON(r) { // the guest redirect needs route('login'), which an API-only app lacks
			status, out := appendError(b, h, r, http.StatusInternalServerError, "Server Error")
			return status, out, true
		}
		status, out := appendError(b, h, r, http.StatusUnauthorized, "Unauthenticated.")
		return status, out, true
	}
	if f.limit != nil {
		if retry, limited := f.limit.take(caller, h); limited {
			h.Set("Retry-After", strconv.Itoa(retry))
			status, out := appendError(b, h, r, http.StatusTooManyRequests, "Too Many Attempts.")
			return status, out, true
		}
	}
	return 0, nil, false
}

// routeUserID returns the user_id of an escaped path of the endpoint, and
// false for any other path. As Laravel's router does, it matches the
// decoded path, so "a%2Fb" is a path of more segments (404), and ignores
// trailing slashes.
func routeUserID(escaped string) (string, bool) {
	p, err := url.PathUnescape(escaped)
	if err != nil {
		return "", false
	}
	p = strings.TrimRight(p, "/")
	if !strings.HasPrefix(p, pathPrefix) || !strings.HasSuffix(p, pathSuffix) ||
		len(p) <= len(pathPrefix)+len(pathSuffix) {
		return "", false
	}
	seg := p[len(pathPrefix) : len(p)-len(pathSuffix)]
	if strings.Contains(seg, "/") {
		return "", false
	}
	return seg, true
}

// wantsJSON reports whether Laravel would answer r's errors as JSON:
// its Accept header's first type is JSON, or it is an XMLHttpRequest that
// accepts anything.
func wantsJSON(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	first, _, _ := strings.Cut(accept, ",")
	first, _, _ = strings.Cut(first, ";")
	first = strings.TrimSpace(first)
	if strings.Contains(first, "/json") || strings.Contains(first, "+json") {
		return true
	}
	return r.Header.Get("X-Requested-With") == "XMLHttpRequest" && (first == "" || first == "*/*" || first == "*")
}

// appendError appends Laravel's rendering of an HTTP error: JSON
// {"message":...} for a request that wants JSON (compact for 401, as
// Laravel's unauthenticated() writes it, pretty-printed otherwise), an
// HTML page otherwise.
func appendError(b []byte, h http.Header, r *http.Request, status int, message string) (int, []byte) {
	if wantsJSON(r) {
		h.Set("Content-Type", "application/json")
		if status == http.StatusUnauthorized {
			b = append(b, `{"message":`...)
		} else {
			b = append(b, "{\n    \"message\": "...)
		}
		b = appendString(b, message)
		if status != http.StatusUnauthorized {
			b = append(b, '\n')
		}
		return status, append(b, '}')
	}
	h.Set("Content-Type", "text/html; charset=UTF-8")
	title := http.StatusText(status)
	if status == http.StatusInternalServerError {
		title = "Server Error" // Laravel's wording, not net/http's
	}
	b = append(b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>`...)
	b = append(b, title...)
	b = append(b, `</title></head><body><div class="flex-center">`...)
	b = append(b, strconv.Itoa(status)+" | "+title...)
	return status, append(b, "</div></body></html>\n"...)
}

// getBuf returns a page buffer from the pool.
func (f *Fake) getBuf() *[]byte {
	if bp, ok := f.bufs.Get().(*[]byte); ok {
		return bp
	}
	b := make([]byte, 0, 64<<10)
	return &b
}

// putBuf returns bp to the pool, unless a huge page made it too big to keep.
func (f *Fake) putBuf(bp *[]byte) {
	if cap(*bp) <= 4<<20 {
		f.bufs.Put(bp)
	}
}
