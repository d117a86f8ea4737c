package agentapitest

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The 2.0 task lifecycle and the dial-time groups, beside the task list.
// Every route below has the list's maintenance mode (Down), authentication
// (WithToken, api_token), throttle (WithRateLimit, one budget shared with
// the list), faults and latency, and answers in the vendor's envelope
// {"code":200,"status":"success","message":...,"data":...}:
//
//	GET    /agent-api/new/user/{user_id}/task                the 2.0 list, with status[]
//	POST   /agent-api/new/user/{user_id}/task                create
//	GET    /agent-api/new/user/{user_id}/task/create         dial-time groups and caller lines
//	GET    /agent-api/new/user/{user_id}/task/{task_id}/edit one task's settings
//	PUT    /agent-api/new/user/{user_id}/task/{task_id}      update
//	PUT    /agent-api/new/user/{user_id}/task_stop/{task_id} pause
//	GET    /agent-api/new/user/{user_id}/copy/task/{task_id} copy: a GET that creates
//	DELETE /agent-api/user/{user_id}/task/{task_id}          delete
//	GET    /agent-api/user/{user_id}/dial-time-group         the groups, paged
//	POST   /agent-api/user/{user_id}/dial-time-group         create a group
//	PUT    /agent-api/user/{user_id}/dial-time-group/{id}    update a group
//
// Where the vendor's pages are silent (most response examples are cut
// short), the fake answers as a Laravel back end would; lifecycle_doc.go
// lists each choice.

// lifeCall is one request to a lifecycle route, and the response being built.
type lifeCall struct {
	f    *Fake
	b    []byte
	h    http.Header
	r    *http.Request
	body map[string]any // the JSON body, read once by input
}

// route names a lifecycle endpoint.
type route int

const (
	routeNone   route = iota
	routeTasks        // /new/user/{u}/task: list and create
	routeSetup        // /new/user/{u}/task/create (a PUT there is an update of the id "create")
	routeTask         // /new/user/{u}/task/{id}: update
	routeEdit         // /new/user/{u}/task/{id}/edit
	routeStop         // /new/user/{u}/task_stop/{id}
	routeCopy         // /new/user/{u}/copy/task/{id}
	routeDelete       // /user/{u}/task/{id}
	routeGroups       // /user/{u}/dial-time-group
	routeGroup        // /user/{u}/dial-time-group/{id}
)

// allowedMethods returns rt's methods, as Laravel's 405 lists them.
func allowedMethods(rt route) string {
	switch rt {
	case routeTasks, routeGroups:
		return "GET, HEAD, POST"
	case routeSetup:
		return "GET, HEAD, PUT"
	case routeTask, routeStop, routeGroup:
		return "PUT"
	case routeEdit, routeCopy:
		return "GET, HEAD"
	}
	return "DELETE"
}

// matchRoute returns the lifecycle route of an escaped path, its user id
// and its last id ("" when it has none). As Laravel's router does (and
// routeUserID), it matches the decoded path, so "a%2Fb" is two segments,
// and ignores trailing slashes.
func matchRoute(escaped string) (rt route, userID, id string) {
	d, err := url.PathUnescape(escaped)
	if err != nil || !strings.HasPrefix(d, "/agent-api/") {
		return routeNone, "", ""
	}
	p := strings.Split(strings.Trim(d, "/"), "/")
	for _, s := range p {
		if s == "" {
			return routeNone, "", ""
		}
	}
	switch {
	case len(p) >= 5 && p[0] == "agent-api" && p[1] == "new" && p[2] == "user":
		userID, p = p[3], p[4:]
		switch {
		case len(p) == 1 && p[0] == "task":
			return routeTasks, userID, ""
		case len(p) == 2 && p[0] == "task" && p[1] == "create":
			return routeSetup, userID, p[1]
		case len(p) == 2 && p[0] == "task":
			return routeTask, userID, p[1]
		case len(p) == 3 && p[0] == "task" && p[2] == "edit":
			return routeEdit, userID, p[1]
		case len(p) == 2 && p[0] == "task_stop":
			return routeStop, userID, p[1]
		case len(p) == 3 && p[0] == "copy" && p[1] == "task":
			return routeCopy, userID, p[2]
		}
	case len(p) >= 4 && p[0] == "agent-api" && p[1] == "user":
		userID, p = p[2], p[3:]
		switch {
		case len(p) == 2 && p[0] == "task":
			return routeDelete, userID, p[1]
		case len(p) == 1 && p[0] == "dial-time-group":
			return routeGroups, userID, ""
		case len(p) == 2 && p[0] == "dial-time-group":
			return routeGroup, userID, p[1]
		}
	}
	return routeNone, "", ""
}

// respondLifecycle answers r, a request to the lifecycle route rt of
// userID (id: its last parameter), in Laravel's order after maintenance
// mode: OPTIONS and 405 from the router, then the middleware every route
// has (authentication, the throttle: gate), then the endpoint.
func (f *Fake) respondLifecycle(b []byte, h http.Header, r *http.Request, rt route, userID, id string) (int, []byte) {
	c := &lifeCall{f: f, b: b, h: h, r: r}
	return c.serve(rt, userID, id)
}

