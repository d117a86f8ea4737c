// Package agentapitest is an in-memory fake of the agent API for tests,
// examples and demos: the task list, the 2.0 task lifecycle and the
// dial-time groups. It answers as the vendor's Laravel 8 back end does,
// quirks included, and it can be told to misbehave: latency, 429 with
// Retry-After, 5xx, a gateway's HTML page, a truncated body, an error
// envelope, a dropped connection, maintenance mode, a real throttle.
//
// Its routes (paths under /agent-api; {u} is the user_id, {id} a task's
// uuid or a group's id):
//
//	GET    /new/user/{u}/subset_task         the task list, all sub-accounts (ServeHTTP)
//	GET    /new/user/{u}/task                the 2.0 list: subset_task's, plus status[]
//	POST   /new/user/{u}/task                create a task (paused)
//	GET    /new/user/{u}/task/create         dial-time groups and caller lines
//	GET    /new/user/{u}/task/{id}/edit      one task's settings
//	PUT    /new/user/{u}/task/{id}           update a task (6007 while it runs)
//	PUT    /new/user/{u}/task_stop/{id}      pause a task
//	GET    /new/user/{u}/copy/task/{id}      copy a task: a GET that creates
//	DELETE /user/{u}/task/{id}               delete a task
//	GET    /user/{u}/dial-time-group         the dial-time groups, paged
//	POST   /user/{u}/dial-time-group         create a group
//	PUT    /user/{u}/dial-time-group/{id}    update a group
//
// Every route has the same middleware, in Laravel's order: maintenance
// mode (Down), the router's OPTIONS and 405, authentication (WithToken,
// or api_token in the query), the throttle (WithRateLimit: one budget per
// caller across all routes). Every paged list (subset_task, task,
// dial-time-group) reads page and per_page as subset_task does (see
// ServeHTTP). Fake.Task and Fake.SetTaskState read and set a task's state
// for a test; lifecycle_doc.go lists the lifecycle's answers where the
// vendor's pages are silent.
//
// NewServer starts it on a loopback httptest server; NewFake returns the bare
// http.Handler, to serve it on an address of one's choosing:
//
//	srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 40))
//	defer srv.Close()
//	resp, err := http.Get(srv.URL + "/agent-api/new/user/demo/subset_task?per_page=10")
//
// Tasks are generated, not stored as JSON: each is rendered on the fly from
// a small record, so a fake of 100,000 tasks holds about 15 MB and a
// 100-task page costs tens of microseconds to serve. WithTaskSeeds adds
// tasks of one's own (names, statuses, owners).
//
// # For a test's own assertions
//
// WithPageFault and WithRequestFault aim a fault at one page or one
// request number, so that a test with pages fetched in parallel knows
// which page failed; RequestLog lists the requests received (secrets
// redacted); Down and Up toggle maintenance mode.
//
// # Checked against Laravel
//
// The repository's conformance tests (conformance/README.md) send the same
// requests to a real Laravel 8 application and to this fake and compare
// the answers (for subset_task; the conformance app has no lifecycle
// routes, which follow the same middleware and paging code): status, headers, the envelope's keys and JSON types, the
// meta, the tasks, the error bodies byte for byte, the throttle. The fake
// matches on all of them, except these differences, kept on purpose:
//
//   - Encoding: PHP's json_encode escapes non-ASCII as \uXXXX and "/" as
//     "\/" by default; the fake writes plain UTF-8 unless WithPHPEscaping.
//     Both decode to the same values.
//   - Headers: the fake adds X-Request-Id (for tests that follow a request
//     through logs) and Content-Length; Laravel under php -S sends neither
//     and closes the connection, nginx sends chunked keep-alive responses.
//   - HTML error pages (requests that do not accept JSON) have Laravel's
//     status and Content-Type but a much shorter page.
//   - Authentication: the fake knows one token (WithToken) and no users:
//     any token-holder may list any user_id, and the throttle counts per
//     token (per client IP without WithToken).
//   - The throttle is off unless WithRateLimit (the stock app always has
//     it, 60 a minute), so that tests and benchmarks are not throttled by
//     surprise; without it, no X-RateLimit headers are sent. Its window is
//     exact to the nanosecond, where Laravel's cache stores whole epoch
//     seconds (its window can end up to a second early); Retry-After is
//     rounded up.
//   - Faults (WithFaults, RateLimit, ...) come before routing and
//     authentication: they stand for the gateway or a broken back end.
//     Use WithRateLimit for Laravel's own 429, which comes after them.
//   - Validation: 422 for a name or sub_user_id that is an array or too
//     long (255 and 64 characters) is the conformance app's rule; the
//     vendor's own rules are not published. The 422 is JSON even for a
//     request that does not accept JSON (Laravel would redirect back).
//   - LIKE: name matches as SQLite's LIKE (the conformance app's
//     database); MySQL's default LIKE also treats "\" as an escape and may
//     fold case beyond ASCII, by collation.
//   - Generated tasks are not the conformance app's (see NewFake); seed
//     the same tasks with WithTaskSeeds to compare lists.
package agentapitest
