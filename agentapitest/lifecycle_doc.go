package agentapitest

// What the fake answers where the vendor's pages are silent (their
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
//     call_status is new_task_extra's (false when that is missing).
//   - new_task_extra is built from the settings: work_week and task_extras'
//     work_hour from the dial-time group's days; its own work_hour has wday
//     "-1" when every day has the same hours (as in the vendor's example),
//     else each day's number as a string.
//   - A copy is named "<name>-副本", has a fresh remote task, and the
//     original's owner; dial-time groups list oldest first, the system
//     group (DefaultDialTimeGroupID) first, 15 a page.