// serve dispatches c to its endpoint.
func (c *lifeCall) serve(rt route, userID, id string) (int, []byte) {
	m := c.r.Method
	if m == http.MethodHead {
		m = http.MethodGet
	}
	allowed := allowedMethods(rt)
	if m == http.MethodOptions { // Laravel's router answers OPTIONS itself, before any middleware
		c.h.Set("Allow", strings.ReplaceAll(allowed, ", ", ","))
		c.h.Set("Content-Type", "text/html; charset=UTF-8")
		return http.StatusOK, c.b
	}
	if !strings.Contains(", "+allowed+",", ", "+m+",") {
		c.h.Set("Allow", allowed)
		return appendError(c.b, c.h, c.r, http.StatusMethodNotAllowed, "The "+c.r.Method+
			" method is not supported for this route. Supported methods: "+allowed+".")
	}
	if status, out, refused := c.f.gate(c.b, c.h, c.r); refused {
		return status, out
	}
	if m == http.MethodPost || m == http.MethodPut {
		c.input() // read before any handler takes the lock: a slow client must not hold it
	}
	f := c.f
	switch {
	case rt == routeTasks && m == http.MethodGet:
		return f.serveTaskList(c, userID)
	case rt == routeTasks:
		return f.createTask(c, userID)
	case rt == routeSetup && m == http.MethodGet:
		return f.serveSetup(c, userID)
	case rt == routeSetup || rt == routeTask:
		return f.updateTask(c, userID, id)
	case rt == routeEdit:
		return f.serveEdit(c, userID, id)
	case rt == routeStop:
		return f.pauseTask(c, userID, id)
	case rt == routeCopy:
		return f.copyTask(c, userID, id)
	case rt == routeDelete:
		return f.deleteTask(c, userID, id)
	case rt == routeGroups:
		return f.serveGroups(c, userID, "")
	}
	return f.serveGroups(c, userID, id)
}

// input returns the request's JSON body as an object: empty when the body
// is not JSON, or not declared so (Laravel reads a body as JSON only when
// its Content-Type says so).
func (c *lifeCall) input() map[string]any {
	if c.body != nil {
		return c.body
	}
	c.body = map[string]any{}
	mt, _, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if c.r.Body == nil || !strings.HasSuffix(mt, "/json") && !strings.HasSuffix(mt, "+json") {
		return c.body
	}
	dec := json.NewDecoder(io.LimitReader(c.r.Body, 1<<20))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) == nil {
		if m, ok := v.(map[string]any); ok {
			c.body = m
		}
	}
	return c.body
}

// subUser returns the request's sub_user_id: the body's, else the query's.
func (c *lifeCall) subUser() string {
	if s, ok := c.input()["sub_user_id"].(string); ok && s != "" {
		return s
	}
	return c.r.URL.Query().Get("sub_user_id")
}

// ok answers 200 with the JSON body b, PHP-escaped when the fake is.
func (c *lifeCall) ok(b []byte) (int, []byte) {
	c.h.Set("Content-Type", "application/json")
	if c.f.phpEscapes {
		b = appendPHPEscaped(make([]byte, 0, len(b)+len(b)/4), b)
	}
	return http.StatusOK, b
}

// envelope answers the success envelope with message and the data that
// data appends; a nil data is PHP's empty array [].
func (c *lifeCall) envelope(message string, data func([]byte) []byte) (int, []byte) {
	b := append(c.b, `{"code":200,"status":"success","message":`...)
	b = appendString(b, message)
	b = append(b, `,"data":`...)
	if data == nil {
		b = append(b, "[]"...)
	} else {
		b = data(b)
	}
	return c.ok(append(b, '}'))
}

// refuse answers HTTP 200 with the error envelope, as the platform reports
// its own refusals (the EnvelopeError fault's shape).
func (c *lifeCall) refuse(code int, message string) (int, []byte) {
	b := append(c.b, `{"code":`...)
	b = strconv.AppendInt(b, int64(code), 10)
	b = append(b, `,"status":"error","message":`...)
	b = appendString(b, message)
	return c.ok(append(b, '}'))
}

// notFound answers Laravel's 404 for a model that route binding or
// findOrFail did not find.
func (c *lifeCall) notFound(model, id string) (int, []byte) {
	return appendError(c.b, c.h, c.r, http.StatusNotFound,
		`No query results for model [App\Models\`+model+"] "+id)
}

// invalid answers Laravel's 422 for a failed validation.
func (c *lifeCall) invalid(errs errList) (int, []byte) {
	if !wantsJSON(c.r) { // Laravel redirects a browser back, with the errors in its session
		c.h.Set("Location", "/")
		return appendError(c.b, c.h, c.r, http.StatusFound, "Redirecting to /")
	}
	return appendValidation(c.b, c.h, errs)
}
