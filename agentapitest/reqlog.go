package agentapitest

import (
	"net/http"
	"net/url"
	"strings"
)

// maxLog is how many requests RequestLog keeps: the latest.
const maxLog = 10000

// redacted replaces a secret in RequestLog.
const redacted = "[redacted]"

// RequestInfo describes a request the fake received. Its maps are copies:
// the caller may keep and modify them.
type RequestInfo struct {
	Number      int        // the request's number: 1 for the first since the start or ResetStats (as Requests counts)
	Method      string     // "GET", ...
	EscapedPath string     // the path as sent, still escaped ("/agent-api/new/user/a%3Fb/subset_task")
	UserID      string     // the decoded user_id path segment; "" when the path is not the endpoint's
	RawQuery    string     // the query as sent
	Query       url.Values // the parsed query
	Header      http.Header
}

// LastRequest returns the last request the fake received, as sent (its
// Authorization header included), and false when it has received none.
func (f *Fake) LastRequest() (RequestInfo, bool) {
	f.lastMu.Lock()
	last := f.last
	f.lastMu.Unlock()
	if last.Method == "" {
		return RequestInfo{}, false
	}
	return last.clone(), true
}

// RequestLog returns the requests the fake received, oldest first (the
// latest 10,000 at most), with their secrets redacted: the values of the
// Authorization, Proxy-Authorization and Cookie headers and of any header
// or query parameter whose name holds "token", "key", "secret" or
// "password" read "[redacted]" (RawQuery too). With concurrent requests,
// the order is the order in which the fake received them.
func (f *Fake) RequestLog() []RequestInfo {
	f.lastMu.Lock()
	defer f.lastMu.Unlock()
	log := f.log[max(len(f.log)-maxLog, 0):]
	out := make([]RequestInfo, len(log))
	for i, info := range log {
		out[i] = info.clone()
	}
	return out
}

// ClearRequestLog empties RequestLog.
func (f *Fake) ClearRequestLog() {
	f.lastMu.Lock()
	f.log = nil
	f.lastMu.Unlock()
}

// record keeps a copy of r, request number n, for LastRequest and
// RequestLog.
func (f *Fake) record(r *http.Request, userID string, n int64) {
	info := RequestInfo{
		Number:      int(n),
		Method:      r.Method,
		EscapedPath: r.URL.EscapedPath(),
		UserID:      userID,
		RawQuery:    r.URL.RawQuery,
		Query:       r.URL.Query(),
		Header:      r.Header.Clone(),
	}
	safe := info.redact()
	f.lastMu.Lock()
	f.last = info
	if len(f.log) >= 2*maxLog { // drop the oldest half: amortised O(1) a request
		f.log = append(f.log[:0], f.log[maxLog:]...)
	}
	f.log = append(f.log, safe)
	f.lastMu.Unlock()
}

// clone returns a deep copy of info, so that one caller's changes never
// reach another.
func (info RequestInfo) clone() RequestInfo {
	info.Header = info.Header.Clone()
	q := make(url.Values, len(info.Query))
	for k, v := range info.Query {
		q[k] = append([]string(nil), v...)
	}
	info.Query = q
	return info
}

// redact returns a copy of info with its secrets replaced (see RequestLog).
func (info RequestInfo) redact() RequestInfo {
	info = info.clone()
	for name, vals := range info.Header {
		if secretName(name) || name == "Authorization" || name == "Proxy-Authorization" || name == "Cookie" {
			for i := range vals {
				vals[i] = redacted
			}
		}
	}
	dirty := false
	for name, vals := range info.Query {
		if secretName(name) {
			dirty = true
			for i := range vals {
				vals[i] = redacted
			}
		}
	}
	if dirty { // rebuild the raw query from the pairs as sent, values replaced
		pairs := strings.Split(info.RawQuery, "&")
		for i, pair := range pairs {
			k, _, _ := strings.Cut(pair, "=")
			if key, err := url.QueryUnescape(k); err != nil || secretName(key) {
				pairs[i] = k + "=" + url.QueryEscape(redacted)
			}
		}
		info.RawQuery = strings.Join(pairs, "&")
	}
	return info
}

// secretName reports whether a header or parameter name looks like it
// carries a secret.
func secretName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"token", "key", "secret", "password"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
