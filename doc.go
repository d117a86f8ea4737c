// Package agentapi is a typed client of the outbound-call platform's agent
// API: it lists the call tasks of an account and all its sub-accounts
// (GET /agent-api/new/user/{user_id}/subset_task), reads each task's real
// state, walks every page, and runs a 2.0 task's lifecycle (create, update,
// pause, copy, delete) and its dial-time groups.
//
// # Construction
//
// A Client is safe for concurrent use and holds the connection pool: create
// one per base URL and reuse it.
//
//	c, err := agentapi.NewClient("https://api.example.com",
//		agentapi.WithToken(os.Getenv("AGENTAPI_TOKEN")),
//		agentapi.WithTimeout(30*time.Second))
//	if err != nil { ... } // an invalid URL or option: errors.Is(err, agentapi.ErrInvalidArgument)
//	defer c.CloseIdleConnections()
//
// # One page, or every task
//
//	page, err := c.ListSubsetTasks(ctx, "10086", &agentapi.ListSubsetTasksOptions{PerPage: 100})
//	for _, t := range page.Items {
//		fmt.Println(t.Name, t.Status())
//	}
//
//	for t, err := range c.SubsetTasks("10086", nil, agentapi.WithConcurrency(4)).All(ctx) {
//		if err != nil { ... }
//		fmt.Println(t.UUID, t.Status())
//	}
//
// A walk asks for 100 tasks a page unless the options say otherwise,
// fetches the first page alone and then up to n pages at once, and stops at
// the last page. All yields each task once even when the list changes
// under it: when meta.total shows tasks deleted (or, with pages in flight
// together, created) between two pages, the pager reads again the pages
// the shift can have moved tasks onto, so that a task that exists for the
// whole walk is not lost; Pager describes what it cannot see. Pager.Stats
// tells, during and after a walk, the requests sent, the pages read again,
// the 429s met and whether the list changed.
//
// # The 2.0 task lifecycle
//
//	setup, err := c.GetTaskSetup(ctx, user, nil)           // dial-time groups, caller lines
//	task, err := c.CreateTask(ctx, user, &agentapi.TaskInput{...})
//	err = c.PauseTask(ctx, user, task.UUID, nil)
//	task, err = c.UpdateTask(ctx, user, task.UUID, in)     // ErrTaskRunning: pause it first
//	cp, err := c.CopyTask(ctx, user, task.UUID, nil)
//	err = c.DeleteTask(ctx, user, cp.UUID, nil)
//	for t, err := range c.Tasks(user, &agentapi.ListTasksOptions{
//		Status: []agentapi.TaskFilter{agentapi.FilterPaused}}).All(ctx) { ... }
//
// GetTask reads one task's full settings; ListDialTimeGroups,
// CreateDialTimeGroup and UpdateDialTimeGroup manage the hours tasks call
// in. Inputs are checked before any request (ErrInvalidArgument), and a
// write answers what the response's data held (Raw keeps all of it).
//
// # Memory
//
// A decoded Task owns its bytes: Task.Raw is its own copy of the task's
// object and its strings point into that copy, never into the page's body,
// so keeping a task keeps about its 2.5 KB alive, not its page. Raw must
// not be modified.
//
// # Errors
//
// A response that is not a success is an *APIError carrying the HTTP
// status, the envelope's code and message, Retry-After and the request id.
// Match categories with errors.Is and read details with errors.As:
//
//	var apiErr *agentapi.APIError
//	switch {
//	case errors.Is(err, agentapi.ErrUnauthorized): // HTTP 401, or code 401 inside an HTTP 200
//	case errors.Is(err, agentapi.ErrRateLimited) && errors.As(err, &apiErr):
//		time.Sleep(apiErr.RetryAfter)
//	case errors.Is(err, agentapi.ErrMalformedResponse): // HTML, truncated, not the envelope
//	}
//
// Transport failures wrap their cause (errors.Is(err, syscall.ECONNREFUSED)
// works); a call ended by its context wraps ctx.Err().
//
// # Retries
//
// Every call goes through one request path, which retries by operation, not
// by verb alone:
//
//   - Reads and idempotent writes (list, get, update, pause, delete) are
//     retried after transport errors (connection refused or reset, EOF,
//     a body cut short, an attempt that timed out) and HTTP 429, 500, 502,
//     503 and 504.
//   - Non-idempotent writes (create, copy) are retried only when the request
//     surely never reached the application: a connection that could not be
//     made, a connection on which no byte of the request was written, HTTP
//     429, HTTP 503. Never after a 500, 502, 504, a reset or a timeout, so
//     that a task is never created twice.
//   - Never retried: other 4xx (422 is ErrValidation, with APIError.Errors
//     holding the field errors), 501, a redirect to another host, more than
//     5 redirects, an invalid URL, an untrusted TLS certificate, a body that
//     arrived whole but is not the envelope, and an envelope whose code is an
//     error inside an HTTP 200 (only HTTP statuses decide retries; code 6007
//     is ErrTaskRunning).
//   - How many: 3 retries after the first attempt by default, so 4 attempts;
//     WithMaxRetries(0) makes one attempt.
//   - Backoff: exponential with full jitter. The n-th retry waits a uniform
//     random time in [min, min(max, min·2^n)], with WithRetryWait's bounds
//     (default 500ms and 20s); a min of 0 grows from 100ms (capped at max).
//   - Retry-After: on a 429 or 503, the server's Retry-After, in seconds or
//     as an HTTP date, replaces the backoff when it is at most
//     WithMaxRetryAfter (default 60s, the longest Laravel's throttle asks),
//     even past WithRetryWait's max. A longer one is not waited: the call
//     returns at once with ErrRateLimited (or ErrServer for a 503) and
//     APIError.RetryAfter set. Retry-After 0, a date in the past or a value
//     that does not parse waits the backoff (at least its min); a value too
//     large to represent counts as too long.
//   - Deadlines: WithTimeout bounds a whole call, waits and retries
//     included; the context's deadline does too. A wait (backoff,
//     Retry-After, rate limit) that cannot end before the deadline is not
//     begun: the call returns at once with an error that wraps both
//     context.DeadlineExceeded and the last *APIError (for a call the
//     rate-limit window holds before it sent anything, the 429 that shut the
//     window), so errors.Is matches both and errors.As still finds
//     RetryAfter. Cancelling the context stops
//     a call at once, even during a wait; the error wraps ctx.Err() and the
//     last *APIError, if a response had arrived.
//   - Attempts: WithAttemptTimeout (default 60s) bounds each attempt, its
//     headers and its whole body, so that a server that accepts and never
//     answers cannot hang a call; WithHTTPClient's http.Client.Timeout, if
//     set, applies too.
//   - After the last attempt the error is the last response's *APIError, or
//     the last transport error with the attempts counted.
//
// A failed call never empties the connection pool that other calls share.
//
// # Rate limits
//
// The real back end is Laravel, whose stock throttle allows 60 requests a
// minute per user in a fixed window. Every response says X-RateLimit-Limit
// and X-RateLimit-Remaining (Page.RateLimit, APIError.RateLimit); a 429
// adds Retry-After and X-RateLimit-Reset. A Client learns the window from
// them, shared by all its calls and pagers: it counts down a local budget
// as it sends, and when the budget is spent it holds requests until the
// window reopens instead of sending requests it knows will be refused.
// Without a reset time it lets one probe request through while the others
// wait, so that concurrent calls meet at most one 429 a window; a Client's
// first request, and the first after a reset, are such probes too.
// WithRateLimit(n, per) adds a pace of the caller's own, spacing requests
// per/n apart. WithWaitNotify tells a program of each wait ("rate limit",
// "retry-after", "backoff", "pace") before it begins, so that a command-line
// tool can show it; a wait for a probe's answer has no known length and is
// not told.
//
// # Logging
//
// WithLogger logs at Debug level each attempt (method, path, attempt), each
// response (status, duration) and each retry (wait, reason, error). The
// token, header values and query strings are never logged, and never appear
// in an error, APIError.Message or APIError.Body: a response that echoes
// them has them replaced by "[REDACTED]". A base URL's user info never
// appears in an error either.
//
// # Identifiers
//
// An id that goes into a path (a user id, a task id) must hold 1 to 128 of
// A-Z a-z 0-9 - _; anything else is refused with ErrInvalidArgument before
// any request, since a proxy that decodes %2F would let an escaped id leave
// its path segment.
//
// # Authentication and time zones
//
// The vendor's page does not say how requests authenticate: WithToken sends
// a Bearer token, WithHeader any other header (never to another host, since
// cross-host redirects are refused). Timestamps sent without a zone read in
// China Standard Time (UTC+8) unless WithTimeZone says otherwise.
package agentapi
