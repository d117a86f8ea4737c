package agentapitest

import (
	"crypto/subtle"
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

// ServeHTTP answers one request as the vendor's Laravel back end would, in
// Laravel's order: routing (404 for another path, 405 for a method other
// than GET or HEAD), authentication (WithToken), then the list. Before
// that, it counts the request, waits out the latency and takes the next
// queued fault, if any, which replaces the response (see Fault). Errors are
// JSON {"message":...} when the request accepts JSON, as the SDK's do, and
// Laravel's HTML pages (or a redirect to /login, for 401) otherwise.
//
// The list honours the query as Laravel's paginator does:
//   - page: an integer >= 1; anything else (missing, 0, -1, "x") reads as 1.
//     A page past the end has "data":[] and the meta of the asked page.
//   - per_page: missing, "" or "0" is Laravel's default, 15; a positive
//     integer is used. Either is echoed as a string ("per_page":"15",
//     "per_page":"100"); a negative or non-integer value is HTTP 500
//     {"message":"Server Error"}, as on the real server (a failed SQL query).
//   - name: keeps the tasks whose name contains it (case-sensitive).
//   - sub_user_id: keeps the tasks whose user_id is that id (see SubAccounts).
//
// An unknown user has an empty list: total 0, last_page 1. meta.has_pages
// is Laravel's hasPages(): current_page != 1 or current_page < last_page.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.enter()
	defer f.leave()
	userID, routed := routeUserID(r.URL.EscapedPath())
	f.record(r, userID)
	ft, faulty := f.nextFault()
	faulty = faulty && ft.kind != 0 // the zero Fault is a normal response
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
	w.Write(body) //nolint:errcheck // the client went away: nothing to do
}

// respond appends to b the body of the normal answer to r, sets its
// headers in h, and returns its status and body.
func (f *Fake) respond(b []byte, h http.Header, r *http.Request, userID string, routed bool) (int, []byte) {
	h.Set("Cache-Control", "no-cache, private")
	if status, out, ok := f.serveLifecycle(b, h, r); ok { // the 2.0 lifecycle and dial-time groups: lifecycle.go
		return status, out
	}
	route := strings.TrimPrefix(r.URL.EscapedPath(), "/")
	switch {
	case !routed:
		return appendError(b, h, r, http.StatusNotFound, "The route "+route+" could not be found.")
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		h.Set("Allow", "GET, HEAD")
		return appendError(b, h, r, http.StatusMethodNotAllowed,
			"The "+r.Method+" method is not supported for route "+route+". Supported methods: GET, HEAD.")
	case !f.authorized(r):
		if !wantsJSON(r) { // Laravel's guest redirect: why the SDK always sends Accept
			h.Set("Location", "/login")
			h.Set("Content-Type", "text/html; charset=utf-8")
			return http.StatusFound, append(b, `<!DOCTYPE html><html><head><meta charset="UTF-8" />`+
				`<meta http-equiv="refresh" content="0;url='/login'" /><title>Redirecting to /login</title></head>`+
				`<body>Redirecting to <a href="/login">/login</a>.</body></html>`...)
		}
		return appendError(b, h, r, http.StatusUnauthorized, "Unauthenticated.")
	}
	q, ok := parseQuery(r.URL.RawQuery)
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

// routeUserID returns the decoded user_id of an escaped path of the
// endpoint, and false for any other path. The segment is decoded after the
// split, so "a%2Fb" is the user "a/b". Trailing slashes are ignored, as
// Laravel's router does.
func routeUserID(escaped string) (string, bool) {
	p := strings.TrimRight(escaped, "/")
	if !strings.HasPrefix(p, pathPrefix) || !strings.HasSuffix(p, pathSuffix) ||
		len(p) <= len(pathPrefix)+len(pathSuffix) {
		return "", false
	}
	seg := p[len(pathPrefix) : len(p)-len(pathSuffix)]
	if strings.Contains(seg, "/") {
		return "", false
	}
	id, err := url.PathUnescape(seg)
	return id, err == nil
}

// authorized reports whether r carries the configured bearer token.
func (f *Fake) authorized(r *http.Request) bool {
	if f.token == "" {
		return true
	}
	got := r.Header.Get("Authorization")
	want := "Bearer " + f.token
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
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
// {"message":...} for a request that wants JSON, an HTML page otherwise.
func appendError(b []byte, h http.Header, r *http.Request, status int, message string) (int, []byte) {
	if wantsJSON(r) {
		h.Set("Content-Type", "application/json")
		b = append(b, `{"message":`...)
		b = appendString(b, message)
		return status, append(b, '}')
	}
	h.Set("Content-Type", "text/html; charset=UTF-8")
	text := strconv.Itoa(status) + " | " + http.StatusText(status)
	b = append(b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>`...)
	b = append(b, http.StatusText(status)...)
	b = append(b, `</title></head><body><div class="flex-center">`...)
	b = append(b, text...)
	return status, append(b, "</div></body></html>\n"...)
}

// parseQuery reads the page request from a raw query as Laravel would, and
// reports false when the real server would fail with a 500 (see ServeHTTP).
// As PHP does, the last of repeated keys wins.
func parseQuery(raw string) (query, bool) {
	vals, _ := url.ParseQuery(raw) // PHP ignores what it cannot parse
	last := func(k string) string {
		if v := vals[k]; len(v) > 0 {
			return v[len(v)-1]
		}
		return ""
	}
	q := query{page: 1, perPage: 15, name: last("name"), subUser: last("sub_user_id")}
	if p, err := strconv.Atoi(strings.TrimSpace(last("page"))); err == nil && p >= 1 {
		q.page = p
	}
	switch pp := last("per_page"); pp {
	case "", "0": // PHP's falsy strings: the paginator falls back to its default
	default:
		n, err := strconv.Atoi(strings.TrimSpace(pp))
		if err != nil || n <= 0 {
			return q, false // a non-numeric per_page or a negative LIMIT fails in PHP or SQL
		}
		q.perPage, q.echo = n, pp
	}
	return q, true
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
