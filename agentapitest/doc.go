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
// for a test; the section "Where the vendor's pages are silent" below lists
// what the lifecycle answers where the vendor documents nothing.
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
//
// # Where the vendor's pages are silent
//
// What the lifecycle answers where the vendor's pages are silent (their
// response examples are mostly cut short), each a Laravel-like choice:
//
//   - Success: {"code":200,"status":"success","message":M,"data":D}. M is
//     the vendor's where known (返回任务列表信息成功, 返回任务信息成功,
//     返回任务初始化信息成功, 修改成功), else 任务创建成功, 任务修改成功,
//     任务暂停成功, 任务复制成功, 任务删除成功, 保存成功 and
//     返回呼叫时间组列表成功. Create, update and copy answer the task in the
//     list's shape (the seed's keys, with uuid); pause and delete answer
//     "data":[]. Group create and update answer the group as the vendor's
//     update example shows it.
//   - A task created or copied is paused (enable false, call_status false):
//     the vendor documents no start endpoint. Fake.SetTaskState starts one.
//   - A change of a running task (enable and call_status true) is refused
//     with HTTP 200 and {"code":6007,"status":"error","message":
//     "2.0任务启动中,请先停止任务"}, the envelope the vendor documents for
//     number changes of a running 2.0 task; only update refuses (pause,
//     copy and delete do not).
//   - Validation failures are Laravel 8's: HTTP 422 (a redirect to / for
//     a request that does not accept JSON, as Laravel answers a browser)
//     {"message":"The given data was invalid.","errors":{field:[msg]}}, one
//     message per field, the first rule that failed, fields in rule order.
//     A body is read only when its Content-Type is JSON. task_extras.line
//     and .holiday must be present (as [] when unused); lines may be ids or
//     {"id","limit"} objects, holidays may say "start" or "begin". The
//     fake does not check that dial_time_id, lines or the script group
//     exist: an unknown dial_time_id gives the system group's hours.
//   - An unknown task (or one another user, or another sub_user_id, owns)
//     is Laravel's 404 {"message":"No query results for model
//     [App\Models\Task] ID"}; an unknown group likewise, DialTimeGroup.
//   - GET .../task lists what subset_task lists (sub-accounts included),
//     with its query rules (page, per_page, LIKE name, sub_user_id, the
//     same 422 and 500), its paging and its message 返回任务列表信息成功.
//     The dial-time-group list pages alike; it ignores name and
//     sub_user_id.
//   - A created or copied task takes the account's next task number (the
//     list's sort), and its owner is the user, the body's sub_user_id
//     (one of the user's ids: itself, SubAccounts, or an owner a
//     TaskSeed named), or the original's for a copy.
//   - The edit view has no uuid and no top-level enable (nor has the
//     vendor's example); caller_line_id and caller_line_name are null; its
//     call_status is new_task_extra's (false when that is missing), and its
//     new_task_extra.enable is the task's enable, so that a client reading
//     the view (as the SDK's GetTask does) derives the status the list
//     shows.
//   - new_task_extra is built from the settings: work_week and task_extras'
//     work_hour from the dial-time group's days; its own work_hour has wday
//     "-1" when every day has the same hours (as in the vendor's example),
//     else each day's number as a string.
//   - A copy is named "<name>-副本", has a fresh remote task, and the
//     original's owner; dial-time groups list oldest first, the system
//     group (DefaultDialTimeGroupID) first, 15 a page.
package agentapitest
