package agentapitest

import (
	"net/http"
	"strconv"
	"time"
)

// faultKind says how a Fault replaces the response.
type faultKind int

const (
	faultResponse  faultKind = iota + 1 // a canned status, headers and body
	faultTruncated                      // the normal page, cut in the middle
	faultReset                          // the connection dropped mid-response
)

// Fault is a misbehaviour the fake shows to one request instead of its
// normal response, for testing retries and error handling. Queue faults
// with WithFaults or InjectFaults; each request takes the next one. Faults
// come before routing and authentication (they stand for the gateway, the
// rate limiter or a broken back end) and after the latency. The zero Fault
// is a normal response.
type Fault struct {
	kind        faultKind
	status      int
	contentType string
	retryAfter  string
	rateLimit   bool
	server      string
	body        string
}

// RateLimit returns a fault answering as Laravel's throttle middleware:
// HTTP 429, {"message": "Too Many Attempts."} (pretty-printed),
// X-RateLimit-Limit: 60, X-RateLimit-Remaining: 0, Retry-After set to
// retryAfter as given (seconds such as "2", or an HTTP date), or left out
// when it is "", and X-RateLimit-Reset, the epoch second Retry-After
// points at, when it is one of those. Unlike the throttle of
// WithRateLimit, a fault comes before routing and authentication.
func RateLimit(retryAfter string) Fault {
	return Fault{kind: faultResponse, status: http.StatusTooManyRequests, contentType: "application/json",
		retryAfter: retryAfter, rateLimit: true, body: prettyMessage("Too Many Attempts.")}
}

// prettyMessage is Laravel's pretty-printed {"message": m}.
func prettyMessage(m string) string { return "{\n    \"message\": " + string(quoteJSON(m)) + "\n}" }

// ServiceUnavailable returns a fault answering as Laravel in maintenance
// mode: HTTP 503 {"message": "Service Unavailable"} (pretty-printed), with
// Retry-After set to retryAfter as given, or left out when it is "". Down
// puts the whole fake in maintenance mode instead.
func ServiceUnavailable(retryAfter string) Fault {
	return Fault{kind: faultResponse, status: http.StatusServiceUnavailable, contentType: "application/json",
		retryAfter: retryAfter, body: prettyMessage("Service Unavailable")}
}

// ServerError returns a fault answering HTTP status with Laravel's
// production error body {"message": "Server Error"} (pretty-printed). It is meant for 5xx; a
// status outside 100-999 (which net/http cannot send) is sent as 500.
func ServerError(status int) Fault {
	if status < 100 || status > 999 {
		status = http.StatusInternalServerError
	}
	return Fault{kind: faultResponse, status: status, contentType: "application/json", body: prettyMessage("Server Error")}
}

// BadGateway returns a fault answering as nginx when the back end is down:
// HTTP 502 with nginx's HTML page, Content-Type text/html.
func BadGateway() Fault { return nginxPage(http.StatusBadGateway, "502 Bad Gateway") }

// GatewayTimeout returns a fault answering as nginx when the back end is
// too slow: HTTP 504 with nginx's HTML page, Content-Type text/html.
func GatewayTimeout() Fault { return nginxPage(http.StatusGatewayTimeout, "504 Gateway Time-out") }

// nginxPage returns a fault with nginx's error page for status.
func nginxPage(status int, title string) Fault {
	return Fault{kind: faultResponse, status: status, contentType: "text/html", server: "nginx",
		body: "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
			"</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"}
}

// TruncatedBody returns a fault answering HTTP 200, Content-Type
// application/json, with the first half of the body the request would have
// got (a real page, cut mid-task): the HTTP exchange is complete, the JSON
// is not, as when a proxy cuts a response short.
func TruncatedBody() Fault { return Fault{kind: faultTruncated} }

// EnvelopeError returns a fault answering HTTP 200 with the API's error
// envelope {"code":code,"status":"error","message":message}: the platform
// reports some errors inside a successful HTTP response.
func EnvelopeError(code int, message string) Fault {
	body := `{"code":` + strconv.Itoa(code) + `,"status":"error","message":` + string(quoteJSON(message)) + `}`
	return Fault{kind: faultResponse, status: http.StatusOK, contentType: "application/json", body: body}
}

// RawResponse returns a fault answering exactly status, Content-Type
// contentType and body: for shapes the other faults do not cover (an HTML
// page with status 200, a JSON list where the envelope belongs). A status
// outside 100-999 is sent as 500.
func RawResponse(status int, contentType, body string) Fault {
	if status < 100 || status > 999 {
		status = http.StatusInternalServerError
	}
	return Fault{kind: faultResponse, status: status, contentType: contentType, body: body}
}

// ResetConnection returns a fault that drops the connection in the middle
// of the response headers: the client gets a transport error (an
// unexpected EOF), never a status. The fake sends the first bytes of a
// status line before closing because net/http's Transport silently retries
// a GET whose reused keep-alive connection closes before any byte arrives,
// which would hide the fault. Served through a ResponseWriter that cannot
// be hijacked (HTTP/2, a recorder), it aborts the handler with
// http.ErrAbortHandler instead.
func ResetConnection() Fault { return Fault{kind: faultReset} }

// serve writes the fault's response to w; the request id header is set.
func (ft Fault) serve(w http.ResponseWriter) {
	if ft.kind == faultReset {
		dropConnection(w, "HTTP/1.1 200 OK\r\nContent-Type: appl")
		return
	}
	h := w.Header()
	h.Set("Content-Type", ft.contentType)
	h.Set("Content-Length", strconv.Itoa(len(ft.body)))
	if ft.server != "" {
		h.Set("Server", ft.server)
	}
	if ft.retryAfter != "" {
		h.Set("Retry-After", ft.retryAfter)
	}
	if ft.rateLimit {
		h.Set("X-RateLimit-Limit", "60")
		h.Set("X-RateLimit-Remaining", "0")
		if secs, err := strconv.Atoi(ft.retryAfter); err == nil {
			h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Unix()+int64(secs), 10))
		} else if at, err := http.ParseTime(ft.retryAfter); err == nil {
			h.Set("X-RateLimit-Reset", strconv.FormatInt(at.Unix(), 10))
		}
	}
	w.WriteHeader(ft.status)
	w.Write([]byte(ft.body)) //nolint:errcheck // the client went away: nothing to do
}

// dropConnection writes partial, if any, straight to the connection under
// w and closes it, so the client gets no response. Where w cannot be
// hijacked (HTTP/2, a recorder), it aborts the handler with
// http.ErrAbortHandler, net/http's documented way to drop a response.
func dropConnection(w http.ResponseWriter, partial string) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	rw.WriteString(partial) //nolint:errcheck // closing anyway
	rw.Flush()              //nolint:errcheck
	conn.Close()
}
