// Package agentapi is a typed client of the outbound-call platform's agent
// API. Its first endpoint lists the call tasks of an account and all its
// sub-accounts: GET /agent-api/new/user/{user_id}/subset_task.
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
// The pager yields each task once even when pages shift under it, and
// stops at the last page; see Pager.
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
// Every call is a GET, so every call is retried, through go-retryablehttp:
//
//   - Retried: transport errors (connection refused or reset, EOF,
//     timeouts) and HTTP 429, 500, 502, 503 and 504.
//   - Never retried: other 4xx, 501, a redirect to another host, more than
//     5 redirects, an invalid URL, an untrusted TLS certificate, a body that
//     is not the envelope, and an envelope whose code is an error inside an
//     HTTP 200 (only HTTP statuses decide retries).
//   - How many: 3 retries after the first attempt by default, so 4 attempts;
//     WithMaxRetries(0) makes one attempt.
//   - Backoff: exponential with full jitter. The n-th retry waits a uniform
//     random time in [min, min(max, min·2^n)], with WithRetryWait's bounds
//     (default 500ms and 20s); a min of 0 grows from 100ms (capped at max).
//   - Retry-After: on a 429 or 503, the server's Retry-After, in seconds or as
//     an HTTP date, replaces the backoff when it is within the maximum wait.
//     A longer one is not waited: the call returns at once with
//     ErrRateLimited (or ErrServer for a 503) and APIError.RetryAfter set,
//     and the caller decides. A 429 also makes the pager halve its
//     concurrency.
//   - After the last attempt the error is the last response's *APIError, or
//     the last transport error with the attempts counted.
//   - Time: WithTimeout bounds a whole call, waits and retries included; the
//     context's deadline does too. Cancelling the context stops a call at
//     once, even during a backoff wait. WithHTTPClient's http.Client.Timeout
//     bounds each attempt.
//
// A failed call never empties the connection pool that other calls share.
//
// # Logging
//
// WithLogger logs at Debug level each attempt (method, path, attempt), each
// response (status, duration) and each retry (wait, status or error). The
// token, header values and query strings are never logged.
//
// # Authentication and time zones
//
// The vendor's page does not say how requests authenticate: WithToken sends
// a Bearer token, WithHeader any other header (never to another host, since
// cross-host redirects are refused). Timestamps sent without a zone read in
// China Standard Time (UTC+8) unless WithTimeZone says otherwise.
package agentapi
